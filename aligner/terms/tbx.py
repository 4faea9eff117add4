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

One conceptEntry per term pair, the pair's figures in a concept-level note (TBX-Basic allows
notes there), each term's frequency as a note, its sentence of the example pair as
``context`` and the example's segment id as ``source``; ``partOfSpeech`` only where the table
knows it. OmegaT reads only the 2008 form (``tbx_basic``): this one is for TBX v3 tools.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..atomic import atomic_path
from ..writers.common import XML_FORBIDDEN
from .glossary import Glossary, GlossaryEntry
from .sheets import Cleaning
from .tbx_basic import XML_LANG, TbxBuilder, add_term_details

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"


class Tbx3Writer:
    """``.tbx`` with ``tbx_version=3``: TBX v3 (ISO 30042:2019), TBX-Basic dialect, DCA style."""

    def write(self, glossary: Glossary, path: str | Path) -> Cleaning:
        """Write the file; returns how many characters XML could not hold were removed."""
        cleaning = Cleaning()
        tree = self.tree(glossary, cleaning)
        with atomic_path(path) as temp:
            tree.write(str(temp), encoding="UTF-8", xml_declaration=True, pretty_print=True)
        return cleaning

    def tree(self, glossary: Glossary, cleaning: Cleaning | None = None) -> etree._ElementTree:
        """The term table as a TBX (ISO 30042:2019, TBX-Basic dialect, DCA style) tree: a header,
        then one conceptEntry per pair; what the XML cannot hold is removed and counted on
        ``cleaning``."""
        element = TbxBuilder(cleaning if cleaning is not None else Cleaning(), TBX_NAMESPACE)
        root = etree.Element(
            f"{{{TBX_NAMESPACE}}}tbx",
            {
                "type": "TBX-Basic",
                "style": "dca",
                XML_LANG: element.cleaning.clean(glossary.source_lang, XML_FORBIDDEN),
            },
            nsmap={None: TBX_NAMESPACE},
        )
        header = element(root, "tbxHeader")
        element(element(element(header, "fileDesc"), "sourceDesc"), "p", glossary.description)
        body = element(element(root, "text"), "body")
        for number, entry in enumerate(glossary.entries, start=1):
            self.concept_entry(element, body, number, entry, glossary)
        return etree.ElementTree(root)

    def concept_entry(
        self, element: TbxBuilder, body: etree._Element, number: int, entry: GlossaryEntry, glossary: Glossary
    ) -> None:
        """One conceptEntry: the pair's figures as a note, and a langSec per language with its term,
        frequency and example."""
        concept = element(body, "conceptEntry", id=f"c{number}")
        element(concept, "note", entry.figures())
        for lang, term, frequency, example in entry.sides(glossary):
            term_section = element(element(concept, "langSec", **{XML_LANG: lang}), "termSec")
            add_term_details(element, term_section, entry, term, frequency, example)
