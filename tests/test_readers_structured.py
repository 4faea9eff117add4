"""Readers of structured formats: DOCX (built here with zipfile), LIMS XML and DocBook HTML,
on small inputs written in the tests and on the real corpora."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx_support import CONTENT_TYPES, W, make_docx, numbered, paragraph, run

from aligner.errors import InputError
from aligner.model import Block, RawDocument
from aligner.readers import read_document
from aligner.readers.html import read_directory
from aligner.readers.lims import unit_label
from aligner.readers.numbering import format_number, letter_number, roman_number

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
</w:styles>"""  # noqa: E501

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
</w:numbering>"""  # noqa: E501

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="7"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See document A/74/125.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Resolution 73/186.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""  # noqa: E501


def texts(document: RawDocument) -> list[str]:
    return [block.text for block in document.blocks]


# --- DOCX ---------------------------------------------------------------------------------


def test_docx_list_numbering_is_computed_and_prepended(tmp_path: Path) -> None:
    body = [
        numbered(1, 0, "First"),
        numbered(1, 1, "Sub one"),
        numbered(1, 1, "Sub two"),
        numbered(1, 2, "Deeper"),
        numbered(1, 0, "Second"),
        numbered(1, 1, "Restarted"),
        numbered(2, 0, "Chapter"),
        numbered(2, 1, "Multi-level"),
        numbered(3, 0, "Overridden start"),
        paragraph(run("Plain paragraph")),
    ]
    document = read_document(make_docx(tmp_path, body, numbering=NUMBERING))
    assert texts(document) == [
        "1. First",
        "(a) Sub one",
        "(b) Sub two",
        "i) Deeper",
        "2. Second",
        "(a) Restarted",
        "I. Chapter",
        "I.A Multi-level",
        "7. Overridden start",
        "Plain paragraph",
    ]
    assert [block.label for block in document.blocks][:3] == ["1.", "(a)", "(b)"]
    assert document.blocks[-1].label is None
    assert document.format == "docx"


def test_docx_italic_lead_and_whole_italic_paragraphs(tmp_path: Path) -> None:
    body = [
        paragraph(run("1.\t"), run("Reaffirms", italic=True), run(" its commitment to the rule of law;")),
        paragraph(
            run("Recalling", extra_props='<w:rStyle w:val="Emphasis"/>'), run(" its resolution 73/186,")
        ),
        paragraph(run("An entirely italic note.", italic=True)),
        paragraph(run("Quoted words in an italic style."), props='<w:pStyle w:val="Quote"/>'),
        paragraph(run("Not a lead: "), run("emphasis", italic=True), run(" inside.")),
    ]
    blocks = read_document(make_docx(tmp_path, body, styles=STYLES)).blocks
    assert blocks[0].text == "1. Reaffirms its commitment to the rule of law;"
    assert (blocks[0].italic_lead, blocks[0].italic) == ("Reaffirms", False)
    assert blocks[1].italic_lead == "Recalling"
    assert (blocks[2].italic, blocks[2].italic_lead) == (True, None)
    assert blocks[3].italic is True
    assert (blocks[4].italic, blocks[4].italic_lead) == (False, None)


def test_docx_footnotes_become_superscripts_and_trailing_blocks(tmp_path: Path) -> None:
    body = [
        paragraph(
            run("Noting the report"),
            '<w:r><w:footnoteReference w:id="7"/></w:r>',
            run(" and the resolution."),
            '<w:r><w:footnoteReference w:id="3"/></w:r>',
        ),
        paragraph(run("Second paragraph.")),
    ]
    document = read_document(make_docx(tmp_path, body, footnotes=FOOTNOTES))
    assert texts(document) == [
        "Noting the report¹ and the resolution.²",
        "Second paragraph.",
        "¹ See document A/74/125.",
        "² Resolution 73/186.",
    ]
    assert [block.kind for block in document.blocks[2:]] == ["footnote", "footnote"]
    assert [block.label for block in document.blocks[2:]] == ["1", "2"]


def test_docx_headings_language_breaks_and_deletions(tmp_path: Path) -> None:
    body = [
        paragraph(run("Rapport de la Troisième Commission"), props='<w:pStyle w:val="Titre1"/>'),
        paragraph(run("Introduction"), props='<w:pStyle w:val="Heading2"/>'),
        paragraph(run("Outline heading"), props='<w:outlineLvl w:val="2"/>'),
        paragraph(run("a"), "<w:r><w:tab/></w:r>", run("b"), "<w:r><w:br/></w:r>", run("second line")),
        paragraph(
            run("kept "),
            '<w:del w:id="1" w:author="x"><w:r><w:delText>deleted</w:delText></w:r></w:del>',
            '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            + run("linked")
            + "</w:hyperlink>",
        ),
        paragraph(run("after the break"), props="<w:pageBreakBefore/>"),
        paragraph(),
    ]
    document = read_document(make_docx(tmp_path, body, styles=STYLES))
    assert [block.kind for block in document.blocks] == ["heading", "heading", "heading", None, None, None]
    assert document.blocks[3].text == "a b\nsecond line"
    assert document.blocks[4].text == "kept linked"
    assert document.blocks[5].page == 1 and document.blocks[4].page == 0
    assert document.language == "fr"


def test_docx_without_document_part_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    with pytest.raises(InputError, match=r"empty\.docx: not a Word document"):
        read_document(path)


def test_number_formats() -> None:
    assert [letter_number(n) for n in (1, 26, 27, 53)] == ["a", "z", "aa", "aaa"]
    assert [roman_number(n) for n in (4, 9, 14, 1994)] == ["iv", "ix", "xiv", "mcmxciv"]
    assert format_number(3, "upperRoman") == "III"
    assert format_number(3, "decimalZero") == "03"
    assert format_number(2, "upperLetter") == "B"


# --- LIMS XML -----------------------------------------------------------------------------

LIMS_EN = """<?xml version="1.0" encoding="utf-8"?>
<Statute xml:lang="en" xmlns:lims="http://justice.gc.ca/lims"><Identification>
<LongTitle>An Act respecting test provisions</LongTitle><ShortTitle>Test Act</ShortTitle>
<Chapter><ConsolidatedNumber>T-1</ConsolidatedNumber></Chapter></Identification>
<Body>
<Heading level="1"><TitleText>Interpretation</TitleText></Heading>
<Section><MarginalNote>Definitions</MarginalNote><Label>2</Label><Text>The following definitions apply.</Text>
<Definition><Text><DefinedTermEn>board</DefinedTermEn> means the board; (<DefinedTermFr>conseil</DefinedTermFr>)</Text></Definition>
<Definition><Text><DefinedTermEn>minister</DefinedTermEn> means the minister. (<DefinedTermFr>ministre</DefinedTermFr>)</Text></Definition>
</Section>
<Heading level="1"><Label>PART 1</Label><TitleText>General</TitleText></Heading>
<Heading level="2"><Label>DIVISION 2</Label><TitleText>Powers</TitleText></Heading>
<Section><Label>3</Label>
<Subsection><MarginalNote>Powers</MarginalNote><Label>(1)</Label><Text>The board may</Text>
<Paragraph><Label>(a)</Label><Text>hold hearings; and</Text>
<Subparagraph><Label>(i)</Label><Text>in public,</Text><Clause><Label>(A)</Label><Text>by notice,</Text></Clause></Subparagraph></Paragraph>
<ContinuedSectionSubsection><Text>as it sees fit.</Text></ContinuedSectionSubsection>
</Subsection>
<HistoricalNote><HistoricalNoteSubItem>2001, c. 5, s. 3</HistoricalNoteSubItem></HistoricalNote>
</Section>
<Section><Label>4 to 6</Label><Text><Repealed>[Repealed, 2010, c. 2, s. 1]</Repealed></Text></Section>
</Body>
<Schedule><ScheduleFormHeading><Label>SCHEDULE 1</Label><OriginatingRef>(Section 3)</OriginatingRef></ScheduleFormHeading>
<Provision><Label>1</Label><Text>Offences</Text><Provision><Label>(a)</Label><Text>theft</Text></Provision></Provision>
</Schedule>
</Statute>"""  # noqa: E501

LIMS_FR = """<?xml version="1.0" encoding="utf-8"?>
<Statute xml:lang="fr" xmlns:lims="http://justice.gc.ca/lims"><Identification>
<LongTitle>Loi concernant des dispositions d’essai</LongTitle><ShortTitle>Loi d’essai</ShortTitle>
<Chapter><ConsolidatedNumber>T-1</ConsolidatedNumber></Chapter></Identification>
<Body>
<Heading level="1"><TitleText>Définitions</TitleText></Heading>
<Section><MarginalNote>Définitions</MarginalNote><Label>2</Label><Text>Les définitions qui suivent s’appliquent.</Text>
<Definition><Text><DefinedTermFr>conseil</DefinedTermFr> Le conseil. (<DefinedTermEn>board</DefinedTermEn>)</Text></Definition>
<Definition><Text><DefinedTermFr>ministre</DefinedTermFr> Le ministre. (<DefinedTermEn>minister</DefinedTermEn>)</Text></Definition>
</Section>
<Heading level="1"><Label>PARTIE 1</Label><TitleText>Dispositions générales</TitleText></Heading>
<Heading level="2"><Label>SECTION 2</Label><TitleText>Pouvoirs</TitleText></Heading>
<Section><Label>3</Label>
<Subsection><MarginalNote>Pouvoirs</MarginalNote><Label>(1)</Label><Text>Le conseil peut</Text>
<Paragraph><Label>a)</Label><Text>tenir des audiences,</Text>
<Subparagraph><Label>(i)</Label><Text>en public,</Text><Clause><Label>(A)</Label><Text>sur avis,</Text></Clause></Subparagraph></Paragraph>
<ContinuedSectionSubsection><Text>comme il l’entend.</Text></ContinuedSectionSubsection>
</Subsection>
<HistoricalNote><HistoricalNoteSubItem>2001, ch. 5, art. 3</HistoricalNoteSubItem></HistoricalNote>
</Section>
<Section><Label>4 à 6</Label><Text><Repealed>[Abrogés, 2010, ch. 2, art. 1]</Repealed></Text></Section>
</Body>
<Schedule><ScheduleFormHeading><Label>ANNEXE 1</Label><OriginatingRef>(article 3)</OriginatingRef></ScheduleFormHeading>
<Provision><Label>1</Label><Text>Infractions</Text><Provision><Label>a)</Label><Text>vol</Text></Provision></Provision>
</Schedule>
</Statute>"""  # noqa: E501


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def by_key(document: RawDocument) -> dict[str, Block]:
    return {block.key: block for block in document.blocks}


def test_lims_keys_are_the_same_in_both_languages(tmp_path: Path) -> None:
    english = read_document(write(tmp_path, "en/T-1.xml", LIMS_EN))
    french = read_document(write(tmp_path, "fr/T-1.xml", LIMS_FR))
    assert [block.key for block in english.blocks] == [block.key for block in french.blocks]
    blocks = by_key(english)
    expected_kinds = {
        "title": "title",
        "title:short": "title",
        "h:1": "heading",
        "s:2/note": "marginal-note",
        "s:2": "section",
        "s:2/def:1": "definition",
        "s:2/def:2": "definition",
        "part:1": "heading",
        "part:1/div:2": "heading",
        "s:3/ss:1/note": "marginal-note",
        "s:3/ss:1": "subsection",
        "s:3/ss:1/p:a": "paragraph",
        "s:3/ss:1/p:a/sp:i": "subparagraph",
        "s:3/ss:1/p:a/sp:i/cl:A": "clause",
        "s:3/ss:1/cont:1": "continued",
        "s:3/hist": "historical-note",
        "s:4-6": "section",
        "sch:1": "heading",
        "sch:1/prov:1": "provision",
        "sch:1/prov:1/prov:a": "provision",
    }
    assert {key: block.kind for key, block in blocks.items()} == expected_kinds
    assert (english.language, french.language) == ("en", "fr")
    assert english.metadata == {
        "title": "Test Act",
        "long_title": "An Act respecting test provisions",
        "symbol": "T-1",
        "region": "CA",
    }


def test_lims_texts_labels_and_definitions(tmp_path: Path) -> None:
    english = by_key(read_document(write(tmp_path, "en.xml", LIMS_EN)))
    french = by_key(read_document(write(tmp_path, "fr.xml", LIMS_FR)))
    assert english["s:3/ss:1/p:a"].text == "hold hearings; and"
    assert (english["s:3/ss:1/p:a"].label, french["s:3/ss:1/p:a"].label) == ("(a)", "a)")
    assert english["part:1"].text == "PART 1 General" and english["part:1"].label == "1"
    assert french["part:1/div:2"].text == "SECTION 2 Pouvoirs"
    assert english["s:2/def:1"].text.startswith("board means") and english["s:2/def:1"].label == "board"
    assert (
        french["s:2/def:1"].text.startswith("conseil Le conseil") and french["s:2/def:1"].label == "conseil"
    )
    assert english["sch:1"].text == "SCHEDULE 1 (Section 3)"
    assert english["s:4-6"].text == "[Repealed, 2010, c. 2, s. 1]"


def test_lims_unit_labels_agree_across_languages() -> None:
    assert unit_label("(a)") == unit_label("a)") == "a"
    assert unit_label("(vii.1)") == "vii.1"
    assert unit_label("8 to 10") == unit_label("8 à 10") == "8-10"
    assert unit_label("(4) and (5)") == unit_label("(4) et (5)") == "4,5"
    assert unit_label("(1), (2) and (3)") == "1,2,3"


def test_lims_repeated_labels_get_unique_keys_and_a_note(tmp_path: Path) -> None:
    statute = """<Statute xml:lang="en"><Body>
<Section><Label>5</Label><Text>First section five.</Text></Section>
<Section><Label>5</Label><Text>Second section five.</Text></Section>
</Body></Statute>"""
    document = read_document(write(tmp_path, "twice.xml", statute))
    assert [block.key for block in document.blocks] == ["s:5", "s:5+2"]
    assert len(document.notes) == 1 and document.notes[0].startswith(f"{tmp_path / 'twice.xml'}: key s:5")


def test_xml_that_is_not_lims_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "other.xml", "<html><body>x</body></html>")
    with pytest.raises(InputError, match=r"other\.xml: not a Justice Canada LIMS document"):
        read_document(path)


def test_all_canada_acts_read_and_pair_by_key(corpora: Path) -> None:
    folders = sorted(path for path in (corpora / "canada-acts").iterdir() if path.is_dir())
    assert len(folders) == 10
    shares = {}
    for folder in folders:
        english, french = read_document(folder / "en.xml"), read_document(folder / "fr.xml")
        assert (english.language, french.language) == ("en", "fr")
        assert english.metadata["symbol"] == french.metadata["symbol"] == folder.name
        assert english.notes == [] and french.notes == []
        english_keys = [block.key for block in english.blocks]
        french_keys = {block.key for block in french.blocks}
        assert len(english_keys) == len(set(english_keys))
        assert all(block.text and block.kind for block in english.blocks + french.blocks)
        assert 0.8 < len(french_keys) / len(english_keys) < 1.2
        # Definitions are sorted per language: their children cannot be paired by key.
        labelled = [key for key in english_keys if "def:" not in key]
        shares[folder.name] = sum(key in french_keys for key in labelled) / len(labelled)
    assert min(shares.values()) > 0.9, shares
    assert sum(shares.values()) / len(shares) > 0.97, shares


def test_canada_act_landmarks(corpora: Path) -> None:
    english = by_key(read_document(corpora / "canada-acts" / "H-6" / "en.xml"))
    french = by_key(read_document(corpora / "canada-acts" / "H-6" / "fr.xml"))
    assert english["part:I"].text.startswith("PART I") and french["part:I"].text.startswith("PARTIE I")
    assert english["s:3/ss:1"].label == "(1)"
    assert english["title:short"].text == "Canadian Human Rights Act"
    kinds = Counter(block.kind for block in english.values())
    assert kinds["definition"] >= 5 and kinds["marginal-note"] > 100 and kinds["historical-note"] > 50


# --- HTML ---------------------------------------------------------------------------------

DOCBOOK_PAGE = """<html><head><title>Chapter 5. Menus</title><style>p {{ color: red }}</style>
<script>var hidden = "script text";</script></head><body>
<div class="navheader"><table><tr><th>Chapter 5. Menus</th></tr><tr><td><a href="x.html">Prev</a></td></tr></table></div>
<div class="chapter"><div class="titlepage"><h1 class="title"><a name="chapter.menu"></a>Chapter 5. Menus</h1></div>
<div class="toc"><dl><dt><a href="#main.menu">1. Main Menu</a></dt></dl></div>
<p>Opening paragraph, before any section.</p>
<div class="section"><div class="titlepage"><h2 class="title"><a name="main.menu"></a>1. <a class="indexterm" name="d0e12"></a>Main Menu</h2></div>
<p><em>Note:</em> all of the functions are in the   menu
   bar.<a href="#ftn.d0e99" class="footnote"><sup class="footnote">[3]</sup></a></p>
<div class="itemizedlist"><ul><li><p>First item</p></li><li>Second item<ul><li>Nested item</li></ul></li></ul></div>
<div class="note"><h3 class="title">Note</h3><p>Admonition text.</p></div>
<pre class="programlisting">java -jar OmegaT.jar
  --help</pre>
<table><tr><td>Ctrl+N</td><td>New project</td></tr></table>
<div class="section"><div class="titlepage"><h3 class="title"><a name="d0e3198"></a>1.2. Edit</h3></div>
<dl><dt><span class="term">Undo</span></dt><dd><p><em>Entirely italic.</em></p></dd></dl>
</div></div>
<h2>Unnumbered heading</h2><p>Under it.</p>
<div class="footnotes"><div id="ftn.d0e99" class="footnote"><p><a href="#d0e99" class="para"><sup class="para">[3] </sup></a>The footnote.</p></div></div>
</div>
<div class="navfooter"><table><tr><td><a href="y.html">Next</a></td></tr></table></div>
</body></html>"""  # noqa: E501


def test_html_sections_paragraphs_and_skipped_navigation(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "chapter.menu.html", DOCBOOK_PAGE))
    keys_and_texts = [(block.key, block.kind, block.text) for block in document.blocks]
    assert keys_and_texts == [
        ("id:chapter.menu", "heading", "Chapter 5. Menus"),
        ("id:chapter.menu/para:1", "text", "Opening paragraph, before any section."),
        ("id:main.menu", "heading", "1. Main Menu"),
        ("id:main.menu/para:1", "text", "Note: all of the functions are in the menu bar.³"),
        ("id:main.menu/para:2", "text", "First item"),
        ("id:main.menu/para:3", "text", "Second item"),
        ("id:main.menu/para:4", "text", "Nested item"),
        ("id:main.menu/para:5", "text", "Note"),
        ("id:main.menu/para:6", "text", "Admonition text."),
        ("id:main.menu/para:7", "code", "java -jar OmegaT.jar\n  --help"),
        ("id:main.menu/para:8", "text", "Ctrl+N"),
        ("id:main.menu/para:9", "text", "New project"),
        ("sec:1.2", "heading", "1.2. Edit"),
        ("sec:1.2/para:1", "text", "Undo"),
        ("sec:1.2/para:2", "text", "Entirely italic."),
        ("h:1", "heading", "Unnumbered heading"),
        ("h:1/para:1", "text", "Under it."),
        ("fn:3", "footnote", "³ The footnote."),
    ]
    blocks = by_key(document)
    assert blocks["id:main.menu/para:1"].italic_lead == "Note:"
    assert blocks["sec:1.2/para:2"].italic is True
    assert [blocks[key].label for key in ("id:chapter.menu", "sec:1.2")] == ["1", "3"]
    assert document.metadata == {"title": "Chapter 5. Menus"}
    assert not any("Prev" in text or "Next" in text or "script" in text for text in texts(document))


def test_html_language_and_encoding(tmp_path: Path) -> None:
    page = '<html lang="fr-CA"><body><h1 id="intro">Introduction</h1><p>Café crème</p></body></html>'
    document = read_document(write(tmp_path, "page.htm", page.encode("cp1252")))
    assert document.language == "fr"
    assert document.blocks[-1].text == "Café crème"
    assert document.encoding == "cp1252" and document.notes
    assert document.blocks[0].key == "id:intro"


def test_read_directory_sorts_by_file_name(tmp_path: Path) -> None:
    for name in ("b.html", "a.html", "notes.txt"):
        write(tmp_path / "en", name, f"<html><body><h1 id='{name}'>T</h1><p>{name}</p></body></html>")
    documents = read_directory(tmp_path / "en")
    assert [Path(document.path).name for document in documents] == ["a.html", "b.html"]
    assert all(document.language == "en" for document in documents)
    with pytest.raises(InputError, match="not a folder"):
        read_directory(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no HTML files"):
        read_directory(tmp_path / "empty")


def test_omegat_manual_reads_and_pairs_by_key(corpora: Path) -> None:
    english = {Path(doc.path).name: doc for doc in read_directory(corpora / "omegat-manual" / "en")}
    french = {Path(doc.path).name: doc for doc in read_directory(corpora / "omegat-manual" / "fr")}
    assert len(english) >= 36 and set(english) <= set(french)
    found = total = same_count = named = 0
    for name, doc in english.items():
        assert doc.language == "en" and french[name].language == "fr"
        assert any(block.kind == "heading" for block in doc.blocks)
        keys = [block.key for block in doc.blocks]
        chapter = keys[0].split("/")[0]
        assert len(keys) == len(set(keys)) and all(key.split("/")[0] == chapter for key in keys)
        named += chapter == french[name].blocks[0].key.split("/")[0]
        french_keys = {block.key for block in french[name].blocks}
        found += sum(key in french_keys for key in keys)
        total += len(keys)
        same_count += len(doc.blocks) == len(french[name].blocks)
        assert not any(block.text in {"Prev", "Next", "Home"} for block in doc.blocks)
    assert found / total > 0.85 and named >= len(english) - 1
    assert same_count >= 34
