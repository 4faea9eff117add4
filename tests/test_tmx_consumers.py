"""Our TMX files in the hands of real consumers: translate-toolkit's TMX storage and its
``pretranslate`` tool, and OmegaT 3.6 in headless console mode.

OmegaT comes from Debian: ``apt-get install -y --no-install-recommends omegat default-jre-headless``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from omegat_support import gold_paragraphs, gold_sentences, make_project, missing_reason, translate
from tmx_support import XML_LANG

from aligner.model import SegmentPair
from aligner.pipeline import align_files, bitext_segments
from aligner.writers import write_segments
from aligner.writers.tmx import write_tmx

tmx_storage = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit is not installed")
po_storage = pytest.importorskip("translate.storage.po", reason="translate-toolkit is not installed")

MEMORY = [
    SegmentPair(
        "Le Conseil de sécurité décide de proroger le mandat.",
        "The Security Council decides to extend the mandate.",
        key="res:IV/op:1",
        document="S/RES/2500",
    ),
    SegmentPair(
        "L'Assemblée prend note du rapport « A/74/400 » & de ses annexes.",
        'The Assembly takes note of report "A/74/400" & its annexes.',
        key="res:IV/op:2",
        document="S/RES/2500",
    ),
    SegmentPair(
        "Il affirme que 3 < 4 et que la paix 🕊 prévaut.",
        "It affirms that 3 < 4 and that peace 🕊 prevails.",
        key="res:IV/op:3",
        document="S/RES/2500",
    ),
    SegmentPair(
        "Le texte arabe ‏مرحبا‏ est cité.",
        "The Arabic text ‏مرحبا‏ is quoted.",
        key="res:IV/op:4",
        document="S/RES/2500",
    ),
]
UNKNOWN = "Cette phrase ne figure pas dans la mémoire."


# --- translate-toolkit ------------------------------------------------------------------------


@pytest.mark.parametrize("inline", ["text", "tags"])
def test_translate_toolkit_reads_every_unit_back(tmp_path: Path, inline: str) -> None:
    path = tmp_path / "memory.tmx"
    footnoted = SegmentPair("Le Conseil¹ décide.", "The Council¹ decides.", key="op:5", document="S/RES/2500")
    pairs = [*MEMORY, footnoted]
    write_tmx(pairs, path, inline=inline)
    store = tmx_storage.tmxfile.parsefile(str(path))
    assert store.sourcelanguage == "fr-FR"
    assert [(unit.source, unit.target) for unit in store.units] == [(p.source, p.target) for p in pairs]
    for unit in store.units:
        assert [node.get(XML_LANG) for node in unit.getlanguageNodes()] == ["fr-FR", "en-GB"]
    assert store.units[0].getid() == "S/RES/2500:res:IV/op:1:1"


def po_file(path: Path, sources: list[str]) -> Path:
    store = po_storage.pofile()
    for source in sources:
        store.addsourceunit(source)
    path.write_bytes(bytes(store))
    return path


def test_pretranslate_fills_a_po_file_from_the_memory(tmp_path: Path) -> None:
    """translate-toolkit's ``pretranslate --tm`` takes a TMX file directly. Without a template
    (``-t``) it fails in 3.20 (it looks units up in a missing template store), so the empty
    catalogue is given as its own template: units without a translation there fall through to
    the memory."""
    memory = tmp_path / "memory.tmx"
    write_tmx(MEMORY, memory)
    sources = [pair.source for pair in MEMORY] + [UNKNOWN]
    template = po_file(tmp_path / "template.pot", sources)
    catalogue = po_file(tmp_path / "catalogue.po", sources)
    output = tmp_path / "pretranslated.po"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "translate.tools.pretranslate",
            "-t",
            str(template),
            "-i",
            str(catalogue),
            "-o",
            str(output),
            "--tm",
            str(memory),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    translated = {
        unit.source: unit.target for unit in po_storage.pofile.parsefile(str(output)).units if unit.source
    }
    assert translated == {**{pair.source: pair.target for pair in MEMORY}, UNKNOWN: ""}


# --- OmegaT -----------------------------------------------------------------------------------


def omegat_project(folder: Path, source_lang: str, target_lang: str, sources: list[str]) -> Path:
    """An OmegaT project (no sentence segmentation) whose only document has one paragraph (one
    segment) per source."""
    make_project(folder, source_lang, target_lang, sentences=False)
    (folder / "source" / "document.txt").write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    return folder


needs_omegat = pytest.mark.skipif(missing_reason() is not None, reason=str(missing_reason()))


@needs_omegat
def test_omegat_fills_a_document_from_our_memories(tmp_path: Path) -> None:
    """OmegaT 3.6 console mode (``--mode=console-translate``) loads the project, inserts the
    100% matches of every TMX in ``tm/auto`` as translations (``ImportFromAutoTMX``, run when
    the project loads; tm/enforce or project_save.tmx are not needed) and writes ``target/``.

    The project is French (Canada) -> English (Canada), as for a Canadian act, and the memories
    carry our default fr-FR/en-GB codes and bare fr/en codes: OmegaT matches on the language
    when the region differs (it logs a warning and loads the file). OmegaT exits 0 even when it
    cannot load a file, so the test judges by the translated document, not the exit code.
    """
    sources = [pair.source for pair in MEMORY] + [UNKNOWN]
    project = omegat_project(tmp_path / "project", "fr-CA", "en-CA", sources)
    write_tmx(MEMORY[:3], project / "tm" / "auto" / "regional.tmx")
    write_tmx(MEMORY[3:], project / "tm" / "auto" / "bare.tmx", source_lang="fr", target_lang="en")
    result = translate(project)
    translated = result.target / "document.txt"
    assert translated.is_file(), result.log
    paragraphs = [
        block.strip() for block in translated.read_text(encoding="utf-8").split("\n\n") if block.strip()
    ]
    assert paragraphs == [pair.target for pair in MEMORY] + [UNKNOWN], result.log


@needs_omegat
def test_omegat_fills_nine_segments_in_ten_of_the_clean_un_report(tmp_path: Path, corpora: Path) -> None:
    """The translator's case: the clean French A/74/400 (the gold's French sentences joined
    into their paragraphs, markup removed) in a new OmegaT project, which segments sentences
    with OmegaT's own rules, and our memory of the report in tm/auto. OmegaT must fill at
    least 90% of its segments, and the translated file must hold the English of nine gold
    sentences in ten while hardly any French is left."""
    folder = corpora / "un-a74400"
    gold = folder / "gold.jsonl"
    project = make_project(tmp_path / "project", "fr-FR", "en-GB")
    source = project / "source" / "A74400.txt"
    source.write_text("\n\n".join(gold_paragraphs(gold, "fr")) + "\n", encoding="utf-8")
    bitext = align_files(folder / "fr.txt", folder / "en.txt")
    write_segments(bitext_segments(bitext), project / "tm" / "auto" / "a74400.tmx")
    result = translate(project)
    assert result.total_segments > len(gold_paragraphs(gold, "fr")), "OmegaT did not segment sentences"
    assert result.share >= 0.90, f"{result.filled}/{result.total_segments} segments filled\n{result.log}"
    translated = (result.target / source.name).read_text(encoding="utf-8")
    english, french = gold_sentences(gold, "en"), gold_sentences(gold, "fr")
    assert sum(sentence in translated for sentence in english) >= 0.90 * len(english)
    assert sum(sentence in translated for sentence in french) <= 0.10 * len(french)
