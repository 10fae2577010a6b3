"""Hand-built reports about invented places and actors (Varonia, its Coast and Hills provinces)."""

from __future__ import annotations

from frontlines.records import Article, Claim, EventMention, Fatality
from frontlines.fusion.similarity import report_of

# invented gazetteer: name -> (geonameid, admin1, admin2, lat, lon, geo_precision)
PLACES = {
    "Port Aldo": (9001, "Coast", "Aldo", 41.50, 19.25, 1),
    "Port Aldo harbour": (9011, "Coast", "Aldo", 41.51, 19.26, 1),  # another gazetteer entry, 1.4 km away
    "Mirel": (9002, "Coast", "Aldo", 41.55, 19.25, 1),  # 5.6 km from Port Aldo
    "Kessa": (9003, "Coast", "Brenn", 41.62, 19.40, 1),
    "Aldo district": (9100, "Coast", "Aldo", 41.52, 19.27, 2),
    "Coast province": (9200, "Coast", None, 41.60, 19.30, 3),
    "Tovar": (9004, "Hills", "Tovar", 42.10, 20.10, 1),
}


def make_mention(eid="e1", place="Port Aldo", day="2031-05-01", precision="day",
                 event_type="Battles", sub="Non-state actor overtakes territory",
                 actor1="Coastal Militia", actor2="Military Forces of Varonia", fatalities=0, figures=(),
                 claims=(), evidence=("Militia fighters seized the port town after a night of fighting.",),
                 notes="", date_range=None, spelled=None) -> EventMention:
    gid, admin1, admin2, lat, lon, precision_geo = PLACES[place]
    return EventMention(
        id=eid, event_date=day, time_precision=precision, event_type=event_type, sub_event_type=sub,
        actor1=actor1, actor2=actor2, country="Varonia", iso=999, admin1=admin1, admin2=admin2,
        location=spelled or place, latitude=lat, longitude=lon, geo_precision=precision_geo,
        fatalities=fatalities, claims=tuple(claims), evidence=tuple(evidence), notes=notes, geonameid=gid,
        figures=tuple(figures), date_range=date_range,
    )


def make_report(doc="a", source=None, **kwargs):
    mention = make_mention(**kwargs)
    return report_of(mention, doc=doc, source=source or f"outlet-{doc}", key=f"{doc}#{mention.id}")


def killed(n: int, by: str = "officials") -> Fatality:
    return Fatality(n, "killed", by, f"{n} killed")


def claim(by: str, stance: str, quote: str = "we hold the town") -> Claim:
    return Claim(by, stance, quote)


def make_article(doc="a.txt", body="Fighting in Port Aldo.", outlet=None, url=None, removed=()) -> Article:
    import hashlib

    return Article(doc, hashlib.sha256((doc + body).encode()).hexdigest(), "A title", outlet, url, None,
                   "2031-05-02", None, "test", "en", body, tuple(removed))

