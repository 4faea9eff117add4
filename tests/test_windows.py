"""Long texts aligned window by window: windows, cuts, and the same links as one search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aligner.align import windows
from aligner.align.block_search import BlockSearch
from aligner.align.sentences import SentenceAligner
from aligner.align.windows import Window, chunk_bounds, cut_point, local_guide, window_from
from aligner.evaluate import read_index_beads, score_alignment


def test_windows_follow_the_guide_and_the_last_takes_both_ends() -> None:
    guide = np.rint(np.arange(10_001) * 0.9).astype(np.int64)  # 10,000 source, 9,000 target
    first = window_from(guide, 0, 0, size=2000)
    assert (first.source_start, first.source_end, first.last) == (0, 2000, False)
    assert first.target_end == guide[2000] + windows.TARGET_MARGIN
    later = window_from(guide, 9000, 8100, size=2000)
    assert later == Window(9000, 10_000, 8100, 9000, True)
    local = local_guide(guide, first)
    assert local[0] == 0 and len(local) == 2001 and np.all(np.diff(local) >= 0)
    assert local[-1] <= first.target_end - first.target_start


def test_cut_after_the_last_sure_run_in_the_first_part_of_the_window() -> None:
    window = Window(0, 100, 0, 100, False)
    kinds = [(1, 1)] * 100
    ends = [(k + 1, k + 1) for k in range(100)]
    sure = [True] * 100
    assert cut_point(ends, kinds, sure, window) == 75  # CUT_SHARE of the rows
    unsure = [k < 40 for k in range(100)]
    assert cut_point(ends, kinds, unsure, window) == 40
    nulls = [(1, 0)] * 100
    assert cut_point(ends, nulls, sure, window) == 75  # no 1-1 link: every link up to the share
    assert cut_point(ends, kinds, sure, Window(0, 100, 0, 100, True)) == 100


def _book(corpora: Path, name: str) -> tuple[list[str], list[str], list]:
    folder = corpora / "transread" / name
    french = (folder / "fr.sents").read_text(encoding="utf-8").splitlines()
    english = (folder / "en.sents").read_text(encoding="utf-8").splitlines()
    return french, english, read_index_beads(folder / "gold.vecalign", swap=True)


def test_small_windows_align_a_book_as_well_as_one_search(corpora: Path, monkeypatch) -> None:
    """Alice (941 French, 836 English sentences) in windows of 200 sentences: every
    sentence once, in order, and strict F1 within a point of the search of the whole book."""
    french, english, gold = _book(corpora, "AlicesAdventuresInWonderland")
    whole = SentenceAligner("fr", "en").fit([(french, english)]).align(french, english)
    monkeypatch.setattr(windows, "WINDOWED_BLOCK", 300)
    monkeypatch.setattr(windows, "WINDOW_SENTENCES", 200)
    aligner = SentenceAligner("fr", "en").fit([(french, english)])
    windowed = aligner.align(french, english)
    assert [i for bead in windowed for i in bead.source] == list(range(len(french)))
    assert [j for bead in windowed for j in bead.target] == list(range(len(english)))
    whole_f1 = score_alignment(gold, [(b.source, b.target) for b in whole]).f1_strict
    windowed_f1 = score_alignment(gold, [(b.source, b.target) for b in windowed]).f1_strict
    assert windowed_f1 >= whole_f1 - 0.01, (windowed_f1, whole_f1)


def searched_rows(monkeypatch) -> list[int]:
    """The source sentences of every score table the searches make from now on."""
    rows_seen: list[int] = []
    original = BlockSearch._scores

    def recording(self, source_side, *arguments):
        rows_seen.append(source_side.sentence_count)
        return original(self, source_side, *arguments)

    monkeypatch.setattr(BlockSearch, "_scores", recording)
    return rows_seen


@pytest.mark.parametrize("size", [250])
def test_window_tables_stay_bounded(corpora: Path, monkeypatch, size: int) -> None:
    """No score table of a windowed search is larger than a window's rows allow."""
    french, english, _ = _book(corpora, "AlicesAdventuresInWonderland")
    monkeypatch.setattr(windows, "WINDOWED_BLOCK", size)
    monkeypatch.setattr(windows, "WINDOW_SENTENCES", size // 2)
    rows_seen = searched_rows(monkeypatch)
    SentenceAligner("fr", "en").fit([(french, english)]).align(french, english)
    assert rows_seen and max(rows_seen) <= size // 2 + size


def test_long_unnumbered_runs_are_paired_as_long_texts(corpora: Path, tmp_path: Path, monkeypatch) -> None:
    """Two documents of unnumbered paragraphs (a book's sentences, one a paragraph): a run
    too long for the structural search is paired by the sentence aligner, every unit once
    and in order, agreeing with the search on most pairs."""
    from aligner.pairing import structural
    from aligner.pipeline import load_pair, pair_documents

    french, english, _ = _book(corpora, "TheLastOfTheMohicans")
    source, target = tmp_path / "fr.txt", tmp_path / "en.txt"
    source.write_text("\n\n".join(french) + "\n", encoding="utf-8")
    target.write_text("\n\n".join(english) + "\n", encoding="utf-8")
    documents = load_pair(source, target, "fr", "en")

    def keyed(alignment) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
        return {(tuple(u.key for u in p.source), tuple(u.key for u in p.target)) for p in alignment.pairs}

    searched = pair_documents(*documents)
    monkeypatch.setattr(structural, "MAX_SEARCHED_CELLS", 1000)
    long_run = pair_documents(*documents)
    for side, units in (("source", documents[0].units), ("target", documents[1].units)):
        paired = [unit.key for pair in long_run.pairs for unit in getattr(pair, side)]
        assert sorted(paired) == sorted(unit.key for unit in units) and len(paired) == len(units)
    linked = [p for p in long_run.pairs if p.source and p.target]
    # The title and the chapter headings ("Chapitre premier", "CHAPTER I") pair by their keys; the
    # paragraphs under them, by the long-text alignment.
    assert all(
        (p.method in ("content", "position") or p.source[0].kind in ("heading", "meta"))
        and 0.0 <= p.score <= 1.0
        for p in linked
    )
    shared = keyed(searched) & keyed(long_run)
    assert len(shared) >= 0.8 * len(keyed(searched)), (len(shared), len(keyed(searched)))


def test_chunks_are_cut_by_count_and_by_characters() -> None:
    assert chunk_bounds([10] * 7, 3, 1000) == [(0, 3), (3, 6), (6, 7)]
    assert chunk_bounds([10, 10, 500, 10, 10, 10], 4, 25) == [(0, 2), (2, 3), (3, 5), (5, 6)]
    assert chunk_bounds([], 3, 10) == []


def test_a_block_of_few_very_long_sentences_is_aligned_in_windows(monkeypatch) -> None:
    """Sentences of hundreds of words (a text without sentence ends, cut into pieces): past
    ``WINDOWED_CHARS`` the block is searched in windows of at most ``WINDOW_CHARS`` source
    characters, every sentence once and in order, the 1-1 diagonal found."""
    rng = np.random.default_rng(2)
    vocabulary = [f"mot{k}" for k in range(3000)]
    source = [" ".join(rng.choice(vocabulary, size=150)) + f" {k}." for k in range(400)]
    target = list(source)
    monkeypatch.setattr(windows, "WINDOWED_CHARS", 100_000)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 80_000)
    monkeypatch.setattr(windows, "MIN_WINDOW_SENTENCES", 20)
    rows_seen = searched_rows(monkeypatch)
    beads = SentenceAligner("fr", "en").fit([(source, target)]).align(source, target)
    assert [(bead.source, bead.target) for bead in beads] == [((k,), (k,)) for k in range(400)]
    longest = max(len(s) for s in source)
    assert rows_seen and max(rows_seen) <= 80_000 // (longest - 100) + 1
