"""Markdown read by its parser: headings, lists, links, images, comments, tables, navigation and
in-page tables of contents, on small files written here, and on the real Markdown pairs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligner.pipeline import align_documents, load_document, pair_documents
from aligner.readers import read_document

FRENCH = """---
title: Livre blanc
---
[<- Page précédente](2_Normes.md) | [Table des matières](../README.md#table) | [Page suivante ->](4_Suite.md)

# Logiciels libres

- [Définitions](#définitions)
- [Historique](#historique)
  - [Débuts](#débuts)

<!-- note de l'équipe : à relire -->

## 2.1 Définitions

Le terme « libre » (_free_ en anglais) est défini par la
[Free Software Foundation](https://fsf.org) **depuis 1986**.

![Schéma des quatre libertés](libertes.png)

Les quatre libertés :

1. exécuter le programme ;
2. étudier son fonctionnement.

- Bitbucket
- GitLab

## 2.2 Historique

| Licence | Type |
| ------- | ---- |
| **GPL** | Réciproque |
| MIT | Permissive |

```
git clone https://example.org/depot
```
"""

ENGLISH = """[<- Previous Page](2_Std.md) | [Table of Contents](../README.md#toc) | [Next Page ->](4_Next.md)

# Open Source Software

- [Definitions](#definitions)
- [History](#history)
  - [Beginnings](#beginnings)

## 2.1 Definitions

The word "free" is defined by the [Free Software Foundation](https://fsf.org) **since 1986**.

![Diagram of the four freedoms](freedoms.png)

The four freedoms:

1. run the program;
2. study how it works.

- Bitbucket
- GitLab

## 2.2 History

| Licence | Kind |
| ------- | ---- |
| **GPL** | Reciprocal |
| MIT | Permissive |

```
git clone https://example.org/depot
```
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def french(tmp_path: Path):
    return read_document(write(tmp_path, "fr.md", FRENCH))


def test_blocks_kinds_and_clean_text(french) -> None:
    found = [(block.kind, block.level, block.label, block.text) for block in french.blocks]
    assert found == [
        ("heading", 1, None, "Logiciels libres"),
        ("heading", 2, None, "2.1 Définitions"),
        (
            None,
            0,
            None,
            "Le terme « libre » (free en anglais) est défini par la Free Software Foundation depuis 1986.",
        ),
        (None, 0, None, "Schéma des quatre libertés"),
        (None, 0, None, "Les quatre libertés :"),
        ("item", 1, "1.", "1. exécuter le programme ;"),
        ("item", 1, "2.", "2. étudier son fonctionnement."),
        ("item", 1, "•", "Bitbucket"),
        ("item", 1, "•", "GitLab"),
        ("heading", 2, None, "2.2 Historique"),
        ("cell", 0, None, "Licence"),
        ("cell", 0, None, "Type"),
        ("cell", 0, None, "GPL"),
        ("cell", 0, None, "Réciproque"),
        ("cell", 0, None, "MIT"),
        ("cell", 0, None, "Permissive"),
        ("code", 0, None, "git clone https://example.org/depot"),
    ]
    cells = [(block.table, block.row, block.column) for block in french.blocks if block.kind == "cell"]
    assert cells == [(1, 1, 1), (1, 1, 2), (1, 2, 1), (1, 2, 2), (1, 3, 1), (1, 3, 2)]
    assert french.format == "markdown"


def test_navigation_contents_comments_and_front_matter_are_left_out(french) -> None:
    texts = [block.text for block in french.blocks]
    text = "\n".join(texts)
    for left_out in ("Page précédente", "Table des matières", "Débuts", "à relire", "title:"):
        assert left_out not in text
    assert "Historique" not in texts and "Définitions" not in texts
    assert not re.search(r"[*_#|]|\]\(|<!--", text.replace("git clone", ""))


def test_markdown_pair_keys_and_pairs(tmp_path: Path) -> None:
    french = load_document(write(tmp_path, "fr.md", FRENCH))
    english = load_document(write(tmp_path, "en.md", ENGLISH))
    keys = [unit.key for unit in french.units]
    assert (
        "sec:2/1" in keys and "sec:2/2" in keys and "sec:2/1/p:1" in keys and "sec:2/2/tbl:1/cell:4" in keys
    )
    alignment = pair_documents(french, english)
    assert all(pair.source and pair.target for pair in alignment.pairs)
    assert not alignment.disagreements


@pytest.mark.parametrize("name", ["ca-gov-openfirst-ch3", "ca-gov-openfirst-ch4"])
def test_real_markdown_pairs(corpora: Path, name: str) -> None:
    folder = corpora / "real" / name
    french, english = load_document(folder / "fr.md"), load_document(folder / "en.md")
    for document in (french, english):
        headings = [unit for unit in document.units if unit.kind == "heading"]
        assert len(headings) >= 20
        assert not any(re.search(r"\]\(|\*\*|<!--|^#", unit.text) for unit in document.units)
        assert any(unit.kind == "item" for unit in document.units)
    structure = pair_documents(french, english)
    bitext = align_documents(french, english, structure=structure)
    one_sided = sum(not (link.source and link.target) for link in bitext.links)
    assert one_sided <= 0.1 * len(bitext.links)
    assert sum(not (pair.source and pair.target) for pair in structure.pairs) <= 0.05 * len(structure.pairs)
