import io

from pypdf import PdfReader

from pra.pdf import letter_pdf


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_it_makes_a_real_pdf_with_the_letter_in_it():
    content = letter_pdf(
        title="Public records request", text="Dear Officer:\n\nPlease.", language="en"
    )
    assert content.startswith(b"%PDF-")
    text = _text(content)
    assert "Public records request" in text and "Dear Officer:" in text


def test_names_outside_latin_1_print():
    names = "Nguyễn Thị Ánh · Łukasz Żółć · Дмитрий Иванов · Ελένη"
    text = _text(letter_pdf(title="Solicitud", text=f"Atentamente,\n{names}", language="es"))
    for name in ("Nguyễn", "Łukasz", "Żółć", "Дмитрий", "Ελένη"):
        assert name in text


def test_markup_typed_by_a_requester_is_printed_as_text():
    typed = '<script>alert(1)</script> **bold** <b>x</b>'
    text = _text(letter_pdf(title="t", text=typed, language="en"))
    assert "<script>alert(1)</script>" in text
    assert "**bold**" in text and "<b>x</b>" in text


def test_a_long_letter_runs_onto_more_pages():
    content = letter_pdf(title="t", text="\n".join(["A line of the letter."] * 200), language="en")
    assert len(PdfReader(io.BytesIO(content)).pages) >= 3
