from fusion_builders import make_article, make_mention

from frontlines.fusion import with_clusters
from frontlines.records import DocumentResult, Failure


def _result(doc, body, *mentions, outlet=None):
    return DocumentResult(make_article(doc, body, outlet), events=tuple(mentions))


def test_a_streamed_batch_gets_fused_clusters_in_input_order():
    items = [
        _result("a.txt", "Story A about three towns.", make_mention("e1", "Port Aldo"), make_mention("e2", "Kessa"),
                outlet="Reuters"),
        Failure("broken.txt", "undecodable"),
        _result("b.txt", "Story B, other words.", make_mention("e1", "Kessa", spelled="Qessa"),
                make_mention("e2", "Port Aldo", spelled="Porto Aldou"), make_mention("e3", day=None)),
        _result("a.txt", "Story A about three towns.", make_mention("e1", "Port Aldo"), make_mention("e2", "Kessa")),
    ]
    out = list(with_clusters(items))
    assert isinstance(out[0], Failure)  # failures pass through before the fused records
    records = out[1:]
    assert [r["doc"] for r in records] == ["a.txt", "b.txt", "a.txt"]
    (a, b, copy) = ({e["id"]: e["cluster"] for e in r["events"]} for r in records)
    assert a["e1"] == b["e2"] and a["e2"] == b["e1"] and a["e1"] != a["e2"]
    assert b["e3"] not in a.values()  # no date: an event of its own
    assert copy["e1"] == a["e1"]  # a second copy of the same bytes joins, as another document
    assert records[0]["source"] == {"id": "reuters", "name": "Reuters", "kind": "wire"}
