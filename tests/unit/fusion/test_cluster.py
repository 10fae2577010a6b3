import random

from fusion_builders import make_report

from frontlines.fusion.cluster import Clusterer, cluster, event_id


def _three_captures(doc, spellings):
    return [make_report(doc, eid=f"e{i}", place=place, spelled=spelled)
            for i, (place, spelled) in enumerate(zip(("Port Aldo", "Mirel", "Kessa"), spellings))]


def test_two_documents_reporting_three_captures_give_three_events_of_two_reports():
    a = _three_captures("a", ("Port Aldo", "Mirel", "Kessa"))
    b = _three_captures("b", ("Porto Aldou", "Mirell", "Qessa"))
    shuffled = a + b
    random.Random(7).shuffle(shuffled)
    assignment = cluster(shuffled)
    assert len(set(assignment.values())) == 3
    for ra, rb in zip(a, b):
        assert assignment[ra.key] == assignment[rb.key]
    assert assignment == cluster(a + b)  # input order does not matter


def test_ids_derive_from_the_first_report_and_never_change_when_reports_join():
    first = make_report("a")
    alone = cluster([first])
    assert alone[first.key] == event_id(first.key)
    grown = cluster([first, make_report("b"), make_report("c", day="2031-05-01", place="Aldo district")])
    assert set(grown.values()) == {alone[first.key]}


def test_a_document_never_contributes_two_reports_to_one_event():
    twins = [make_report("a", eid="e1"), make_report("a", eid="e2"), make_report("b")]
    assignment = cluster(twins)
    assert assignment["a#e1"] != assignment["a#e2"]
    assert assignment["b#e1"] in {assignment["a#e1"], assignment["a#e2"]}


def test_blocking_offers_only_clusters_of_the_same_admin1_and_dates():
    clusterer = Clusterer()
    clusterer.add(make_report("a"))
    assert clusterer.candidates(make_report("b", place="Tovar")) == []
    assert clusterer.candidates(make_report("b", day="2031-05-03")) == []
    assert len(clusterer.candidates(make_report("b", day="2031-05-03", precision="week"))) == 1


def test_a_report_that_any_member_vetoes_does_not_join():
    clusterer = Clusterer()
    town, _ = clusterer.add(make_report("a", place="Port Aldo"))
    district_id, score = clusterer.add(make_report("b", place="Aldo district"))
    assert district_id == town and score is not None
    neighbour, _ = clusterer.add(make_report("c", place="Mirel"))  # fits the district, not the town
    assert neighbour != town


def test_seeded_clusters_keep_their_id_for_incremental_fusion():
    stored = make_report("old")
    clusterer = Clusterer()
    clusterer.seed("ev-stored", [stored])
    assert clusterer.add(make_report("new"))[0] == "ev-stored"
    assert clusterer.add(make_report("old", eid="e9"))[0] != "ev-stored"
