"""The letter as a PDF (fpdf2), in DejaVu Serif so any Latin, Greek or Cyrillic name prints.

The font ships in `pra/fonts/` with its licence; nothing is fetched at run time. The letter is
drawn as plain text: fpdf2 interprets no markup unless asked to, and we never ask.
"""

from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSerif"


class _LetterPDF(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-15)
        self.set_font(FAMILY, size=8)
        self.set_text_color(110)
        self.cell(0, 10, f"{self.footer_text}  ·  {self.page_no()}/{{nb}}", align="C")


def letter_pdf(*, title: str, text: str, language: str, footer: str = "") -> bytes:
    pdf = _LetterPDF(format="letter", unit="mm")
    pdf.footer_text = footer
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.set_creator("Accountable")
    pdf.add_font(FAMILY, style="", fname=str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font(FAMILY, style="B", fname=str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(25, 22, 25)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    pdf.set_font(FAMILY, style="B", size=12)
    pdf.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, size=11)
    lines = text.split("\n")
    closing = _signature_start(lines)
    for number, line in enumerate(lines):
        if number == closing:
            # The closing, name and contact go on one page: a name alone atop page 2 reads as
            # an unsigned letter.
            needed = sum(_line_height(pdf, rest) for rest in lines[closing:])
            if pdf.get_y() + needed > pdf.page_break_trigger:
                pdf.add_page()
        if line.strip():
            pdf.multi_cell(0, LINE_HEIGHT, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(BLANK_HEIGHT)
    return bytes(pdf.output())


LINE_HEIGHT = 5.6
BLANK_HEIGHT = 3
# A signature block is the closing ("Sincerely,") and the few lines under it.
SIGNATURE_MAX_LINES = 8


def _signature_start(lines: list[str]) -> int | None:
    """Index of the closing line: the last short line ending in a comma near the end."""
    last = len(lines)
    while last and not lines[last - 1].strip():
        last -= 1
    for index in range(last - 1, max(-1, last - 1 - SIGNATURE_MAX_LINES), -1):
        line = lines[index].strip()
        if line.endswith(",") and len(line) <= 40:
            return index
    return None


def _line_height(pdf: FPDF, line: str) -> float:
    if not line.strip():
        return BLANK_HEIGHT
    return pdf.multi_cell(0, LINE_HEIGHT, line, dry_run=True, output="HEIGHT")
