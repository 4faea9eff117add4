"""Damage the UN pair one way at a time: the report names the damage, the rest still pairs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligner.pipeline import load_document, pair_documents


def _write(tmp_path: Path, name: str, text: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def _pair(tmp_path: Path, french: str, english: str, **options):
    source = load_document(_write(tmp_path, "fr.txt", french))
    target = load_document(_write(tmp_path, "en.txt", english))
    return pair_documents(source, target, **options)


def _reported(alignment) -> set[tuple[str, str]]:
    return {(d.kind, d.key) for d in alignment.disagreements}


def _unpaired_keys(alignment) -> set[str]:
    return {pair.key for pair in alignment.pairs if not (pair.source and pair.target)}


@pytest.fixture(scope="module")
def texts(un_pair) -> tuple[str, str]:
    return tuple(path.read_text(encoding="utf-8") for path in un_pair)


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_a_dropped_paragraph_is_reported_missing(tmp_path, texts):
    french, english = texts
    paragraph = re.search(r"\n14\. At the 43\^rd meeting[^\n]*\n", english).group(0)
    alignment = _pair(tmp_path, french, english.replace(paragraph, "\n"))
    assert ("missing", "p:14") in _reported(alignment)
    assert _unpaired_keys(alignment) == {"meta:language", "p:14"}


def test_two_merged_preambular_paragraphs_are_reported_merged(tmp_path, texts):
    french, english = texts
    merged = _replace_once(
        english,
        "(the Nelson Mandela Rules),⁸\n\nA/74/400\n\nRecalling also its resolution 70/1",
        "(the Nelson Mandela Rules),⁸ Recalling also its resolution 70/1",
    )
    alignment = _pair(tmp_path, french, merged)
    merged_reports = [d for d in alignment.disagreements if d.kind == "merged"]
    assert len(merged_reports) == 1 and merged_reports[0].key == "res:I/pre:3"
    assert "res:I/pre:4" in merged_reports[0].detail
    assert _unpaired_keys(alignment) == {"meta:language"}


def test_a_renumbered_operative_paragraph_is_reported(tmp_path, texts):
    french, english = texts
    renumbered = _replace_once(english, "\n12. *Invites* the institutes", "\n13. *Invites* the institutes")
    alignment = _pair(tmp_path, french, renumbered)
    assert ("renumbered", "res:I/op:12") in _reported(alignment)
    assert _unpaired_keys(alignment) == {"meta:language"}


def test_a_deleted_footnote_is_reported_with_the_footnote_count(tmp_path, texts):
    french, english = texts
    damaged = _replace_once(english, "\n⁸ Resolution 70/175, annex.\n", "\n")
    alignment = _pair(tmp_path, french, damaged)
    reported = _reported(alignment)
    assert ("missing", "res:I/fn:8") in reported
    assert ("footnote-count", "res:I") in reported
    assert _unpaired_keys(alignment) == {"meta:language", "res:I/fn:8"}


def test_a_changed_symbol_and_date_are_reported(tmp_path, texts):
    french, english = texts
    damaged = _replace_once(
        english, "draft resolution A/C.3/74/L.2 (see", "draft resolution A/C.3/74/L.20 (see"
    )
    damaged = damaged.replace("on 20 September 2019", "on 21 September 2019", 1)
    alignment = _pair(tmp_path, french, damaged)
    reported = _reported(alignment)
    assert ("symbol", "p:8") in reported
    assert ("date", "p:1") in reported


def test_swapped_files_still_pair_and_are_reported(texts, un_pair):
    french, english = un_pair
    alignment = pair_documents(load_document(english), load_document(french), expected_source="fr")
    assert alignment.disagreements[0].kind == "direction"
    assert _unpaired_keys(alignment) == {"meta:language"}


# --- the same pair as plain pdftotext would lay it out -----------------------------------------


def _hard_wrap(paragraph: str, width: int) -> list[str]:
    """Fill lines to ``width``; a long word that does not fit is hyphenated at the margin."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split(" "):
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2
        if word.isalpha() and len(word) >= 8 and room >= 4 and len(word) - room >= 3:
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def pdftotext_layout(text: str, width: int = 72, page_lines: int = 45) -> str:
    """Re-wrap every paragraph at ``width`` with hyphenated line ends, put a form feed every
    ``page_lines`` lines (often inside a paragraph) and use CRLF line ends."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        for raw_line in paragraph.split("\n"):
            lines.extend(_hard_wrap(raw_line, width) if raw_line else [])
        lines.append("")
    paged = [("\f" + line if index and index % page_lines == 0 else line) for index, line in enumerate(lines)]
    return "\r\n".join(paged)


def test_pdftotext_layout_pairs_the_same(tmp_path, texts):
    french, english = texts
    original = _pair(tmp_path, french, english)
    wrapped = _pair(tmp_path, pdftotext_layout(french), pdftotext_layout(english))

    def keys(alignment):
        return [(tuple(u.key for u in p.source), tuple(u.key for u in p.target)) for p in alignment.pairs]

    assert keys(wrapped) == keys(original)

    def texts_of(alignment):
        return [(p.source_text, p.target_text) for p in alignment.pairs]

    assert texts_of(wrapped) == texts_of(original)
