"""The PDF reader on small PDFs each test writes (fpdf2), one per layout rule, on hostile
files, and (when the shared corpora are there) on the real PDFs, checked by counts and keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_support import LEADING, LEFT, SIZE, WIDTH, Sheet, hand_made_pdf

from aligner.cli import cli
from aligner.errors import InputError
from aligner.model import Block
from aligner.pipeline import load_document
from aligner.readers import pdf as pdf_reader
from aligner.readers import read_document

pytest.importorskip("fpdf")

ALPHA = (
    "The committee met three times during the period under review and examined the reports "
    "submitted by the member organizations on the progress made in carrying out the programme."
)
BETA = (
    "It noted with concern that several of the planned activities had been postponed for lack "
    "of resources and asked the secretariat to propose a revised schedule before the next session."
)
GAMMA = (
    "Members stressed that the revised schedule should keep the priorities agreed upon at the "
    "previous session and that any change should be explained to the participating countries."
)


def body(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.kind not in ("footnote", "cell")]


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_a_running_head_and_page_numbers_repeated_on_three_pages_are_dropped(tmp_path):
    sheet = Sheet()
    for number in range(1, 4):
        sheet.page()
        sheet.write(LEFT, 40, "Annual review of the technical programme", size=9)
        sheet.write(LEFT, 810, f"Page {number} of 3", size=9)
        y = sheet.paragraph(120, f"{ALPHA} Part {number}.")
        sheet.paragraph(y, BETA)
    raw = read_document(sheet.save(tmp_path / "heads.pdf"))
    joined = "\n".join(texts(raw.blocks))
    assert "Annual review" not in joined and "Page" not in joined
    assert len(raw.blocks) == 6
    assert all(block.text.startswith(("The committee", "It noted")) for block in raw.blocks)
    assert any("dropped 6 running heads" in note for note in raw.notes)


def test_an_old_un_footnote_under_a_typed_rule_and_its_1_slash_call(tmp_path):
    sheet = Sheet()
    sheet.page()
    y = sheet.paragraph(
        120, "Having considered the report of the Secretary-General 1/ and the views of the committee, 2/"
    )
    sheet.paragraph(y, BETA)
    sheet.write(LEFT, 700, "______________")
    sheet.write(LEFT + 30, 720, "1/ A/48/803.")
    sheet.write(LEFT + 30, 740, "2/ See A/C.5/48/SR.59.")
    raw = read_document(sheet.save(tmp_path / "slash.pdf"))
    notes = [block for block in raw.blocks if block.kind == "footnote"]
    assert [(note.label, note.text) for note in notes] == [("1", "A/48/803."), ("2", "See A/C.5/48/SR.59.")]
    first = raw.blocks[0].text
    assert "Secretary-General¹ and" in first and first.endswith("committee,²")
    assert "1/" not in first and "____" not in "".join(texts(raw.blocks))


def test_a_raised_call_and_a_smaller_note_under_a_drawn_rule(tmp_path):
    sheet = Sheet()
    sheet.page()
    end = sheet.write(LEFT, 120, "The framework was adopted by all provinces")
    end = sheet.write(end, 116, "1", size=7)
    sheet.write(end, 120, ". It applies from next year.")
    sheet.paragraph(150, GAMMA)
    sheet.rule(LEFT, 690, 144)
    end = sheet.write(LEFT, 706, "1", size=6)
    sheet.write(
        end + 2, 710, "The list of provinces is given in the annex to this report, with the date on", size=9
    )
    sheet.write(LEFT, 721, "which each of them adopted the framework.", size=9)
    raw = read_document(sheet.save(tmp_path / "raised.pdf"))
    assert raw.blocks[0].text == "The framework was adopted by all provinces¹. It applies from next year."
    notes = [block for block in raw.blocks if block.kind == "footnote"]
    assert len(notes) == 1 and notes[0].label == "1"
    assert notes[0].text.startswith("The list of provinces") and notes[0].text.endswith(
        "adopted the framework."
    )


def test_a_footnote_continued_on_the_next_page_is_joined(tmp_path):
    sheet = Sheet()
    sheet.page()
    end = sheet.write(LEFT, 120, "Every member sent its report in time")
    end = sheet.write(end, 116, "1", size=7)
    sheet.write(end, 120, ".")
    sheet.rule(LEFT, 700, 144)
    end = sheet.write(LEFT, 716, "1", size=6)
    sheet.write(
        end + 2, 720, "The reports were sent by post, by electronic mail and through the shared", size=9
    )
    sheet.write(LEFT, 731, "workspace that the secretariat opened for the purpose during the", size=9)
    sheet.page()
    sheet.paragraph(120, GAMMA)
    sheet.rule(LEFT, 700, 450)
    sheet.write(LEFT, 720, "second half of the year.", size=9)
    raw = read_document(sheet.save(tmp_path / "continued.pdf"))
    notes = [block for block in raw.blocks if block.kind == "footnote"]
    assert len(notes) == 1
    assert notes[0].text.endswith("during the second half of the year.")
    assert texts(body(raw.blocks)) == ["Every member sent its report in time¹.", GAMMA]


def test_a_paragraph_number_alone_on_its_line_or_in_the_margin_belongs_to_its_paragraph(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.write(LEFT, 100, "12.")
    y = sheet.paragraph(114, ALPHA)
    # "13." in the left margin, written after its paragraph in the content stream.
    sheet.paragraph(y, BETA, x=LEFT + 36, width=WIDTH - 36)
    sheet.write(LEFT, y, "13.")
    raw = read_document(sheet.save(tmp_path / "labels.pdf"))
    assert texts(raw.blocks) == [f"12. {ALPHA}", f"13. {BETA}"]


def test_a_dot_leader_table_of_contents_is_kept_out_of_the_body(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.write(LEFT, 80, "Contents", size=14, style="B")
    entries = [("1 Introduction", "1"), ("2 Scope of the review", "2"), ("3 Findings", "4"), ("Annex", "9")]
    for index, (title, page) in enumerate(entries):
        end = sheet.write(LEFT, 110 + index * 18, title)
        sheet.pdf.set_font("Helvetica", size=SIZE)
        dots = "." * int((LEFT + WIDTH - 20 - end) / sheet.pdf.get_string_width("."))
        sheet.write(end + 2, 110 + index * 18, dots + " " + page)
    sheet.page()
    sheet.write(LEFT, 80, "1 Introduction", size=14, style="B")
    sheet.paragraph(110, ALPHA)
    path = sheet.save(tmp_path / "contents.pdf")
    raw = read_document(path)
    assert sum("....." in text for text in texts(raw.blocks)) == len(entries)
    document = load_document(path)
    assert [unit.text for unit in document.units] == ["1 Introduction", ALPHA]
    assert any("table-of-contents entries" in note for note in document.notes)


def test_a_paragraph_running_across_a_page_break_is_one_paragraph(tmp_path):
    sheet = Sheet()
    sheet.page()
    y = sheet.paragraph(700, ALPHA)
    lines = sheet.wrap(f"{BETA} {GAMMA}")
    cut = next(index for index in range(2, len(lines)) if not lines[index - 1].endswith("."))
    for index, line in enumerate(lines[:cut]):
        sheet._line(LEFT, y + index * LEADING, line, WIDTH, SIZE, spread=True)
    sheet.write(290, 810, "1", size=9)
    sheet.page()
    for index, line in enumerate(lines[cut:]):
        sheet._line(LEFT, 80 + index * LEADING, line, WIDTH, SIZE, spread=cut + index < len(lines) - 1)
    sheet.write(290, 810, "2", size=9)
    raw = read_document(sheet.save(tmp_path / "break.pdf"))
    assert texts(raw.blocks) == [ALPHA, f"{BETA} {GAMMA}"]
    assert raw.blocks[1].page == 1


def test_a_paragraph_cut_by_the_page_break_goes_on_past_a_box_read_after_it(tmp_path):
    """A pull quote set at the foot of a page is read after the paragraph the page break cut:
    the next page's first line, in lower case, goes on with that paragraph, not the box."""
    sheet = Sheet()
    sheet.page()
    lines = sheet.wrap(f"{BETA} {GAMMA}")
    cut = next(index for index in range(2, len(lines)) if lines[index][:1].islower())
    for index, line in enumerate(lines[:cut]):
        sheet._line(LEFT, 600 + index * LEADING, line, WIDTH, SIZE, spread=True)
    quote = "Priorities must hold."
    sheet.write(LEFT + 120, 600 + cut * LEADING + 3 * LEADING, quote, size=SIZE)
    sheet.write(290, 810, "1", size=9)
    sheet.page()
    for index, line in enumerate(lines[cut:]):
        sheet._line(LEFT, 80 + index * LEADING, line, WIDTH, SIZE, spread=cut + index < len(lines) - 1)
    sheet.write(290, 810, "2", size=9)
    raw = read_document(sheet.save(tmp_path / "box.pdf"))
    assert texts(raw.blocks) == [f"{BETA} {GAMMA}", quote]


def test_lines_set_flush_right_are_lines_of_their_own(tmp_path):
    """A resolution ends with its meeting and date set flush right, one under the other:
    each reaches the right edge, so neither looks cut short, yet they are two lines."""
    sheet = Sheet()
    sheet.page()
    y = sheet.paragraph(100, ALPHA)
    y = sheet.paragraph(y, BETA)
    for text in ("92ª sesión plenaria", "5 de abril de 1994"):
        sheet.pdf.set_font("Helvetica", size=SIZE)
        sheet.write(LEFT + WIDTH - sheet.pdf.get_string_width(text), y + LEADING, text)
        y += LEADING
    raw = read_document(sheet.save(tmp_path / "meeting.pdf"))
    assert texts(raw.blocks)[-2:] == ["92ª sesión plenaria", "5 de abril de 1994"]


def test_a_word_hyphenated_at_a_line_end_is_rejoined_but_a_real_hyphen_is_kept(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.write(LEFT, 100, "The secretariat sent the questionnaire to the inter-")
    sheet.write(LEFT, 114, "national organizations and to the Secretary-")
    sheet.write(LEFT, 128, "General of the conference on the same day.")
    raw = read_document(sheet.save(tmp_path / "hyphens.pdf"))
    assert raw.blocks[0].text == (
        "The secretariat sent the questionnaire to the international organizations and to the "
        "Secretary-General of the conference on the same day."
    )


def test_table_cells_become_blocks_one_by_one(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.paragraph(90, "The table below gives the figures for each region.")
    pdf = sheet.pdf
    pdf.set_font("Helvetica", size=SIZE)
    rows = [("Region", "Members", "Reports received"), ("North", "12", "11"), ("South", "9", "9")]
    pdf.set_xy(LEFT, 130)
    for row in rows:
        for cell in row:
            pdf.cell(150, 20, cell, border=1)
        pdf.ln(20)
        pdf.set_x(LEFT)
    raw = read_document(sheet.save(tmp_path / "table.pdf"))
    cells = [
        (block.text, block.table, block.row, block.column) for block in raw.blocks if block.kind == "cell"
    ]
    assert cells == [
        (cell, 1, row_number, column)
        for row_number, row in enumerate(rows, start=1)
        for column, cell in enumerate(row, start=1)
    ]
    assert raw.blocks[0].text == "The table below gives the figures for each region."


def test_a_resolution_number_with_its_title_on_a_hanging_indent_is_no_table(tmp_path):
    """ "48/246." and, beside it, a title that wraps under itself: a heading and its title,
    not a table of two cells (the layout of resolutions adopted by the General Assembly)."""
    sheet = Sheet()
    sheet.page()
    sheet.write(LEFT, 90, "48/246.")
    sheet.write(LEFT + 60, 90, "Financing of the mission of the United Nations")
    sheet.write(LEFT + 60, 90 + LEADING, "in the region")
    sheet.paragraph(90 + 3 * LEADING, ALPHA)
    raw = read_document(sheet.save(tmp_path / "resolution.pdf"))
    assert not [block for block in raw.blocks if block.kind == "cell"]
    assert texts(raw.blocks)[0] == "48/246. Financing of the mission of the United Nations in the region"


def test_larger_or_bold_lines_are_the_title_first_then_headings(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.write(LEFT, 80, "Annual Review", size=18, style="B")
    y = sheet.paragraph(110, ALPHA)
    sheet.write(LEFT, y + 10, "Background", size=14, style="B")
    sheet.paragraph(y + 35, BETA)
    raw = read_document(sheet.save(tmp_path / "heading.pdf"))
    assert [(block.kind, block.text) for block in raw.blocks] == [
        ("title", "Annual Review"),
        (None, ALPHA),
        ("heading", "Background"),
        (None, BETA),
    ]


def test_a_page_turned_by_its_rotate_entry_reads_as_displayed(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    sheet = Sheet()
    sheet.page()
    # Drawn turned a quarter anticlockwise, shown upright by /Rotate 90 (a landscape page).
    with sheet.pdf.rotation(90, x=300, y=420):
        y = sheet.paragraph(300, ALPHA, x=90, width=400)
        sheet.paragraph(y, BETA, x=90, width=400)
    sheet.write(LEFT, 800, "Upright text is turned by the rotation: a margin note.", size=8)
    source = sheet.save(tmp_path / "drawn.pdf")
    document = pdfium.PdfDocument(str(source))
    document[0].set_rotation(90)
    document.save(str(tmp_path / "rotated.pdf"))
    document.close()
    raw = read_document(tmp_path / "rotated.pdf")
    assert texts(raw.blocks) == [ALPHA, BETA]
    assert any("rotated text" in note for note in raw.notes)


# --- bad and hostile files --------------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_an_encrypted_pdf_is_refused_in_one_line(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.paragraph(100, ALPHA)
    sheet.pdf.set_encryption(owner_password="owner", user_password="secret")
    assert "encrypted" in _error(sheet.save(tmp_path / "locked.pdf"))


def test_a_pdf_only_protected_against_editing_is_read(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.paragraph(100, ALPHA)
    sheet.pdf.set_encryption(owner_password="owner")
    assert texts(read_document(sheet.save(tmp_path / "protected.pdf")).blocks) == [ALPHA]


def test_damaged_and_truncated_pdfs_give_one_line_errors_or_what_is_left(tmp_path):
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert "damaged" in _error(tmp_path / "garbage.pdf")
    (tmp_path / "header.pdf").write_bytes(b"this is not a PDF at all, only text named .pdf")
    assert "not a PDF" in _error(tmp_path / "header.pdf")
    sheet = Sheet()
    for _ in range(3):
        sheet.page()
        sheet.paragraph(100, ALPHA)
    whole = sheet.bytes()
    (tmp_path / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    try:
        raw = read_document(tmp_path / "truncated.pdf")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert all(block.text == ALPHA for block in raw.blocks)


def test_a_pdf_without_a_text_layer_asks_for_ocr(tmp_path):
    sheet = Sheet()
    for _ in range(2):
        sheet.page()
        sheet.pdf.rect(LEFT, 100, 300, 400, style="F")
    assert "OCR it first" in _error(sheet.save(tmp_path / "scan.pdf"))


def test_too_many_pages_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 20)
    sheet = Sheet()
    for _ in range(25):
        sheet.page()
        sheet.write(LEFT, 100, "A short page.")
    assert "25 pages" in _error(sheet.save(tmp_path / "long.pdf"))


def test_a_page_with_an_absurd_amount_of_text_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_CHARS_PER_PAGE", 5_000)
    (tmp_path / "dense.pdf").write_bytes(hand_made_pdf("word " * 2_000))
    assert "characters, more than" in _error(tmp_path / "dense.pdf")


def test_a_hundred_pages_are_read(tmp_path):
    sheet = Sheet()
    words = f"{ALPHA} {BETA} {GAMMA}".split()
    for number in range(100):
        sheet.page()
        shift = number % len(words)
        name = chr(ord("a") + number // 26) + chr(ord("a") + number % 26)
        text = " ".join(words[shift:] + words[:shift])  # each page its own text
        sheet.paragraph(100, f"{number + 1}. Part {name}: {text}")
    raw = read_document(sheet.save(tmp_path / "hundred.pdf"))
    assert [block.text.split(".")[0] for block in raw.blocks] == [str(n) for n in range(1, 101)]


def test_javascript_and_embedded_files_are_neither_run_nor_opened(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    assert "V8" not in pdfium.version.PDFIUM_INFO.flags  # no JavaScript engine in this build
    script = "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"
    data = hand_made_pdf(
        ALPHA,
        extra_catalog="/OpenAction 6 0 R /Names << /JavaScript << /Names [(run) 6 0 R] >> >>",
        extra_objects=(script,),
    )
    (tmp_path / "script.pdf").write_bytes(data)
    raw = read_document(tmp_path / "script.pdf")
    assert texts(raw.blocks) == [ALPHA]
    assert any("JavaScript" in note and "not run" in note for note in raw.notes)
    sheet = Sheet()
    sheet.page()
    sheet.paragraph(100, BETA)
    sheet.pdf.embed_file(bytes=b"#!/bin/sh\necho owned\n", basename="payload.sh")
    raw = read_document(sheet.save(tmp_path / "attached.pdf"))
    assert texts(raw.blocks) == [BETA]
    assert any("embedded files (not opened)" in note for note in raw.notes)
    source = Path(pdf_reader.__file__).read_text()
    assert "init_forms" not in source and "FormFill" not in source and "get_attachment(" not in source


def test_the_cli_reports_a_bad_pdf_in_one_line(tmp_path):
    sheet = Sheet()
    sheet.page()
    sheet.paragraph(100, ALPHA)
    sheet.pdf.set_encryption(owner_password="owner", user_password="secret")
    locked = sheet.save(tmp_path / "fr.pdf")
    result = CliRunner().invoke(cli, ["structure", str(locked)])
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and "encrypted" in result.output


# --- the real PDFs of the shared corpora ------------------------------------------------------


def test_the_92_page_framework_reads_without_its_page_furniture(corpora):
    raw = read_document(corpora / "real" / "ca-gov-pctf-psp-v1.0" / "fr.pdf")
    assert any(note == "read 92 PDF pages" for note in raw.notes)
    labels = [block.label for block in raw.blocks if block.kind == "footnote"]
    assert labels == [str(number) for number in range(1, len(labels) + 1)] and len(labels) >= 12
    # Running heads, footers and page numbers are on every page: none is left, whole or glued.
    furniture = {"UNCLASSIFIED / NON CLASSIFIÉ"}
    assert not [block for block in raw.blocks if block.text in furniture or block.text.startswith("Page ")]
    assert not [block for block in raw.blocks if "Groupe de travail du SCGI sur le CCP Page" in block.text]
    assert len({block.page for block in raw.blocks}) >= 80


def test_the_1994_resolution_gives_its_paragraphs_and_footnotes_as_units(corpora):
    document = load_document(corpora / "real" / "plan-1-es-en" / "en.pdf")
    keys = [unit.key for unit in document.units]
    resolution = next(key for key in keys if key.startswith("res:") and "/" not in key)
    preamble = [key for key in keys if key.startswith(f"{resolution}/pre:")]
    operative = [key for key in keys if key.startswith(f"{resolution}/op:")]
    footnotes = [key for key in keys if "/fn:" in key]
    assert len(preamble) == 10
    assert operative == [f"{resolution}/op:{number}" for number in range(1, 13)]
    assert footnotes == [f"{resolution}/fn:1", f"{resolution}/fn:2"]
    assert document.metadata.get("symbol") == "A/RES/48/246"
    body = [unit for unit in document.units if unit.key.startswith(resolution + "/")]
    for unit in body:
        assert "A/RES/48/246" not in unit.text and "/..." not in unit.text and "Page " not in unit.text
    calls = [unit for unit in body if unit.kind in ("preamble", "operative") and unit.footnote_refs]
    assert len(calls) == 2


def test_the_judgment_keeps_its_paragraph_numbers(corpora):
    folder = corpora / "real" / "ecowas-ccj-jud-16-22"
    for language, last in (("fr", 144), ("en", 75)):
        document = load_document(folder / f"{language}.pdf")
        numbers = {unit.label for unit in document.units if unit.kind == "paragraph"}
        assert {str(number) for number in range(1, 12)} <= numbers
        assert str(last) in numbers
        assert not [unit for unit in document.units if unit.text.strip().isdigit()]


# --- ruled tables, lists, wrapped text ----------------------------------------------------------


def _ruled_row(sheet: Sheet, y: float, widths: list[float], height: float) -> None:
    x = LEFT
    for width in widths:
        sheet.pdf.rect(x, y, width, height)
        x += width


def test_a_ruled_table_is_read_by_position_whatever_the_order_of_its_text(tmp_path):
    sheet = Sheet()
    sheet.page()
    widths = [120.0, 300.0]
    rows = [
        ("Term", "Meaning"),
        ("quorum", "The number of members who must be present for the meeting to take decisions."),
    ]
    for index in range(len(rows)):
        _ruled_row(sheet, 100 + index * 40, widths, 40)
    # Second column first, then the first one, each cell on two lines where it wraps.
    for index, (_, meaning) in enumerate(rows):
        for offset, line in enumerate(sheet.wrap(meaning, width=widths[1] - 10)):
            sheet.write(LEFT + widths[0] + 5, 115 + index * 40 + offset * 13, line)
    for index, (term, _) in enumerate(rows):
        sheet.write(LEFT + 5, 115 + index * 40, term)
    raw = read_document(sheet.save(tmp_path / "ruled.pdf"))
    cells = [(block.row, block.column, block.text) for block in raw.blocks if block.kind == "cell"]
    assert cells == [(1, 1, "Term"), (1, 2, "Meaning"), (2, 1, "quorum"), (2, 2, rows[1][1])]


def test_a_ruled_table_across_a_page_break_is_one_table_without_its_repeated_header(tmp_path):
    sheet = Sheet()
    widths = [150.0, 270.0]
    pages = [
        [("Term", "Meaning"), ("access", "Entry to a service"), ("account", "A record held for a")],
        [("Term", "Meaning"), ("", "person or an organization"), ("agent", "One who acts for another")],
    ]
    for rows in pages:
        sheet.page()
        for index, (term, meaning) in enumerate(rows):
            _ruled_row(sheet, 100 + index * 30, widths, 30)
            sheet.write(LEFT + 5, 118 + index * 30, term)
            sheet.write(LEFT + widths[0] + 5, 118 + index * 30, meaning)
    raw = read_document(sheet.save(tmp_path / "long-table.pdf"))
    cells = [
        (block.table, block.row, block.column, block.text) for block in raw.blocks if block.kind == "cell"
    ]
    assert cells == [
        (1, 1, 1, "Term"),
        (1, 1, 2, "Meaning"),
        (1, 2, 1, "access"),
        (1, 2, 2, "Entry to a service"),
        (1, 3, 1, "account"),
        (1, 3, 2, "A record held for a person or an organization"),
        (1, 4, 1, "agent"),
        (1, 4, 2, "One who acts for another"),
    ]


def test_a_sentence_going_on_around_a_figure_stays_one_paragraph(tmp_path):
    sheet = Sheet()
    sheet.page()
    lines = sheet.wrap(f"{ALPHA} {BETA}", width=WIDTH - 150)
    for index, line in enumerate(lines):
        indent = 150.0 if 1 <= index <= 2 else 0.0  # a picture beside the second and third lines
        sheet._line(LEFT + indent, 100 + index * LEADING, line, WIDTH - 150, SIZE, spread=False)
    raw = read_document(sheet.save(tmp_path / "figure.pdf"))
    assert texts(raw.blocks) == [f"{ALPHA} {BETA}"]


def test_bold_numbered_lines_are_headings_unless_they_follow_one_another(tmp_path):
    sheet = Sheet()
    sheet.page()
    y = sheet.paragraph(80, "The principles are the following.")
    for number, title in ((1, "Robust and secure"), (2, "Open to all")):
        sheet.write(LEFT, y, f"{number}. {title}", style="B")
        y = sheet.paragraph(y + 16, GAMMA)
    sheet.write(LEFT, y, "3. Easy to use and to explain to the public", style="B")
    sheet.write(LEFT, y + 14, "4. Cheap to run over many years", style="B")
    raw = read_document(sheet.save(tmp_path / "numbered.pdf"))
    kinds = [(block.kind, block.text.split(" ")[0]) for block in raw.blocks if block.text[:1].isdigit()]
    assert kinds == [("heading", "1."), ("heading", "2."), (None, "3."), (None, "4.")]


ITEMS = (
    "national plans and the funding they need",
    "Reports submitted by the member organizations on the progress made in the programme",
    "the schedule agreed upon at the previous session",
)


def test_list_bullets_drawn_as_shapes_open_items(tmp_path):
    """A browser prints a list's bullets as small discs and circles, not characters: each
    line after one is an item of its own, as if the bullet were text, whatever its case
    and punctuation."""
    sheet = Sheet()
    sheet.page()
    y = sheet.paragraph(100, ALPHA)
    for text, style in zip(ITEMS, ("F", "D", "F"), strict=True):
        sheet.pdf.circle(LEFT + 14, y - 4, 1.8, style=style)
        sheet.write(LEFT + 24, y, text)
        y += LEADING
    sheet.paragraph(y + LEADING, BETA)
    blocks = read_document(sheet.save(tmp_path / "discs.pdf")).blocks
    assert texts(blocks) == [ALPHA, *(f"• {item}" for item in ITEMS), BETA]


def test_short_lines_of_ragged_text_whose_next_word_would_fit_end_there(tmp_path):
    """In ragged-right text, a short line that had room for the next line's first word was
    ended on purpose (a list drawn without bullets), even when the next line is long."""
    sheet = Sheet()
    sheet.page()
    y = sheet.paragraph(100, f"{ALPHA} {BETA}", justify=False)
    lines = ("Risks and drawbacks", "Best practices for the use of free software by the public service")
    for text in lines:
        sheet.write(LEFT + 20, y, text)
        y += LEADING
    sheet.paragraph(y + LEADING, GAMMA, justify=False)
    blocks = read_document(sheet.save(tmp_path / "ragged.pdf")).blocks
    assert texts(blocks) == [f"{ALPHA} {BETA}", *lines, GAMMA]


def test_a_full_page_cut_between_two_sentences_goes_on_as_one_paragraph(tmp_path):
    """Pages filled to their foot: a page that ends with a full line and a finished sentence
    (the next word did not fit) did not end the paragraph, the page break cut it."""
    sheet = Sheet()
    sentences = (ALPHA, BETA, GAMMA, "The chair thanked them.", "Two members abstained from the vote.")
    text = " ".join(sentences[index % len(sentences)] for index in range(80))
    lines = sheet.wrap(text)
    sheet.pdf.set_font("Helvetica", size=SIZE)
    cut = next(
        index
        for index in range(10, 50)
        if lines[index - 1].endswith(".") and sheet.pdf.get_string_width(lines[index - 1]) > 0.95 * WIDTH
    )
    pages = [lines[:cut], lines[cut : cut + 50], lines[cut + 50 :]]
    for number, page_lines in enumerate(pages, start=1):
        sheet.page()
        top = 780 - (len(page_lines) - 1) * LEADING if number == 1 else 80
        for index, line in enumerate(page_lines):
            last = number == len(pages) and index == len(page_lines) - 1
            sheet._line(LEFT, top + index * LEADING, line, WIDTH, SIZE, spread=not last)
    blocks = read_document(sheet.save(tmp_path / "full.pdf")).blocks
    assert texts(blocks) == [text]


def test_a_table_of_cells_drawn_as_boxes_apart_with_underlined_links(tmp_path):
    """A browser draws each cell as a box of its own, a little apart from its neighbours,
    and underlines a link inside a cell: the boxes' double borders are one border (two
    columns, not four), the gaps between rows no row of their own, the rows one table across
    the page break, and an underline no border."""
    sheet = Sheet()
    widths, spacing, height = (120.0, 300.0), 2.5, 40.0
    pages = [
        [
            ("New project", "Creates a project and opens it."),
            ("Open project", "Opens a project made before."),
        ],
        [("Close project", "Saves the translation and closes it."), ("Quit now", "Saves and quits.")],
    ]
    for rows in pages:
        sheet.page()
        for index, row in enumerate(rows):
            top, x = 100 + index * (height + spacing), LEFT
            for width, text in zip(widths, row, strict=True):
                sheet.pdf.rect(x, top, width - spacing, height)
                first, second = text.split(" ", 1)
                end = sheet.write(x + 5, top + 15, first)
                sheet.rule(x + 5, top + 17, end - x - 5)  # its first word underlined, as a link is
                sheet.write(x + 5, top + 29, second)
                x += width
    raw = read_document(sheet.save(tmp_path / "boxes.pdf"))
    cells = [
        (block.table, block.row, block.column, block.text) for block in raw.blocks if block.kind == "cell"
    ]
    expected = [row for rows in pages for row in rows]
    assert cells == [
        (1, number, column, text)
        for number, row in enumerate(expected, start=1)
        for column, text in enumerate(row, start=1)
    ]
