"""The damage generator (aligner.damage): seeded, one damage of each kind where asked, and
every damage found again in the alignment of the damaged pair."""

from __future__ import annotations

import pytest

from aligner import damage
from aligner.anchors import strip_label
from aligner.pipeline import align_documents, load_document


@pytest.fixture(scope="module")
def clean(un_pair):
    french, english = un_pair
    return align_documents(load_document(french), load_document(english))


@pytest.fixture(scope="module")
def damaged(clean):
    return damage.plant_damages(clean, seed=7)


def _texts(document) -> dict[str, str]:
    return {unit.key: unit.text for unit in document.units}


def test_the_same_seed_plants_the_same_damage(clean, damaged):
    again = damage.plant_damages(clean, seed=7)
    assert again.damages == damaged.damages
    assert _texts(again.target) == _texts(damaged.target)
    other = damage.plant_damages(clean, seed=8)
    assert [d.unit for d in other.damages] != [d.unit for d in damaged.damages]


def test_one_damage_of_every_kind_each_in_its_own_unit(clean, damaged):
    assert [d.kind for d in damaged.damages] == list(damage.KINDS)
    units = [d.unit for d in damaged.damages]
    assert len(set(units)) == len(units)
    assert damaged.source is clean.structure.source


def test_what_each_kind_does_to_the_target(clean, damaged):
    before, after = _texts(clean.structure.target), _texts(damaged.target)
    by_kind = {d.kind: d for d in damaged.damages}
    assert by_kind[damage.DELETED].unit not in after
    for kind in (damage.DROPPED, damage.TRUNCATED):
        unit = by_kind[kind].unit
        assert len(after[unit]) < len(before[unit])
    for kind in (damage.INSERTED, damage.REPLACED, damage.UNTRANSLATED, damage.CHANGED_NUMBER):
        assert after[by_kind[kind].unit] != before[by_kind[kind].unit]
    source_texts = {(s.unit, s.index): s.text for s in clean.source_sentences}
    untranslated = by_kind[damage.UNTRANSLATED].target[0]
    assert any(untranslated.text.endswith(strip_label(text)) for text in source_texts.values()), (
        "an untranslated sentence is a source sentence"
    )
    # Losses name the source sentences whose translation is gone; additions the target ones.
    assert by_kind[damage.DROPPED].source and not by_kind[damage.DROPPED].target
    assert by_kind[damage.INSERTED].target and not by_kind[damage.INSERTED].source
    assert by_kind[damage.MOVED].source and by_kind[damage.MOVED].target


def test_every_damage_is_held_by_links_of_the_damaged_alignment(damaged):
    bitext = align_documents(damaged.source, damaged.target)
    holding = damage.damaged_links(bitext, damaged)
    assert all(holding), [d.kind for d, links in zip(damaged.damages, holding, strict=True) if not links]
    target_texts = {(t.unit, t.index): t.text for t in bitext.target_sentences}
    for planted in damaged.damages:
        for ref in planted.target:
            assert target_texts[ref.unit, ref.index] == ref.text
    shown = damage.surfacing_links(bitext)
    assert len(shown) == len(bitext.links)
    assert shown[holding[damage.KINDS.index(damage.DELETED)][0]], "a deleted paragraph leaves an empty side"


def test_an_unknown_kind_is_refused(clean):
    with pytest.raises(ValueError, match="unknown damage kind"):
        damage.plant_damages(clean, seed=1, kinds=["spilt coffee"])
