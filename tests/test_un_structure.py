"""The headline case: A/74/400 in French and English, read, repaired, parsed and paired."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from aligner.pipeline import load_document, pair_documents

BODY_KINDS = {"paragraph", "preamble", "operative", "item", "footnote", "title", "formula"}
PAGE_FURNITURE = re.compile(r"^(?:\d+/61|19-20599|A/74/400)$")


@pytest.fixture(scope="module")
def documents(un_pair):
    french, english = un_pair
    return load_document(french), load_document(english)


@pytest.fixture(scope="module")
def alignment(documents):
    return pair_documents(*documents)


def test_every_report_paragraph_and_resolution_part_is_a_unit(documents):
    for document in documents:
        keys = {unit.key for unit in document.units}
        assert {f"p:{number}" for number in range(1, 30)} <= keys
        assert {f"res:{roman}" for roman in ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]} <= keys
        assert {f"res:{roman}/title" for roman in ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]} <= keys
        assert {"sec:I", "sec:II", "sec:III", "sec:II/A", "sec:II/H", "p:3/a", "p:3/d"} <= keys
        assert "res:VII/pre:9/a" in keys or any(
            key.startswith("res:VII/pre:") and key.endswith("/a") for key in keys
        )
        kinds = Counter(unit.kind for unit in document.units)
        assert kinds["operative"] == 206 and kinds["footnote"] == 113 and kinds["preamble"] >= 200


def test_footnote_references_are_tied_to_existing_footnotes(documents):
    for document in documents:
        footnotes = {unit.key for unit in document.units if unit.kind == "footnote"}
        references = {reference for unit in document.units for reference in unit.footnote_refs}
        assert references == footnotes


def test_all_units_pair_and_only_the_language_line_is_reported(alignment):
    unpaired = [pair for pair in alignment.pairs if not (pair.source and pair.target)]
    assert [pair.key for pair in unpaired] == ["meta:language"]
    assert [(d.kind, d.key) for d in alignment.disagreements] == [("missing", "meta:language")]
    assert all(len(pair.source) == len(pair.target) == 1 for pair in alignment.paired)
    assert all(pair.source[0].key == pair.target[0].key for pair in alignment.paired)


def test_no_body_unit_starts_in_mid_sentence(documents):
    for document in documents:
        for unit in document.units:
            if unit.kind in BODY_KINDS:
                text = re.sub(r"^\(?[a-z]{1,2}\)\s", "", unit.text) if unit.kind == "item" else unit.text
                assert not text[:1].islower(), f"{unit.key} starts in mid-sentence: {unit.text[:60]}"


def _normalised_characters(text: str) -> Counter[str]:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*^{}⁰¹²³⁴⁵⁶⁷⁸⁹\s]", "", text)
    return Counter(text)


def test_units_cover_the_body_text_once(un_pair, documents):
    for path, document in zip(un_pair, documents, strict=True):
        lines = [
            line
            for line in Path(path).read_text(encoding="utf-8").split("\n")
            if not PAGE_FURNITURE.match(line.strip())
        ]
        expected = _normalised_characters("\n".join(lines))
        found = _normalised_characters("".join(unit.text for unit in document.units))
        assert found == expected, f"lost {expected - found}, duplicated {found - expected}"
