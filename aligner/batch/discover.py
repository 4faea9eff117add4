"""Which document pairs a batch holds: from a CSV manifest, or from folders by naming convention.

A batch aligns documents of two languages, French to English unless it is told otherwise
(``discover(..., languages=("es", "en"))``); files in other languages are not looked at.
Conventions, tried in this order for each file under a folder (language folders such as
``fr``/``en`` anywhere in the path are left out of the id, so they combine with the others):

* corpora layout  ``<id>/fr.txt`` + ``<id>/en.xml``      (the file stem is the language)
* infix           ``<id>.fr.txt`` + ``<id>.en.txt``
* UN symbol       ``A_74_400_F.docx`` + ``A_74_400_E.docx`` (the language's UN letter)
* language folders ``fr/<id>.html`` + ``en/<id>.html``

A manifest is a CSV file of ``id, source path, target path`` rows (an optional header row
starts with ``id``); relative paths are read from the manifest's folder. Files that find no
partner, ids with two files in one language, and bad manifest rows are reported as
``Unpaired`` with a one-line reason, never dropped in silence.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import AlignerError
from ..files import check_input, read_input
from ..profiles import DEFAULT_PAIR, Language, get_profile
from ..readers import READERS

UN_SYMBOL = re.compile(r"^(?P<id>.+)_(?P<letter>[A-Z])$")
# What a folder may hold besides documents: these never count as unpaired documents.
DOCUMENT_SUFFIXES = frozenset(READERS) | {".docx", ".pdf", ".doc", ".rtf", ".odt"}
UNSAFE_ID_PART = re.compile(r"^\.{1,2}$|[\x00-\x1f\\]")
# A batch's two languages, source then target.
Languages = tuple[Language, Language]


@dataclass(frozen=True, slots=True)
class PairSpec:
    """One document pair to align, and its languages (source, target). ``declared`` says the
    languages come from a manifest (they are trusted); otherwise they come from file names
    and are checked against the text."""

    id: str
    source: Path
    target: Path
    languages: Languages = DEFAULT_PAIR
    declared: bool = False


@dataclass(frozen=True, slots=True)
class Unpaired:
    """An id that gives no pair, with the files involved and why."""

    id: str
    paths: tuple[Path, ...]
    reason: str


@dataclass(slots=True)
class Discovery:
    """What a look at the sources found: the pairs, the ids that give no pair (with why),
    and the files that follow no naming convention."""

    pairs: list[PairSpec] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NamedFile:
    """A file whose name says which document and which language it is."""

    id: str
    language: Language
    path: Path


def discover(
    sources: Sequence[str | Path],
    exclude: Path | None = None,
    languages: Sequence[Language | str] = DEFAULT_PAIR,
) -> Discovery:
    """Pairs of the two ``languages`` (source, target: ``Language`` objects or their codes)
    from every source (manifest file or folder), sorted by id; an id given twice keeps its
    first pair and reports the others. Files under ``exclude`` (the batch's own output
    folder, when it sits inside a source) are not looked at."""
    source_language, target_language = languages
    pair_languages = get_profile(source_language), get_profile(target_language)
    found = Discovery()
    for source in map(Path, sources):
        if not source.exists():
            raise AlignerError(f"{source}: no such file or folder")
        if not source.is_dir():
            check_input(source)  # a manifest: a regular file (not a device or a pipe) of bounded size
        part = (
            read_manifest(source, pair_languages)
            if source.is_file()
            else scan_folder(source, exclude, pair_languages)
        )
        found.pairs += part.pairs
        found.unpaired += part.unpaired
        found.ignored += part.ignored
    return without_repeated_ids(found)


def without_repeated_ids(found: Discovery) -> Discovery:
    """One pair per id (the first found; the others are unpaired, with the reason), sorted
    by id."""
    first_source: dict[str, PairSpec] = {}
    result = Discovery(unpaired=list(found.unpaired), ignored=found.ignored)
    for pair in found.pairs:
        if pair.id in first_source:
            earlier = first_source[pair.id]
            reason = f"id {pair.id!r} is already used by {earlier.source} / {earlier.target}"
            result.unpaired.append(Unpaired(pair.id, (pair.source, pair.target), reason))
            continue
        first_source[pair.id] = pair
        result.pairs.append(pair)
    result.pairs.sort(key=lambda pair: pair.id)
    result.unpaired.sort(key=lambda unpaired: unpaired.id)
    return result


# --- manifests ----------------------------------------------------------------------------


def read_manifest(path: Path, languages: Languages = DEFAULT_PAIR) -> Discovery:
    """Pairs listed in a CSV manifest (TSV if the name ends in .tsv)."""
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        text = read_input(path).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except UnicodeDecodeError:
        raise AlignerError(f"{path}: the manifest is not UTF-8 text") from None
    except csv.Error as error:
        raise AlignerError(f"{path}: not a readable CSV manifest ({error})") from None
    found = Discovery()
    for number, cells in enumerate(rows, start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells) or (number == 1 and cells[0].lower() == "id"):
            continue
        entry = manifest_entry(path, number, cells, languages)
        if isinstance(entry, PairSpec):
            found.pairs.append(entry)
        else:
            found.unpaired.append(entry)
    return found


def manifest_entry(
    manifest: Path, number: int, cells: list[str], languages: Languages = DEFAULT_PAIR
) -> PairSpec | Unpaired:
    """The pair a manifest row names, or why it names none (a short row, an unusable id)."""
    where = f"{manifest.name} line {number}"
    if len(cells) != 3 or not all(cells):
        source_name, target_name = (language.name for language in languages)
        return Unpaired(
            cells[0] if cells else f"line-{number}",
            (manifest,),
            f"{where}: expected 3 cells (id, {source_name} path, {target_name} path)",
        )
    pair_id, source, target = cells
    problem = id_problem(pair_id)
    if problem:
        return Unpaired(pair_id, (manifest,), f"{where}: {problem}")
    folder = manifest.parent
    return PairSpec(pair_id, folder / source, folder / target, languages, declared=True)


def id_problem(pair_id: str) -> str | None:
    """Why an id cannot name an output folder (``pairs/<id>/``), or None."""
    parts = PurePosixPath(pair_id).parts
    if not parts or pair_id.startswith("/") or any(UNSAFE_ID_PART.search(part) for part in parts):
        return (
            f"unusable id {pair_id!r} (it names a folder under pairs/: no '..', '\\', leading '/' or "
            "control characters)"
        )
    return None


# --- folders ------------------------------------------------------------------------------


def scan_folder(root: Path, exclude: Path | None = None, languages: Languages = DEFAULT_PAIR) -> Discovery:
    """The pairs of a folder, found by file names (see the module's conventions); files that follow none are
    ignored, ids without exactly one file per language are unpaired."""
    by_id: dict[str, dict[Language, list[Path]]] = defaultdict(
        lambda: {language: [] for language in languages}
    )
    found = Discovery()
    for path in document_files(root, exclude):
        named = named_file(root, path, languages)
        if named is None:
            found.ignored.append(path)
        else:
            by_id[named.id][named.language].append(path)
    for pair_id, sides in sorted(by_id.items()):
        entry = folder_entry(pair_id, sides, languages)
        if isinstance(entry, PairSpec):
            found.pairs.append(entry)
        else:
            found.unpaired.append(entry)
    return found


def document_files(root: Path, exclude: Path | None = None) -> Iterator[Path]:
    """Document files under ``root``, hidden ones (and hidden folders) left out, in a stable order."""
    excluded = exclude.resolve() if exclude is not None else None
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if excluded is not None and path.resolve().is_relative_to(excluded):
            continue
        # Not only regular files: a pipe or a device named like a document is a pair that
        # fails with its reason, not a file dropped in silence.
        if not path.is_dir() and path.suffix.lower() in DOCUMENT_SUFFIXES:
            yield path


def folder_entry(
    pair_id: str, sides: dict[Language, list[Path]], languages: Languages = DEFAULT_PAIR
) -> PairSpec | Unpaired:
    """The pair of one id's files, or why there is none (a language with no file, or with two)."""
    files = tuple(path for language in languages for path in sides[language])
    for language in languages:
        name = language.name
        if len(sides[language]) > 1:
            listed = ", ".join(path.name for path in sides[language])
            return Unpaired(pair_id, files, f"two {name} files for one id ({listed})")
        if not sides[language]:
            return Unpaired(pair_id, files, f"no {name} file beside {files[0]}")
    source, target = languages
    return PairSpec(pair_id, sides[source][0], sides[target][0], languages)


def named_file(root: Path, path: Path, languages: Languages = DEFAULT_PAIR) -> NamedFile | None:
    """The id and language (one of ``languages``) a file's name gives it, or None if it
    follows no convention."""
    relative = path.relative_to(root)
    folders = list(relative.parts[:-1])
    by_code = {language.code: language for language in languages}
    folder_language = next(
        (by_code[part.lower()] for part in reversed(folders) if part.lower() in by_code), None
    )
    kept_folders = [part for part in folders if part.lower() not in by_code]
    stem, suffixes = split_name(relative.name)
    name_language, base = language_from_name(stem, suffixes, languages)
    if name_language is None:
        if folder_language is None:
            return None
        return NamedFile(join_id([*kept_folders, base], root), folder_language, path)
    parts = kept_folders + ([base] if base else [])
    return NamedFile(join_id(parts, root), name_language, path)


def split_name(name: str) -> tuple[str, list[str]]:
    """``report.fr.txt`` -> (``report``, [``fr``, ``txt``]); the stem keeps no dot."""
    stem, *suffixes = name.split(".")
    return stem, suffixes


def language_from_name(
    stem: str, suffixes: list[str], languages: Languages = DEFAULT_PAIR
) -> tuple[Language | None, str]:
    """The language (one of ``languages``) and the document part of a file name, by the
    first convention that fits."""
    by_code = {language.code: language for language in languages}
    if stem.lower() in by_code and len(suffixes) == 1:
        return by_code[stem.lower()], ""
    if len(suffixes) >= 2 and suffixes[-2].lower() in by_code:
        return by_code[suffixes[-2].lower()], ".".join([stem, *suffixes[:-2]])
    match = UN_SYMBOL.match(stem)
    letters = {language.un_document_letter: language for language in languages}
    if match and match["letter"] in letters and len(suffixes) == 1:
        return letters[match["letter"]], match["id"]
    return None, ".".join([stem, *suffixes[:-1]])


def join_id(parts: Iterable[str], root: Path) -> str:
    """Folder parts and name joined with '/'; a pair at the top of the folder is named after it."""
    parts = [part for part in parts if part]
    return "/".join(parts) if parts else root.resolve().name
