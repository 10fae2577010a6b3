"""Which outlet a document's story comes from, so corroboration counts independent sources.

The registry (``data/sources.json``, editable) lists outlets with aliases, domains, country,
kind and parent, and the syndication lines that reveal where a text came from ("Originally
published on ...", a wire dateline "(Reuters) -", "With AFP", "told dpa", "as reported by ...").
An aggregator or partner copy counts as the story's origin; reports that share an origin, draw on
each other's outlet or carry (nearly) the same body are one source, not several.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..records import Article

SHINGLE = 5  # words per shingle in a body sketch
BODY_SKETCH = 16  # hashes kept per body sketch
SAME_BODY = 0.5  # estimated shingle overlap from which two bodies are one story
_WORDS = re.compile(r"\w+")
_ACRONYM = re.compile(r"[A-Z0-9&-]{1,4}")


def _key(name: str) -> str:
    return " ".join(_WORDS.findall(name.casefold())).removeprefix("the ")


@dataclass(frozen=True)
class Outlet:
    """One registry entry."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    kind: str = "other"
    parent: str | None = None


@dataclass(frozen=True)
class DocumentSource:
    """Where one document's story comes from: the outlet it counts as, and what it draws on."""

    id: str  # registry id, or a slug of an outlet name / domain not in the registry
    name: str
    kind: str
    country: str | None
    carrier: str | None  # the outlet that carried the copy, when it is not the origin
    credits: tuple[str, ...]  # outlets the text says it draws on
    body: bytes  # sketch of the body's word shingles: near-identical bodies are one story

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "carrier": self.carrier, "credits": list(self.credits), "body": self.body.hex()}

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentSource":
        return cls(data["id"], data["name"], data["kind"], data.get("country"), data.get("carrier"),
                   tuple(data.get("credits") or ()), bytes.fromhex(data.get("body") or ""))


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern
    role: str  # origin | credit
    outlet: str | None
    resolve: bool


class SourceRegistry:
    """Outlets by id, alias and domain, plus the syndication patterns."""

    def __init__(self, outlets: Sequence[Outlet], patterns: Sequence[_Pattern] = ()):
        self.outlets = {o.id: o for o in outlets}
        self.patterns = tuple(patterns)
        self._exact: dict[str, Outlet] = {}
        self._folded: dict[str, Outlet] = {}
        self._domains: dict[str, Outlet] = {}
        for o in outlets:
            for alias in (o.name, *o.aliases):
                if _ACRONYM.fullmatch(alias):
                    self._exact[alias] = o  # "AP", "AA": only as written, never "ap" or "aa"
                else:
                    self._folded[_key(alias)] = o
            for domain in o.domains:
                self._domains[domain.lower()] = o

    @classmethod
    def load(cls, path: str | Path | None = None) -> "SourceRegistry":
        """The registry in ``path``, by default the package's ``data/sources.json`` (cached)."""
        return _load(str(path) if path else None)

    def resolve(self, name: str | None) -> Outlet | None:
        """The outlet called ``name`` (an alias, a name or a domain), or None."""
        if not name:
            return None
        name = name.strip()
        hit = self._exact.get(name) or self._folded.get(_key(name))
        if hit is None and "." in name and " " not in name:
            hit = self.by_domain(name)
        return hit

    def by_domain(self, host_or_url: str | None) -> Outlet | None:
        """The outlet owning ``host_or_url``'s domain (subdomains included), or None."""
        if not host_or_url:
            return None
        host = (urlsplit(host_or_url).hostname if "//" in host_or_url else host_or_url).lower()
        host = host.removeprefix("www.")
        while host:
            if host in self._domains:
                return self._domains[host]
            host = host.partition(".")[2] if "." in host else ""
        return None

    def mentions(self, lines: Iterable[str]) -> tuple[list[Outlet | str], list[Outlet]]:
        """Origins (outlets, or names not in the registry) and credited outlets named in ``lines``."""
        origins: list[Outlet | str] = []
        credits: list[Outlet] = []
        for line in lines:
            line = line.strip()
            for pattern in self.patterns:
                for match in pattern.regex.finditer(line):
                    found = self._named(pattern, match)
                    if found is None:
                        continue
                    target = origins if pattern.role == "origin" else credits
                    if found not in target:
                        target.append(found)
        return origins, [c for c in credits if c not in origins]

    def _named(self, pattern: _Pattern, match: re.Match) -> Outlet | str | None:
        if pattern.outlet:
            return self.outlets.get(pattern.outlet)
        raw = match.groupdict().get("outlet")
        if not raw:
            return None
        words = raw.split()
        for n in range(len(words), 0, -1):  # longest resolvable prefix: "Reuters on Friday" -> Reuters
            hit = self.resolve(" ".join(words[:n]))
            if hit:
                return hit
        return raw.strip() if not pattern.resolve and pattern.role == "origin" else None

    def identify(self, article: Article) -> DocumentSource:
        """The source ``article``'s story counts as (origin > metadata outlet > URL domain)."""
        origins, credits = self.mentions((*article.body.splitlines(), *article.removed))
        carrier = self.resolve(article.outlet) or self.by_domain(article.url)
        origin = next((o for o in origins if not (isinstance(o, Outlet) and o.kind == "aggregator")), None)
        chosen = origin or carrier or article.outlet or _host(article.url)
        if isinstance(chosen, Outlet):
            ident, name, kind, country = chosen.id, chosen.name, chosen.kind, chosen.country
        elif chosen:
            ident, name, kind, country = _key(chosen), chosen.strip(), "other", None
        else:
            ident, name, kind, country = f"doc:{article.sha256[:12]}", article.doc, "other", None
        carried_by = carrier.id if isinstance(carrier, Outlet) else (_key(article.outlet) if article.outlet else None)
        return DocumentSource(
            id=ident, name=name, kind=kind, country=country,
            carrier=carried_by if carried_by and carried_by != ident else None,
            credits=tuple(c.id for c in credits if c.id != ident),
            body=body_sketch(article.body),
        )


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url and "//" in url else None
    return host.removeprefix("www.") if host else None


def body_sketch(text: str) -> bytes:
    """Bottom-k hashes of the body's word shingles (resists a changed header or footer line)."""
    words = _WORDS.findall(text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))} - {""}
    hashes = sorted(int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big") for s in shingles)
    return b"".join(h.to_bytes(4, "big") for h in hashes[:BODY_SKETCH])


def same_story(a: bytes, b: bytes) -> bool:
    """Whether two body sketches come from (nearly) the same text."""
    from .similarity import word_overlap

    return bool(a) and bool(b) and word_overlap(a, b, BODY_SKETCH) >= SAME_BODY


def independent_groups(sources: Sequence[DocumentSource]) -> list[list[int]]:
    """Indices of ``sources`` grouped into independent outlets (union of shared origin, credit or body)."""
    parent = list(range(len(sources)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, s in enumerate(sources):
        for name in (s.id, *s.credits):
            j = owner.setdefault(name, i)
            parent[find(i)] = find(j)
        for j in range(i):
            if same_story(s.body, sources[j].body):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(sources)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


@lru_cache(maxsize=4)
def _load(path: str | None) -> SourceRegistry:
    try:
        if path:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        else:
            data = json.loads(resources.files("frontlines").joinpath("data", "sources.json").read_text("utf-8"))
        outlets = [Outlet(o["id"], o["name"], tuple(o.get("aliases") or ()), tuple(o.get("domains") or ()),
                          o.get("country"), o.get("kind") or "other", o.get("parent")) for o in data["outlets"]]
        patterns = [_Pattern(re.compile(p["pattern"], re.IGNORECASE), p["role"], p.get("outlet"),
                             p.get("resolve", True)) for p in data.get("syndication", ())]
    except (OSError, ValueError, KeyError, re.error) as exc:
        raise ConfigError(f"source registry {path or 'data/sources.json'}: {exc}; fix the file or its JSON") from exc
    return SourceRegistry(outlets, patterns)
