"""Structure rules that documents read from PDF need: judgments' dashed numbers and roman
headings, adopted resolutions, tables as units, and headings whose number lost its space."""

from __future__ import annotations

from aligner.model import Block, RawDocument
from aligner.pipeline import pair_documents
from aligner.profiles import get_profile
from aligner.readers.text import split_blocks
from aligner.repair import repair
from aligner.structure import parse


def keys(text: str, language: str = "en") -> list[str]:
    profile = get_profile(language)
    raw, _ = repair(RawDocument(f"{language}.txt", "text", split_blocks(text)), profile)
    return [unit.key for unit in parse(raw, profile).units]


JUDGMENT = """I. PARTIES

1. The Applicant lives in the capital.

2. The Respondent is a Member State.

VII - THE RESPONDENT'S CASE

3. The Respondent asked the Court to:

I. Declare the application inadmissible.

II. Dismiss it as unfounded.

4- The Respondent did not say when it was served.

5. The Court adjourned the hearing.

6 - A year is not a number of a paragraph here."""


def test_judgment_headings_with_a_dash_and_numbers_with_a_dash_in_sequence():
    found = keys(JUDGMENT)
    assert "sec:VII" in found and "sec:I" in found
    assert [key for key in found if key.startswith("p:")] == ["p:1", "p:2", "p:3", "p:4", "p:5", "p:6"]
    assert "sec:I+2" not in found and "sec:II" not in found  # items I. and II. after section VII


def test_a_dashed_number_out_of_sequence_is_text():
    found = keys(
        "1. First paragraph of the text.\n\n2. Second one.\n\n3. Third one.\n\n"
        "12 - 14 weeks were needed to finish the work."
    )
    assert found == ["p:1", "p:2", "p:3", "para:1"]


ADOPTED = """RESOLUTION ADOPTED BY THE GENERAL ASSEMBLY

48/246. Financing of the Mission

The General Assembly,

Having considered the report of the Secretary-General,

1. Decides to appropriate the amount;

2. Requests the Secretary-General to report."""


def test_an_adopted_resolution_headed_by_its_number_opens_a_resolution():
    assert keys(ADOPTED)[-5:] == [
        "res:48-246/title",
        "res:48-246/formula",
        "res:48-246/pre:1",
        "res:48-246/op:1",
        "res:48-246/op:2",
    ]


def test_a_bare_resolution_word_without_a_formula_after_it_opens_nothing():
    text = (
        "1. The table lists the processes.\n\nResolution\n\n"
        "The process that finds a single record.\n\n2. Next."
    )
    assert not [key for key in keys(text) if key.startswith("res:")]


def _blocks_document(path: str, language: str, blocks: list[Block]):
    profile = get_profile(language)
    raw, _ = repair(RawDocument(path, "pdf", blocks, paginated=False), profile)
    return parse(raw, profile)


def _table(number: int, rows: list[tuple[str, str]]) -> list[Block]:
    return [
        Block(text, kind="cell", table=number, row=row, column=column)
        for row, cells in enumerate(rows, start=1)
        for column, text in enumerate(cells, start=1)
    ]


def test_a_table_more_on_one_side_shifts_nothing():
    heading_fr = [Block("Contrôle des versions du document", kind="heading")]
    heading_en = [Block("Document version control", kind="heading")]
    cover = _table(1, [("Version du document :", "0.6"), ("Date :", "2019-07-04")])
    versions_fr = [("Numéro", "Date"), ("0.1", "2019-02-20"), ("0.2", "2019-02-28")]
    versions_en = [("Number", "Date"), ("0.1", "2019-02-20"), ("0.2", "2019-02-28")]
    french = _blocks_document("fr.pdf", "fr", cover + heading_fr + _table(2, versions_fr))
    english = _blocks_document("en.pdf", "en", heading_en + _table(1, versions_en))
    structure = pair_documents(french, english, force=True)
    paired = {
        (pair.source[0].text, pair.target[0].text) for pair in structure.pairs if pair.source and pair.target
    }
    assert ("0.2", "0.2") in paired and ("2019-02-28", "2019-02-28") in paired


def test_a_heading_number_that_lost_its_space_still_numbers_its_section(tmp_path):
    blocks = [
        Block("1. Robust and secure", kind="heading"),
        Block("The ecosystem must be robust enough to be trusted."),
        Block("10.Minimal data transfer", kind="heading"),
        Block("Users should give only the information needed."),
        Block("11. Open standards", kind="heading"),
    ]
    document = _blocks_document("en.pdf", "en", blocks)
    assert [unit.key for unit in document.units] == [
        "sec:1",
        "sec:1/para:1",
        "sec:10",
        "sec:10/para:1",
        "sec:11",
    ]


CONTENTS = """TABLE OF CONTENTS
1 PURPOSE OF THIS DOCUMENT ........................................ 1
2 SCOPE AND APPLICATION ........................................... 2
2.1 A VERY LONG SECTION TITLE THAT THE CONVERSION
WRAPPED ONTO A SECOND LINE ........................................ 3
ANNEX A ........................................................... iv

1 PURPOSE OF THIS DOCUMENT

The purpose of this document is to describe the profile."""


def test_a_table_of_contents_in_converted_text_is_dropped_with_its_title():
    profile = get_profile("en")
    raw, report = repair(RawDocument("en.txt", "text", split_blocks(CONTENTS)), profile)
    assert [block.text for block in raw.blocks] == [
        "1 PURPOSE OF THIS DOCUMENT",
        "The purpose of this document is to describe the profile.",
    ]
    assert report.contents_entries == 4
