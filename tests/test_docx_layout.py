"""Word documents as government reports are written: heading styles numbered by Word, a table of
contents field, tables, text boxes with their fallback copy, headings made with bold body text;
built here with zipfile, then read and parsed; and the real Word pairs of the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_support import W, make_docx, paragraph, run

from aligner.pipeline import align_documents, load_document, pair_documents
from aligner.readers import read_document

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-CA"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Chapitre"><w:name w:val="Chapter title"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Bandeau"><w:name w:val="Section banner"/><w:basedOn w:val="Titre2"/>
  <w:pPr><w:numPr><w:numId w:val="0"/></w:numPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TM1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="TM2"><w:name w:val="toc 2"/><w:basedOn w:val="TM1"/></w:style>
<w:style w:type="paragraph" w:styleId="Gras"><w:name w:val="Strong body"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def styled(style: str, *runs: str) -> str:
    return paragraph(*runs, props=f'<w:pStyle w:val="{style}"/>')


def field_run(kind: str, instruction: str = "") -> str:
    instruction_xml = (
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>' if instruction else ""
    )
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>' + (
        f"<w:r>{instruction_xml}</w:r>" if instruction_xml else ""
    )


def contents_entry(text: str, page: str, *, first: bool = False, last: bool = False) -> str:
    """One line of a TOC field's result: a hyperlink to the heading and its PAGEREF."""
    runs = [field_run("begin", "TOC \\o &quot;1-3&quot; \\h \\z \\u"), field_run("separate")] if first else []
    runs += [
        f'<w:hyperlink w:anchor="_Toc{page}">{run(text)}<w:r><w:tab/></w:r>',
        field_run("begin", f"PAGEREF _Toc{page} \\h"),
        field_run("separate"),
        run(page),
        field_run("end"),
        "</w:hyperlink>",
    ]
    if last:
        runs.append(field_run("end"))
    return paragraph(*runs)


def table(*rows: tuple[str, ...]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{paragraph(run(text))}</w:tc>" for text in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def text_box(*texts: str) -> str:
    """A paragraph anchoring a text box, written twice as Word does: the DrawingML shape, and
    its VML fallback copy for older readers."""
    content = "".join(paragraph(run(text)) for text in texts)
    return paragraph(
        f'<w:r><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps"><w:drawing>'
        f'<wps:wsp xmlns:wps="{WPS}"><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        f"</wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{content}</w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def bullet(text: str, level: int = 0) -> str:
    return paragraph(run(text), props=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="2"/></w:numPr>')


REPORT = [
    styled("Title", run("Public Sector Profile")),
    paragraph(run("Table of Contents", extra_props="<w:b/>")),
    contents_entry("1 Introduction", "1", first=True),
    contents_entry("1.1 Scope", "2"),
    contents_entry("2 Methods", "4", last=True),
    styled("TM1", run("List of Figures 7")),
    paragraph(
        f'<w:hyperlink w:anchor="_Toc9">{run("Appendix A")}<w:r><w:tab/></w:r>{run("12")}</w:hyperlink>'
    ),
    styled("Titre1", run("Introduction")),
    paragraph(run("Background", extra_props="<w:b/>")),
    paragraph(run("This profile describes the framework.")),
    paragraph(run("It covers:")),
    bullet("digital identities;"),
    bullet("relationships.", level=1),
    styled("Titre2", run("Scope")),
    table(("Version", "Date"), ("0.1", "2019-10-10"), ("0.2", "2019-10-31")),
    table(("A framed note that is only a box around text.",)),
    text_box("Digital economy", "Open society"),
    styled("Bandeau", run("Appendix A")),
    styled("Chapitre", run("Methods")),
    styled("Gras", run("Sampling")),
    paragraph(run("The sample was drawn at random.")),
]


@pytest.fixture()
def report(tmp_path: Path):
    return read_document(make_docx(tmp_path, REPORT, styles=STYLES, numbering=NUMBERING))


def test_table_of_contents_and_its_title_are_left_out(report) -> None:
    texts = [block.text for block in report.blocks]
    assert "Table of Contents" not in texts
    assert not any(text.startswith(("List of Figures", "1 Introduction\n")) for text in texts)
    assert texts.count("1 Introduction") == 1  # the heading, not its TOC line
    assert not any(text.endswith((" 1", " 2", " 4", " 12")) for text in texts)


def test_headings_from_styles_outline_levels_and_bold(report) -> None:
    headings = [(block.text, block.level) for block in report.blocks if block.kind == "heading"]
    assert headings == [
        ("1 Introduction", 1),
        ("Background", 0),
        ("1.1 Scope", 2),
        ("Methods", 1),
        ("Sampling", 0),
    ]
    banner = next(block for block in report.blocks if block.text == "Appendix A")
    assert banner.kind is None  # its style says body text (outline level 9), whatever it is based on


def test_bullets_are_items_without_their_glyph(report) -> None:
    items = [(block.text, block.label) for block in report.blocks if block.kind == "item"]
    assert items == [("digital identities;", "•"), ("relationships.", "•")]


def test_tables_cell_by_cell_frames_and_text_boxes_once(report) -> None:
    cells = [
        (block.text, block.table, block.row, block.column) for block in report.blocks if block.kind == "cell"
    ]
    assert cells == [
        ("Version", 1, 1, 1),
        ("Date", 1, 1, 2),
        ("0.1", 1, 2, 1),
        ("2019-10-10", 1, 2, 2),
        ("0.2", 1, 3, 1),
        ("2019-10-31", 1, 3, 2),
    ]
    texts = [block.text for block in report.blocks]
    assert "A framed note that is only a box around text." in texts
    assert texts.count("Digital economy") == 1 and texts.count("Open society") == 1


def test_parsed_keys_follow_word_numbering(report, tmp_path: Path) -> None:
    document = load_document(make_docx(tmp_path, REPORT, name="en.docx", styles=STYLES, numbering=NUMBERING))
    by_key = document.by_key()
    assert by_key["sec:1"].text == "1 Introduction"
    assert by_key["sec:1/1"].text == "1.1 Scope"
    assert by_key["sec:1/1/tbl:1/cell:4"].text == "2019-10-10"
    assert by_key["annex:A"].text == "Appendix A"
    assert [unit.key for unit in document.units if unit.kind == "item"] == ["sec:1/item:1", "sec:1/item:2"]


# --- the real Word pairs ------------------------------------------------------------------------

REAL_DOCX = [
    "ca-gov-pctf-psp-v1.1",
    "ca-gov-digital-rail-proposal",
    "ca-gov-pco-por-081-16-report",
    "ca-gov-pco-por-081-16-summary",
]


@pytest.mark.parametrize("name", REAL_DOCX)
def test_real_word_pairs_align_as_they_are(corpora: Path, name: str) -> None:
    folder = corpora / "real" / name
    french, english = load_document(folder / "fr.docx"), load_document(folder / "en.docx")
    assert (french.language.code, english.language.code) == ("fr", "en")
    structure = pair_documents(french, english)
    bitext = align_documents(french, english, structure=structure)
    one_sided = sum(not (link.source and link.target) for link in bitext.links)
    assert one_sided <= 0.1 * len(bitext.links), (
        f"{one_sided} of {len(bitext.links)} links have an empty side"
    )
    for document in (french, english):
        assert not any(unit.text.startswith(("•", "●", "\uf0b7")) for unit in document.units)


def test_framework_headings_pair_by_their_numbers(corpora: Path) -> None:
    folder = corpora / "real" / "ca-gov-pctf-psp-v1.1"
    french, english = load_document(folder / "fr.docx"), load_document(folder / "en.docx")
    numbered = [unit.key for unit in english.units if unit.kind == "heading" and unit.label.count(".") >= 2]
    assert len(numbered) >= 50
    structure = pair_documents(french, english)
    by_number = {
        pair.source[0].key
        for pair in structure.paired
        if pair.source[0].kind == "heading"
        and pair.source[0].key == pair.target[0].key
        and pair.method == "key"
    }
    assert len(set(numbered) & by_number) >= 0.95 * len(numbered)
    # No line of the table of contents (a heading title followed by its page number) is left.
    for document in (french, english):
        headings = {unit.text for unit in document.units if unit.kind == "heading"}
        assert not any(
            unit.text.rsplit(" ", 1)[0] in headings for unit in document.units if unit.text[-1:].isdigit()
        )
