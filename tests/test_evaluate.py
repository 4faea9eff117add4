"""Strict and lax precision, recall and F1, as Vecalign's and Bertalign's scorers count them."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aligner.cli.evaluate import register
from aligner.errors import InputError
from aligner.evaluate import (
    TextBead,
    normalise_text,
    parse_index_line,
    read_index_beads,
    read_text_beads,
    score_alignment,
    score_documents,
    score_text_beads,
)

GOLD = [((0,), (0,)), ((1,), (1, 2)), ((2,), ())]
PREDICTED = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ())]


def test_identical_alignments_score_one() -> None:
    scores = score_alignment(GOLD, GOLD)
    assert scores.f1_strict == scores.f1_lax == 1.0


def test_hand_counted_example() -> None:
    scores = score_alignment(GOLD, PREDICTED)
    # Precision counts all 4 predicted beads: [0]:[0] and [2]:[] are exact; [1]:[1] overlaps
    # gold [1]:[1,2] on both sides (lax); []:[2] is null, so it is never a lax hit.
    assert scores.precision_strict == pytest.approx(2 / 4)
    assert scores.precision_lax == pytest.approx(3 / 4)
    # Recall counts the 2 gold beads that are not null against the predicted ones that are not.
    assert scores.recall_strict == pytest.approx(1 / 2)
    assert scores.recall_lax == pytest.approx(1.0)
    assert scores.f1_strict == pytest.approx(0.5)
    assert scores.f1_lax == pytest.approx(2 * 0.75 / 1.75)


def test_null_beads_count_for_precision_only() -> None:
    gold = [((0,), (0,)), ((1,), ())]
    assert score_alignment(gold, [((0,), (0,)), ((1,), ())]).precision_strict == 1.0
    missed_null = score_alignment(gold, [((0, 1), (0,))])
    assert missed_null.recall_strict == 0.0 and missed_null.recall_lax == 1.0
    assert missed_null.precision_strict == 0.0 and missed_null.precision_lax == 1.0


def test_documents_add_their_counts() -> None:
    perfect = ([((0,), (0,))], [((0,), (0,))])
    wrong = ([((0,), (0,)), ((1,), (1,))], [((0, 1), (0, 1))])
    scores = score_documents([perfect, wrong])
    assert scores.precision_strict == pytest.approx(1 / 2)
    assert scores.recall_strict == pytest.approx(1 / 3)


def test_index_lines_ladder_and_vecalign(tmp_path: Path) -> None:
    assert parse_index_line("[0, 1]:[2]") == (((0, 1), (2,)), None)
    assert parse_index_line("[3]:[]:0.9312") == (((3,), ()), 0.9312)
    assert parse_index_line("[0]:[0]:0.5") == (((0,), (0,)), 0.5)
    with pytest.raises(InputError):
        parse_index_line("0-1")
    path = tmp_path / "gold.vecalign"
    path.write_text("[0]:[0, 1]\n[1, 2]:[]\n", encoding="utf-8")
    assert read_index_beads(path) == [((0,), (0, 1)), ((1, 2), ())]
    assert read_index_beads(path, swap=True) == [((0, 1), (0,)), ((), (1, 2))]


def test_text_normalisation_drops_markup() -> None:
    assert (
        normalise_text("À sa 2^e séance, le **Conseil** (voir [A/74/125](#))¹²")
        == "à sa 2 séance le conseil voir a 74 125"
    )
    assert normalise_text("Le 1^{er} décembre") == normalise_text("le 1er  Décembre") == "le 1 décembre"
    assert normalise_text("*Rappelant* sa résolution") == "rappelant sa résolution"


def test_text_beads_matched_by_normalised_text() -> None:
    gold = [
        TextBead("**Le** chat dort.", "The cat sleeps."),
        TextBead("Il pleut. Il vente.", "It rains and blows."),
        TextBead("Français", ""),
    ]
    exact = [
        TextBead("Le chat dort.", "The cat  sleeps."),
        TextBead("Il pleut. Il vente.", "It rains and blows."),
        TextBead("Français", ""),
    ]
    assert score_text_beads(gold, exact).f1_strict == 1.0
    split = [
        TextBead("Le chat dort.", "The cat sleeps."),
        TextBead("Il pleut.", "It rains and blows."),
        TextBead("Il vente.", ""),
        TextBead("Français", ""),
    ]
    scores = score_text_beads(gold, split)
    assert scores.precision_strict == pytest.approx(2 / 4)
    assert scores.precision_lax == pytest.approx(3 / 4)
    assert scores.recall_strict == pytest.approx(1 / 2)
    assert scores.recall_lax == 1.0


def test_text_beads_from_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    records = [
        {"fr": "Le chat.", "en": "The cat.", "fr_n": 1, "en_n": 1},
        {"fr": "Français", "en": "", "fr_n": 1, "en_n": 0},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    assert read_text_beads(path) == [TextBead("Le chat.", "The cat."), TextBead("Français", "")]


def _cli() -> click.Group:
    @click.group()
    def group() -> None:
        pass

    register(group)
    return group


def test_evaluate_command_ladder_against_swapped_vecalign(tmp_path: Path) -> None:
    gold = tmp_path / "gold.vecalign"
    gold.write_text("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n", encoding="utf-8")  # [en]:[fr]
    predicted = tmp_path / "pred.ladder"
    predicted.write_text("[0]:[0]:0.99\n[1]:[1,2]:0.80\n[2]:[]:0.40\n", encoding="utf-8")  # [fr]:[en]
    result = CliRunner().invoke(_cli(), ["evaluate", "--gold", str(gold), "--pred", str(predicted), "--swap"])
    assert result.exit_code == 0, result.output
    assert "F1           1.000   1.000" in result.output


def test_evaluate_command_jsonl_links_against_text_gold(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"fr": "Le chat.", "en": "The cat."})
        + "\n"
        + json.dumps({"fr": "Il pleut.", "en": "It rains."})
        + "\n",
        encoding="utf-8",
    )
    predicted = tmp_path / "links.jsonl"
    links = [
        {
            "source": "Le chat. Il pleut.",
            "target": "The cat. It rains.",
            "source_ids": [0, 1],
            "target_ids": [0, 1],
        }
    ]
    predicted.write_text("\n".join(json.dumps(link) for link in links) + "\n", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["evaluate", "--gold", str(gold), "--pred", str(predicted)])
    assert result.exit_code == 0, result.output
    assert "F1           0.000   1.000" in result.output
