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
    for paragraph in text.split("\n"):
        if paragraph.strip():
            pdf.multi_cell(0, 5.6, paragraph, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    return bytes(pdf.output())
