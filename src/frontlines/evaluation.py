"""Score extract records (shared CONTRACT.md) against gold annotations (shared SCHEMA.md).

``evaluate(gold, records, sources)`` pairs predicted and gold events one-to-one per document
(maximum-weight assignment), then counts event detection, attributes of matched pairs, places,
boilerplate lines, publication dates and cross-source links. The exact definitions are in
docs/evaluation.md; every figure is a count over a count, so a report adds up across documents.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import MISSING, asdict, dataclass, fields
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from rapidfuzz import fuzz
from unidecode import unidecode

from .records import Claim, DocumentResult, EventMention, Place

VAC = "Violence against civilians"
PLACE_KM = 25.0  # tolerance for an event location or a place
WIDE_KM = 60.0  # for a gold event of geo_precision 3, or a gold admin1/valley place
SAME_PLACE_KM = 5.0  # "location correct" on a matched pair
DATE_AFTER = {"day": 1, "week": 7, "month": 31, "year": 366}  # days after the gold date; 1 before
EVIDENCE_OVERLAP = 0.6  # share of the shorter sentence's content words
QUOTE_COVERAGE = 0.5  # share of the gold quote's content words
NAME_RATIO = 88  # rapidfuzz ratio between folded names longer than 4 letters
SHORT_LINE_WORDS = 4  # shorter lines must be a whole body line to count as kept
GENERIC_PLACE_WORDS = frozenset(
    "province district valley city town village region governorate county state oblast raion "
    "municipality prefecture department area".split()
)
STOPWORDS = frozenset(
    "a an the and or but of to in on at by for from with as is are was were be been being has have had "
    "it its this that these those their there they them he she his her we our you your i not no also "
    "than then so such said says say would will could can may might into over after before about "
    "which who whom whose what when where while during up out off more most other some any all".split()
)


# ---------------------------------------------------------------- counts


class _Summable:
    """Field-wise addition, so counts add up over documents."""

    def __add__(self, other):
        return type(self)(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Ratio(_Summable):
    """``hits`` out of ``total``; ``value`` is None when nothing was counted."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(frozen=True)
class Detection(_Summable):
    """Precision = correct/predicted, recall = found/expected (they differ when matching is many-to-one)."""

    correct: int = 0
    predicted: int = 0
    found: int = 0
    expected: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldPlace:
    mention: str
    name: str | None
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldActor:
    mention: str
    canonical: str


@dataclass(frozen=True)
class GoldEvent:
    id: str
    date: str | None
    date_precision: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int
    fatalities: int | None
    claims: tuple[Claim, ...] = ()
    evidence: tuple[str, ...] = ()
    optional: bool = False
    also_event_types: tuple[str, ...] = ()
    also_sub_event_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldDoc:
    doc: str
    published: str | None
    published_range: tuple[str, str] | None
    boilerplate_lines: tuple[str, ...]
    places: tuple[GoldPlace, ...]
    actors: tuple[GoldActor, ...]
    events: tuple[GoldEvent, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "GoldDoc":
        rng = data.get("published_range")
        return cls(
            doc=data["doc"],
            published=data.get("published"),
            published_range=tuple(rng) if rng else None,
            boilerplate_lines=tuple(data.get("boilerplate_lines") or ()),
            places=tuple(GoldPlace(p["mention"], p.get("name"), p.get("kind") or "other", p.get("country"),
                                   p.get("admin1"), p.get("lat"), p.get("lon")) for p in data.get("places") or ()),
            actors=tuple(GoldActor(a["mention"], a["canonical"]) for a in data.get("actors") or ()),
            events=tuple(_gold_event(e) for e in data.get("events") or ()),
        )


def _gold_event(e: dict[str, Any]) -> GoldEvent:
    also = e.get("also_accept") or {}
    return GoldEvent(
        id=e["id"], date=e.get("date"), date_precision=e.get("date_precision") or "day",
        event_type=e["event_type"], sub_event_type=e.get("sub_event_type") or "",
        actor1=e.get("actor1"), actor2=e.get("actor2"), admin1=e.get("admin1"), admin2=e.get("admin2"),
        location=e.get("location"), lat=e.get("lat"), lon=e.get("lon"), geo_precision=e.get("geo_precision") or 1,
        fatalities=e.get("fatalities"),
        claims=tuple(Claim(c.get("by") or "", c["stance"], c.get("quote") or "") for c in e.get("claims") or ()),
        evidence=tuple(e.get("evidence") or ()), optional=bool(e.get("optional")),
        also_event_types=tuple(also.get("event_type") or ()),
        also_sub_event_types=tuple(also.get("sub_event_type") or ()),
    )


@dataclass(frozen=True)
class Gold:
    """A gold corpus: one GoldDoc per article, and cross-source groups of (doc, event id)."""

    docs: tuple[GoldDoc, ...]
    pairs: tuple[tuple[tuple[str, str], ...], ...] = ()


def load_gold(directory: str | Path) -> Gold:
    """Read ``*.gold.json`` and the optional ``pairs.json`` of a gold folder."""
    directory = Path(directory)
    docs = tuple(GoldDoc.from_dict(json.loads(p.read_text(encoding="utf-8")))
                 for p in sorted(directory.glob("*.gold.json")))
    pairs_file = directory / "pairs.json"
    pairs = json.loads(pairs_file.read_text(encoding="utf-8")) if pairs_file.exists() else []
    return Gold(docs, tuple(tuple((doc, eid) for doc, eid in group) for group in pairs))


# ---------------------------------------------------------------- predictions


@dataclass(frozen=True)
class Prediction:
    """The parts of one extract record the scorer reads."""

    doc: str
    title: str | None = None
    published: str | None = None
    body: str | None = None
    places: tuple[Place, ...] = ()
    events: tuple[EventMention, ...] = ()

    @classmethod
    def from_record(cls, record: Mapping[str, Any] | DocumentResult) -> "Prediction":
        if isinstance(record, DocumentResult):
            a = record.article
            return cls(a.doc, a.title, a.published, a.body, record.places, record.events)
        return cls(
            doc=record["doc"], title=record.get("title"), published=record.get("published"),
            body=record.get("body"),
            places=tuple(Place.from_dict({**_required(Place), **p}) for p in record.get("places") or ()),
            events=tuple(EventMention.from_dict({**_required(EventMention), **e}) for e in record.get("events") or ()),
        )


def _required(cls) -> dict[str, None]:
    """None for every field without a default, so a record missing a key still loads."""
    return {f.name: None for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}


def is_record_file(path: Path) -> bool:
    """True when ``path`` is JSON Lines of extract records (not a feed of articles)."""
    if path.suffix.lower() not in {".jsonl", ".ndjson", ".json"}:
        return False
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and "doc" in first and ("events" in first or "places" in first)
    return False


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """Extract records from a JSON Lines file, one at a time."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def predictions(paths: Iterable[str | Path]) -> Iterator[Any]:
    """Records of record files as they are, then the records of the article paths as
    `frontlines extract` makes them (whole pipeline, fused as one batch).

    Yields extract-record dicts and, for unreadable articles, Failures.
    """
    from .fusion import with_clusters
    from .ingest.sources import read
    from .pipeline import Pipeline

    articles = []
    for path in map(Path, paths):
        if path.is_file() and is_record_file(path):
            yield from read_records(path)
        else:
            articles.append(str(path))
    if articles:
        yield from with_clusters(Pipeline().run(read(articles)))


def source_files(paths: Iterable[str | Path]) -> dict[str, Path]:
    """Document name -> source file, for the plain-text articles among ``paths`` (gold
    boilerplate lines are lines of such files)."""
    from .ingest.sources import TEXT_SUFFIXES

    found: dict[str, Path] = {}
    for path in map(Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found.update((f.name, f) for f in files if f.suffix.lower() in TEXT_SUFFIXES)
    return found


# ---------------------------------------------------------------- text helpers


def _key(text: str) -> str:
    """Case-, accent-, quote- and whitespace-insensitive form of a line or a name."""
    return " ".join(unidecode(text).casefold().split())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unidecode(text).lower())


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _words(text) if len(w) > 1 and w not in STOPWORDS)


def fold_name(name: str) -> str:
    """Transliteration-tolerant key: ASCII, letters only, generic words dropped, e/i/y and o/u folded."""
    words = [w for w in _words(name) if w not in GENERIC_PLACE_WORDS] or _words(name)
    folded = "".join(words).translate(str.maketrans("eyo", "iiu"))
    return re.sub(r"(.)\1+", r"\1", folded)


def names_match(a: str | None, b: str | None) -> bool:
    """Same place name up to transliteration (equal folded keys, or close ones when long enough)."""
    if not a or not b:
        return False
    fa, fb = fold_name(a), fold_name(b)
    if not fa or not fb:
        return False
    return fa == fb or (min(len(fa), len(fb)) > 4 and fuzz.ratio(fa, fb) >= NAME_RATIO)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the smaller set (0 when fewer than two are shared)."""
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= 2 else 0.0


def evidence_overlap(predicted: Iterable[str], gold: Iterable[str]) -> float:
    """Best content-word overlap between a predicted and a gold evidence sentence."""
    gold_sets = [_content(s) for s in gold]
    return max((_overlap(_content(p), g) for p in predicted for g in gold_sets), default=0.0)


def quote_coverage(predicted: str, gold: str) -> float:
    """Share of the gold quote's content words (all words when it has fewer than two) in the prediction."""
    g = _content(gold)
    if len(g) < 2:
        g = frozenset(_words(gold))
    return len(g & frozenset(_words(predicted))) / len(g) if g else 0.0


# ---------------------------------------------------------------- actors


@dataclass(frozen=True)
class _Names:
    """Every surface form the gold lists for each canonical actor."""

    forms: Mapping[str, frozenset[str]]  # canonical key -> keys of canonical and mentions
    canonical: Mapping[str, str]  # mention or canonical key -> canonical key

    @classmethod
    def of(cls, actors: Iterable[GoldActor]) -> "_Names":
        forms: dict[str, set[str]] = {}
        canonical: dict[str, str] = {}
        for a in actors:
            c = _actor_key(a.canonical)
            forms.setdefault(c, {c}).add(_actor_key(a.mention))
            canonical[_actor_key(a.mention)] = canonical[c] = c
        return cls({k: frozenset(v) for k, v in forms.items()}, canonical)

    def accepts(self, predicted: str | None, gold: str | None) -> bool:
        """``predicted`` names the gold actor: its canonical name or one of its mentions."""
        if not predicted or not gold:
            return False
        g = _actor_key(gold)
        g = self.canonical.get(g, g)
        return _actor_key(predicted) in self.forms.get(g, {g})


def _actor_key(name: str) -> str:
    """Actor name without case, accents, a leading 'the' or a trailing '(...)' qualifier."""
    key = _key(re.sub(r"\s*\([^)]*\)\s*$", "", name))
    return re.sub(r"^the ", "", key)


def _actor_hits(pred: EventMention, gold: GoldEvent, names: _Names) -> int:
    """Gold actors the prediction names; order-free except in Violence against civilians."""
    expected = [a for a in (gold.actor1, gold.actor2) if a]
    given = [pred.actor1, pred.actor2]
    orders = [given] if gold.event_type == VAC else [given, given[::-1]]
    return max(sum(names.accepts(p, g) for g, p in zip(expected, order)) for order in orders)


# ---------------------------------------------------------------- event matching


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _type_ok(pred: EventMention, gold: GoldEvent) -> bool:
    return pred.event_type in (gold.event_type, *gold.also_event_types)


def _sub_ok(pred: EventMention, gold: GoldEvent) -> bool:
    return pred.sub_event_type in (gold.sub_event_type, *gold.also_sub_event_types)


def _date_fit(pred: EventMention, gold: GoldEvent) -> float | None:
    """None when the predicted date is outside the gold window, else 1 at the gold date falling to 0 at the edge."""
    g = _parse_date(gold.date)
    if g is None:
        return 1.0
    p = _parse_date(pred.event_date)
    if p is None:
        return None
    delta = (p - g).days
    after = DATE_AFTER.get(gold.date_precision, 1)
    if not -1 <= delta <= after:
        return None
    return 1.0 - abs(delta) / (after + 1)


def _location_fit(pred: EventMention, gold: GoldEvent) -> float | None:
    """None when the locations are incompatible, else a closeness in (0, 1]."""
    if None not in (gold.lat, gold.lon, pred.latitude, pred.longitude):
        limit = WIDE_KM if gold.geo_precision == 3 else PLACE_KM
        d = km(gold.lat, gold.lon, pred.latitude, pred.longitude)
        return 1.0 - d / (limit * 1.01) if d <= limit else None
    gold_names = (gold.location, gold.admin2)
    if any(names_match(p, g) for p in (pred.location, pred.admin2) for g in gold_names):
        return 1.0
    province_only = gold.geo_precision == 3 or pred.geo_precision == 3 or not pred.location
    if province_only and names_match(pred.admin1 or pred.location, gold.admin1):
        return 0.5
    return None


def _location_correct(pred: EventMention, gold: GoldEvent) -> bool:
    """The matched prediction names or sits on the gold place (the province, when that is all gold knows)."""
    gold_names = (gold.location, gold.admin2)
    if any(names_match(p, g) for p in (pred.location, pred.admin2) for g in gold_names):
        return True
    if gold.geo_precision == 3 and names_match(pred.admin1 or pred.location, gold.admin1):
        return True
    if None in (gold.lat, gold.lon, pred.latitude, pred.longitude):
        return False
    return km(gold.lat, gold.lon, pred.latitude, pred.longitude) <= SAME_PLACE_KM


def pair_score(pred: EventMention, gold: GoldEvent) -> float:
    """0 when the two cannot be the same event, else a weight for the assignment.

    Pairs with non-optional gold outweigh any number of optional ones, which outweigh any
    quality difference; quality (location, date, evidence, sub-event) only breaks ties.
    """
    if not _type_ok(pred, gold):
        return 0.0
    loc, when = _location_fit(pred, gold), _date_fit(pred, gold)
    if loc is None or when is None:
        return 0.0
    if pred.evidence and gold.evidence:
        ev = evidence_overlap(pred.evidence, gold.evidence)
        if ev < EVIDENCE_OVERLAP:
            return 0.0
    else:
        ev = 0.5
    quality = (loc + when + ev + _sub_ok(pred, gold)) / 4 * 0.999
    return (1.0 if gold.optional else 1e6) + quality


def assign(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one (row, column) pairs by the Hungarian method; weight 0 is no pair."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    n = max(rows, cols)
    if not rows or not cols:
        return []
    cost = [[-weights[i][j] if i < rows and j < cols else 0.0 for j in range(n)] for i in range(n)]
    u, v, match, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        minv, used = [math.inf] * (n + 1), [False] * (n + 1)
        while match[j0]:
            used[j0] = True
            i0, delta, j1 = match[j0], math.inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    pairs = [(match[j] - 1, j - 1) for j in range(1, n + 1) if match[j]]
    return sorted((i, j) for i, j in pairs if i < rows and j < cols and weights[i][j] > 0)


# ---------------------------------------------------------------- per document


@dataclass(frozen=True)
class Match:
    gold_id: str
    pred_id: str
    cluster: str | None
    optional: bool


@dataclass(frozen=True)
class Counts(_Summable):
    """The counts that add up across documents (see docs/evaluation.md for each)."""

    events: Detection = Detection()
    places: Detection = Detection()
    boilerplate: Detection = Detection()
    sub_event: Ratio = Ratio()
    location: Ratio = Ratio()
    date_exact: Ratio = Ratio()
    actors: Ratio = Ratio()
    claims: Ratio = Ratio()
    fatalities: Ratio = Ratio()
    published_in_range: Ratio = Ratio()
    published_exact: Ratio = Ratio()


@dataclass(frozen=True)
class DocReport:
    """Counts for one gold document, and what was matched, missed or spurious."""

    doc: str
    predicted: bool
    counts: Counts
    gold_fatalities: int
    predicted_fatalities: int
    matches: tuple[Match, ...] = ()
    missed: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()
    places_missed: tuple[str, ...] = ()
    places_spurious: tuple[str, ...] = ()
    boilerplate_missed: tuple[str, ...] = ()
    body_dropped: tuple[str, ...] = ()


def score_document(gold: GoldDoc, pred: Prediction | None, source: str | None = None) -> DocReport:
    """Counts for one document; ``pred`` None means the system gave no record for it."""
    predicted = pred is not None
    pred = pred or Prediction(gold.doc)
    names = _Names.of(gold.actors)
    g_events, p_events = gold.events, pred.events
    weights = [[pair_score(p, g) for p in p_events] for g in g_events]
    pairs = [(g_events[i], p_events[j]) for i, j in assign(weights)]
    matched_gold = {g.id for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    optional_preds = {id(p) for g, p in pairs if g.optional}
    required = [g for g in g_events if not g.optional]
    tp = sum(not g.optional for g, _ in pairs)

    sub = loc = exact = actors = claims = fat = Ratio()
    for g, p in pairs:
        sub += Ratio(int(_sub_ok(p, g)), 1)
        loc += Ratio(int(_location_correct(p, g)), 1)
        if g.date_precision == "day" and g.date:
            exact += Ratio(int(_parse_date(p.event_date) == _parse_date(g.date)), 1)
        actors += Ratio(_actor_hits(p, g, names), sum(1 for a in (g.actor1, g.actor2) if a))
        claims += Ratio(sum(any(_claim_ok(c, gc, names) for c in p.claims) for gc in g.claims), len(g.claims))
        fat += Ratio(int((p.fatalities or 0) == (g.fatalities or 0)), 1)

    places, places_missed, places_spurious = _score_places(gold.places, pred.places)
    boiler, bp_missed, dropped = _score_boilerplate(gold, pred, source) if predicted else (Detection(), (), ())
    in_range = Ratio()
    if gold.published_range:
        lo, hi = gold.published_range
        in_range = Ratio(int(bool(pred.published) and lo <= pred.published[:10] <= hi), 1)
    exact_pub = Ratio(int(bool(pred.published) and pred.published[:10] == gold.published), 1) if gold.published else Ratio()
    counts = Counts(
        events=Detection(tp, len(p_events) - len(optional_preds), tp, len(required)), places=places,
        boilerplate=boiler, sub_event=sub, location=loc, date_exact=exact, actors=actors, claims=claims,
        fatalities=fat, published_in_range=in_range, published_exact=exact_pub,
    )
    return DocReport(
        doc=gold.doc, predicted=predicted, counts=counts,
        gold_fatalities=sum(g.fatalities or 0 for g in required),
        predicted_fatalities=sum(p.fatalities or 0 for p in p_events if id(p) not in optional_preds),
        matches=tuple(Match(g.id, p.id, p.cluster, g.optional) for g, p in pairs),
        missed=tuple(g.id for g in required if g.id not in matched_gold),
        spurious=tuple(p.id for p in p_events if id(p) not in matched_pred),
        places_missed=places_missed, places_spurious=places_spurious,
        boilerplate_missed=bp_missed, body_dropped=dropped,
    )


def _claim_ok(pred: Claim, gold: Claim, names: _Names) -> bool:
    """Same stance, the gold quote mostly covered, and ``by`` naming the same actor or source."""
    if pred.stance != gold.stance or quote_coverage(pred.quote, gold.quote) < QUOTE_COVERAGE:
        return False
    return names.accepts(pred.by, gold.by)


def _mentions_overlap(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if ka in kb or kb in ka:
        return True
    return bool({w for w in _words(a) if len(w) >= 4} & {w for w in _words(b) if len(w) >= 4})


def place_found(gold: GoldPlace, pred: Place) -> bool:
    """Overlapping mention text and the same place: country code, or within 25 km (60 km for admin1/valley)."""
    if not _mentions_overlap(gold.mention, pred.mention):
        return False
    same_country = not (gold.country and pred.country_code) or gold.country.upper() == pred.country_code.upper()
    if gold.kind == "country":
        return bool(pred.country_code) and same_country
    if gold.lat is None or gold.lon is None:
        return same_country
    if pred.lat is None or pred.lon is None:
        return False
    limit = WIDE_KM if gold.kind in ("admin1", "valley") else PLACE_KM
    return km(gold.lat, gold.lon, pred.lat, pred.lon) <= limit


def _score_places(gold: tuple[GoldPlace, ...], pred: tuple[Place, ...]):
    distinct: dict[tuple, Place] = {}
    for p in pred:
        coords = (round(p.lat, 2), round(p.lon, 2)) if p.lat is not None and p.lon is not None else None
        distinct.setdefault((_key(p.mention), coords), p)
    preds = list(distinct.values())
    missed = tuple(g.mention for g in gold if not any(place_found(g, p) for p in preds))
    wrong = tuple(p.mention for p in preds if not any(place_found(g, p) for g in gold))
    return Detection(len(preds) - len(wrong), len(preds), len(gold) - len(missed), len(gold)), missed, wrong


def _score_boilerplate(gold: GoldDoc, pred: Prediction, source: str | None):
    """Boilerplate-line detection: a source line is predicted boilerplate when the body lacks it."""
    if source is None or pred.body is None:
        return Detection(), (), ()
    original: dict[str, str] = {}
    for line in source.splitlines():
        if line.strip():
            original.setdefault(_key(line), line.strip())
    lines = list(original)
    boiler = {_key(line) for line in gold.boilerplate_lines}
    first_line = next((line for line in lines if line not in boiler), None)
    titles = {first_line, _key(pred.title or "")}
    scored = [line for line in lines if line in boiler or line not in titles]
    body_lines = {_key(line) for line in pred.body.splitlines()}
    body = _key(pred.body)

    def kept(line: str) -> bool:
        return line in body_lines or (len(line.split()) >= SHORT_LINE_WORDS and line in body)

    flagged = {line for line in scored if not kept(line)}
    hits = flagged & boiler
    return (
        Detection(len(hits), len(flagged), len(hits), len(boiler & set(scored))),
        tuple(original[line] for line in scored if line in boiler and line not in flagged),
        tuple(original[line] for line in scored if line in flagged and line not in boiler),
    )


# ---------------------------------------------------------------- corpus


@dataclass(frozen=True)
class Report:
    """Totals over the gold documents, with the per-document reports they add up from."""

    docs: tuple[DocReport, ...]
    counts: Counts
    fatality_totals: Ratio  # documents whose predicted fatality total equals the gold total
    fatality_total_error: int  # sum over documents of |predicted total - gold total|
    pairs_joined: Ratio  # gold cross-source pairs whose matched predictions share a cluster
    merge_links: Ratio  # cluster links between matched predictions that are gold pairs
    unscored: tuple[str, ...] = ()  # records with no gold file

    @property
    def false_merges(self) -> int:
        return self.merge_links.total - self.merge_links.hits

    def ratios(self) -> dict[str, Ratio | Detection]:
        """Every counted figure by name, in report order."""
        named = {f.name: getattr(self.counts, f.name) for f in fields(Counts)}
        return named | {name: getattr(self, name) for name in ("fatality_totals", "pairs_joined", "merge_links")}

    def figures(self) -> dict[str, float | None]:
        """Flat name -> value (None when nothing was counted), the figures floors are pinned on."""
        out: dict[str, float | None] = {}
        for name, x in self.ratios().items():
            if isinstance(x, Detection):
                out.update({f"{name}.precision": x.precision, f"{name}.recall": x.recall, f"{name}.f1": x.f1})
            else:
                out[name] = x.value
        return out

    def to_dict(self) -> dict[str, Any]:
        """Figures, the counts behind them, and per-document details, for ``--json``."""
        docs = [{
            "doc": d.doc, "predicted": d.predicted,
            "matches": [[m.gold_id, m.pred_id] for m in d.matches], "missed": list(d.missed),
            "spurious": list(d.spurious), "fatalities": [d.predicted_fatalities, d.gold_fatalities],
            "places_missed": list(d.places_missed), "places_spurious": list(d.places_spurious),
            "boilerplate_missed": list(d.boilerplate_missed), "body_dropped": list(d.body_dropped),
        } for d in self.docs]
        return {"figures": self.figures(), "counts": {k: asdict(v) for k, v in self.ratios().items()},
                "false_merges": self.false_merges, "fatality_total_error": self.fatality_total_error,
                "unscored": list(self.unscored), "docs": docs}


def evaluate(
    gold: Gold | Iterable[GoldDoc],
    records: Iterable[Mapping[str, Any] | DocumentResult],
    sources: Mapping[str, str | Path] | None = None,
) -> Report:
    """Score ``records`` (extract records or DocumentResults, streamed) against the gold corpus.

    ``sources`` maps a document name to its source text (or the Path of the file), needed for
    the boilerplate figures. Records are matched to gold files by ``doc`` (or its file name).
    """
    gold = gold if isinstance(gold, Gold) else Gold(tuple(gold))
    by_doc = {g.doc: g for g in gold.docs}
    reports: dict[str, DocReport] = {}
    unscored = []
    for record in records:
        pred = Prediction.from_record(record)
        name = pred.doc if pred.doc in by_doc else Path(pred.doc).name
        if name not in by_doc:
            unscored.append(pred.doc)
        elif name not in reports:
            reports[name] = score_document(by_doc[name], pred, _source_text((sources or {}).get(name)))
    docs = tuple(reports.get(g.doc) or score_document(g, None) for g in gold.docs)
    return _total(docs, gold.pairs, tuple(unscored))


def _source_text(source: str | Path | None) -> str | None:
    if isinstance(source, Path):
        return source.read_bytes().decode("utf-8-sig", errors="replace")
    return source


def _total(docs: tuple[DocReport, ...], groups, unscored: tuple[str, ...]) -> Report:
    joined, links = _cross_source(docs, groups)
    return Report(
        docs=docs, counts=sum((d.counts for d in docs), Counts()),
        fatality_totals=Ratio(sum(d.predicted_fatalities == d.gold_fatalities for d in docs), len(docs)),
        fatality_total_error=sum(abs(d.predicted_fatalities - d.gold_fatalities) for d in docs),
        pairs_joined=joined, merge_links=links, unscored=unscored,
    )


def _cross_source(docs: tuple[DocReport, ...], groups) -> tuple[Ratio, Ratio]:
    """Gold pairs joined in one predicted cluster, and predicted cluster links that are gold pairs."""
    gold_pairs = {frozenset(pair) for group in groups for pair in combinations(group, 2)}
    cluster_of = {(d.doc, m.gold_id): m.cluster for d in docs for m in d.matches}
    joined = sum(1 for pair in gold_pairs
                 if len(clusters := {cluster_of.get(k) for k in pair}) == 1 and None not in clusters)
    members: dict[str, list[tuple[str, str]]] = {}
    for d in docs:
        for m in d.matches:
            if m.cluster is not None:
                members.setdefault(m.cluster, []).append((d.doc, m.gold_id))
    links = [frozenset(pair) for keys in members.values() for pair in combinations(keys, 2)]
    return Ratio(joined, len(gold_pairs)), Ratio(sum(link in gold_pairs for link in links), len(links))


# ---------------------------------------------------------------- table


LABELS = {
    "sub_event": "sub-event accuracy", "location": "location accuracy", "date_exact": "exact date (day precision)",
    "actors": "actor accuracy", "claims": "claim recall", "fatalities": "fatalities exact (per event)",
    "published_in_range": "published in gold range", "published_exact": "published exact",
    "fatality_totals": "fatality totals exact (per doc)", "pairs_joined": "cross-source pairs joined",
    "merge_links": "cluster links correct",
}


def format_table(report: Report, details: bool = False) -> str:
    """The report as aligned text lines (figure, value, counts), optionally per document."""
    rows: list[tuple[str, float | None, str]] = []
    for name, x in report.ratios().items():
        if isinstance(x, Detection):
            rows += [(f"{name} precision", x.precision, f"{x.correct}/{x.predicted}"),
                     (f"{name} recall", x.recall, f"{x.found}/{x.expected}"), (f"{name} F1", x.f1, "")]
        else:
            rows.append((LABELS[name], x.value, f"{x.hits}/{x.total}"))
    width = max(len(label) for label, _, _ in rows)
    lines = [f"{label:<{width}}  {'-' if v is None else f'{v:.3f}':>6}  {c}" for label, v, c in rows]
    lines.append(f"{'false merges':<{width}}  {report.false_merges:>6}")
    lines.append(f"{'fatality total abs error':<{width}}  {report.fatality_total_error:>6}")
    if report.unscored:
        lines.append(f"records without gold: {len(report.unscored)}")
    if details:
        for d in report.docs:
            lines.append(f"\n{d.doc}{'' if d.predicted else '  (no record)'}")
            lines.append(f"  matched  {', '.join(f'{m.gold_id}={m.pred_id}' for m in d.matches) or '-'}")
            lines.append(f"  missed   {', '.join(d.missed) or '-'}")
            lines.append(f"  spurious {', '.join(d.spurious) or '-'}")
            lines.append(f"  fatalities predicted {d.predicted_fatalities}, gold {d.gold_fatalities}")
            lines.append(f"  places missed {list(d.places_missed)}; spurious {list(d.places_spurious)}")
            lines.append(f"  boilerplate kept {list(d.boilerplate_missed)}; body dropped {list(d.body_dropped)}")
    return "\n".join(lines)
