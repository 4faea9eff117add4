"""Helpers shared by the TMX tests: the official TMX 1.4b DTD and sample pairs.

The DTD is read at run time from the OmegaT jar (Debian package ``omegat``), never committed:
``apt-get install -y --no-install-recommends omegat default-jre-headless``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from aligner.model import SegmentPair

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
DTD_IN_JAR = "schemas/tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load_tmx_dtd() -> etree.DTD:
    """The TMX 1.4b DTD shipped inside OmegaT; the calling test is skipped if it is absent."""
    if not OMEGAT_JAR.is_file():
        pytest.skip(f"TMX 1.4b DTD unavailable: {OMEGAT_JAR} not found (apt-get install omegat)")
    with zipfile.ZipFile(OMEGAT_JAR) as jar, jar.open(DTD_IN_JAR) as dtd_file:
        return etree.DTD(dtd_file)


def assert_valid_tmx(path: Path, dtd: etree.DTD) -> etree._ElementTree:
    """Parse ``path`` (safely) and assert it validates against the DTD; return the tree."""
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    tree = etree.parse(str(path), parser)
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    return tree


def sample_pairs() -> list[SegmentPair]:
    """Three sentences of one paragraph and one of the next, as an aligner emits them."""
    common = {"document": "A/74/400", "props": {"source_file": "fr.txt", "target_file": "en.txt"}}
    return [
        SegmentPair(
            "Le Conseil décide de proroger le mandat.",
            "The Council decides to extend the mandate.",
            key="res:IV/op:12",
            confidence=0.93,
            **common,
        ),
        SegmentPair(
            "Il prie le Secrétaire général de faire rapport.",
            "It requests the Secretary-General to report.",
            key="res:IV/op:12",
            confidence=0.81,
            kind="1-2",
            **common,
        ),
        SegmentPair(
            "Il décide de rester saisi de la question.",
            "It decides to remain seized of the matter.",
            key="res:IV/op:12",
            confidence=0.40,
            **common,
        ),
        SegmentPair(
            "L'Assemblée prend note du rapport.",
            "The Assembly takes note of the report.",
            key="res:IV/op:13",
            confidence=1.0,
            **common,
        ),
    ]
