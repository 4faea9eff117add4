"""TBX output of a term table: TBX v3 (ISO 30042:2019), dialect TBX-Basic, DCA style.

    <tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><sourceDesc><p>…</p></sourceDesc></fileDesc></tbxHeader>
      <text><body>
        <conceptEntry id="c1">
          <note>…counts…</note>
          <langSec xml:lang="fr"><termSec><term>traite des personnes</term>
            <termNote type="partOfSpeech">noun</termNote></termSec></langSec>
          <langSec xml:lang="en">…</langSec>
        </conceptEntry>
      </body></text>
    </tbx>

One conceptEntry per term pair, statistics in a concept-level note (TBX-Basic allows notes
there). Terms are noun phrases by construction, hence partOfSpeech "noun", which
TBX-Basic asks for on every term.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from lxml import etree

from ..atomic import atomic_path
from ..writers.common import XML_FORBIDDEN
from .sheets import Cleaning

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _xml_text(text: str, cleaning: Cleaning | None) -> str:
    """Text without the characters XML 1.0 cannot hold (counted in ``cleaning``)."""
    text, removed = XML_FORBIDDEN.subn("", str(text))
    if cleaning is not None:
        cleaning.characters_removed += removed
    return text


def _element(
    parent: etree._Element,
    name: str,
    text: str | None = None,
    cleaning: Cleaning | None = None,
    **attributes: str,
) -> etree._Element:
    attributes = {key: _xml_text(value, cleaning) for key, value in attributes.items()}
    element = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{name}", attributes)
    if text is not None:
        element.text = _xml_text(text, cleaning)
    return element


def _lang_section(concept: etree._Element, lang: str, term: str, cleaning: Cleaning) -> None:
    section = _element(concept, "langSec", cleaning=cleaning, **{XML_LANG: lang})
    term_section = _element(section, "termSec")
    _element(term_section, "term", term, cleaning)
    _element(term_section, "termNote", "noun", type="partOfSpeech")


def _statistics(row: dict) -> str:
    return (
        f"co-occurrences {row['cooccurrences']}, frequencies {row['source_freq']}/{row['target_freq']}, "
        f"Dice {row['dice']:.3f}, LLR {row['llr']:.1f}, documents {row['documents']}; "
        f"examples: {row['examples']}"
    )


def tbx_tree(
    table: pl.DataFrame,
    description: str = "Term pairs extracted by aligner",
    cleaning: Cleaning | None = None,
) -> etree._ElementTree:
    cleaning = cleaning if cleaning is not None else Cleaning()
    source_lang = _xml_text(table["source_lang"][0], cleaning) if table.height else "fr"
    root = etree.Element(
        f"{{{TBX_NAMESPACE}}}tbx",
        {"type": "TBX-Basic", "style": "dca", XML_LANG: source_lang},
        nsmap={None: TBX_NAMESPACE},
    )
    header = _element(root, "tbxHeader")
    _element(_element(_element(header, "fileDesc"), "sourceDesc"), "p", description)
    body = _element(_element(root, "text"), "body")
    for number, row in enumerate(table.iter_rows(named=True), start=1):
        concept = _element(body, "conceptEntry", id=f"c{number}")
        _element(concept, "note", _statistics(row), cleaning)
        _lang_section(concept, row["source_lang"], row["source_term"], cleaning)
        _lang_section(concept, row["target_lang"], row["target_term"], cleaning)
    return etree.ElementTree(root)


def write_tbx(table: pl.DataFrame, path: str | Path) -> Cleaning:
    """The table as TBX; returns how many characters XML could not hold were removed."""
    cleaning = Cleaning()
    tree = tbx_tree(table, cleaning=cleaning)
    with atomic_path(path) as temp:
        tree.write(str(temp), encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return cleaning
