"""XLIFF output: read back unit for unit by translate-toolkit (1.2 and 2.x), valid against the
OASIS schemas Debian ships (php-symfony-translation), and opened by OmegaT 3.6 headless."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from omegat_support import make_project, missing_reason, source_segments, translate
from tmx_support import sample_pairs

from aligner.cli import cli
from aligner.errors import AlignerError
from aligner.memories import read_memory
from aligner.model import SegmentPair
from aligner.pipeline import align_files, bitext_segments
from aligner.writers import write_segments
from aligner.writers.xliff import XLIFF_2, XLIFF_12, write_xliff

xliff_storage = pytest.importorskip("translate.storage.xliff", reason="translate-toolkit is not installed")
xliff2_storage = pytest.importorskip("translate.storage.xliff2", reason="translate-toolkit is not installed")

SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
SCHEMA_FILES = {"1.2": "xliff-core-1.2-strict.xsd", "2.0": "xliff-core-2.0.xsd", "2.1": "xliff-core-2.0.xsd"}
needs_omegat = pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))


def cat_pairs() -> list[SegmentPair]:
    """Sample sentences, a numbered paragraph, a list item and a footnote with its call."""
    return [
        *sample_pairs(),
        SegmentPair(
            "12. Prie le Secrétaire général de faire rapport¹.",
            "12. Requests the Secretary-General to report.¹",
            key="res:I/op:12",
            document="A/74/400",
            source_label="12.",
            target_label="12.",
            status="approved",
        ),
        SegmentPair(
            "a) Rapport du Secrétaire général ;",
            "(a) Report of the Secretary-General;",
            key="res:I/op:12/a",
            document="A/74/400",
            source_label="a)",
            target_label="(a)",
        ),
        SegmentPair(
            "Voir A/74/125.",
            "See A/74/125.",
            key="res:I/fn:1",
            document="A/74/400",
            source_label="¹",
            target_label="¹",
        ),
        SegmentPair("Un autre document.", "Another document.", key="p:1", document="A/74/401"),
    ]


def tmx_units(pairs: list[SegmentPair], tmp_path: Path) -> list[tuple[str, str]]:
    """What the TMX writer makes of the same pairs: the units XLIFF must hold too."""
    path = tmp_path / "same.tmx"
    write_segments(pairs, path)
    return [(unit.source, unit.target) for unit in read_memory(path)]


def read_units(path: Path, version: str) -> list:
    storage = xliff_storage.xlifffile if version == "1.2" else xliff2_storage.Xliff2File
    return [unit for unit in storage.parsefile(str(path)).units if not unit.isheader()]


@pytest.mark.parametrize("version", ["1.2", "2.0", "2.1"])
def test_translate_toolkit_reads_every_unit_back(tmp_path: Path, version: str) -> None:
    pairs = cat_pairs()
    path = tmp_path / "memory.xlf"
    report = write_xliff(pairs, path, xliff_version=version)
    units = read_units(path, version)
    assert [(unit.source, unit.target) for unit in units] == tmx_units(pairs, tmp_path)
    assert report.units_written == len(units) == len(pairs) + 1  # and the label unit "12."
    root = etree.parse(str(path)).getroot()
    namespace = XLIFF_12 if version == "1.2" else XLIFF_2
    assert root.tag == f"{{{namespace}}}xliff" and root.get("version") == version
    files = root.findall(f"{{{namespace}}}file")
    assert [file.get("original") for file in files] == ["A/74/400", "A/74/401"]


def test_units_say_where_they_come_from_and_how_sure_they_are(tmp_path: Path) -> None:
    path = tmp_path / "memory.xlf"
    write_xliff(cat_pairs(), path, note="aligned automatically")
    namespaces = {"x": XLIFF_12}
    root = etree.parse(str(path)).getroot()
    file = root.find("x:file", namespaces)
    assert (file.get("source-language"), file.get("target-language")) == ("fr-FR", "en-GB")
    first = file.find("x:body/x:trans-unit", namespaces)
    assert first.get("resname") == "A/74/400:res:IV/op:12:1"
    contexts = {
        c.get("context-type"): c.text for c in first.iterfind("x:context-group/x:context", namespaces)
    }
    assert contexts["x-key"] == "res:IV/op:12" and contexts["x-confidence"] == "0.930"
    assert [note.text for note in first.iterfind("x:note", namespaces)] == ["aligned automatically"]
    states = [
        unit.find("x:target", namespaces).get("state")
        for unit in root.iterfind(".//x:trans-unit", namespaces)
    ]
    approved = [unit.get("approved") for unit in root.iterfind(".//x:trans-unit", namespaces)]
    assert states.count("signed-off") == 1 and approved.count("yes") == 1
    assert set(states) == {"translated", "signed-off"}


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_inline_codes_have_the_same_ids_on_both_sides(tmp_path: Path, version: str) -> None:
    path = tmp_path / "memory.xlf"
    write_xliff(cat_pairs()[4:5], path, xliff_version=version, inline="tags", labels="tag")
    namespace = XLIFF_12 if version == "1.2" else XLIFF_2
    root = etree.parse(str(path)).getroot()
    source, target = (root.find(f".//{{{namespace}}}{side}") for side in ("source", "target"))
    ids = [[code.get("id") for code in side.iter(f"{{{namespace}}}ph")] for side in (source, target)]
    assert ids == [["label", "fn1"], ["label", "fn1"]]
    if version == "1.2":
        assert [code.text for code in source.iter(f"{{{XLIFF_12}}}ph")] == ["12. ", "¹"]
    else:
        data = {item.get("id"): item.text for item in root.iter(f"{{{XLIFF_2}}}data")}
        assert data == {"s-label": "12. ", "s-fn1": "¹", "t-label": "12. ", "t-fn1": "¹"}
    outside_codes = "".join([source.text or "", *(code.tail or "" for code in source)])
    assert outside_codes == "Prie le Secrétaire général de faire rapport."


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    if not SCHEMAS.is_dir():
        pytest.skip(
            f"XLIFF schemas unavailable: {SCHEMAS} not found (apt-get install php-symfony-translation)"
        )

    class Local(etree.Resolver):
        """The schemas import xml.xsd from the web: the copy beside them is used instead."""

        def resolve(self, url, pubid, context):
            if url.endswith("xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return {
        version: etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))
        for version, name in SCHEMA_FILES.items()
    }


@pytest.mark.parametrize("version", ["1.2", "2.0", "2.1"])
@pytest.mark.parametrize("targets", ["translation", "source"])
@pytest.mark.parametrize("codes", [{}, {"inline": "tags", "labels": "tag"}])
def test_every_variant_is_valid_against_the_oasis_schema(tmp_path, schemas, version, targets, codes) -> None:
    path = tmp_path / "memory.xlf"
    pairs = [*cat_pairs(), SegmentPair("Contrôle\x07 & <balise>", "Control & <tag>", key="p:9")]
    report = write_xliff(pairs, path, xliff_version=version, xliff_targets=targets, note="n", **codes)
    assert report.characters_removed == 1
    tree = etree.parse(str(path))
    assert schemas[version].validate(tree), schemas[version].error_log.filter_from_errors()[:3]


def test_a_kit_copies_the_sources_into_the_targets_and_proposes_the_translations(tmp_path: Path) -> None:
    path = tmp_path / "kit.xlf"
    write_xliff(sample_pairs(), path, xliff_targets="source")
    namespaces = {"x": XLIFF_12}
    for unit in etree.parse(str(path)).getroot().iterfind(".//x:trans-unit", namespaces):
        source, target = unit.find("x:source", namespaces), unit.find("x:target", namespaces)
        assert target.text == source.text and target.get("state") == "needs-translation"
        proposal = unit.find("x:alt-trans", namespaces)
        assert proposal.find("x:source", namespaces).text == source.text
        assert proposal.find("x:target", namespaces).text.startswith(("The", "It"))


def test_xliff2_with_nothing_to_write_is_an_error_and_no_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlf"
    with pytest.raises(AlignerError, match="at least one unit"):
        write_xliff([SegmentPair("Seul.", "")], path, xliff_version="2.0")
    assert not path.exists()
    write_xliff([], path)  # 1.2 allows an empty body
    assert etree.parse(str(path)).getroot().find(f"{{{XLIFF_12}}}file/{{{XLIFF_12}}}body") is not None


def test_align_and_export_write_xliff(tmp_path: Path, un_pair: tuple[Path, Path]) -> None:
    links, memory, exported = tmp_path / "links.jsonl", tmp_path / "memory.xlf", tmp_path / "exported.xliff"
    for arguments in (
        ["align", *map(str, un_pair), "-o", str(links)],
        ["align", *map(str, un_pair), "-o", str(memory), "--xliff-version", "2.0"],
        ["export", str(links), "-o", str(exported)],
    ):
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.output
    assert len(read_units(memory, "2.0")) == len(read_units(exported, "1.2")) > 600
    refused = CliRunner().invoke(
        cli, ["align", *map(str, un_pair), "-o", str(tmp_path / "m.tmx"), "--xliff-version", "2.0"]
    )
    assert refused.exit_code != 0 and "--xliff-version does not apply to .tmx files" in refused.output


# --- OmegaT --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def un_segments(un_pair: tuple[Path, Path]) -> list[SegmentPair]:
    return list(bitext_segments(align_files(*un_pair)))


@needs_omegat
def test_omegat_opens_the_kit_and_fills_it_from_the_memory(tmp_path: Path, un_segments) -> None:
    """OmegaT 3.6's XLIFF filter translates the text of <target>: in a kit that is the French,
    so OmegaT's segments are our source units (without sentence segmentation, one a unit);
    with our memory in tm/auto it fills every one and writes the English into the targets."""
    project = make_project(tmp_path / "project", "fr-FR", "en-GB", sentences=False)
    kit = project / "source" / "A74400.xlf"
    report = write_segments(un_segments, kit, xliff_targets="source")
    write_segments(un_segments, project / "tm" / "auto" / "a74400.tmx")
    sources = [unit.source for unit in read_units(kit, "1.2")]
    assert len(sources) == report.units_written > 600
    seen = source_segments(project)  # one per distinct segment, not in document order
    assert sorted(seen) == sorted(set(sources))
    result = translate(project)
    assert (result.total_segments, result.filled) == (len(sources), len(sources)), result.log
    translated = read_units(result.target / kit.name, "1.2")
    assert [unit.source for unit in translated] == sources
    bilingual = tmp_path / "bilingual.xlf"
    write_segments(un_segments, bilingual)
    ours = [unit.target for unit in read_units(bilingual, "1.2")]
    same = sum(mine == theirs.target for mine, theirs in zip(ours, translated, strict=True))
    # A source that occurs twice with two translations gets one of them from OmegaT.
    assert same >= 0.98 * len(ours)


@needs_omegat
def test_omegat_offers_a_bilingual_files_targets_for_translation(tmp_path: Path, un_segments) -> None:
    """Why the kit exists: in the bilingual file (targets are the translations), OmegaT 3.6's
    segments are the English targets."""
    project = make_project(tmp_path / "project", "fr-FR", "en-GB", sentences=False)
    bilingual = project / "source" / "A74400.xlf"
    write_segments(un_segments[:40], bilingual)
    targets = [unit.target for unit in read_units(bilingual, "1.2")]
    assert sorted(source_segments(project)) == sorted(set(targets))
