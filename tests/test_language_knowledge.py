"""Language knowledge lives in the language profiles (``aligner/profiles/``) and nowhere else:
no module outside them compares a language code, keys a table by one, or imports a profile
module. Read from the code's syntax trees, so that adding a language is adding a profile and
nothing else can be keyed to French or English.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from aligner.profiles import PROFILES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "aligner"
PROFILES_DIR = PACKAGE / "profiles"

# Every language a profile knows of: its own code and those of the languages it names.
CODES = frozenset(PROFILES) | {
    code for profile in PROFILES.values() for code in profile.language_names.values()
}


def _code(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in CODES:
        return node.value
    return None


def _codes_in(node: ast.AST) -> list[str]:
    """The language codes ``node`` is or holds (a tuple, list or set of them)."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [code for element in node.elts if (code := _code(element))]
    code = _code(node)
    return [code] if code else []


def offences(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, what) for each comparison with a language code, table keyed by one or
    listing some, look-up by one, code given to a call, taken as a default or set, or
    import of a profile module."""
    compared: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                compared.add(id(operand))
                for code in _codes_in(operand):
                    yield node.lineno, f"compares with {code!r}"
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if key is not None and (code := _code(key)):
                    yield node.lineno, f"a table keyed by {code!r}"
                if code := _code(value):
                    yield node.lineno, f"a table of {code!r}"
        elif isinstance(node, ast.Tuple | ast.List | ast.Set) and id(node) not in compared:
            if len(codes := _codes_in(node)) > 1:
                yield node.lineno, f"lists {', '.join(map(repr, codes))}"
        elif isinstance(node, ast.Call):
            for argument in (*node.args, *(keyword.value for keyword in node.keywords)):
                if code := _code(argument):
                    yield node.lineno, f"gives {code!r} to a call"
        elif isinstance(node, ast.arguments):
            for default in (*node.defaults, *node.kw_defaults):
                if default is not None and (code := _code(default)):
                    yield default.lineno, f"defaults to {code!r}"
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            if code := _code(node.value):
                yield node.lineno, f"sets {code!r}"
        elif isinstance(node, ast.Subscript) and (code := _code(node.slice)):
            yield node.lineno, f"looks up {code!r}"
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = [alias.name for alias in node.names]
            if module.split(".")[-1] in CODES or (module.endswith("profiles") and set(names) & CODES):
                yield node.lineno, f"imports a profile module ({module or '.'} {', '.join(names)})"


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if not path.is_relative_to(PROFILES_DIR))


def _offences_of(path: Path) -> list[tuple[int, str]]:
    return sorted(set(offences(ast.parse(path.read_text(encoding="utf-8"), str(path)))))


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_outside_the_profiles_knows_a_language(path: Path) -> None:
    found = "; ".join(f"line {line}: {what}" for line, what in _offences_of(path))
    assert not found, (
        f"aligner/{path.relative_to(PACKAGE).as_posix()} knows a language ({found}): ask the profile"
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('if lang == "fr":\n    pass', ["compares with 'fr'"]),
        ('ok = language in ("fr", "en")', ["compares with 'fr'", "compares with 'en'"]),
        ('NAMES = {"fr": "French"}', ["a table keyed by 'fr'"]),
        ('side = sides["en"]', ["looks up 'en'"]),
        ("from ..profiles.fr import PROFILE", ["imports a profile module (profiles.fr PROFILE)"]),
        ("from .profiles import fr", ["imports a profile module (profiles fr)"]),
        ('UN = {"F": "fr"}', ["a table of 'fr'"]),
        ('PAIR = ("fr", "en")', ["lists 'fr', 'en'"]),
        (
            'aligner = SentenceAligner("fr", target_lang="en")',
            ["gives 'fr' to a call", "gives 'en' to a call"],
        ),
        ('def align(source_lang="fr"):\n    pass', ["defaults to 'fr'"]),
        ('target_lang: str = "en"', ["sets 'en'"]),
        ('x = "en" + suffix\nif kind == "paragraph":\n    pass', []),
    ],
)
def test_the_search_finds_what_it_looks_for(code: str, expected: list[str]) -> None:
    assert sorted(what for _, what in offences(ast.parse(code))) == sorted(expected)


# --- one Language object, resolved where a code enters ---------------------------------------

# The modules where a language code enters from outside and is resolved to its ``Language``
# (``profiles.get_profile``), each with what it reads: every other stage is given the object.
ENTRY_POINTS = {
    "cli/options.py": "the --lang, --src-lang and --tgt-lang options",
    "cli/batch.py": "the batch's languages from its options",
    "pipeline.py": "ingestion: a language given by the caller, told by the text or declared by the file",
    "batch/discover.py": "the languages a caller gives discover (objects or codes)",
    "align/sentences.py": "SentenceAligner's constructor, which a library caller may give codes",
    "links.py": "the language codes a links file's header holds",
    "terms/extract.py": "the language tags of segment pairs read from memories, links and tables",
    "writers/common.py": "a segment pair's tag, given the region of its language when it has none",
}


def _resolves_a_code(path: Path) -> bool:
    """Does the module call ``get_profile``?"""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
            if name == "get_profile":
                return True
    return False


def test_a_language_is_resolved_only_where_its_code_enters() -> None:
    resolving = {path.relative_to(PACKAGE).as_posix() for path in _modules() if _resolves_a_code(path)}
    assert not resolving - set(ENTRY_POINTS), (
        f"{sorted(resolving - set(ENTRY_POINTS))} look a language code up: a stage is given the "
        "document's (or the pair's) Language, never a code to resolve"
    )
    assert not set(ENTRY_POINTS) - resolving, (
        f"no longer entry points: {sorted(set(ENTRY_POINTS) - resolving)}"
    )


def test_the_language_object_travels_as_its_code() -> None:
    """The object is the profile: equal and hashed by its code, written as its code (so
    links, memories and term tables hold the codes they always held), and pickled as a
    look-up of the registered object (a batch ships languages to its workers)."""
    import pickle

    from aligner.profiles import DEFAULT_LANGUAGES, DEFAULT_PAIR, get_profile

    french = get_profile("fr-CA")
    assert french is get_profile("fr") is get_profile(french)
    assert str(french) == f"{french}" == "fr" and repr(french) == "Language('fr')"
    assert pickle.loads(pickle.dumps(french)) is french
    assert tuple(language.code for language in DEFAULT_PAIR) == DEFAULT_LANGUAGES
    assert len(pickle.dumps(french)) < 100


def test_documents_bitexts_and_batch_pairs_carry_the_object() -> None:
    from aligner.batch import discover
    from aligner.pipeline import align_documents, load_pair

    sample = ROOT / "corpora" / "sample"
    source, target = load_pair(sample / "fr.txt", sample / "en.txt")
    assert source.language is PROFILES["fr"] and target.language is PROFILES["en"]
    bitext = align_documents(source, target)
    assert (bitext.source_language, bitext.target_language) == (source.language, target.language)
    (pair,) = discover([sample]).pairs
    assert pair.languages == (source.language, target.language)
