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

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _element(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{name}", attributes)
    if text is not None:
        element.text = text
    return element


def _lang_section(concept: etree._Element, lang: str, term: str) -> None:
    section = _element(concept, "langSec", **{XML_LANG: lang})
    term_section = _element(section, "termSec")
    _element(term_section, "term", term)
    _element(term_section, "termNote", "noun", type="partOfSpeech")


def _statistics(row: dict) -> str:
    return (
        f"co-occurrences {row['cooccurrences']}, frequencies {row['source_freq']}/{row['target_freq']}, "
        f"Dice {row['dice']:.3f}, LLR {row['llr']:.1f}, documents {row['documents']}; "
        f"examples: {row['examples']}"
    )


def tbx_tree(table: pl.DataFrame, description: str = "Term pairs extracted by aligner") -> etree._ElementTree:
    source_lang = table["source_lang"][0] if table.height else "fr"
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
        _element(concept, "note", _statistics(row))
        _lang_section(concept, row["source_lang"], row["source_term"])
        _lang_section(concept, row["target_lang"], row["target_term"])
    return etree.ElementTree(root)


def write_tbx(table: pl.DataFrame, path: str | Path) -> None:
    tree = tbx_tree(table)
    with atomic_path(path) as temp:
        tree.write(str(temp), encoding="UTF-8", xml_declaration=True, pretty_print=True)
