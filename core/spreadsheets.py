"""CSV cells safe to open in a spreadsheet: the one guard every CSV download uses."""

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value) -> str:
    """The cell's text, with a leading apostrophe where a spreadsheet would run it as a formula.
    None is an empty cell. (Our importer removes the apostrophe again.)"""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
