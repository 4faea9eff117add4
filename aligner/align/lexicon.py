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
import io
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..files import MAX_INPUT_ENV, check_input, max_input_bytes, read_input, read_input_text
from ..profiles import Language
from .tokens import stem

STEM = "s:"
NULL = "\0"
# The stems a side learns on, at most (an ordinary document has a few tens of thousands):
# the stems met after that many share one id, whose entries are never kept, so that a text
# of millions of distinct words (numbers, codes) does not make tables of them all.
MAX_STEMS = 200_000
OTHER_STEMS = "\1"

# Induced entries below this (geometric mean of both directions) are noise.
MIN_ASSOCIATION = 0.05
MAX_TRANSLATIONS = 5
# A general dictionary lists every sense of a word, most of them not the one in the text, so
# an entry counts half a sure match (at 0.8, transread aligned worse with the dictionary than
# without it); a word of a multi-word translation ("pomme de terre" -> "potato") less.
DICTIONARY_WEIGHT = 0.5
PHRASE_WORD_WEIGHT = 0.25

_B64 = {
    char: value
    for value, char in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass
class Lexicon:
    """Source stem -> {target stem: weight in [0, 1]}, stems of the source and target
    languages (``tokens.stem``)."""

    source_language: Language
    target_language: Language
    entries: dict[str, dict[str, float]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, source_stem: str, target_stem: str, weight: float) -> None:
        """Record that ``source_stem`` translates as ``target_stem`` with ``weight``, keeping the
        highest weight seen for the couple."""
        translations = self.entries.setdefault(source_stem, {})
        if weight > translations.get(target_stem, 0.0):
            translations[target_stem] = weight

    def merged(self, other: Lexicon) -> Lexicon:
        """A new lexicon holding the entries of both, each couple at its highest weight (this one is
        left as it is)."""
        result = Lexicon(
            self.source_language, self.target_language, {k: dict(v) for k, v in self.entries.items()}
        )
        for source_stem, translations in other.entries.items():
            for target_stem, weight in translations.items():
                result.add(source_stem, target_stem, weight)
        return result

    def translations(self, source_stem: str) -> Mapping[str, float]:
        """The target stems ``source_stem`` translates as, with their weights (empty for an unknown
        stem)."""
        return self.entries.get(source_stem, {})

    def source_keys(self, word: str) -> Iterator[tuple[str, float]]:
        """The lexical keys a source word emits: one per translation of its stem, weighted, so that
        it meets the target words whose stems those are."""
        for target_stem, weight in self.translations(stem(word, self.source_language)).items():
            yield STEM + target_stem, weight

    def target_keys(self, word: str) -> Iterator[tuple[str, float]]:
        """The lexical key a target word emits: its own stem, at full weight."""
        yield STEM + stem(word, self.target_language), 1.0


# --- induction ------------------------------------------------------------------------------


def _distinct_words(
    sentences: Sequence[Sequence[int]], vocabulary: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct words of every sentence: (sentence, word, count) arrays, by sentence."""
    lengths = np.array([len(words) for words in sentences], dtype=np.int64)
    flat = np.fromiter(
        (word for words in sentences for word in words), dtype=np.int64, count=int(lengths.sum())
    )
    codes, counts = np.unique(
        np.repeat(np.arange(len(sentences)), lengths) * vocabulary + flat, return_counts=True
    )
    return codes // vocabulary, codes % vocabulary, counts.astype(np.float64)


# Induction is linear in the co-occurrences of its sentence pairs (the words of one side
# times those of the other, pair by pair). Past this many, the pairs are thinned evenly
# over the text (a long text repeats its vocabulary: what a few thousand sure pairs teach,
# more teach again), so that time and memory stay bounded however long the document.
MAX_COOCCURRENCES = 3_000_000


@dataclass(frozen=True)
class _Cooccurrences:
    """Every (source word, target word) of the sentence pairs, once per pair and distinct
    word pair, pair by pair and source word by source word (IBM model 1 only needs how
    often each word occurs in a sentence: a word twice in a sentence counts twice).
    ``link_source``/``link_target`` are the distinct word pairs of all, sorted."""

    source: tuple[np.ndarray, np.ndarray, np.ndarray]  # distinct words of each side: (pair, word, count)
    target: tuple[np.ndarray, np.ndarray, np.ndarray]
    source_row: np.ndarray  # (entries,) row of ``source`` and of ``target`` of each entry
    target_row: np.ndarray
    link: np.ndarray  # (entries,) its word pair
    link_source: np.ndarray  # (links,) the words of each word pair
    link_target: np.ndarray

    @classmethod
    def of(
        cls, coded: Sequence[tuple[Sequence[int], Sequence[int]]], source_words: int, target_words: int
    ) -> _Cooccurrences:
        source = _distinct_words([s for s, _ in coded], source_words)
        target = _distinct_words([t for _, t in coded], target_words)
        pairs = len(coded)
        source_start = np.searchsorted(source[0], np.arange(pairs + 1))
        target_start = np.searchsorted(target[0], np.arange(pairs + 1))
        n, m = np.diff(source_start), np.diff(target_start)
        sizes = n * m
        # Entry e of pair p is source row source_start[p] + w // m[p] against target row
        # target_start[p] + w % m[p], w its position among the pair's entries.
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        columns = np.repeat(np.maximum(m, 1), sizes)
        source_row = np.repeat(source_start[:-1], sizes) + within // columns
        target_row = np.repeat(target_start[:-1], sizes)
        target_row += within % columns
        del within, columns
        codes = source[1][source_row] * target_words + target[1][target_row]
        link_codes, link = _distinct_codes(codes)
        return cls(
            source,
            target,
            source_row,
            target_row,
            link,
            link_codes // target_words,
            link_codes % target_words,
        )


def _distinct_codes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` for non-negative codes, by one sort of the
    codes with their positions packed into the low bits (several times faster than the
    argsort that unique does) when they fit in 63 bits."""
    position_bits = max(1, len(codes).bit_length())
    largest = int(codes.max(initial=0))
    if largest.bit_length() + position_bits > 62:
        distinct, inverse = np.unique(codes, return_inverse=True)
        return distinct, inverse.reshape(-1)
    packed = np.sort((codes << position_bits) | np.arange(len(codes)))
    sorted_codes = packed >> position_bits
    starts = np.empty(len(codes), dtype=bool)
    starts[:1] = True
    np.not_equal(sorted_codes[1:], sorted_codes[:-1], out=starts[1:])
    inverse = np.empty(len(codes), dtype=np.int64)
    inverse[packed & ((1 << position_bits) - 1)] = np.cumsum(starts) - 1
    return sorted_codes[starts], inverse


def _ibm1(
    links: int,
    given: np.ndarray,
    entry_link: np.ndarray,
    entry_group: np.ndarray,
    entry_count: np.ndarray,
    group_count: np.ndarray,
    null_link: np.ndarray,
    iterations: int,
) -> np.ndarray:
    """IBM model 1 by EM: t(word | ``given`` word) of every link (word pair).

    Each entry is a word of the given side in a sentence pair (``entry_count`` times)
    against a word of the other side there (a *group*: the given words compete to explain
    it, ``group_count`` times); NULL is a given word of every pair, its link to each
    group's word ``null_link`` (links past the real ones, whose given word is 0)."""
    translation = np.ones(links)
    groups = len(group_count)
    probability = np.empty(len(entry_link))
    for _ in range(iterations):
        np.take(translation, entry_link, out=probability)
        probability *= entry_count
        null_probability = translation[null_link]
        normaliser = np.bincount(entry_group, probability, minlength=groups) + null_probability
        share = group_count / normaliser
        probability *= share[entry_group]
        expected = np.bincount(entry_link, probability, minlength=links)
        expected += np.bincount(null_link, null_probability * share, minlength=links)
        translation = expected / np.bincount(given, expected)[given]
    return translation


def _ibm1_both_ways(cooccurrences: _Cooccurrences, iterations: int) -> tuple[np.ndarray, np.ndarray]:
    """t(target | source) and t(source | target) of every link, each direction with its
    own NULL word (an extra link per word of the other side, after the real links)."""
    c = cooccurrences
    links = len(c.link_source)
    results = []
    for given, other, given_row, other_row, given_of_link in (
        (c.source, c.target, c.source_row, c.target_row, c.link_source),
        (c.target, c.source, c.target_row, c.source_row, c.link_target),
    ):
        null_links = int(other[1].max(initial=0)) + 1
        translation = _ibm1(
            links + null_links,
            np.concatenate([given_of_link, np.zeros(null_links, dtype=np.int64)]),
            c.link,
            other_row,
            given[2][given_row],
            other[2],
            links + other[1],
            iterations,
        )
        results.append(translation[:links])
    return results[0], results[1]


# A sentence pair whose own co-occurrences pass this share of the budget (90,000: some 300
# distinct words a side, where the longest sentences of A/74/400 have 158 and 134) is left out:
# so long a pair (the pieces of a run of text without sentence ends) teaches IBM model 1
# little, each word having hundreds of candidates, and a few of them would fill the budget.
MAX_PAIR_SHARE = 0.03


@dataclass
class _CodedPairs:
    """Sentence pairs as word ids, every side's ids end to end in one compact buffer (4 bytes
    a word: the pairs of a long document, all coded before thinning, would take several
    times that as lists), with each pair's co-occurrences (distinct ids times distinct ids)."""

    source: array[int] = field(default_factory=lambda: array("i"))
    target: array[int] = field(default_factory=lambda: array("i"))
    source_ends: list[int] = field(default_factory=list)
    target_ends: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)

    def add(self, source: list[int], target: list[int]) -> None:
        self.source.extend(source)
        self.target.extend(target)
        self.source_ends.append(len(self.source))
        self.target_ends.append(len(self.target))
        self.sizes.append(len(set(source)) * len(set(target)))

    def pairs(self, chosen: Iterable[int]) -> list[tuple[list[int], list[int]]]:
        """The chosen pairs as lists of ids."""
        found = []
        for index in chosen:
            source_start = self.source_ends[index - 1] if index else 0
            target_start = self.target_ends[index - 1] if index else 0
            found.append(
                (
                    self.source[source_start : self.source_ends[index]].tolist(),
                    self.target[target_start : self.target_ends[index]].tolist(),
                )
            )
        return found


def _thinned(coded: _CodedPairs, max_cooccurrences: int) -> list[tuple[list[int], list[int]]]:
    """At most about ``max_cooccurrences`` word pairs' worth of sentence pairs, taken evenly
    through the text (all of them when they fit), none of them past ``MAX_PAIR_SHARE`` of it."""
    sizes = np.array(coded.sizes, dtype=np.float64)
    indices = np.arange(len(sizes))
    if len(sizes) and sizes.max() > MAX_PAIR_SHARE * max_cooccurrences:
        indices = np.flatnonzero(sizes <= MAX_PAIR_SHARE * max_cooccurrences)
        sizes = sizes[indices]
    total = float(sizes.sum())
    if total > max_cooccurrences:
        keep = max(1, int(len(indices) * max_cooccurrences / total))
        indices = indices[np.unique(np.linspace(0, len(indices) - 1, keep).round().astype(np.int64))]
    return coded.pairs(indices.tolist())


def induce(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
    source_language: Language,
    target_language: Language,
    iterations: int = 5,
    max_cooccurrences: int = MAX_COOCCURRENCES,
) -> Lexicon:
    """A lexicon learnt from word-tokenised sentence pairs believed to be translations
    (evenly thinned to ``max_cooccurrences`` word pairs, see ``MAX_COOCCURRENCES``)."""
    source_ids: dict[str, int] = {NULL: 0}
    target_ids: dict[str, int] = {NULL: 0}
    source_word_ids: dict[str, int] = {}
    target_word_ids: dict[str, int] = {}

    def code(
        words: Sequence[str], word_ids: dict[str, int], stem_ids: dict[str, int], language: Language
    ) -> list[int]:
        found: list[int] = []
        for word in words:
            known = word_ids.get(word)
            if known is None:
                word_stem = stem(word, language)
                known = stem_ids.get(word_stem)
                if known is None:
                    # Once the side has MAX_STEMS stems, the stems it meets are all OTHER_STEMS.
                    full = len(stem_ids) >= MAX_STEMS
                    known = stem_ids.setdefault(OTHER_STEMS if full else word_stem, len(stem_ids))
                if len(word_ids) < MAX_STEMS:
                    word_ids[word] = known
            found.append(known)
        return found

    coded = _CodedPairs()
    for source_words, target_words in pairs:
        coded.add(
            code(source_words, source_word_ids, source_ids, source_language),
            code(target_words, target_word_ids, target_ids, target_language),
        )
    lexicon = Lexicon(source_language, target_language)
    cooccurrences = _Cooccurrences.of(_thinned(coded, max_cooccurrences), len(source_ids), len(target_ids))
    if not len(cooccurrences.link_source):
        return lexicon
    forward, backward = _ibm1_both_ways(cooccurrences, iterations)
    association = np.sqrt(forward * backward)
    keep = np.flatnonzero(association >= MIN_ASSOCIATION)
    f, e, value = cooccurrences.link_source[keep], cooccurrences.link_target[keep], association[keep]
    # The MAX_TRANSLATIONS strongest translations of each source word (ties: the later word).
    order = np.lexsort((-e, -value, f))
    f, e, value = f[order], e[order], value[order]
    group_start = (
        np.flatnonzero(np.concatenate([[True], f[1:] != f[:-1]])) if len(f) else np.zeros(0, np.int64)
    )
    rank = np.arange(len(f)) - np.repeat(group_start, np.diff(np.append(group_start, len(f))))
    top = rank < MAX_TRANSLATIONS
    source_names = list(source_ids)
    target_names = list(target_ids)
    for f_id, e_id, weight in zip(
        f[top].tolist(), e[top].tolist(), np.minimum(value[top], 1.0).tolist(), strict=True
    ):
        if OTHER_STEMS not in (source_names[f_id], target_names[e_id]):
            lexicon.add(source_names[f_id], target_names[e_id], weight)
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
    data = _dictionary_data(data_path)
    for line in read_input_text(index_path, "utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database") or parts[0].startswith("00-database"):
            continue
        start, length = _decode_b64(parts[1]), _decode_b64(parts[2])
        yield parts[0], data[start : start + length].decode("utf-8", "replace")


def _dictionary_data(data_path: Path) -> bytes:
    """The definitions file, unpacked (``.dict.dz``) up to the input size limit: a small
    compressed file that unpacks to gigabytes is refused."""
    if data_path.suffix != ".dz":
        return read_input(data_path)
    limit = max_input_bytes()
    compressed = read_input(data_path)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(f"{data_path}: not a readable dictd .dict.dz file ({error})") from None
    if len(data) > limit:
        raise InputError(
            f"{data_path}: unpacks to more than the input size limit of {limit / 1e6:.1f} MB "
            f"(raise it with {MAX_INPUT_ENV} or aligner --max-input-mb)"
        )
    return data


def _translations_of_definition(definition: str) -> Iterator[str]:
    """Translation phrases of a freedict-style definition: every line after the headword,
    numbering and parenthesised notes removed, split on commas and semicolons."""
    for line in definition.splitlines()[1:]:
        line = re.sub(r"^\s*\d+\.\s*", "", line)
        line = re.sub(r"\([^()]*\)|<[^<>]*>|\[[^\[\]]*\]", " ", line)
        for phrase in re.split(r"[,;/]", line):
            if phrase.strip():
                yield phrase.strip()


def _add_phrase_pair(
    lexicon: Lexicon, source: str, target: str, stopwords: tuple[frozenset[str], frozenset[str]]
) -> None:
    source_words = _WORDS.findall(source.lower())
    target_words = [w for w in _WORDS.findall(target.lower()) if w not in stopwords[1]]
    if len(source_words) != 1 or not target_words:
        return
    weight = DICTIONARY_WEIGHT if len(target_words) == 1 else PHRASE_WORD_WEIGHT
    source_stem = stem(source_words[0], lexicon.source_language)
    for word in target_words:
        lexicon.add(source_stem, stem(word, lexicon.target_language), weight)


def _direction_of(path: Path, source: Language, target: Language) -> bool:
    """True if the file translates source to target, False if target to source (the name
    gives the languages by their ISO 639-3 codes, "freedict-fra-eng", or their codes)."""
    name = path.name.lower()
    src3, tgt3 = source.iso639_3, target.iso639_3
    source_lang, target_lang = source.code, target.code
    for forward in (f"{src3}-{tgt3}", f"{source_lang}-{target_lang}", f"{source_lang}_{target_lang}"):
        if forward in name:
            return True
    for backward in (f"{tgt3}-{src3}", f"{target_lang}-{source_lang}", f"{target_lang}_{source_lang}"):
        if backward in name:
            return False
    return True


def load_dictionary(
    path: str | Path,
    source: Language,
    target: Language,
    stopwords: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> Lexicon:
    """A lexicon from a dictd dictionary (``.index`` beside ``.dict.dz``) or a TSV file of
    ``word<TAB>translation`` lines. Which side is which comes from the file name
    ("freedict-fra-eng", "fr-en.tsv"); a name that says nothing means source to target."""
    path = Path(path)
    if path.suffix in (".dz", ".dict"):
        path = path.with_name(path.name.split(".dict")[0] + ".index")
    if not path.exists():
        raise InputError(f"dictionary not found: {path}")
    check_input(path)
    forward = _direction_of(path, source, target)
    lexicon = Lexicon(source, target)
    pairs: Iterator[tuple[str, str]]
    if path.suffix == ".index":
        pairs = (
            (head, phrase)
            for head, text in _dictd_entries(path)
            for phrase in _translations_of_definition(text)
        )
    else:
        pairs = (
            (cells[0], cells[1])
            for line in read_input_text(path, "utf-8").splitlines()
            if "\t" in line and not line.startswith("#")
            for cells in [line.split("\t")]
        )
    for first, second in pairs:
        if forward:
            _add_phrase_pair(lexicon, first, second, stopwords)
        else:
            _add_phrase_pair(lexicon, second, first, stopwords)
    return lexicon


def installed_dictionaries(
    source: Language, target: Language, folder: str | Path = "/usr/share/dictd"
) -> list[Path]:
    """The freedict dictionaries between the two languages installed in ``folder``."""
    src3, tgt3 = source.iso639_3, target.iso639_3
    folder = Path(folder)
    names = (f"freedict-{src3}-{tgt3}.index", f"freedict-{tgt3}-{src3}.index")
    return [folder / name for name in names if (folder / name).exists()]


def load_dictionaries(
    spec: str | Path | Sequence[str | Path] | None,
    source: Language,
    target: Language,
    stopwords: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> Lexicon:
    """One lexicon from dictionaries given as a path, a list of paths, or "auto" for the
    installed freedict ones (empty when ``spec`` is None)."""
    lexicon = Lexicon(source, target)
    if spec is None:
        return lexicon
    if spec == "auto":
        paths: Sequence[str | Path] = installed_dictionaries(source, target)
    elif isinstance(spec, (str, Path)):
        paths = [spec]
    else:
        paths = spec
    for path in paths:
        lexicon = lexicon.merged(load_dictionary(path, source, target, stopwords))
    return lexicon
