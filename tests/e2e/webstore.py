"""An invented war (Arvenia, 2031) stored through the store API, for the API and browser tests.

Six documents from three outlets: a town captured by rebels (claimed by them, denied by the
ministry, reported by two outlets), an air strike, an attack on civilians whose text carries an
HTML injection attempt, a protest in the capital and the army retaking the town.
"""

from __future__ import annotations

import hashlib

from frontlines.records import Article, Claim, DocumentResult, EventMention, Fatality, FeedHints, RawDocument

INJECTION = '<img src=x onerror="window.__xss=1">'
REBELS = "Korvash Liberation Front"
ARMY = "Military Forces of Arvenia (2029-)"


def _doc(name, outlet, published, title, sentences, events):
    """A stored document whose body is ``sentences``; each event cites sentences by index."""
    body = " ".join(sentences)
    offsets, at = [], 0
    for sentence in sentences:
        offsets.append((at, at + len(sentence)))
        at += len(sentence) + 1
    content = f"{title}\n{body}".encode()
    raw = RawDocument(doc=name, origin=f"fixtures/{name}", content=content, media_type="text/plain",
                      sha256=hashlib.sha256(content).hexdigest(),
                      hints=FeedHints(url=f"https://{outlet.lower().replace(' ', '')}.example/{name}",
                                      title=title, published=published, outlet=outlet))
    article = Article(doc=name, sha256=raw.sha256, title=title, outlet=outlet, url=raw.hints.url, author=None,
                      published=published, published_range=None, published_basis="feed metadata",
                      language="en", body=body)
    mentions = []
    for i, (fields, cited, said) in enumerate(events):
        claims = tuple(Claim(by, stance, sentences[k], *offsets[k]) for by, stance, k in said)
        mentions.append(EventMention(
            id=f"e{i + 1}", time_precision="day", iso=None, admin2=None, geo_precision=1, geonameid=None,
            evidence=tuple(sentences[k] for k in cited), evidence_spans=tuple(offsets[k] for k in cited),
            claims=claims, country="Arvenia", **fields))
    return raw, DocumentResult(article, (), tuple(mentions))


def _capture(fatalities, figures=()):
    return dict(event_date="2031-03-02", event_type="Battles", sub_event_type="Non-state actor overtakes territory",
                actor1=REBELS, actor2=ARMY, admin1="Eastern Marches", location="Korvash",
                latitude=41.62, longitude=21.41, fatalities=fatalities, figures=figures,
                notes="Rebels of the Korvash Liberation Front took Korvash from the army after a day of fighting.")


def documents() -> list[tuple[RawDocument, DocumentResult]]:
    """The six fixture documents, in publication order."""
    return [
        _doc("courier-0302.txt", "Valley Courier", "2031-03-02", "Rebels say they hold Korvash", [
            "Fighters of the Korvash Liberation Front entered Korvash on Sunday after clashes with the army.",
            "A front spokesman said: We have taken Korvash and killed thirty soldiers.",
            "The defence ministry said Korvash remains under government control and no soldier was lost.",
            "Local officials said four people were killed in the fighting.",
        ], [(_capture(4, (Fatality(4, "killed", "local officials", "four people were killed"),
                          Fatality(30, "killed", REBELS, "killed thirty soldiers", counts=False))),
             (0, 3), [(REBELS, "claims", 1), ("Ministry of Defence of Arvenia", "denies", 2)])]),
        _doc("post-0302.txt", "Highland Post", "2031-03-02", "Heavy fighting in Korvash", [
            "Heavy fighting broke out in Korvash on Sunday as the Korvash Liberation Front stormed the town.",
            "Hospital staff counted six dead.",
            "The front said its fighters now control the town hall.",
        ], [(_capture(6, (Fatality(6, "killed", "hospital staff", "six dead"),)), (0, 1), [(REBELS, "claims", 2)])]),
        _doc("courier-0310.txt", "Valley Courier", "2031-03-10", "Air strike on Dresk depot", [
            "Air force jets struck a fuel depot outside Dresk on Monday, killing two guards.",
        ], [(dict(event_date="2031-03-10", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  actor1=ARMY, actor2=REBELS, admin1="Eastern Marches", location="Dresk", latitude=41.95,
                  longitude=21.9, fatalities=2, notes="Army jets struck a rebel fuel depot near Dresk."),
             (0,), [])]),
        _doc("wire-0320.txt", "Arvenia Wire", "2031-03-20", f"Villagers attacked in Ilmen {INJECTION}", [
            f"Gunmen attacked villagers in Ilmen on Thursday {INJECTION} and burned three houses.",
            "Witnesses said one man was killed.",
        ], [(dict(event_date="2031-03-20", event_type="Violence against civilians", sub_event_type="Attack",
                  actor1="Unidentified Armed Group (Arvenia)", actor2="Civilians (Arvenia)", admin1="Southern Vale",
                  location="Ilmen", latitude=40.9, longitude=20.8, fatalities=1,
                  notes=f"Gunmen attacked villagers in Ilmen {INJECTION}; one man was killed."),
             (0, 1), [])]),
        _doc("post-0405.txt", "Highland Post", "2031-04-05", "Protest in Tavor", [
            "Several hundred people marched peacefully in Tavor on Saturday to demand talks.",
        ], [(dict(event_date="2031-04-05", event_type="Protests", sub_event_type="Peaceful protest",
                  actor1="Protesters (Arvenia)", actor2=None, admin1="Capital District", location="Tavor",
                  latitude=41.2, longitude=22.6, fatalities=0, notes="Several hundred people marched in Tavor."),
             (0,), [])]),
        _doc("courier-0418.txt", "Valley Courier", "2031-04-18", "Army back in Korvash", [
            "The army retook Korvash on Friday after two days of fighting with the Korvash Liberation Front.",
        ], [(dict(event_date="2031-04-18", event_type="Battles", sub_event_type="Government regains territory",
                  actor1=ARMY, actor2=REBELS, admin1="Eastern Marches", location="Korvash", latitude=41.62,
                  longitude=21.41, fatalities=0, notes="The army retook Korvash from the front."),
             (0,), [])]),
    ]


def fill(store) -> None:
    """Save the fixture documents into ``store`` and fuse their reports."""
    from frontlines.store.events import fuse_document

    for raw, result in documents():
        fuse_document(store, store.save(raw, result).document_id)
