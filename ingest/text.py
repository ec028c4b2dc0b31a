"""Text normalisation shared by every source: what we store as `text`, next to the original."""

import html
import re

_TAG = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(p|br|div|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(value: str, *, strip_html: bool = False) -> str:
    """Unescape HTML entities (twice-escaped ones too), collapse whitespace, drop control chars.

    Paragraph breaks survive as one blank line so long stories stay readable. With `strip_html`
    (news summaries), tags go and block tags become line breaks.
    """
    text = value or ""
    if strip_html:
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    # Tweets arrive with &amp; and feeds sometimes with &amp;amp;: unescape until stable.
    for _ in range(3):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    if strip_html:
        text = _TAG.sub("", text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
