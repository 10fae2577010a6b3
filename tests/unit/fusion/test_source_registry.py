import json

import pytest
from fusion_builders import make_article

from frontlines.errors import ConfigError
from frontlines.fusion.sources import SourceRegistry, independent_groups


@pytest.fixture(scope="module")
def registry():
    return SourceRegistry.load()


def test_metadata_outlet_then_url_domain(registry):
    assert registry.identify(make_article(outlet="The Guardian")).id == "guardian"
    assert registry.identify(make_article(url="https://world.bbc.co.uk/news/1")).id == "bbc"
    unknown = registry.identify(make_article(outlet="Varonia Herald"))
    assert (unknown.id, unknown.name, unknown.kind) == ("varonia herald", "Varonia Herald", "other")
    nothing = registry.identify(make_article())
    assert nothing.id.startswith("doc:")


def test_wire_dateline_makes_the_copy_the_wire_story(registry):
    article = make_article(body="PORT ALDO (Reuters) - Militia fighters took the port.", outlet="Daily Varonian")
    source = registry.identify(article)
    assert (source.id, source.kind, source.carrier) == ("reuters", "wire", "daily varonian")


def test_aggregator_copy_counts_as_the_original_outlet(registry):
    body = "Fighting in the port.\nThis article was originally published on The Varonia Ledger."
    source = registry.identify(make_article(body=body, url="https://news.yahoo.com/x"))
    assert (source.id, source.name, source.carrier) == ("varonia ledger", "The Varonia Ledger", "yahoo-news")


def test_credits_in_the_text_and_in_removed_lines(registry):
    body = ("A commander told dpa that the town had fallen.\n"
            "The toll rose, as reported by The Washington Post on Friday.\n"
            "More fighting is expected, according to officials.")
    source = registry.identify(make_article(body=body, outlet="Varonia Herald", removed=("With AFP",)))
    assert source.credits == ("dpa", "wapo", "afp")


def test_acronyms_resolve_only_as_written(registry):
    assert registry.resolve("AP").id == "ap"
    assert registry.resolve("ap") is None
    assert registry.resolve("the associated press").id == "ap"
    assert registry.mentions(["he told ap reporters"]) == ([], [])


def test_shared_wire_credit_or_body_joins_sources(registry):
    a = registry.identify(make_article("a", "Story one about the port, with AFP material.", "Varonia Herald",
                                       removed=("With AFP",)))
    b = registry.identify(make_article("b", "Different words entirely.", url="https://afp.com/x"))
    c = registry.identify(make_article("c", "Another story with other words on the siege.", "BBC"))
    assert sorted(map(len, independent_groups([a, b, c]))) == [1, 2]


def test_a_user_registry_file_is_read_and_a_broken_one_explained(tmp_path):
    path = tmp_path / "sources.json"
    path.write_text(json.dumps({"outlets": [{"id": "vh", "name": "Varonia Herald", "aliases": ["VH"],
                                             "domains": ["herald.va"], "kind": "newspaper", "country": "VA"}],
                                "syndication": [{"role": "credit", "pattern": r"\bvia (?P<outlet>\w+)"}]}))
    custom = SourceRegistry.load(path)
    assert custom.identify(make_article(url="https://www.herald.va/a")).id == "vh"
    assert custom.mentions(["Pictures via VH"]) == ([], [custom.outlets["vh"]])
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ConfigError, match="broken.json"):
        SourceRegistry.load(broken)
