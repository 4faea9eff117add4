"""The catalogue of hostile inputs and situations, shared by tests/test_hostile.py (the quick
ones) and scripts/bench_hostile.py (all of them, each in a process of its own, timed and with
its peak memory). Cases register themselves with the ``case`` decorator or ``add``.

A case builds its files in an empty folder and says what must happen: the command succeeds
and every output is valid for its format, or it fails with one line on stderr that starts
with "aligner COMMAND: error:" (never "internal error", never a traceback). In both cases no
input is changed and no partial or temporary output is left behind.

Every text is written here or taken from the project's own sample (corpora/sample); nothing
comes from the shared corpora.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "sample"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FORMULA_STARTS = ("=", "+", "-", "@")
# A cell of a text file that a spreadsheet would run: = or @ first, or a sign before a name,
# a bracket, a pipe or another operator.
SPREADSHEET_RUNS = re.compile(r"[=@]|[+-][A-Za-z(|=@+-]")


@dataclass
class Setup:
    """What to run and what must come of it."""

    args: list[str]
    expect: str = "ok"  # "ok", or "error" (a one-line error)
    message: str = ""  # for "error": a piece of the one line
    outputs: list[Path] = field(default_factory=list)  # valid after "ok", absent after "error"
    env: dict[str, str] = field(default_factory=dict)
    check: Callable[[Path], None] | None = None  # more checks on success, given the folder
    exit_code: int | None = None  # when a non-zero exit is a result (check --fail-on)


@dataclass(frozen=True)
class Case:
    name: str
    family: str
    build: Callable[[Path], Setup]
    long: bool = False  # only in scripts/bench_hostile.py


CASES: list[Case] = []


def case(family: str, name: str | None = None, long: bool = False):
    def register(build: Callable[[Path], Setup]) -> Callable[[Path], Setup]:
        CASES.append(Case(name or build.__name__, family, build, long))
        return build

    return register


def add(family: str, name: str, build: Callable[[Path], Setup], long: bool = False) -> None:
    CASES.append(Case(name, family, build, long))


# --- files ------------------------------------------------------------------------------------


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def sample(language: str) -> str:
    return (SAMPLE / f"{language}.txt").read_text(encoding="utf-8")


def sample_pair(folder: Path, extra: str = "", fr_extra: str | None = None) -> tuple[Path, Path]:
    """The sample in both languages, each with ``extra`` appended as paragraphs of its own."""
    french = sample("fr") + ("\n\n" + (extra if fr_extra is None else fr_extra) if extra or fr_extra else "")
    english = sample("en") + ("\n\n" + extra if extra else "")
    return write(folder, "fr.txt", french), write(folder, "en.txt", english)


def align_args(fr: Path, en: Path, output: Path, *more: str) -> list[str]:
    return ["align", str(fr), str(en), "-o", str(output), "--src-lang", "fr", "--tgt-lang", "en", *more]


def glossary_check_args(folder: Path, glossary: Path) -> tuple[list[str], Path]:
    """``check`` of a few sentence pairs against ``glossary``, and the report it writes."""
    out = folder / "report.csv"
    pairs = pairs_tsv(folder, SENTENCE_ROWS)
    args = ["check", str(pairs), "-o", str(out), "--glossary", str(glossary)]
    return [*args, "--source-lang", "fr", "--target-lang", "en"], out


def sample_memory(folder: Path, name: str = "memory.tmx", units: int = 0) -> Path:
    """A small TMX of our own, written by hand."""
    rows = [
        ("Le Comité a adopté le projet de résolution.", "The Committee adopted the draft resolution."),
        ("La Commission était saisie des documents suivants.", "The Committee had before it the documents."),
        ("Le représentant du Chili a fait une déclaration.", "The representative of Chile made a statement."),
    ]
    rows += [(f"Phrase numéro {k} du texte.", f"Sentence number {k} of the text.") for k in range(units)]
    return write(folder, name, tmx_text(rows))


def tmx_text(rows: list[tuple[str, str]], header: str = "") -> str:
    from xml.sax.saxutils import escape

    units = "".join(
        f'<tu tuid="{n}"><tuv xml:lang="fr"><seg>{escape(a)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(b)}</seg></tuv></tu>'
        for n, (a, b) in enumerate(rows, 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{header}<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" '
        'datatype="plaintext"/>'
        f"<body>{units}</body></tmx>"
    )


def pairs_tsv(folder: Path, rows: list[tuple[str, str]], name: str = "pairs.tsv") -> Path:
    return write(folder, name, "".join(f"{a}\t{b}\n" for a, b in rows))


SENTENCE_ROWS = [
    (
        "Le Comité spécial a examiné le rapport du Secrétaire général.",
        "The Special Committee considered the report of the Secretary-General.",
    ),
    (
        "La Commission a adopté le projet de résolution sans le mettre aux voix.",
        "The Committee adopted the draft resolution without a vote.",
    ),
    (
        "Les États Membres sont invités à renforcer la coopération internationale.",
        "Member States are invited to strengthen international cooperation.",
    ),
    (
        "Le Comité spécial recommande à l'Assemblée générale d'adopter le projet.",
        "The Special Committee recommends the adoption of the draft.",
    ),
] * 3


def docx(document_xml: str, numbering_xml: str | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document_xml)
        if numbering_xml is not None:
            archive.writestr("word/numbering.xml", numbering_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_paragraphs(texts: list[str], numbered: bool = False) -> str:
    number = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    body = "".join(f"<w:p>{number}<w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def numbering(start: str, number_format: str = "upperRoman", ilvl: str = "0") -> str:
    return (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/><w:lvlText w:val="%1."/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


FRENCH_PARAGRAPHS = [
    "La Commission a examiné la question de la gestion durable des ressources en eau.",
    "Elle a adopté le projet de résolution sans le mettre aux voix et sans débat.",
    "Le représentant de la Norvège a fait une déclaration après le vote sur la question.",
]
ENGLISH_PARAGRAPHS = [
    "The Committee considered the question of the sustainable management of water resources.",
    "It adopted the draft resolution without a vote and without a debate on the matter.",
    "The representative of Norway made a statement after the vote on the question.",
]


def pdf(page_streams: list[bytes], extra_objects: list[bytes] | None = None) -> bytes:
    """A small PDF of our own with a text content stream per page (Helvetica)."""
    objects: list[bytes] = []
    count = len(page_streams)
    kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for k, stream in enumerate(page_streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * k} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects += extra_objects or []
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_text(lines: list[str]) -> bytes:
    body = b"BT /F1 11 Tf 72 600 Td 14 TL "
    for line in lines:
        body += b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T* "
    return body + b"ET"


# --- validity of outputs ---------------------------------------------------------------------


def check_output(path: Path) -> None:
    """The output is whole and valid for its format, whatever text went into it."""
    assert path.exists(), f"{path.name} was not written"
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix in (".tmx", ".tbx", ".xml"):
        from lxml import etree

        tree = etree.fromstring(
            data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        )
        if suffix == ".tmx":
            assert tree.tag == "tmx" and tree.find("header") is not None and tree.find("body") is not None
            for unit in tree.iter("tu"):
                assert len(unit.findall("tuv")) == 2
    elif suffix == ".tsv":
        text = data.decode("utf-8-sig")
        lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        width = lines[0].count("\t") if lines else 0
        for line in lines:
            assert "\r" not in line and "\n" not in line and "\x0b" not in line and "\x0c" not in line
            assert line.count("\t") == width, f"a TSV line has {line.count(chr(9))} tabs, the header {width}"
            for cell in line.split("\t"):
                assert not SPREADSHEET_RUNS.match(cell), f"a live formula in {path.name}: {cell[:40]!r}"
    elif suffix == ".jsonl":
        for line in data.decode("utf-8").split("\n"):
            assert "\u2028" not in line and "\u2029" not in line and "\x85" not in line
            if line.strip():
                json.loads(line)
    elif suffix == ".csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), f"a live formula in {path.name}: {cell[:40]!r}"
                assert not any(ord(char) < 32 and char not in "\t\n\r" for char in cell)
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"a formula cell in {path.name}: {cell.value!r}"
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                        # A text cell that Excel would turn into a formula once edited: only
                        # with its quote prefix (shown as text, kept as text when edited).
                        assert cell.quotePrefix, f"{path.name}: {cell.value[:40]!r} without a quote prefix"
    elif suffix in (".html", ".htm"):
        text = data.decode("utf-8")
        assert "</html>" in text.lower()
    else:
        assert data


def leftovers(folder: Path) -> list[Path]:
    """Temporary files of the atomic writer left anywhere under ``folder``."""
    return [path for path in folder.rglob("*.part") if path.is_file()]


def fingerprint(folder: Path, skip: set[Path]) -> dict[str, str]:
    """Digest of every regular file under ``folder`` (except ``skip``), to prove none changed."""
    found = {}
    for path in sorted(folder.rglob("*")):
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            continue
        if path in skip or not stat.S_ISREG(mode):
            continue
        found[str(path)] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return found


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {stderr[:500]!r}"
    line = lines[0]
    assert re.match(r"aligner(?: [a-z]+)?: error: \S", line), line
    assert "internal error" not in line and "Traceback" not in line, line
    return line


def verify(
    setup: Setup, folder: Path, exit_code: int, stderr: str, before: dict[str, str], stdout: str = ""
) -> None:
    """Everything a hostile case promises, after its command ran."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[-800:]
    assert SECRET not in stdout and SECRET not in stderr, "a file named by an entity was read"
    if setup.expect == "error":
        assert exit_code not in (0, None), f"expected an error, got exit {exit_code}: {stderr[-300:]}"
        line = one_line_error(stderr)
        assert any(part.lower() in line.lower() for part in setup.message.split("|")), (
            f"{setup.message!r} not in {line!r}"
        )
        for output in setup.outputs:
            assert not output.exists() or str(output) in before, f"{output.name} written despite the error"
    else:
        expected = setup.exit_code if setup.exit_code is not None else 0
        assert exit_code == expected, f"exit {exit_code}: {stderr[-800:]}"
        for output in setup.outputs:
            check_output(output)
        if setup.check is not None:
            setup.check(folder)
    after = fingerprint(folder, set())
    for name, digest in before.items():
        assert after.get(name) == digest, f"input {Path(name).name} changed or vanished"
    for name in set(after) - set(before):
        assert SECRET.encode() not in Path(name).read_bytes(), (
            f"{Path(name).name} holds a file named by an entity"
        )
    assert not leftovers(folder), f"temporary files left: {leftovers(folder)}"


def prepare(case: Case, folder: Path) -> tuple[Setup, dict[str, str]]:
    setup = case.build(folder)
    return setup, fingerprint(folder, set(setup.outputs))


def run_in_process(case: Case, folder: Path, timeout: float = 120.0) -> None:
    """Run a case through Click's test runner (an alarm stops a hang) and verify it."""
    import signal

    from click.testing import CliRunner

    from aligner.cli import cli

    setup, before = prepare(case, folder)
    saved = dict(os.environ)

    def hang(signum, frame):
        raise TimeoutError(f"{case.name} still running after {timeout:.0f} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        result = CliRunner().invoke(cli, setup.args, env=setup.env, catch_exceptions=True)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        os.environ.clear()
        os.environ.update(saved)
    if isinstance(result.exception, TimeoutError):
        raise result.exception
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{case.name}: {type(result.exception).__name__}: {result.exception}")
    verify(setup, folder, result.exit_code, result.stderr, before, result.stdout)


def command(args: list[str]) -> list[str]:
    return [sys.executable, "-c", "from aligner.cli import main; main()", *args]


# --- processes killed at random moments -------------------------------------------------------


def start(args: list[str]) -> subprocess.Popen:
    """``aligner ARGS`` in a session of its own (its workers in its process group)."""
    return subprocess.Popen(
        command(args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def group_cpu_seconds(group: int) -> float:
    """CPU seconds (user + system) of the live processes of a process group."""
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat_file:
                fields = stat_file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_for_cpu(process: subprocess.Popen, seconds: float, timeout: float = 120.0) -> bool:
    """Let the process and its workers run ``seconds`` of CPU time; False if it ended first."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if group_cpu_seconds(process.pid) >= seconds:
            return True
        time.sleep(0.02)
    return process.poll() is None


def kill_group(process: subprocess.Popen) -> None:
    """kill -9 of the process and of every worker it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


BATCH_PAIRS = ("a", "b", "c", "d")


def batch_corpus(folder: Path, names: tuple[str, ...] = BATCH_PAIRS, copies: int = 1) -> Path:
    """A folder of pairs, each the sample ``copies`` times with a year of its own."""
    corpus = folder / "corpus"
    for number, name in enumerate(names):
        for language in ("fr", "en"):
            text = "\n\n".join([sample(language).replace("2025", str(2040 + number))] * copies)
            write(corpus / name, f"{language}.txt", text)
    return corpus


def batch_args(corpus: Path, out: Path) -> list[str]:
    return ["batch", str(corpus), "-o", str(out), "-j", "2", "--no-progress", "--created", "2024-01-01"]


def batch_outputs(folder: Path) -> dict[str, bytes]:
    """Every output of a batch folder except its logs and its state (which hold timings)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and ".batch" not in path.parts
        and path.name not in ("batch.log", "pair.log", "summary.csv", "summary.parquet")
    }


def killed_batch(
    corpus: Path, out: Path, moments: list[float]
) -> tuple[list[int], subprocess.CompletedProcess]:
    """Run the batch, kill -9 it (and its workers) after each moment of CPU time, resuming it
    each time, then let it finish. Returns, for each run killed, how many outputs the batch
    folder held after the kill, and the last run."""
    killed = []
    for moment in moments:
        process = start(batch_args(corpus, out))
        if wait_for_cpu(process, moment):
            kill_group(process)
            killed.append(len(batch_outputs(out)) if out.exists() else 0)
        else:
            process.communicate(timeout=60)
    final = subprocess.run(command(batch_args(corpus, out)), capture_output=True, text=True, timeout=600)
    return killed, final


def quick_cases() -> list[Case]:
    return [item for item in CASES if not item.long]


def iter_families() -> Iterator[tuple[str, list[Case]]]:
    families: dict[str, list[Case]] = {}
    for item in CASES:
        families.setdefault(item.family, []).append(item)
    yield from families.items()


# === encodings ================================================================================


def _encoded_pair(folder: Path, encoder: Callable[[str], bytes]) -> Setup:
    fr = write(folder, "fr.txt", encoder(sample("fr")))
    en = write(folder, "en.txt", encoder(sample("en")))
    out = folder / "out.tmx"
    return Setup(align_args(fr, en, out), outputs=[out])


for _name, _encoder in {
    "utf8-bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "utf16-le-bom": lambda text: text.encode("utf-16"),
    "utf16-be-bom": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf32-bom": lambda text: text.encode("utf-32"),
    "cp1252": lambda text: (
        text.replace("’", "'").replace("“", '"').replace("”", '"').encode("cp1252", "replace")
    ),
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "cr-only": lambda text: text.replace("\n", "\r").encode(),
    "nfd": lambda text: __import__("unicodedata").normalize("NFD", text).encode(),
    "form-feeds": lambda text: text.replace("\n\n", "\n\f\n", 5).encode(),
    "unicode-line-separators": lambda text: text.replace("\n\n", "\u2028\n\n", 8).encode(),
    "zero-width-and-bidi": lambda text: text.replace(" ", " \u200b", 50).replace(".", ".\u200f", 20).encode(),
    "astral-characters": lambda text: (
        text.replace("eau", "eau 🌊", 10).replace("water", "water 🌊", 10).encode()
    ),
    "controls-in-text": lambda text: text.replace(" ", " \x01", 3).replace("e", "e\x1b", 2).encode(),
}.items():
    add("encodings", f"align-{_name}", lambda folder, encoder=_encoder: _encoded_pair(folder, encoder))


def _refused_document(content: bytes, message: str, name: str = "fr.txt") -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        fr = write(folder, name, content)
        en = write(folder, "en.txt", sample("en"))
        out = folder / "out.tmx"
        return Setup(align_args(fr, en, out), "error", message, [out])

    return build


for _name, _content, _message in (
    ("empty-file", b"", "empty"),
    ("whitespace-only", b" \n\t\n   \n", "empty"),
    ("bom-only", b"\xef\xbb\xbf", "empty"),
    ("nul-bytes", b"Le texte\x00\x00\x00 binaire" * 50, "binary"),
    ("utf16-without-bom", sample("fr").encode("utf-16-le"), "binary"),
    ("bad-utf16-after-bom", b"\xff\xfe" + b"\x00\xd8" * 3, "byte order mark"),
    ("random-binary", bytes(range(256)) * 40, "binary"),
    ("gzip-as-text", gzip.compress(sample("fr").encode()), "binary"),
):
    add("encodings", f"refuse-{_name}", _refused_document(_content, _message))


@case("encodings")
def structure_latin1_fallback(folder: Path) -> Setup:
    path = write(folder, "doc.txt", sample("fr").replace("’", "'").encode("latin-1", "replace"))
    return Setup(["structure", str(path), "--lang", "fr"])


@case("encodings")
def terms_tsv_not_utf8(folder: Path) -> Setup:
    path = write(folder, "pairs.tsv", "Le Comité\tThe Committee\n".encode("utf-16"))
    out = folder / "terms.csv"
    return Setup(["terms", str(path), "-o", str(out)], "error", "not UTF-8", [out])


@case("encodings")
def check_jsonl_lone_surrogates(folder: Path) -> Setup:
    # JSON escapes of lone surrogates: json.loads gives strings UTF-8 cannot encode.
    lines = [f'{{"source": "{a} \\ud800", "target": "{b} \\udc00"}}' for a, b in SENTENCE_ROWS]
    path = write(folder, "pairs.jsonl", "\n".join(lines) + "\n")
    out = folder / "report.csv"
    return Setup(
        ["check", str(path), "-o", str(out), "--source-lang", "fr", "--target-lang", "en"], outputs=[out]
    )


@case("encodings")
def terms_jsonl_lone_surrogates_to_xlsx(folder: Path) -> Setup:
    lines = [f'{{"source": "{a} \\ud83d", "target": "{b}"}}' for a, b in SENTENCE_ROWS]
    path = write(folder, "pairs.jsonl", "\n".join(lines) + "\n")
    out = folder / "terms.xlsx"
    return Setup(
        ["terms", str(path), "-o", str(out), "--source-lang", "fr", "--target-lang", "en"], outputs=[out]
    )


@case("encodings")
def merge_tmx_latin1_declared(folder: Path) -> Setup:
    text = tmx_text([("Le Comité a adopté le texte.", "The Committee adopted the text.")])
    path = write(
        folder, "latin.tmx", text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
    )
    out = folder / "merged.tmx"
    return Setup(["merge", str(path), "-o", str(out)], outputs=[out])


# === regular-expression and size traps through the pipeline =================================


TRAPS: dict[str, str] = {
    "100000-dots": "9. " + "." * 100_000,
    "dot-space-runs": "9. " + ". " * 50_000,
    "abbreviation-runs": "9. " + "M. " * 30_000,
    "initials": "9. " + "A. B. " * 20_000,
    "50000-nested-brackets": "9. " + "(" * 50_000 + ")" * 50_000,
    "open-brackets": "9. " + "[" * 50_000,
    "unclosed-links": "9. " + "[a](" * 30_000,
    "stars": "9. " + "*" * 50_000 + " x",
    "bold-markers": "9. " + "**a " * 30_000,
    "carets": "9. " + "^{" * 30_000,
    "hyphens": "9. " + "-" * 50_000,
    "hyphenated-line-ends": "\n".join(["9. word-"] + ["part-"] * 20_000),
    "superscript-run": "9. Texte" + "¹²" * 20_000 + " fin.",
    "20-digit-footnote-marker": "9. Voir le rapport¹²³⁴⁵⁶⁷⁸⁹⁰¹²³⁴⁵⁶⁷⁸⁹⁰.\n\n¹²³⁴⁵⁶⁷⁸⁹⁰¹²³⁴⁵⁶⁷⁸⁹⁰ Une note.",
    "5000-digit-footnote": "9. Voir" + "¹" * 5000 + ".\n\n" + "¹" * 5000 + " Une note.",
    "5000-digit-number": "9. Le montant est de " + "7" * 5000 + " dollars, soit 1,5 million.",
    "thousands-separators": "9. " + "1 000 " * 10_000 + "et 1,000,000," * 3_000,
    "symbol-runs": "9. A/" + "A/" * 30_000 + "1",
    "slashes-and-dots": "9. " + "A/C.3/" * 20_000,
    "one-long-word": "9. " + "a" * 1_000_000,
    "million-spaces": "9. Début" + " " * 1_000_000 + "fin.",
    "tabs": "9. " + "\t" * 100_000 + "fin.",
    "date-like-runs": "9. " + "12 décembre " * 20_000,
    "roman-numeral-resolution": "Projet de résolution " + "C" * 5000 + "\n\nTexte.",
    "quotes": "9. " + "« " * 30_000 + "fin.",
    "closing-marks": "9. Fin." + ")" * 50_000 + " Suite.",
    "20000-same-label": "\n\n".join(f"5. Paragraphe répété numéro {k}." for k in range(20_000)),
    "50000-heading-lines": "\n\n".join(f"I. Titre semblable {k}" for k in range(50_000)),
    "20000-list-items": "\n\n".join(f"a) élément {k} ;" for k in range(20_000)),
    "20000-footnotes": "\n\n".join(f"¹ Note {k}." for k in range(20_000)),
    "10000-annexes": "\n\n".join(f"Annexe {k % 999 + 1}\n\n1. Texte {k}." for k in range(5_000)),
    "5000-resolutions": "\n\n".join(
        f"Projet de résolution I\n\nL'Assemblée générale,\n\n1. Décide {k} ;" for k in range(2_000)
    ),
    "1-megabyte-line": "9. " + "Une phrase de la ligne. " * 42_000,
    "lowercase-blocks": "\n\n".join(["9. Début"] + ["suite du paragraphe"] * 20_000),
    "unfinished-footnotes": "\n\n".join(f"¹ Note sans fin {k}\n\nTexte du corps {k}" for k in range(10_000)),
}

LONG_TRAPS: dict[str, str] = {
    "20-megabyte-line": "Une phrase de la très longue ligne. " * 560_000,
    "million-short-lines": "".join(f"ligne {k} du texte\n" for k in range(1_000_000)),
}


def _trap_align(text: str) -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        fr, en = sample_pair(folder, text)
        out = folder / "out.tmx"
        return Setup(align_args(fr, en, out, "--force"), outputs=[out])

    return build


def _trap_structure(text: str) -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        path = write(folder, "doc.txt", sample("fr") + "\n\n" + text)
        return Setup(["structure", str(path), "--lang", "fr", "--format", "json"])

    return build


# Traps made of tens of thousands of units: their alignment is linear but takes a while (the
# aligner sees 40,000 units), so it runs in scripts/bench_hostile.py; their structure here.
MANY_UNITS = {
    "20000-same-label",
    "50000-heading-lines",
    "20000-list-items",
    "20000-footnotes",
    "10000-annexes",
    "5000-resolutions",
    "lowercase-blocks",
    "unfinished-footnotes",
    "1-megabyte-line",
}
for _name, _text in TRAPS.items():
    add("redos", f"align-{_name}", _trap_align(_text), long=_name in MANY_UNITS)
    add("redos", f"structure-{_name}", _trap_structure(_text))
for _name, _text in LONG_TRAPS.items():
    add("redos", f"align-{_name}", _trap_align(_text), long=True)
    add("redos", f"structure-{_name}", _trap_structure(_text), long=True)


def _trap_check(text: str) -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        rows = [*SENTENCE_ROWS, (text, text)]
        path = write(
            folder, "pairs.jsonl", "".join(json.dumps({"source": a, "target": b}) + "\n" for a, b in rows)
        )
        out = folder / "report.html"
        return Setup(
            ["check", str(path), "-o", str(out), "--source-lang", "fr", "--target-lang", "en"], outputs=[out]
        )

    return build


def _trap_terms(text: str) -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        rows = [*SENTENCE_ROWS, (text, text)]
        path = write(
            folder, "pairs.jsonl", "".join(json.dumps({"source": a, "target": b}) + "\n" for a, b in rows)
        )
        out = folder / "terms.tbx"
        return Setup(
            ["terms", str(path), "-o", str(out), "--source-lang", "fr", "--target-lang", "en"], outputs=[out]
        )

    return build


for _name in (
    "100000-dots",
    "50000-nested-brackets",
    "5000-digit-number",
    "thousands-separators",
    "superscript-run",
    "symbol-runs",
    "one-long-word",
    "date-like-runs",
    "unclosed-links",
    "carets",
):
    add("redos", f"check-{_name}", _trap_check(TRAPS[_name]))
for _name in ("100000-dots", "50000-nested-brackets", "5000-digit-number", "one-long-word", "quotes"):
    add("redos", f"terms-{_name}", _trap_terms(TRAPS[_name]))


@case("redos")
def presegmented_long_lines(folder: Path) -> Setup:
    fr = write(folder, "fr.sents", "\n".join(a for a, _ in SENTENCE_ROWS) + "\n" + "." * 100_000 + "\n")
    en = write(folder, "en.sents", "\n".join(b for _, b in SENTENCE_ROWS) + "\n" + "(" * 50_000 + "\n")
    out = folder / "out.tmx"
    return Setup(
        ["align", str(fr), str(en), "--presegmented", "-o", str(out), "--src-lang", "fr", "--tgt-lang", "en"],
        outputs=[out],
    )


@case("redos")
def pair_unrelated_documents_forced(folder: Path) -> Setup:
    fr = write(folder, "fr.txt", sample("fr"))
    en = write(
        folder, "en.txt", "\n\n".join(f"{k}. Unrelated paragraph {k} of another text." for k in range(1, 400))
    )
    return Setup(["pair", str(fr), str(en), "--force", "--src-lang", "fr", "--tgt-lang", "en"])


# === XML, HTML, Word and PDF attacks ==========================================================


SECRET = "TOP-SECRET-c41b"


def _xml_refusal(content: str, message: str, name: str = "fr.xml") -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        write(folder, "secret.txt", SECRET)
        fr = write(folder, name, content.replace("SECRET_URI", (folder / "secret.txt").as_uri()))
        en = write(folder, "en.txt", sample("en"))
        out = folder / "out.tmx"
        return Setup(align_args(fr, en, out), "error", message, [out])

    return build


def _lims(doctype: str, body: str = "&x;") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<Statute xml:lang="fr"><Body><Section><Label>1</Label>'
        f"<Text>{body}</Text></Section></Body></Statute>"
    )


LAUGHS = "".join(f'<!ENTITY l{k} "{f"&l{k - 1};" * 10 if k else "lol"}">' for k in range(10))
for _name, _content, _message in (
    ("xxe-file", _lims('<!DOCTYPE Statute [<!ENTITY x SYSTEM "SECRET_URI">]>'), "entities"),
    ("xxe-http", _lims('<!DOCTYPE Statute [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>'), "entities"),
    (
        "parameter-entity",
        _lims('<!DOCTYPE Statute [<!ENTITY % p SYSTEM "SECRET_URI"> %p;]>', "t"),
        "entities",
    ),
    ("billion-laughs", _lims(f"<!DOCTYPE Statute [{LAUGHS}]>", "&l9;"), "entities"),
    (
        "deep-nesting",
        '<?xml version="1.0"?><Statute>' + "<a>" * 100_000 + "</a>" * 100_000 + "</Statute>",
        "",
    ),
    ("malformed", '<?xml version="1.0"?><Statute><Body><Section>', ""),
    ("not-xml", "just some text that is not xml < > &", ""),
):
    add("xml-html-docx-pdf", f"lims-{_name}", _xml_refusal(_content, _message))


def _html_case(content: str, expect: str = "ok", message: str = "") -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        write(folder, "secret.txt", SECRET)
        fr = write(folder, "fr.html", content.replace("SECRET_URI", (folder / "secret.txt").as_uri()))
        return Setup(["structure", str(fr), "--lang", "fr"], expect, message)

    return build


PAGE = "<html lang='fr'><body><h1 id='a'>Titre</h1><p>{}</p></body></html>"
add(
    "xml-html-docx-pdf",
    "html-entity-declaration",
    _html_case('<!DOCTYPE html [<!ENTITY x SYSTEM "SECRET_URI">]>' + PAGE.format("&x; texte")),
)
add(
    "xml-html-docx-pdf",
    "html-deep-nesting",
    _html_case(
        "<html><body>" + "<div>" * 100_000 + "texte" + "</div>" * 100_000 + "</body></html>", "error", ""
    ),
)
add(
    "xml-html-docx-pdf",
    "html-script-only",
    _html_case("<html><body><script>" + "x=1;" * 10_000 + "</script></body></html>", "error", ""),
)
add(
    "xml-html-docx-pdf",
    "html-huge-attribute",
    _html_case(
        f"<html><body><p title='{'x' * 1_000_000}'>Texte du paragraphe.</p><p>Autre.</p><p>Fin.</p>"
        "</body></html>",
        "ok",
    ),
)
add("xml-html-docx-pdf", "html-many-entities", _html_case(PAGE.format("&amp;" * 100_000)))
add("xml-html-docx-pdf", "html-comment-bomb", _html_case(PAGE.format("<!--" + "-" * 100_000 + "-->texte")))


@case("xml-html-docx-pdf")
def html_folder_with_a_pipe(folder: Path) -> Setup:
    chapters = folder / "fr"
    write(chapters, "a.html", PAGE.format("Premier chapitre du texte."))
    os.mkfifo(chapters / "b.html")
    return Setup(["structure", str(chapters), "--lang", "fr"], "error", "named pipe")


@case("xml-html-docx-pdf")
def html_folder_empty(folder: Path) -> Setup:
    (folder / "fr").mkdir()
    return Setup(["structure", str(folder / "fr"), "--lang", "fr"], "error", "no HTML files")


def _docx_case(data: bytes, expect: str = "ok", message: str = "") -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        fr = write(folder, "fr.docx", data)
        en = write(folder, "en.docx", docx(docx_paragraphs(ENGLISH_PARAGRAPHS)))
        out = folder / "out.tmx"
        return Setup(align_args(fr, en, out, "--force"), expect, message, [out])

    return build


BOMB = zlib.compress(b"\0" * 50_000_000, 9)
for _name, _data, _expect, _message in (
    (
        "numbering-at-10-12-in-roman",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS, True), numbering("1000000000000")),
        "ok",
        "",
    ),
    (
        "numbering-5000-digit-start",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS, True), numbering("9" * 5000)),
        "ok",
        "",
    ),
    (
        "numbering-negative-start",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS, True), numbering("-7", "lowerLetter")),
        "ok",
        "",
    ),
    (
        "numbering-letters-at-32767",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS, True), numbering("32767", "lowerLetter")),
        "ok",
        "",
    ),
    (
        "numbering-level-5000-digits",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS, True), numbering("1", ilvl="9" * 5000)),
        "ok",
        "",
    ),
    (
        "numbering-level-superscript",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS, True), numbering("1", ilvl="²")),
        "ok",
        "",
    ),
    (
        "outline-level-huge",
        docx(
            docx_paragraphs(FRENCH_PARAGRAPHS).replace(
                "<w:p>", '<w:p><w:pPr><w:outlineLvl w:val="' + "9" * 5000 + '"/></w:pPr>', 1
            )
        ),
        "ok",
        "",
    ),
    (
        "zip-bomb-member",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS), extra={"word/media/bomb.bin": b"\0" * 50_000_000}),
        "error",
        "zip bomb",
    ),
    ("not-a-zip", b"PK\x03\x04 this is not really a zip archive" * 10, "error", ""),
    (
        "no-document-part",
        docx("", extra={}).replace(b"word/document.xml", b"word/elsewhere.xml"),
        "error",
        "",
    ),
    (
        "xxe-in-document",
        docx(
            f'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]><w:document xmlns:w="{W}">'
            "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
        ),
        "error",
        "entities",
    ),
    (
        "path-traversal-member",
        docx(docx_paragraphs(FRENCH_PARAGRAPHS), extra={"../../evil.txt": b"x"}),
        "error",
        "",
    ),
    ("empty-body", docx(f'<w:document xmlns:w="{W}"><w:body/></w:document>'), "error", ""),
):
    add("xml-html-docx-pdf", f"docx-{_name}", _docx_case(_data, _expect, _message))


def _pdf_case(data: bytes, expect: str, message: str = "") -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        fr = write(folder, "fr.pdf", data)
        return Setup(["structure", str(fr), "--lang", "fr"], expect, message)

    return build


def _page_lines(k: int) -> list[str]:
    """Lines of page k, unlike every other page's (repeated lines are running heads)."""
    return [
        f"{k + 1}. La Commission a examiné la question numéro {k * 37 % 1009} le {k % 28 + 1} mars",
        f"de l'année {1900 + k % 120} et adopté la décision {k * 11 % 997} sans vote, après",
        f"avoir entendu {k % 13 + 2} déclarations sur le point {k * 7 % 89} de son ordre du jour.",
        "",
        f"{k + 1}.{k % 9 + 1} Le texte de la décision {k * 11 % 997} figure à l'annexe {k % 40 + 1}.",
    ]


PDF_LINES = [line for paragraph in FRENCH_PARAGRAPHS for line in (paragraph, "")]
for _name, _data, _expect in (
    ("text-pdf", pdf([pdf_text(PDF_LINES)]), "ok"),
    ("garbage", b"%PDF-1.4\n" + os.urandom(4000), "error"),
    ("truncated", pdf([pdf_text(PDF_LINES)])[:300], "error"),
    ("no-text", pdf([b"0 0 m 100 100 l S"]), "error"),
    (
        "flate-bomb-stream",
        pdf([b""], [b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(BOMB) + BOMB + b"\nendstream"]),
        "error",
    ),
    ("nested-arrays", pdf([pdf_text(PDF_LINES)], [b"[" * 50_000 + b"]" * 50_000]), "ok"),
    ("thousand-pages", pdf([pdf_text(_page_lines(k)) for k in range(1000)]), "ok"),
    ("text-operator-flood", pdf([b"BT /F1 11 Tf 72 740 Td " + b"(a) Tj " * 100_000 + b"ET"]), "ok"),
):
    add("xml-html-docx-pdf", f"pdf-{_name}", _pdf_case(_data, _expect))


# === hostile memories, glossaries, links files and gold files ================================


def _merge_case(
    content: str | bytes, expect: str, message: str = "", name: str = "bad.tmx"
) -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        write(folder, "secret.txt", SECRET)
        good = sample_memory(folder, "good.tmx")
        if isinstance(content, str):
            bad = write(folder, name, content.replace("SECRET_URI", (folder / "secret.txt").as_uri()))
        else:
            bad = write(folder, name, content)
        out = folder / "merged.tmx"
        return Setup(["merge", str(good), str(bad), "-o", str(out)], expect, message, [out])

    return build


_ROW = [("Le texte.", "The text.")]
for _name, _content, _expect, _message in (
    (
        "xxe",
        tmx_text(_ROW, '<!DOCTYPE tmx [<!ENTITY x SYSTEM "SECRET_URI">]>').replace("Le texte.", "&x;"),
        "error",
        "",
    ),
    (
        "billion-laughs",
        tmx_text(_ROW, f"<!DOCTYPE tmx [{LAUGHS}]>").replace("Le texte.", "&l9;"),
        "error",
        "",
    ),
    ("external-dtd", tmx_text(_ROW, '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">'), "ok", ""),
    ("malformed", tmx_text(_ROW)[:-20], "error", "malformed"),
    ("not-tmx-root", '<?xml version="1.0"?><html><body/></html>', "error", ""),
    ("no-units", tmx_text([]), "ok", ""),
    ("empty", "", "error", "empty"),
    (
        "deep-nesting",
        tmx_text([("a", "b")]).replace(
            "<seg>a</seg>", "<seg>" + "<bpt i='1'>" * 5000 + "a" + "</bpt>" * 5000 + "</seg>"
        ),
        "error",
        "",
    ),
    ("control-character-refs", tmx_text(_ROW).replace("Le texte.", "Le &#1; texte &#x1b;."), "error", ""),
    ("huge-segment", tmx_text([("mot " * 500_000, "word " * 500_000)]), "ok", ""),
    ("many-units", tmx_text([(f"Phrase {k}.", f"Sentence {k}.") for k in range(20_000)]), "ok", ""),
    ("binary", os.urandom(5000), "error", ""),
    ("utf16-declared-utf8", tmx_text(_ROW).encode("utf-16"), "ok", ""),
):
    add("memories-links", f"merge-{_name}", _merge_case(_content, _expect, _message))


def _pairs_case(
    command_name: str, name: str, content: str | bytes, expect: str, message: str = "", suffix: str = ".csv"
) -> Callable[[Path], Setup]:
    def build(folder: Path) -> Setup:
        path = write(folder, name, content)
        out = folder / f"{'terms' if command_name == 'terms' else 'report'}{suffix}"
        args = [command_name, str(path), "-o", str(out), "--source-lang", "fr", "--target-lang", "en"]
        return Setup(args, expect, message, [out])

    return build


ROWS_JSONL = "".join(json.dumps({"source": a, "target": b}) + "\n" for a, b in SENTENCE_ROWS)
for _command in ("terms", "check"):
    for _name, _file, _content, _expect, _message in (
        (
            "json-nested-100000",
            "pairs.jsonl",
            ROWS_JSONL + "[" * 100_000 + "]" * 100_000 + "\n",
            "error",
            "JSON",
        ),
        (
            "json-5000-digit-number",
            "pairs.jsonl",
            ROWS_JSONL + '{"source": "a", "target": "b", "confidence": ' + "9" * 5000 + "}\n",
            "error",
            "JSON",
        ),
        ("json-not-object", "pairs.jsonl", ROWS_JSONL + "[1, 2, 3]\n", "error", ""),
        ("json-garbage", "pairs.jsonl", ROWS_JSONL + "{not json\n", "error", "JSON"),
        ("json-numbers-as-texts", "pairs.jsonl", ROWS_JSONL + '{"source": 5, "target": 6}\n', "ok", ""),
        (
            "tsv-field-over-131072",
            "pairs.tsv",
            "".join(f"{a}\t{b}\n" for a, b in SENTENCE_ROWS) + "x" * 200_000 + "\ty\n",
            "ok",
            "",
        ),
        ("tsv-ragged", "pairs.tsv", "a\tb\nc\n", "error", "columns"),
        ("tsv-binary", "pairs.tsv", os.urandom(3000), "error", ""),
        ("tmx-control-refs", "pairs.tmx", tmx_text(_ROW).replace("Le texte.", "&#2;"), "error", ""),
        (
            "links-bad-status",
            "links.jsonl",
            '{"source": "Le texte.", "target": "The text.", "status": "' + "z" * 100 + '"}\n',
            "error",
            "",
        ),
    ):
        add(
            "memories-links", f"{_command}-{_name}", _pairs_case(_command, _file, _content, _expect, _message)
        )


def _formula_rows() -> list[tuple[str, str]]:
    hostile = [
        ('=HYPERLINK("http://x","clic") Comité spécial', '=HYPERLINK("http://x","click") Special Committee'),
        ("\x01=1+1 Comité spécial du texte", "\x01=1+1 Special Committee of the text"),
        ("+cmd|' /C calc'!A0 Comité spécial", "+cmd|' /C calc'!A0 Special Committee"),
        ("@SUM(1) Comité spécial", "@SUM(1) Special Committee"),
        ("\t=1 Comité spécial", "\t=1 Special Committee"),
        ("-2+3 Comité spécial", "-2+3 Special Committee"),
    ]
    return SENTENCE_ROWS + hostile * 2


for _command in ("terms", "check"):
    for _suffix in (".csv", ".xlsx"):
        add(
            "outputs",
            f"{_command}-formulas{_suffix}",
            lambda folder, command_name=_command, suffix=_suffix: _pairs_case(
                command_name,
                "pairs.jsonl",
                "".join(json.dumps({"source": a, "target": b}) + "\n" for a, b in _formula_rows()),
                "ok",
                suffix=suffix,
            )(folder),
        )


@case("outputs")
def check_formulas_html(folder: Path) -> Setup:
    rows = "".join(json.dumps({"source": a, "target": b}) + "\n" for a, b in _formula_rows())
    path = write(
        folder,
        "pairs.jsonl",
        rows + json.dumps({"source": "<script>x</script>\x02", "target": "</td></table>"}) + "\n",
    )
    out = folder / "report.html"
    return Setup(
        ["check", str(path), "-o", str(out), "--source-lang", "fr", "--target-lang", "en"], outputs=[out]
    )


def _hostile_text_pair(folder: Path) -> tuple[Path, Path]:
    nasty = (
        "9. Texte\ravec\tdes\x0bcontrôles\x0c\u2028et\u2029des\x85sauts ; =1+1 \x01=2 « <seg> &amp; ]]> »."
    )
    return sample_pair(folder, nasty, nasty.replace("Texte", "Text"))


for _suffix in (".tmx", ".tsv", ".jsonl", ".xlsx"):
    add(
        "outputs",
        f"align-hostile-text{_suffix}",
        lambda folder, suffix=_suffix: (
            lambda fr_en: Setup(
                align_args(*fr_en, folder / f"out{suffix}", "--force"), outputs=[folder / f"out{suffix}"]
            )
        )(_hostile_text_pair(folder)),
    )


def _formula_text_pair(folder: Path) -> tuple[Path, Path]:
    """The sample with paragraphs that are formulas once a memory's cell holds them alone."""
    formulas = [
        '=HYPERLINK("http://example.org/x","clic")',
        "\x01=1+1",
        "+cmd|' /C calc'!A0",
        "-cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "'=1+1",
    ]
    extra = "\n\n".join(formulas)
    return sample_pair(folder, extra)


for _suffix in (".tsv", ".csv", ".xlsx"):
    if _suffix == ".csv":
        continue  # align writes no CSV; terms and check do (above)
    add(
        "outputs",
        f"align-formula-paragraphs{_suffix}",
        lambda folder, suffix=_suffix: (
            lambda fr_en: Setup(
                align_args(*fr_en, folder / f"out{suffix}", "--force"), outputs=[folder / f"out{suffix}"]
            )
        )(_formula_text_pair(folder)),
    )


def _tsv_round_trip(folder: Path) -> None:
    """The apostrophe before a formula is the TSV's own: read back, the texts are the links'."""
    from aligner.links import read_links

    links = read_links(folder / "links.jsonl", "fr", "en")
    again = read_links(folder / "memory.tsv", "fr", "en")
    texts = {(pair.source, pair.target) for pair in links.pairs}
    assert texts == {(pair.source, pair.target) for pair in again.pairs}
    assert any(pair.source.startswith("=") for pair in again.pairs)


@case("outputs")
def export_tsv_formulas_round_trip(folder: Path) -> Setup:
    rows = [
        {"source": "=1+1", "target": "=1+1", "confidence": 0.9},
        {"source": "'=2+2", "target": "''@SUM(A1)", "confidence": 0.9},
        {"source": "- élément de liste", "target": "- list item", "confidence": 0.9},
        {"source": "-5 % par an", "target": "-5% a year", "confidence": 0.9},
        {"source": "+cmd|' /C calc'!A0", "target": "+cmd|' /C calc'!A0", "confidence": 0.9},
    ]
    write(folder, "links.jsonl", "".join(json.dumps(row) + "\n" for row in rows))
    out = folder / "memory.tsv"
    return Setup(
        [
            "export",
            str(folder / "links.jsonl"),
            "-o",
            str(out),
            "--src-lang",
            "fr",
            "--tgt-lang",
            "en",
            "--keep-identical",
        ],
        outputs=[out],
        check=_tsv_round_trip,
    )


@case("outputs")
def align_tsv_on_stdout_with_hostile_text(folder: Path) -> Setup:
    fr, en = _hostile_text_pair(folder)
    return Setup(
        ["align", str(fr), str(en), "--format", "tsv", "--src-lang", "fr", "--tgt-lang", "en", "--force"]
    )


@case("outputs")
def review_page_with_hostile_text(folder: Path) -> Setup:
    fr, en = _hostile_text_pair(folder)
    out = folder / "review.html"
    return Setup(
        ["review", str(fr), str(en), "-o", str(out), "--src-lang", "fr", "--tgt-lang", "en"], outputs=[out]
    )


@case("outputs")
def export_links_with_hostile_text(folder: Path) -> Setup:
    rows = [
        {
            "source": "Le texte\x01 =1+1 \ud800".replace("\ud800", ""),
            "target": "The text\x02 =1+1",
            "confidence": 0.9,
        },
    ]
    links = write(folder, "links.jsonl", "".join(json.dumps(row) + "\n" for row in rows * 3))
    out = folder / "memory.tsv"
    return Setup(
        ["export", str(links), "-o", str(out), "--src-lang", "fr", "--tgt-lang", "en"], outputs=[out]
    )


@case("outputs")
def output_name_of_250_bytes(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = folder / ("é" * 123 + ".tmx")  # 246 + 4 bytes
    return Setup(align_args(fr, en, out), outputs=[out])


@case("outputs")
def output_name_too_long(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = folder / ("n" * 300 + ".tmx")
    return Setup(align_args(fr, en, out), "error", "", [])


@case("outputs")
def output_in_new_folders(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = folder / "a" / "b" / "c" / "out.jsonl"
    return Setup(align_args(fr, en, out), outputs=[out])


@case("outputs")
def output_under_a_file(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    blocker = write(folder, "blocker", "not a folder")
    out = blocker / "out.tmx"
    return Setup(align_args(fr, en, out), "error", "", [])


@case("outputs")
def output_unknown_extension(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = folder / "out.docx"
    return Setup(align_args(fr, en, out), "error", "extension", [out])


@case("outputs")
def output_replaces_an_old_output(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = write(folder / "out", "memory.tmx", "old content")
    return Setup(align_args(fr, en, out), outputs=[out], check=lambda _: None)


# === file-system traps =========================================================================


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _input_trap(kind: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        if kind == "device":
            return Path("/dev/zero")
        if kind == "fifo":
            return _fifo(folder, "trap.txt")
        if kind == "folder":
            (folder / "trap.tmx").mkdir()
            return folder / "trap.tmx"
        if kind == "missing":
            return folder / "missing.txt"
        if kind == "symlink-loop":
            os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
            os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
            return folder / "loop-a.txt"
        if kind == "dangling-symlink":
            os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
            return folder / "dangling.txt"
        raise ValueError(kind)

    return make


MESSAGES = {
    "device": "device",
    "fifo": "named pipe",
    "folder": "",
    "missing": "no such file|does not exist|not found",
    "symlink-loop": "",
    "dangling-symlink": "no such file",
}


def _command_on(command_name: str, trap: Path, folder: Path) -> tuple[list[str], Path | None]:
    if command_name == "align":
        out = folder / "out.tmx"
        return align_args(trap, write(folder, "en.txt", sample("en")), out), out
    if command_name == "align-target":
        out = folder / "out.tmx"
        return align_args(write(folder, "fr.txt", sample("fr")), trap, out), out
    if command_name == "presegmented":
        out = folder / "out.jsonl"
        return [
            "align",
            str(trap),
            str(write(folder, "en.sents", "A sentence.\n")),
            "--presegmented",
            "-o",
            str(out),
        ], out
    if command_name == "structure":
        return ["structure", str(trap), "--lang", "fr"], None
    if command_name == "pair":
        return ["pair", str(trap), str(write(folder, "en.txt", sample("en"))), "--src-lang", "fr"], None
    if command_name == "merge":
        out = folder / "merged.tmx"
        return ["merge", str(sample_memory(folder)), str(trap), "-o", str(out)], out
    if command_name in ("terms", "check"):
        out = folder / ("terms.csv" if command_name == "terms" else "report.csv")
        return [command_name, str(trap), "-o", str(out)], out
    if command_name == "evaluate":
        return [
            "evaluate",
            "--gold",
            str(trap),
            "--pred",
            str(write(folder, "pred.ladder", "[0]:[0]\n")),
        ], None
    if command_name == "glossary":
        return glossary_check_args(folder, trap)
    if command_name == "dictionary":
        out = folder / "out.tmx"
        fr, en = sample_pair(folder)
        return align_args(fr, en, out, "--dictionary", str(trap)), out
    if command_name == "export":
        out = folder / "memory.tmx"
        return ["export", str(trap), "-o", str(out)], out
    if command_name == "review":
        out = folder / "review.html"
        return ["review", "--links", str(trap), "-o", str(out)], out
    raise ValueError(command_name)


INPUT_COMMANDS = (
    "align",
    "align-target",
    "presegmented",
    "structure",
    "pair",
    "merge",
    "terms",
    "check",
    "evaluate",
    "glossary",
    "dictionary",
    "export",
    "review",
)
for _command in INPUT_COMMANDS:
    for _kind in ("device", "fifo", "folder", "missing"):

        def _build(folder: Path, command_name=_command, kind=_kind) -> Setup:
            args, out = _command_on(command_name, _input_trap(kind)(folder), folder)
            return Setup(args, "error", MESSAGES[kind], [out] if out else [])

        add("file-system", f"{_command}-input-{_kind}", _build)
for _command in ("align", "merge", "terms"):
    for _kind in ("symlink-loop", "dangling-symlink"):

        def _build(folder: Path, command_name=_command, kind=_kind) -> Setup:
            args, out = _command_on(command_name, _input_trap(kind)(folder), folder)
            return Setup(args, "error", MESSAGES[kind], [out] if out else [])

        add("file-system", f"{_command}-input-{_kind}", _build)


def _output_trap(kind: str, folder: Path, inputs: list[Path]) -> Path:
    if kind == "device":
        return Path("/dev/null")
    if kind == "full-device":
        return Path("/dev/full")
    if kind == "fifo":
        return _fifo(folder, "out.tmx")
    if kind == "folder":
        (folder / "out.tmx").mkdir()
        return folder / "out.tmx"
    if kind == "same-file":
        return inputs[0]
    if kind == "hard-link":
        os.link(inputs[0], folder / "link.tmx")
        return folder / "link.tmx"
    if kind == "symbolic-link":
        os.symlink(inputs[-1], folder / "sym.tmx")
        return folder / "sym.tmx"
    raise ValueError(kind)


OUTPUT_MESSAGES = {
    "device": "device",
    "full-device": "device",
    "fifo": "named pipe",
    "folder": "",
    "same-file": "overwrite the input",
    "hard-link": "overwrite the input",
    "symbolic-link": "overwrite the input",
}


def _outputs_for(command_name: str, folder: Path) -> tuple[list[Path], Callable[[Path], list[str]]]:
    if command_name == "align":
        fr, en = sample_pair(folder)
        return [fr, en], lambda out: align_args(fr, en, out)
    if command_name == "merge":
        memory = sample_memory(folder)
        return [memory], lambda out: ["merge", str(memory), "-o", str(out)]
    if command_name in ("terms", "check"):
        pairs = pairs_tsv(folder, SENTENCE_ROWS)
        return [pairs], lambda out: [
            command_name,
            str(pairs),
            "-o",
            str(out),
            "--source-lang",
            "fr",
            "--target-lang",
            "en",
        ]
    if command_name == "review":
        fr, en = sample_pair(folder)
        return [fr, en], lambda out: [
            "review",
            str(fr),
            str(en),
            "-o",
            str(out),
            "--src-lang",
            "fr",
            "--tgt-lang",
            "en",
        ]
    if command_name == "export":
        links = write(
            folder,
            "links.jsonl",
            "".join(json.dumps({"source": a, "target": b}) + "\n" for a, b in SENTENCE_ROWS),
        )
        return [links], lambda out: [
            "export",
            str(links),
            "-o",
            str(out),
            "--src-lang",
            "fr",
            "--tgt-lang",
            "en",
        ]
    raise ValueError(command_name)


for _command in ("align", "merge", "terms", "check", "review", "export"):
    for _kind in ("device", "full-device", "fifo", "folder", "same-file", "hard-link", "symbolic-link"):

        def _build(folder: Path, command_name=_command, kind=_kind) -> Setup:
            inputs, args = _outputs_for(command_name, folder)
            out = _output_trap(kind, folder, inputs)
            return Setup(args(out), "error", OUTPUT_MESSAGES[kind], [])

        add("file-system", f"{_command}-output-{_kind}", _build)


@case("file-system")
def input_over_the_size_limit(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = folder / "out.tmx"
    return Setup(
        align_args(fr, en, out),
        "error",
        "over the input size limit",
        [out],
        env={"ALIGNER_MAX_INPUT_MB": "0.002"},
    )


@case("file-system")
def input_size_limit_option(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = folder / "out.tmx"
    return Setup(
        ["--max-input-mb", "0.002", *align_args(fr, en, out)], "error", "over the input size limit", [out]
    )


@case("file-system")
def input_size_limit_raised(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    out = folder / "out.tmx"
    return Setup(["--max-input-mb", "0.5", *align_args(fr, en, out)], outputs=[out])


@case("file-system")
def input_size_limit_nonsense(folder: Path) -> Setup:
    fr, _ = sample_pair(folder)
    return Setup(["structure", str(fr)], "error", "positive number", env={"ALIGNER_MAX_INPUT_MB": "lots"})


@case("file-system")
def merge_folder_argument(folder: Path) -> Setup:
    (folder / "memories").mkdir()
    out = folder / "merged.tmx"
    return Setup(["merge", str(folder / "memories"), "-o", str(out)], "error", "folder", [out])


@case("file-system")
def terms_folder_argument(folder: Path) -> Setup:
    (folder / "pairs").mkdir()
    out = folder / "terms.csv"
    return Setup(["terms", str(folder / "pairs"), "-o", str(out)], "error", "folder", [out])


@case("file-system")
def check_folder_argument(folder: Path) -> Setup:
    (folder / "pairs").mkdir()
    out = folder / "report.csv"
    return Setup(["check", str(folder / "pairs"), "-o", str(out)], "error", "folder", [out])


@case("file-system")
def binary_dictionary(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    dictionary = write(folder, "fr-en.tsv", os.urandom(4000))
    out = folder / "out.tmx"
    return Setup(align_args(fr, en, out, "--dictionary", str(dictionary)), "error", "not UTF-8", [out])


@case("file-system")
def dictd_bomb(folder: Path) -> Setup:
    fr, en = sample_pair(folder)
    write(folder, "freedict-fra-eng.index", "00databaseinfo\tA\tB\nchat\tA\tB\n")
    write(folder, "freedict-fra-eng.dict.dz", gzip.compress(b"\0" * 30_000_000, 9))
    out = folder / "out.tmx"
    return Setup(
        align_args(fr, en, out, "--dictionary", str(folder / "freedict-fra-eng.index")),
        "error",
        "unpacks to more",
        [out],
        env={"ALIGNER_MAX_INPUT_MB": "10"},
    )


@case("file-system")
def glossary_field_too_long(folder: Path) -> Setup:
    glossary = write(folder, "glossary.csv", 'source,target\n"' + "x" * 200_000 + '",y\n')
    args, out = glossary_check_args(folder, glossary)
    return Setup(args, "error", "glossary", [out])


@case("file-system")
def glossary_tbx_xxe(folder: Path) -> Setup:
    write(folder, "secret.txt", SECRET)
    glossary = write(
        folder,
        "glossary.tbx",
        f'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "{(folder / "secret.txt").as_uri()}">]>'
        '<tbx><text><body><termEntry><langSet xml:lang="fr"><tig><term>&x;</term></tig></langSet>'
        "</termEntry></body></text></tbx>",
    )
    args, out = glossary_check_args(folder, glossary)
    return Setup(args, "error", "entities", [out])


@case("file-system")
def evaluate_5000_digit_index(folder: Path) -> Setup:
    gold = write(folder, "gold.vecalign", "[0]:[0]\n[" + "1" * 5000 + "]:[1]\n")
    pred = write(folder, "pred.ladder", "[0]:[0]:0.9\n")
    return Setup(["evaluate", "--gold", str(gold), "--pred", str(pred)], "error", "too large")


@case("file-system")
def evaluate_json_nested(folder: Path) -> Setup:
    gold = write(folder, "gold.vecalign", "[0]:[0]\n")
    pred = write(folder, "pred.jsonl", '{"source_ids": [0], "target_ids": [0]}\n' + "[" * 100_000 + "\n")
    return Setup(["evaluate", "--gold", str(gold), "--pred", str(pred)], "error", "JSON")


@case("file-system")
def evaluate_ids_not_numbers(folder: Path) -> Setup:
    gold = write(folder, "gold.vecalign", "[0]:[0]\n")
    pred = write(folder, "pred.jsonl", '{"source_ids": ["a"], "target_ids": {"x": 1}}\n')
    return Setup(["evaluate", "--gold", str(gold), "--pred", str(pred)], "error", "sentence numbers")


@case("file-system")
def links_xlsx_not_a_workbook(folder: Path) -> Setup:
    links = write(folder, "sheet.xlsx", b"PK\x03\x04 broken" * 20)
    out = folder / "memory.tmx"
    return Setup(["export", str(links), "-o", str(out)], "error", "", [out])


@case("file-system")
def links_xlsx_zip_bomb(folder: Path) -> Setup:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 300_000_000)
    links = write(folder, "sheet.xlsx", buffer.getvalue())
    out = folder / "memory.tmx"
    return Setup(["export", str(links), "-o", str(out)], "error", "", [out])


# --- batch -----------------------------------------------------------------------------------


def _batch_folder(folder: Path) -> Path:
    corpus = folder / "corpus"
    for name in ("a", "b"):
        write(corpus / name, "fr.txt", sample("fr"))
        write(corpus / name, "en.txt", sample("en"))
    return corpus


def _summary_says(pair_id: str, status: str, reason: str = "") -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        rows = {
            row["id"]: row
            for row in csv.DictReader(
                io.StringIO((folder / "out" / "summary.csv").read_text(encoding="utf-8"))
            )
        }
        row = rows.get(pair_id) or rows.get("'" + pair_id)
        assert row is not None, f"{pair_id} not in the summary: {sorted(rows)}"
        assert row["status"] == status, row
        assert reason.lower() in row["reason"].lower(), row["reason"]

    return check


def _batch_setup(
    folder: Path, corpus: Path, check: Callable[[Path], None], *more: str, exit_code: int = 1
) -> Setup:
    out = folder / "out"
    args = ["batch", str(corpus), "-o", str(out), "-j", "1", "--no-terms", "--no-progress", *more]
    return Setup(args, outputs=[out / "summary.csv"], check=check, exit_code=exit_code)


@case("batch")
def batch_with_a_pipe(folder: Path) -> Setup:
    corpus = _batch_folder(folder)
    (corpus / "c").mkdir()
    write(corpus / "c", "en.txt", sample("en"))
    _fifo(corpus / "c", "fr.txt")
    return _batch_setup(folder, corpus, _summary_says("c", "failed", "named pipe"))


@case("batch")
def batch_manifest_with_a_device(folder: Path) -> Setup:
    corpus = _batch_folder(folder)
    manifest = write(
        folder,
        "manifest.csv",
        f"id,fr,en\nzero,/dev/zero,{corpus / 'a' / 'en.txt'}\n"
        f"ok,{corpus / 'a' / 'fr.txt'},{corpus / 'a' / 'en.txt'}\n",
    )
    return _batch_setup(folder, manifest, _summary_says("zero", "failed", "device"))


@case("batch")
def batch_pair_over_its_time(folder: Path) -> Setup:
    corpus = _batch_folder(folder)
    return _batch_setup(folder, corpus, _summary_says("a", "failed", "time limit"), "--pair-seconds", "0.05")


@case("batch")
def batch_pair_over_its_memory(folder: Path) -> Setup:
    corpus = _batch_folder(folder)
    return _batch_setup(folder, corpus, _summary_says("a", "failed", "memory limit"), "--pair-memory-mb", "1")


@case("batch")
def batch_formula_ids(folder: Path) -> Setup:
    corpus = folder / "corpus"
    for name in ("=1+1", "@SUM(A1)"):
        write(corpus / name, "fr.txt", sample("fr"))
        write(corpus / name, "en.txt", sample("en"))
    return _batch_setup(folder, corpus, _summary_says("=1+1", "ok"), exit_code=0)


@case("batch")
def batch_output_is_a_file(folder: Path) -> Setup:
    corpus = _batch_folder(folder)
    out = write(folder, "out", "a file")
    return Setup(["batch", str(corpus), "-o", str(out), "--no-progress"], "error", "")


@case("batch")
def batch_output_is_a_device(folder: Path) -> Setup:
    corpus = _batch_folder(folder)
    return Setup(["batch", str(corpus), "-o", "/dev/null", "--no-progress"], "error", "")


@case("batch")
def batch_source_is_a_pipe(folder: Path) -> Setup:
    pipe = _fifo(folder, "manifest.csv")
    return Setup(["batch", str(pipe), "-o", str(folder / "out"), "--no-progress"], "error", "named pipe")


@case("batch")
def batch_manifest_binary(folder: Path) -> Setup:
    manifest = write(folder, "manifest.csv", os.urandom(3000))
    return Setup(["batch", str(manifest), "-o", str(folder / "out"), "--no-progress"], "error", "")
