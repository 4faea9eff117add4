"""Spanish, the proof that adding a language is adding a profile: the Spanish profile alone
makes Spanish documents read, parsed, paired and aligned, with English and with French.

The documents here are written for this test; the official Spanish, English and French
wording of the Sustainable Development Goals and a Spanish/English UN resolution come from
the shared corpora at run time.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from aligner.align.sentences import align_presegmented
from aligner.checks import run_checks
from aligner.model import SegmentPair
from aligner.pipeline import align_documents, bitext_segments, load_document, pair_documents
from aligner.profiles import PROFILES, detect_language, get_profile
from aligner.quantities import numbers

SPANISH = """Naciones Unidas

Asamblea General

Distr. general
12 de diciembre de 2019

Original: inglés

Proyecto de resolución I

Cooperación internacional para el desarrollo sostenible

La Asamblea General,

Recordando su resolución sobre la cooperación internacional, aprobada el 5 de junio de 2015,

Observando con preocupación que 2.225 millones de personas carecen de servicios básicos,

1. Decide establecer un grupo de trabajo de composición abierta encargado de examinar las propuestas de los Estados Miembros;

2. Pide al Secretario General que le presente un informe sobre la aplicación de la presente resolución en su septuagésimo quinto período de sesiones;

3. Invita a los Estados Miembros a destinar el 0,7 % de su ingreso nacional a la asistencia para el desarrollo;

4. Decide seguir examinando la cuestión.
"""  # noqa: E501

ENGLISH = """United Nations

General Assembly

Distr.: General
12 December 2019

Original: English

Draft resolution I

International cooperation for sustainable development

The General Assembly,

Recalling its resolution on international cooperation, adopted on 5 June 2015,

Noting with concern that 2,225 million people lack basic services,

1. Decides to establish an open-ended working group to consider the proposals of Member States;

2. Requests the Secretary-General to submit to it a report on the implementation of the present resolution at its seventy-fifth session;

3. Invites Member States to devote 0.7 per cent of their national income to development assistance;

4. Decides to remain seized of the matter.
"""  # noqa: E501


def test_spanish_is_a_known_language_with_its_regions() -> None:
    assert "es" in PROFILES and get_profile("es-MX").code == "es" and get_profile("es_419").name == "Spanish"
    assert get_profile("es").locale() == "es-ES" and get_profile("es").locale("AR") == "es-AR"


def test_spanish_text_reads_as_spanish_and_french_and_english_stay_themselves() -> None:
    assert detect_language(SPANISH) == "es"
    assert detect_language(ENGLISH) == "en"
    french = "La Commission a examiné le rapport et elle a décidé de le transmettre au Conseil."
    assert detect_language(french) == "fr"


def test_spanish_numbers_and_dates_read_as_the_english_ones() -> None:
    spanish, english = get_profile("es"), get_profile("en")
    assert sorted(numbers("el 5 de junio de 2015, 2.225,5 millones y el 0,7 %", spanish)) == sorted(
        numbers("on 5 June 2015, 2,225.5 million and 0.7 per cent", english)
    )
    assert numbers("el 1.º de enero de 2020", spanish) == numbers("on 1 January 2020", english)


def test_the_numbers_check_finds_a_changed_date_in_spanish() -> None:
    pairs = [
        SegmentPair("Aprobada el 5 de junio de 2015.", "Adopted on 5 June 2015.", "es", "en", tuid="1"),
        SegmentPair("Aprobada el 6 de junio de 2015.", "Adopted on 5 June 2015.", "es", "en", tuid="2"),
    ]
    findings = run_checks(pairs, only=["numbers"], source_lang="es")
    assert [finding.key for finding in findings] == ["2"]


@pytest.fixture(scope="module")
def resolution(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("resolution")
    (folder / "es.txt").write_text(SPANISH, encoding="utf-8")
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    return folder / "es.txt", folder / "en.txt"


def test_a_spanish_resolution_parses_as_its_english_version(resolution: tuple[Path, Path]) -> None:
    spanish, english = (load_document(path) for path in resolution)
    assert spanish.language.code == "es" and english.language.code == "en"
    kinds = [(unit.key, unit.kind) for unit in spanish.units]
    assert kinds == [(unit.key, unit.kind) for unit in english.units]
    assert any(kind == "operative" for _, kind in kinds) and any(kind == "preamble" for _, kind in kinds)


def test_a_spanish_resolution_pairs_with_its_english_version(resolution: tuple[Path, Path]) -> None:
    alignment = pair_documents(*(load_document(path) for path in resolution))
    assert alignment.pairs and all(pair.source and pair.target for pair in alignment.pairs)
    assert alignment.disagreements == []


# --- the official SDG wording ---------------------------------------------------------------


def _entries(path: Path) -> dict[str, str]:
    """``key: text`` lines of the SDG files, a text going on over indented lines."""
    entries: dict[str, str] = {}
    key = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" ") and key:
            entries[key] += " " + line.strip()
        elif ":" in line:
            key, _, text = line.partition(":")
            entries[key] = text.strip()
    return entries


def _order(key: str) -> list[int]:
    return [int(part) if part.isdigit() else 100 + ord(part) for part in key.split("-")]


def sdg_texts(folder: Path, language: str) -> dict[str, str]:
    """Goal, target and indicator number ("1", "1-2", "1-2-1") -> its official text."""
    texts: dict[str, str] = {}
    for part in ("goals", "targets", "indicators"):
        for key, text in _entries(folder / f"global_{part}.{language}.yml").items():
            if key.endswith("-title"):
                texts[key.removesuffix("-title")] = text
    return texts


@pytest.fixture(scope="module")
def sdg(corpora: Path) -> dict[str, dict[str, str]]:
    folder = corpora / "un-sdg"
    return {language: sdg_texts(folder, language) for language in ("es", "en", "fr")}


def test_the_official_spanish_sdg_texts_read_as_spanish(sdg: dict[str, dict[str, str]]) -> None:
    assert len(sdg["es"]) == 17 + 169 + 252
    assert detect_language("\n".join(sdg["es"].values())) == "es"


def sdg_page(folder: Path, language: str, texts: dict[str, str]) -> Path:
    """The texts as a web page lays them out: a heading with an anchor and the number, then
    the text, goals above their targets above their indicators."""
    sections = []
    for key in sorted(texts, key=_order):
        level = 2 + key.count("-")
        number = key.replace("-", ".")
        sections.append(f'<h{level} id="sdg-{key}">{number}</h{level}>\n<p>{html.escape(texts[key])}</p>')
    path = folder / f"{language}.html"
    page = f'<html lang="{language}"><body><main>{"".join(sections)}</main></body></html>'
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize(("source", "target"), [("es", "en"), ("es", "fr"), ("en", "es")])
def test_every_goal_target_and_indicator_pairs_with_its_own(
    sdg: dict[str, dict[str, str]], tmp_path: Path, source: str, target: str
) -> None:
    keys = set(sdg[source]) & set(sdg[target])
    assert len(keys) == 17 + 169 + 252
    documents = [
        load_document(sdg_page(tmp_path / side, side, {key: sdg[side][key] for key in keys}))
        for side in (source, target)
        if (tmp_path / side).mkdir() is None
    ]
    assert [document.language.code for document in documents] == [source, target]
    structure = pair_documents(*documents)
    assert len(structure.paired) == 2 * len(keys) and structure.disagreements == []
    bitext = align_documents(*documents, structure=structure)
    official = {(" ".join(sdg[source][key].split()), " ".join(sdg[target][key].split())) for key in keys}
    linked = {(pair.source, pair.target) for pair in bitext_segments(bitext)}
    assert official <= linked and all(link.kind == "1-1" for link in bitext.links)


@pytest.mark.parametrize(("source", "target"), [("es", "en"), ("es", "fr"), ("fr", "en")])
def test_without_structure_the_aligner_links_nearly_every_entry_to_its_own(
    sdg: dict[str, dict[str, str]], source: str, target: str
) -> None:
    """One entry a line, numbers kept, no structure to lean on: the sentence aligner alone.
    On the same entries French-English links 434 of 438 one to one with their own,
    Spanish-English 437 and Spanish-French 430."""
    keys = sorted(set(sdg[source]) & set(sdg[target]), key=_order)
    lines = {side: [f"{key.replace('-', '.')} {sdg[side][key]}" for key in keys] for side in (source, target)}
    beads = align_presegmented(lines[source], lines[target], source, target)
    right = [bead for bead in beads if len(bead.source) == 1 and bead.source == bead.target]
    assert len(right) >= 0.98 * len(keys), f"{len(right)} of {len(keys)} entries linked to their own"
