"""TBX-Basic in its ISO 30042:2008 form (``<martif>``), the TBX that OmegaT's glossary reader,
memoQ and MultiTerm import.

    <!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
    <martif type="TBX-Basic" xml:lang="fr">
      <martifHeader><fileDesc><sourceDesc><p>…</p></sourceDesc></fileDesc>
        <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc></martifHeader>
      <text><body>
        <termEntry id="c1">
          <note>183 segments together; …</note>
          <langSet xml:lang="fr"><tig><term>États Membres</term>
            <descrip type="context">…an example sentence…</descrip>
            <admin type="source">A/74/400:res:I/pre:1:1</admin>
            <note>184 occurrences</note></tig></langSet>
          <langSet xml:lang="en">…</langSet>
        </termEntry>
      </body></text>
    </martif>

One termEntry per term pair. The pair's figures are a concept-level note; each term has its
frequency as a note, its sentence of the example pair as ``context`` (a TBX-Basic term-level
data category) and the example's segment id as its ``source``; ``partOfSpeech`` only where the
table knows it. OmegaT shows the notes and contexts as the entry's comment.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..atomic import atomic_path
from ..wording import counted
from ..writers.common import XML_FORBIDDEN
from .glossary import Glossary, GlossaryEntry
from .sheets import Cleaning

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'


class TbxBuilder:
    """Makes elements (in ``namespace``, if any) with their text cleaned of what XML 1.0
    cannot hold (counted), for both TBX forms."""

    def __init__(self, cleaning: Cleaning, namespace: str = "") -> None:
        self.cleaning = cleaning
        self.prefix = f"{{{namespace}}}" if namespace else ""

    def __call__(
        self, parent: etree._Element, name: str, text: str | None = None, **attributes: str
    ) -> etree._Element:
        cleaned = {key: self.cleaning.clean(value, XML_FORBIDDEN) for key, value in attributes.items()}
        element = etree.SubElement(parent, self.prefix + name, cleaned)
        if text is not None:
            element.text = self.cleaning.clean(str(text), XML_FORBIDDEN)
        return element


def add_term_details(
    element: TbxBuilder,
    section: etree._Element,
    entry: GlossaryEntry,
    term: str,
    frequency: int,
    example: str,
) -> None:
    """One term's data categories, alike in both TBX forms: the term, its part of speech where
    known, its example sentence as context, the example's segment id as source, its frequency."""
    element(section, "term", term)
    if entry.part_of_speech:
        element(section, "termNote", entry.part_of_speech, type="partOfSpeech")
    if example:
        element(section, "descrip", example, type="context")
    if entry.example_id:
        element(section, "admin", entry.example_id, type="source")
    element(section, "note", counted(frequency, "occurrence"))


class TbxBasicWriter:
    """``.tbx`` (the default): TBX-Basic, ISO 30042:2008 ``martif``."""

    def write(self, glossary: Glossary, path: str | Path) -> Cleaning:
        """Write the file; returns how many characters XML could not hold were removed."""
        cleaning = Cleaning()
        tree = self.tree(glossary, cleaning)
        with atomic_path(path) as temp:
            tree.write(str(temp), encoding="UTF-8", xml_declaration=True, pretty_print=True, doctype=DOCTYPE)
        return cleaning

    def tree(self, glossary: Glossary, cleaning: Cleaning | None = None) -> etree._ElementTree:
        """The term table as a TBX-Basic (martif, TBX 2008) tree: a header naming the XCS, then one
        termEntry per pair; what the XML cannot hold is removed and counted on ``cleaning``."""
        element = TbxBuilder(cleaning if cleaning is not None else Cleaning())
        root = etree.Element(
            "martif",
            {"type": "TBX-Basic", XML_LANG: element.cleaning.clean(glossary.source_lang, XML_FORBIDDEN)},
        )
        header = element(root, "martifHeader")
        element(element(element(header, "fileDesc"), "sourceDesc"), "p", glossary.description)
        element(element(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
        body = element(element(root, "text"), "body")
        for number, entry in enumerate(glossary.entries, start=1):
            self.term_entry(element, body, number, entry, glossary)
        return etree.ElementTree(root)

    def term_entry(
        self, element: TbxBuilder, body: etree._Element, number: int, entry: GlossaryEntry, glossary: Glossary
    ) -> None:
        """One termEntry: the pair's figures as a note, and a langSet per language with its term,
        frequency and example."""
        concept = element(body, "termEntry", id=f"c{number}")
        element(concept, "note", entry.figures())
        for lang, term, frequency, example in entry.sides(glossary):
            tig = element(element(concept, "langSet", **{XML_LANG: lang}), "tig")
            add_term_details(element, tig, entry, term, frequency, example)
