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


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_the_signature_block_is_never_split_across_pages():
    signature = "Sincerely,\n\nJane Q. Requester\n12 Elm Street, Portland, OR 97201\njane@example.org"
    split_letters = 0
    # Body lengths that put the closing at every height near the foot of the first page.
    for body_lines in range(30, 50):
        body = "\n".join(f"Paragraph {n} of the request, asking for the records." for n in range(body_lines))
        pages = _pages(letter_pdf(title="Public records request", text=f"{body}\n\nThank you.\n\n{signature}", language="en"))
        holding = [number for number, page in enumerate(pages) if "Sincerely," in page]
        assert len(holding) == 1
        page = pages[holding[0]]
        assert "Jane Q. Requester" in page and "jane@example.org" in page, f"split with {body_lines} lines"
        split_letters += len(pages) > 1
    assert split_letters, "some of these letters must run onto a second page"


def test_a_spanish_closing_is_kept_with_its_name_too():
    for body_lines in range(30, 50):
        body = "\n".join(f"Párrafo {n} de la solicitud de registros públicos." for n in range(body_lines))
        text = body + "\n\nAtentamente,\n\nJuana Pérez\njuana@example.org"
        pages = _pages(letter_pdf(title="Solicitud", text=text, language="es"))
        page = next(page for page in pages if "Atentamente," in page)
        assert "Juana Pérez" in page and "juana@example.org" in page
