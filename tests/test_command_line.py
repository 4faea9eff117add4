"""One command line (issue 12, point 5): the same option names in every command, every error on
one line, counts written right, a quiet end on a broken pipe, output that survives a console
that is not UTF-8, a gold given the other way round detected, unknown languages refused, and
the API at the package root."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aligner.cli import COMMANDS, cli
from aligner.errors import AlignerError
from aligner.profiles import PROFILES
from aligner.wording import counted, noun_for, number

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "sample"
# The command run as a user runs it, in a process of its own (pipes, console encodings).
COMMAND = [sys.executable, "-c", "from aligner.cli import main; main()"]


def run(*arguments: object):
    return CliRunner().invoke(cli, [str(argument) for argument in arguments])


def run_process(*arguments: object, **environment: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **environment}
    return subprocess.run(
        [*COMMAND, *map(str, arguments)], capture_output=True, env=env, timeout=120, check=False
    )


def command(name: str) -> click.Command:
    found = cli.get_command(click.Context(cli), name)
    assert found is not None, name
    return found


def option(name: str, parameter: str) -> click.Option:
    found = [p for p in command(name).params if p.name == parameter]
    assert found and isinstance(found[0], click.Option), f"aligner {name} has no {parameter}"
    return found[0]


def known_languages() -> str:
    return ", ".join(f"{profile.code} ({profile.name})" for _, profile in sorted(PROFILES.items()))


def write_french(path: Path, paragraphs: int, extra: str = "") -> Path:
    """A French report of numbered paragraphs, written here (never the corpora's text)."""
    lines = ["Assemblée générale", ""]
    for number_ in range(1, paragraphs + 1):
        lines += [
            f"{number_}. Le Comité a examiné le rapport {number_} et a décidé de poursuivre "
            f"ses travaux.{extra}",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# --- the same option names everywhere --------------------------------------------------------

# Commands whose two sides have languages (structure too: its second file).
LANGUAGE_COMMANDS = ["align", "pair", "structure", "review", "terms", "check", "merge", "export", "evaluate"]


@pytest.mark.parametrize("name", LANGUAGE_COMMANDS)
def test_every_command_names_its_languages_alike(name):
    assert option(name, "src_lang").opts == ["--src-lang", "--source-lang"]
    assert option(name, "tgt_lang").opts == ["--tgt-lang", "--target-lang"]


def test_structure_keeps_lang_for_one_file_and_takes_the_pair_names_for_two():
    one = run("structure", SAMPLE / "fr.txt", "--lang", "fr")
    assert one.exit_code == 0 and one.output.startswith(f"# {SAMPLE / 'fr.txt'}: fr, 41 units")
    both = run(
        "structure",
        SAMPLE / "fr.txt",
        SAMPLE / "en.txt",
        "--source-lang",
        "fr",
        "--target-lang",
        "en",
        "--format",
        "json",
    )
    assert both.exit_code == 0, both.output
    payload = json.loads(both.output)
    assert (payload["source"]["language"], payload["target"]["language"]) == ("fr", "en")
    assert len(payload["source"]["units"]) == 41 and len(payload["target"]["units"]) == 40
    wrong = run("structure", SAMPLE / "fr.txt", SAMPLE / "en.txt", "--lang", "fr")
    assert wrong.exit_code == 2 and "--src-lang and --tgt-lang" in wrong.output


def test_the_long_language_names_work_as_the_short_ones():
    short = run(
        "pair",
        SAMPLE / "fr.txt",
        SAMPLE / "en.txt",
        "--src-lang",
        "fr",
        "--tgt-lang",
        "en",
        "--format",
        "tsv",
    )
    long = run(
        "pair",
        SAMPLE / "fr.txt",
        SAMPLE / "en.txt",
        "--source-lang",
        "fr",
        "--target-lang",
        "en",
        "--format",
        "tsv",
    )
    assert short.exit_code == long.exit_code == 0 and short.output == long.output


def test_review_takes_what_align_takes(tmp_path):
    for name in ("presegmented", "src_lang", "tgt_lang", "dictionary", "force"):
        assert option("review", name).opts == option("align", name).opts
    sentences = {}
    for side, lines in (
        ("fr", ["Le Comité se réunit.", "Il adopte le rapport."]),
        ("en", ["The Committee meets.", "It adopts the report."]),
    ):
        sentences[side] = tmp_path / f"{side}.sents"
        sentences[side].write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("review", sentences["fr"], sentences["en"], "--presegmented", "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert "2 links" in result.output and (tmp_path / "r.html").stat().st_size > 0


def test_review_takes_folders_of_html_chapters(tmp_path):
    def chapter(lang: str, title: str, text: str) -> str:
        return f'<html lang="{lang}"><body><h1>{title}</h1><p>{text}</p></body></html>'

    for lang, titles in (
        (
            "fr",
            [
                ("1. Présentation", "Le projet a commencé en 2021 à Genève."),
                ("2. Installation", "Il faut Java 17."),
            ],
        ),
        (
            "en",
            [("1. Overview", "The project started in 2021 in Geneva."), ("2. Setup", "Java 17 is needed.")],
        ),
    ):
        folder = tmp_path / lang
        folder.mkdir()
        for position, (title, text) in enumerate(titles, 1):
            (folder / f"0{position}-{lang}.html").write_text(chapter(lang, title, text), encoding="utf-8")
    result = run("review", tmp_path / "fr", tmp_path / "en", "-o", tmp_path / "review.html")
    assert result.exit_code == 0, result.output
    assert "4 links" in result.output


# --- every error on one line -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_unknown_option_is_one_line_naming_the_command(name):
    result = run(name, "--bogus")
    assert result.exit_code == 2
    assert result.output.endswith("\n") and len(result.output.splitlines()) == 1, result.output
    assert result.output.startswith(f"aligner {name}: error: no such option '--bogus'")


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["align", "x.txt"], "aligner align: error: missing argument 'TARGET'"),
        (
            ["align", "a", "b", "--min-confidence", "3"],
            "aligner align: error: invalid value for '--min-confidence'",
        ),
        (["align", "a", "b", "--src-lang"], "aligner align: error: option '--src-lang' requires an argument"),
        (["terms", "x.tmx"], "aligner terms: error: missing option '-o' / '--output'"),
        (["nothing"], "aligner: error: no such command 'nothing'"),
        (["--bogus"], "aligner: error: no such option '--bogus'"),
    ],
)
def test_usage_errors_are_one_line(tmp_path, arguments, message):
    if arguments[0] == "terms":
        (tmp_path / "x.tmx").write_text("<tmx/>", encoding="utf-8")
        arguments = ["terms", str(tmp_path / "x.tmx")]
    result = run(*arguments)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1, result.output
    assert result.output.startswith(message), result.output


def test_usage_errors_are_one_line_in_a_real_process():
    result = run_process("align", "--bogus")
    assert result.returncode == 2 and result.stdout == b""
    assert (
        result.stderr.decode()
        == "aligner align: error: no such option '--bogus' (see aligner align --help)\n"
    )


@pytest.mark.parametrize(
    "arguments",
    [
        ["terms", "{folder}", "-o", "{out}/t.csv"],
        ["check", "{folder}", "-o", "{out}/r.html"],
        ["merge", "{folder}", "-o", "{out}/m.tmx"],
        ["export", "{folder}", "-o", "{out}/m.tmx"],
        ["evaluate", "--gold", "{folder}", "--pred", "{folder}"],
    ],
)
def test_a_folder_where_a_file_is_wanted_is_one_line(tmp_path, arguments):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "out").mkdir()
    filled = [part.format(folder=tmp_path / "corpus", out=tmp_path / "out") for part in arguments]
    result = run(*filled)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1, result.output
    assert (
        result.output
        == f"aligner {arguments[0]}: error: {tmp_path / 'corpus'}: is a folder, not a regular file\n"
    )
    assert not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--presegmented", "-o", "{out}/links.ladder"], "unknown extension '.ladder'"),
        (["-o", "{out}/links.tsv", "--xliff-version", "2.0"], "--xliff-version does not apply to .tsv"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused_before_aligning(tmp_path, monkeypatch, extra, message):
    # A long alignment must not run to its end to learn that its output was never possible.
    def no_alignment(*arguments, **options):
        raise AssertionError("aligned before the output was checked")

    monkeypatch.setattr("aligner.align.sentences.align_presegmented", no_alignment)
    monkeypatch.setattr("aligner.cli.align.align_files", no_alignment)
    filled = [part.format(out=tmp_path) for part in extra]
    result = run("align", SAMPLE / "fr.txt", SAMPLE / "en.txt", *filled)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1, result.output
    assert message in result.output
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "arguments",
    [
        ["structure", "{bare}"],
        ["align", SAMPLE / "fr.txt", SAMPLE / "en.txt", "-o", "{out}/memory"],
    ],
)
def test_a_file_name_without_an_extension_is_told_so(tmp_path, arguments):
    bare = tmp_path / "document"
    bare.write_text("Un paragraphe.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    filled = [str(part).format(bare=bare, out=tmp_path / "out") for part in arguments]
    result = run(*filled)
    assert result.exit_code != 0 and len(result.output.splitlines()) == 1, result.output
    assert "the file name has no extension to tell" in result.output
    assert not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    "registry", ["aligner.terms.writers:TERM_WRITERS", "aligner.checks.report:REPORT_WRITERS"]
)
def test_every_format_registry_says_when_a_name_has_no_extension(registry):
    module, name = registry.split(":")
    formats = getattr(importlib.import_module(module), name)
    with pytest.raises(AlignerError, match="the file name has no extension to tell the format"):
        formats.get("", "out/terms")
    with pytest.raises(AlignerError, match=r"unknown .* format '\.rtf'"):
        formats.get(".rtf", "out/terms.rtf")


def test_an_error_of_the_library_names_its_command(tmp_path):
    result = run("pair", SAMPLE / "fr.txt", SAMPLE / "fr.txt")
    assert result.exit_code == 3 and result.output.startswith("aligner pair: error: both files are in French")


def test_aligner_alone_shows_its_help():
    result = run()
    assert result.exit_code == 0 and result.output.startswith("Usage: aligner [OPTIONS] COMMAND")


# --- counts written right ------------------------------------------------------------------


def test_counted_nouns_and_numbers():
    assert counted(1, "disagreement") == "1 disagreement"
    assert counted(0, "disagreement") == "0 disagreements"
    assert counted(12_345, "unit") == "12,345 units"
    assert counted(2, "entry") == "2 entries" and counted(2, "day") == "2 days"
    assert counted(3, "match") == "3 matches" and counted(1, "memory") == "1 memory"
    assert counted(2, "pair with a gap", "pairs with a gap") == "2 pairs with a gap"
    assert (
        noun_for(1, "unknown check") == "unknown check" and noun_for(2, "unknown check") == "unknown checks"
    )
    assert number(1_234_567) == "1,234,567" and number(0.5) == "0.5"


def test_the_summaries_say_what_they_count_once(tmp_path):
    paired = run("pair", SAMPLE / "fr.txt", SAMPLE / "en.txt")
    assert re.search(r"\b1 disagreement\n", paired.output), paired.output[-300:]
    aligned = run("align", SAMPLE / "fr.txt", SAMPLE / "en.txt", "-o", tmp_path / "m.tmx")
    assert aligned.exit_code == 0
    assert re.search(rf"wrote \d+ units to {re.escape(str(tmp_path / 'm.tmx'))}", aligned.output)
    assert "written to" not in aligned.output
    structure = run("structure", SAMPLE / "fr.txt")
    assert structure.output.splitlines()[0].endswith("fr, 41 units")


# A count put straight before one of these nouns must go through aligner.wording.counted:
# "{len(links)} links" reads "1 links" when there is one. ("{a} and {b} lines" is fine.)
_COUNTED_NOUNS = (
    "units|links|pairs|disagreements|findings|segments|files|sentences|footnotes|memories|"
    "duplicates|occurrences|characters|entries|lines|terms|pages|cells|paragraphs|documents|bytes"
)
_COUNT_WORDS = "count|total|written|_read|removed|skipped|dropped|joined|_freq|cooccurrences"
_COUNT = rf"len\([^{{}}]*\)|[\w.]*(?:{_COUNT_WORDS})[\w.\[\]'\"]*"
_UNCOUNTED = re.compile(rf"(?<!and )\{{(?:{_COUNT})(?::,)?\}} (?:{_COUNTED_NOUNS})\b|\w\(s\)")


def test_messages_count_their_nouns_with_the_helper():
    offenders = []
    for path in sorted((REPO / "aligner").rglob("*.py")):
        for number_, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bf[\"']", line) and _UNCOUNTED.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number_}: {line.strip()}")
    assert not offenders, "use aligner.wording.counted for these counts:\n" + "\n".join(offenders)


# --- a quiet end on a broken pipe ------------------------------------------------------------


def test_a_pipe_closed_by_head_ends_quietly(tmp_path):
    document = write_french(tmp_path / "fr.txt", 1500)  # far more output than a pipe holds
    command = " ".join(map(repr, COMMAND))
    script = f'{command} structure {document} --format json | head -1; echo "status ${{PIPESTATUS[0]}}"'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout == "{\nstatus 141\n", result.stdout
    assert result.stderr == ""


def test_a_pipe_closed_before_anything_is_read_ends_quietly():
    process = subprocess.Popen(
        [*COMMAND, "align", SAMPLE / "fr.txt", SAMPLE / "en.txt"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # every write of the command now meets a broken pipe
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 141
    assert errors == b""


@pytest.mark.parametrize("arguments", [["--help"], ["--version"], ["align", "--help"]])
def test_help_to_a_closed_pipe_ends_quietly(arguments):
    process = subprocess.Popen([*COMMAND, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    _, errors = process.communicate(timeout=60)
    assert (process.returncode, errors) == (141, b"")


def test_an_error_to_a_closed_stderr_keeps_its_status():
    process = subprocess.Popen([*COMMAND, "align", "--bogus"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stderr.close()
    process.communicate(timeout=60)
    assert process.returncode == 2


# --- a console that is not UTF-8 -----------------------------------------------------------

UNSHOWABLE = " → ≤ Łódź"  # none of these is in cp1252


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_text_output_replaces_what_the_console_cannot_show(tmp_path, encoding):
    document = write_french(tmp_path / "fr.txt", 3, UNSHOWABLE)
    result = run_process("structure", document, "--lang", "fr", PYTHONIOENCODING=encoding)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b"" and b"Comit" in result.stdout
    result.stdout.decode(encoding)  # what was written is the console's encoding, with replacements


def test_json_output_on_a_cp1252_console_escapes_and_loses_nothing(tmp_path):
    document = write_french(tmp_path / "fr.txt", 3, UNSHOWABLE)
    english = tmp_path / "en.txt"
    english.write_text(
        "\n\n".join(
            ["General Assembly"]
            + [
                f"{n}. The Committee considered report {n} and decided to continue its work.{UNSHOWABLE}"
                for n in (1, 2, 3)
            ]
        ),
        encoding="utf-8",
    )
    structure = run_process("structure", document, "--format", "json", PYTHONIOENCODING="cp1252")
    assert structure.returncode == 0, structure.stderr
    units = json.loads(structure.stdout.decode("cp1252"))["units"]
    assert any(unit["text"].endswith(UNSHOWABLE) for unit in units)
    links = run_process("align", document, english, PYTHONIOENCODING="cp1252")
    assert links.returncode == 0, links.stderr
    records = [json.loads(line) for line in links.stdout.decode("ascii").splitlines()]
    assert any(record.get("source", "").endswith(UNSHOWABLE) for record in records[1:])


def test_errors_on_a_cp1252_console_are_one_line_with_replacements(tmp_path):
    result = run_process("structure", tmp_path / "Łódź.txt", PYTHONIOENCODING="cp1252")
    assert result.returncode == 2
    message = result.stderr.decode("cp1252")  # stderr escapes what cp1252 lacks (\\u0141)
    assert len(message.splitlines()) == 1 and message.startswith("aligner structure: error: ")
    assert message.endswith("d\\u017a.txt: no such file\n"), message


def test_the_c_locale_works(tmp_path):
    document = write_french(tmp_path / "fr.txt", 3, UNSHOWABLE)
    result = run_process(
        "structure", document, "--lang", "fr", LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONIOENCODING=""
    )
    assert result.returncode == 0 and result.stderr == b"", result.stderr


# --- unknown languages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ["align", SAMPLE / "fr.txt", SAMPLE / "en.txt", "--src-lang", "xx"],
        ["pair", SAMPLE / "fr.txt", SAMPLE / "en.txt", "--target-lang", "xx-YY"],
        ["structure", SAMPLE / "fr.txt", "--lang", "xx"],
        ["terms", SAMPLE / "fr.txt", "-o", "t.csv", "--src-lang", "xx"],
        ["evaluate", "--gold", SAMPLE / "fr.txt", "--pred", SAMPLE / "fr.txt", "--tgt-lang", "xx"],
    ],
)
def test_an_unknown_language_is_refused_with_the_known_ones(arguments):
    result = run(*arguments)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1, result.output
    assert "no language profile for 'xx" in result.output
    assert f"(known languages: {known_languages()})" in result.output


def test_a_language_code_must_look_like_one():
    result = run("structure", SAMPLE / "fr.txt", "--lang", "français!")
    assert result.exit_code == 2 and "is not a language code" in result.output


def test_a_region_is_kept_for_the_memory(tmp_path):
    result = run(
        "align",
        SAMPLE / "fr.txt",
        SAMPLE / "en.txt",
        "-o",
        tmp_path / "m.tmx",
        "--src-lang",
        "fr_CA",
        "--tgt-lang",
        "en-CA",
    )
    assert result.exit_code == 0, result.output
    memory = (tmp_path / "m.tmx").read_text(encoding="utf-8")
    assert 'xml:lang="fr-CA"' in memory and 'xml:lang="en-CA"' in memory


# --- a gold the other way round ------------------------------------------------------------


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_gold_the_other_way_round_is_detected_by_its_sizes(tmp_path):
    # Five source sentences against four target ones: the gold is written [target]:[source].
    beads = [([0], [0]), ([1, 2], [1]), ([3], [2]), ([4], [3])]
    prediction = write_lines(tmp_path / "pred.ladder", [f"{s}:{t}:0.9" for s, t in beads])
    gold = write_lines(tmp_path / "gold.vecalign", [f"{t}:{s}" for s, t in beads])
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold), "--pred", str(prediction)])
    assert result.exit_code == 0, result.output
    assert "F1           1.000   1.000" in result.stdout
    notes = result.stderr.splitlines()
    assert len(notes) == 1 and notes[0].startswith(f"note: {gold} looks the other way round")
    assert "sides cover 4 and 5 sentences, the prediction's 5 and 4" in notes[0]
    as_given = CliRunner().invoke(
        cli, ["evaluate", "--gold", str(gold), "--pred", str(prediction), "--no-swap"]
    )
    assert "F1           1.000" not in as_given.stdout
    assert "fits" in as_given.stderr and "better the other way round" in as_given.stderr


def test_a_gold_the_other_way_round_is_detected_by_its_fit(tmp_path):
    # As many sentences on both sides (1-2 and 2-1 beads in turn), the gold written the other
    # way round: the sizes cannot tell, the fit does.
    beads = []
    for start in range(0, 30, 3):
        beads += [([start], [start, start + 1]), ([start + 1, start + 2], [start + 2])]
    prediction = write_lines(tmp_path / "pred.ladder", [f"{s}:{t}" for s, t in beads])
    gold = write_lines(tmp_path / "gold.vecalign", [f"{t}:{s}" for s, t in beads])
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold), "--pred", str(prediction)])
    assert result.exit_code == 0 and "F1           1.000   1.000" in result.stdout
    assert "(strict F1 0.000 as given, 1.000 the other way round)" in result.stderr


def test_a_gold_the_right_way_round_is_scored_as_given(tmp_path):
    beads = [([0], [0]), ([1, 2], [1]), ([3], [2])]
    prediction = write_lines(tmp_path / "pred.ladder", [f"{s}:{t}" for s, t in beads])
    gold = write_lines(tmp_path / "gold.vecalign", [f"{s}:{t}" for s, t in beads])
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold), "--pred", str(prediction)])
    assert result.exit_code == 0 and result.stderr == "" and "F1           1.000   1.000" in result.stdout


def test_a_transread_gold_is_read_the_right_way_round(corpora, tmp_path):
    book = corpora / "transread" / "Emma"
    links = run("align", book / "fr.sents", book / "en.sents", "--presegmented", "--format", "ladder")
    prediction = write_lines(tmp_path / "emma.ladder", links.stdout.splitlines())
    detected = CliRunner().invoke(
        cli, ["evaluate", "--gold", str(book / "gold.vecalign"), "--pred", str(prediction)]
    )
    swapped = CliRunner().invoke(
        cli, ["evaluate", "--gold", str(book / "gold.vecalign"), "--pred", str(prediction), "--swap"]
    )
    assert detected.stdout == swapped.stdout and "looks the other way round" in detected.stderr
    f1_strict = float(detected.stdout.split("F1")[1].split()[0])
    assert f1_strict > 0.5


# --- the API at the package root -------------------------------------------------------------


def test_the_api_is_at_the_package_root(tmp_path):
    import aligner
    from aligner import align_files, bitext_segments, load_document, write_segments

    expected = {
        "align_files",
        "load_document",
        "load_pair",
        "pair_documents",
        "align_documents",
        "bitext_segments",
        "paragraph_segments",
        "write_segments",
        "read_links",
        "Document",
        "Unit",
        "Bitext",
        "SegmentPair",
        "StructuralAlignment",
        "UnitPair",
        "AlignerError",
        "InputError",
        "__version__",
    }
    assert expected <= set(aligner.__all__)
    for name in aligner.__all__:
        assert getattr(aligner, name) is not None, name
    assert load_document(SAMPLE / "fr.txt").language.code == "fr"
    bitext = align_files(SAMPLE / "fr.txt", SAMPLE / "en.txt")
    report = write_segments(bitext_segments(bitext), tmp_path / "m.tsv")
    assert report.units_written >= 40
    with pytest.raises(AttributeError):
        aligner.no_such_name  # noqa: B018


def test_the_package_is_typed_and_its_root_imports_nothing_heavy():
    assert (REPO / "aligner" / "py.typed").is_file()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'aligner = \[[^\]]*"py\.typed"', pyproject)
    probe = "import sys, aligner; print(sorted(m for m in sys.modules if m.startswith('aligner')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['aligner']"
