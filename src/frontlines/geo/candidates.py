"""Transliteration-aware keys for place names and scored gazetteer candidates.

Three forms of a name, all driven by ``data/geo/translit.json``:

- ``norm``: ASCII (unidecode), lower case, words split on hyphens and punctuation. Exact key.
- ``skeleton``: the phonetic key. Ezafe particles and Arabic articles dropped, synonyms and
  translated generic words replaced by one concept each (``Pul``/``Bridge`` -> ``#bridge``),
  letter rules applied (kh/x, q/k, w/v ...), doubled letters collapsed, vowels dropped.
  "Pul-e-Khumri", "Pul-i Khumri", "Khumri Bridge" all give ``#bridge xmr``.
- ``soft``: like the skeleton but vowels kept in two classes (e/i/y, o/u, a), so that
  rapidfuzz can rank candidates sharing a skeleton ("Kundoz" is nearer "Kunduz" than "Kandaz").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from unidecode import unidecode

if TYPE_CHECKING:
    from .gazetteer import Entry, Gazetteer


@dataclass(frozen=True)
class Rules:
    """Compiled transliteration rules."""

    drop: str
    ezafe: frozenset[str]
    articles: frozenset[str]
    concepts: dict[str, str]  # word -> "#concept" or canonical synonym
    admin_types: frozenset[str]
    region_prefixes: frozenset[str]  # "North" of "North Darfur": units sharing the rest form a region
    letters: tuple[tuple[str, str], ...]
    vowels: str
    soft_vowels: dict[str, str]
    digest: str


def data_text(name: str) -> str:
    """Text of a file in ``frontlines/data/geo``."""
    return resources.files("frontlines").joinpath("data", "geo", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def rules() -> Rules:
    import hashlib

    text = data_text("translit.json")
    raw = json.loads(text)
    concepts: dict[str, str] = {}
    for canonical, forms in raw["synonyms"].items():
        for form in [canonical, *forms]:
            concepts[form] = canonical
    for concept, forms in raw["generic_words"].items():
        if concept.startswith("_"):
            continue
        for form in [concept, *forms]:
            concepts[norm(form, raw["drop_chars"])] = "#" + concept
    letters = sorted(((a, b) for a, b in raw["letter_rules"]), key=lambda r: -len(r[0]))
    return Rules(
        drop=raw["drop_chars"], ezafe=frozenset(raw["ezafe"]), articles=frozenset(raw["articles"]),
        concepts=concepts, admin_types=frozenset(raw["admin_type_words"]),
        region_prefixes=frozenset(raw["region_prefixes"]), letters=tuple(letters),
        vowels=raw["vowels"], soft_vowels=raw["soft_vowels"],
        digest=hashlib.sha256(json.dumps(raw, sort_keys=True).encode()).hexdigest()[:12],
    )


_SPLIT = re.compile(r"[^a-z0-9]+")
VARIANT = 0.98  # ceiling for a spelling variant: an exact spelling always ranks above it


@lru_cache(maxsize=4)
def _drop_table(drop: str) -> dict[int, None]:
    return {ord(c): None for c in drop}


@lru_cache(maxsize=262144)
def norm(text: str, drop: str | None = None) -> str:
    """ASCII lower-case words joined by single spaces: the exact lookup key."""
    text = text.translate(_drop_table(rules().drop if drop is None else drop))
    ascii_ = (text if text.isascii() else unidecode(text)).lower().replace("'", "").replace("`", "")
    return " ".join(w for w in _SPLIT.split(ascii_) if w)


def _words(key: str) -> tuple[list[str], list[str]]:
    """Concept markers and plain words of a normed name after dropping particles."""
    r = rules()
    words = key.split()
    if len(words) > 1:
        kept = [w for w in words if w not in r.ezafe and w not in r.articles]
        words = kept or words
    concepts, plain = [], []
    for w in words:
        c = r.concepts.get(w)
        if c is None or (c.startswith("#") and len(words) == 1):
            plain.append(w)
        elif c.startswith("#"):
            concepts.append(c)
        else:
            plain.append(c)
    if not plain:  # a name made only of generic words is its own name ("Deh Bala")
        return [], words
    return sorted(concepts), plain


@lru_cache(maxsize=1)
def _letter_re() -> re.Pattern:
    return re.compile("|".join(re.escape(a) for a, _ in rules().letters if not a.endswith("$")))


@lru_cache(maxsize=1)
def _final_rules() -> tuple[tuple[str, str], ...]:
    return tuple((a[:-1], b) for a, b in rules().letters if a.endswith("$"))


_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=262144)
def _letters(word: str) -> str:
    for ending, replacement in _final_rules():
        if word.endswith(ending) and len(word) > len(ending):
            word = word[: -len(ending)] + replacement
            break
    table = dict(rules().letters)
    word = _letter_re().sub(lambda m: table[m.group(0)], word)
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=262144)
def _consonants(word: str) -> str:
    vowels = rules().vowels
    letters = _letters(word)
    return "".join(c for i, c in enumerate(letters) if c not in vowels or (c == "y" and i == 0))


@lru_cache(maxsize=262144)
def _skeleton(key: str) -> str:
    concepts, plain = _words(key)
    body = "".join(_consonants(w) for w in plain) or "".join(_letters(w) for w in plain)
    return " ".join([*concepts, body]) if concepts else body


def skeleton(text: str) -> str:
    """Phonetic key: concepts first, then the consonant skeleton of the remaining words."""
    return _skeleton(norm(text))


@lru_cache(maxsize=262144)
def _soft(key: str) -> str:
    concepts, plain = _words(key)
    sv = rules().soft_vowels
    words = ["".join(sv.get(c, c) for c in _letters(w)) for w in plain]
    return " ".join([*concepts, _DOUBLE.sub(r"\1", "".join(words))])


def soft(text: str) -> str:
    """Scoring form: letter rules applied, vowels folded into classes, particles dropped."""
    return _soft(norm(text))


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two names on their soft forms; only equal norms score 1.0."""
    na, nb = norm(a), norm(b)
    if na == nb:
        return 1.0
    return VARIANT * fuzz.ratio(_soft(na), _soft(nb)) / 100.0


def _strip_types(key: str) -> str:
    words = key.split()
    types = rules().admin_types
    while len(words) > 1 and words[-1] in types:
        words = words[:-1]
    while len(words) > 1 and words[0] in types:
        words = words[1:]
    return " ".join(words)


def strip_admin_type(name: str) -> str | None:
    """``"Kharkiv Oblast"`` -> ``"kharkiv"``; None when no admin-type word ends/starts the name."""
    key = norm(name)
    stripped = _strip_types(key)
    return stripped if stripped != key else None


def clear_key_caches() -> None:
    """Empty the memo of name keys (a gazetteer build fills them with every name on file)."""
    for cached in (norm, _letters, _consonants, _skeleton, _soft):
        cached.cache_clear()


def name_keys(name: str) -> set[tuple[str, str]]:
    """Every (norm, skeleton) a gazetteer name is indexed under."""
    key = norm(name)
    if not key:
        return set()
    stripped = _strip_types(key)
    return {(key, _skeleton(key)), (stripped, _skeleton(stripped))}


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry proposed for a mention, with how well the names agree (0..1)."""

    entry: "Entry"
    similarity: float
    matched: str  # the gazetteer name form that matched


def candidates(gazetteer: "Gazetteer", text: str, *, countries: tuple[str, ...] = (),
               fuzzy: bool = True, min_similarity: float = 0.7) -> list[Candidate]:
    """Entries whose names match ``text`` exactly, or (``fuzzy``) share its skeleton.

    Skeleton hits are scored with rapidfuzz on soft forms; ``countries`` widens the fuzzy
    search inside the document's focus countries (global skeleton hits are capped by
    population so a two-letter skeleton cannot flood the result).
    """
    best: dict[int, Candidate] = {}
    for entry, form in gazetteer.by_norm(norm(text)):
        best[entry.id] = Candidate(entry, 1.0, form)
    if fuzzy:
        for entry, form in gazetteer.by_skeleton(skeleton(text), countries):
            sim = similarity(text, form)
            old = best.get(entry.id)
            if sim >= min_similarity and (old is None or sim > old.similarity):
                best[entry.id] = Candidate(entry, sim, form)
    return sorted(best.values(), key=lambda c: (-c.similarity, -c.entry.population))
