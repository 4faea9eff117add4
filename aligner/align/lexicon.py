"""A bilingual lexicon between word stems: induced from the text being aligned, optionally
merged with an external dictionary (dictd files such as Debian's freedict packages, or TSV).

Induction is IBM model 1 (Brown et al. 1993) run both ways over sentence pairs that a first
alignment pass found confidently, the two directions combined by geometric mean so that a
pair must be likely both ways (this keeps "the" from translating every French noun).
Entries become keys for ``evidence``: a source word offers and looks for the stems of its
translations, a target word offers and looks for its own stem.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import numpy as np

from ..errors import InputError
from .tokens import stem

STEM = "s:"
NULL = "\0"

# Induced entries below this (geometric mean of both directions) are noise.
MIN_ASSOCIATION = 0.05
MAX_TRANSLATIONS = 5
# A general dictionary lists every sense of a word, most of them not the one in the text, so
# an entry counts half a sure match (at 0.8, transread aligned worse with the dictionary than
# without it); a word of a multi-word translation ("pomme de terre" -> "potato") less.
DICTIONARY_WEIGHT = 0.5
PHRASE_WORD_WEIGHT = 0.25

_ISO3 = {"fr": "fra", "en": "eng", "de": "deu", "es": "spa", "it": "ita", "pt": "por", "nl": "nld"}
_B64 = {char: value for value, char in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class Lexicon:
    """Source stem -> {target stem: weight in [0, 1]}."""

    source_lang: str
    target_lang: str
    entries: dict[str, dict[str, float]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, source_stem: str, target_stem: str, weight: float) -> None:
        translations = self.entries.setdefault(source_stem, {})
        if weight > translations.get(target_stem, 0.0):
            translations[target_stem] = weight

    def merged(self, other: "Lexicon") -> "Lexicon":
        result = Lexicon(self.source_lang, self.target_lang, {k: dict(v) for k, v in self.entries.items()})
        for source_stem, translations in other.entries.items():
            for target_stem, weight in translations.items():
                result.add(source_stem, target_stem, weight)
        return result

    def translations(self, source_stem: str) -> Mapping[str, float]:
        return self.entries.get(source_stem, {})

    def source_keys(self, word: str) -> Iterator[tuple[str, float]]:
        for target_stem, weight in self.translations(stem(word, self.source_lang)).items():
            yield STEM + target_stem, weight

    def target_keys(self, word: str) -> Iterator[tuple[str, float]]:
        yield STEM + stem(word, self.target_lang), 1.0


# --- induction ------------------------------------------------------------------------------


def _ibm1(pairs: Sequence[tuple[Sequence[int], Sequence[int]]], iterations: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """IBM model 1 for integer-coded sentence pairs (source id 0 is NULL): arrays of the
    source ids, target ids and t(target | source) of every co-occurring pair."""
    f_parts, e_parts, group_parts = [], [], []
    group = 0
    for source, target in pairs:
        if not len(target):
            continue
        source_ids = np.array([0, *source], dtype=np.int64)
        target_ids = np.array(target, dtype=np.int64)
        f_parts.append(np.tile(source_ids, len(target_ids)))
        e_parts.append(np.repeat(target_ids, len(source_ids)))
        group_parts.append(np.repeat(np.arange(group, group + len(target_ids)), len(source_ids)))
        group += len(target_ids)
    if not f_parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    f_all, e_all, groups = (np.concatenate(parts) for parts in (f_parts, e_parts, group_parts))
    width = int(max(e_all.max(), f_all.max())) + 1
    pair_codes, pair_index = np.unique(f_all * width + e_all, return_inverse=True)
    pair_f, pair_e = pair_codes // width, pair_codes % width
    translation = np.ones(len(pair_codes))
    for _ in range(iterations):
        probability = translation[pair_index]
        normaliser = np.bincount(groups, probability)
        expected = np.bincount(pair_index, probability / normaliser[groups], minlength=len(pair_codes))
        totals = np.bincount(pair_f, expected)
        translation = expected / totals[pair_f]
    return pair_f, pair_e, translation


def induce(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
    source_lang: str,
    target_lang: str,
    iterations: int = 5,
) -> Lexicon:
    """A lexicon learnt from word-tokenised sentence pairs believed to be translations."""
    source_ids: dict[str, int] = {NULL: 0}
    target_ids: dict[str, int] = {NULL: 0}
    coded = []
    for source_words, target_words in pairs:
        source = [source_ids.setdefault(stem(w, source_lang), len(source_ids)) for w in source_words]
        target = [target_ids.setdefault(stem(w, target_lang), len(target_ids)) for w in target_words]
        coded.append((source, target))
    lexicon = Lexicon(source_lang, target_lang)
    forward_f, forward_e, forward_t = _ibm1(coded, iterations)
    backward_e, backward_f, backward_t = _ibm1([(t, s) for s, t in coded], iterations)
    if not len(forward_t):
        return lexicon
    width = max(len(source_ids), len(target_ids)) + 1
    backward_codes = backward_f * width + backward_e
    order = np.argsort(backward_codes)
    forward_codes = forward_f * width + forward_e
    position = np.clip(np.searchsorted(backward_codes[order], forward_codes), 0, len(order) - 1)
    matched = backward_codes[order][position] == forward_codes
    reverse_t = np.where(matched, backward_t[order][position], 0.0)
    association = np.sqrt(forward_t * reverse_t)
    keep = (association >= MIN_ASSOCIATION) & (forward_f != 0) & (forward_e != 0)
    source_names = list(source_ids)
    target_names = list(target_ids)
    candidates: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for f, e, value in zip(forward_f[keep].tolist(), forward_e[keep].tolist(), association[keep].tolist()):
        candidates[f].append((value, e))
    for f, scored in candidates.items():
        for value, e in sorted(scored, reverse=True)[:MAX_TRANSLATIONS]:
            lexicon.add(source_names[f], target_names[e], min(1.0, value))
    return lexicon


# --- external dictionaries ------------------------------------------------------------------


def _decode_b64(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


def _dictd_entries(index_path: Path) -> Iterator[tuple[str, str]]:
    """(headword, definition text) of a dictd dictionary from its ``.index`` file."""
    data_path = index_path.with_suffix(".dict.dz")
    if not data_path.exists():
        data_path = index_path.with_suffix(".dict")
    if not data_path.exists():
        raise InputError(f"no .dict or .dict.dz beside {index_path}")
    opener = gzip.open if data_path.suffix == ".dz" else open
    with opener(data_path, "rb") as stream:
        data = stream.read()
    for line in index_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database") or parts[0].startswith("00-database"):
            continue
        start, length = _decode_b64(parts[1]), _decode_b64(parts[2])
        yield parts[0], data[start : start + length].decode("utf-8", "replace")


def _translations_of_definition(definition: str) -> Iterator[str]:
    """Translation phrases of a freedict-style definition: every line after the headword,
    numbering and parenthesised notes removed, split on commas and semicolons."""
    for line in definition.splitlines()[1:]:
        line = re.sub(r"^\s*\d+\.\s*", "", line)
        line = re.sub(r"\([^)]*\)|<[^>]*>|\[[^\]]*\]", " ", line)
        for phrase in re.split(r"[,;/]", line):
            if phrase.strip():
                yield phrase.strip()


def _add_phrase_pair(lexicon: Lexicon, source: str, target: str, stopwords: tuple[frozenset, frozenset]) -> None:
    source_words = _WORDS.findall(source.lower())
    target_words = [w for w in _WORDS.findall(target.lower()) if w not in stopwords[1]]
    if len(source_words) != 1 or not target_words:
        return
    weight = DICTIONARY_WEIGHT if len(target_words) == 1 else PHRASE_WORD_WEIGHT
    source_stem = stem(source_words[0], lexicon.source_lang)
    for word in target_words:
        lexicon.add(source_stem, stem(word, lexicon.target_lang), weight)


def _direction_of(path: Path, source_lang: str, target_lang: str) -> bool:
    """True if the file translates source to target, False if target to source."""
    name = path.name.lower()
    src3, tgt3 = _ISO3.get(source_lang, source_lang), _ISO3.get(target_lang, target_lang)
    for forward in (f"{src3}-{tgt3}", f"{source_lang}-{target_lang}", f"{source_lang}_{target_lang}"):
        if forward in name:
            return True
    for backward in (f"{tgt3}-{src3}", f"{target_lang}-{source_lang}", f"{target_lang}_{source_lang}"):
        if backward in name:
            return False
    return True


def load_dictionary(
    path: str | Path,
    source_lang: str,
    target_lang: str,
    stopwords: tuple[frozenset, frozenset] = (frozenset(), frozenset()),
) -> Lexicon:
    """A lexicon from a dictd dictionary (``.index`` beside ``.dict.dz``) or a TSV file of
    ``word<TAB>translation`` lines. Which side is which comes from the file name
    ("freedict-fra-eng", "fr-en.tsv"); a name that says nothing means source to target."""
    path = Path(path)
    if path.suffix in (".dz", ".dict"):
        path = path.with_name(path.name.split(".dict")[0] + ".index")
    if not path.exists():
        raise InputError(f"dictionary not found: {path}")
    forward = _direction_of(path, source_lang, target_lang)
    lexicon = Lexicon(source_lang, target_lang)
    if path.suffix == ".index":
        pairs = ((head, phrase) for head, text in _dictd_entries(path) for phrase in _translations_of_definition(text))
    else:
        pairs = (
            tuple(line.split("\t")[:2])
            for line in path.read_text(encoding="utf-8").splitlines()
            if "\t" in line and not line.startswith("#")
        )
    for first, second in pairs:
        if forward:
            _add_phrase_pair(lexicon, first, second, stopwords)
        else:
            _add_phrase_pair(lexicon, second, first, stopwords)
    return lexicon


def installed_dictionaries(source_lang: str, target_lang: str, folder: str | Path = "/usr/share/dictd") -> list[Path]:
    """The freedict dictionaries between the two languages installed in ``folder``."""
    src3, tgt3 = _ISO3.get(source_lang, source_lang), _ISO3.get(target_lang, target_lang)
    folder = Path(folder)
    names = (f"freedict-{src3}-{tgt3}.index", f"freedict-{tgt3}-{src3}.index")
    return [folder / name for name in names if (folder / name).exists()]
