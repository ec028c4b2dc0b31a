"""Numbers typed by the outside world (query strings, form fields, API headers).

`str.isdigit()` is True for `²` and `①`, which `int()` rejects (a 500), and `int()` accepts
Arabic-Indic and other Unicode decimal digits (`int('٣') == 3`), which no visitor means as an id.
Only ASCII digits count as a number here.
"""


def ascii_int(value: str | None, *, max_digits: int = 18) -> int | None:
    """The non-negative integer written in ASCII digits (at most `max_digits` of them), else None."""
    if not value or len(value) > max_digits or not value.isascii() or not value.isdigit():
        return None
    return int(value)
