from fusion_builders import make_mention, make_report

from frontlines.fusion.similarity import THRESHOLD, date_window, normalise, report_of, similarity, word_overlap


def test_same_capture_spelled_differently_merges_on_the_resolved_place():
    a = make_report("a", spelled="Port Aldo")
    b = make_report("b", spelled="Porto Aldou", evidence=("The port changed hands on Friday.",))
    decision = similarity(a, b)
    assert decision.merge and decision.score >= THRESHOLD
    assert "same geonameid 9001" in decision.reasons


def test_two_gazetteer_entries_a_kilometre_apart_are_one_place():
    decision = similarity(make_report("a"), make_report("b", place="Port Aldo harbour"))
    assert decision.merge
    assert any("km apart" in r for r in decision.reasons)


def test_neighbouring_towns_on_the_same_day_stay_apart_even_with_one_spelling():
    decision = similarity(make_report("a", place="Port Aldo"), make_report("b", place="Mirel", spelled="Port Aldo"))
    assert decision.vetoed and not decision.merge
    assert "other town" in decision.reasons[0]


def test_other_day_other_type_and_same_document_are_never_merged():
    base = make_report("a")
    assert similarity(base, make_report("b", day="2031-05-02")).reasons == ("dates do not overlap",)
    other_type = make_report("b", event_type="Explosions/Remote violence", sub="Air/drone strike")
    assert similarity(base, other_type).reasons == ("other event type",)
    assert similarity(base, make_report("a", eid="e2")).reasons == ("same document",)


def test_opposite_territorial_changes_and_another_winner_are_kept_apart():
    base = make_report("a")
    regain = make_report("b", sub="Government regains territory", actor1="Military Forces of Varonia",
                         actor2="Coastal Militia")
    assert similarity(base, regain).reasons == ("opposite territorial changes",)
    other_winner = make_report("b", actor1="Military Forces of Varonia", actor2="Coastal Militia")
    assert similarity(base, other_winner).reasons == ("another actor gains the territory",)


def test_disjoint_actor_pairs_are_other_events_but_unidentified_actors_fit_any():
    base = make_report("a", sub="Armed clash")
    assert similarity(base, make_report("b", sub="Armed clash", actor1="Hill Brigade", actor2="Red Guard")).vetoed
    other_pair = similarity(base, make_report("b", sub="Armed clash", actor2="Hill Brigade"))
    assert other_pair.reasons == ("other actors",)
    assert similarity(base, make_report("b", sub="Armed clash", actor2=None)).merge
    loose = similarity(base, make_report("b", sub="Armed clash", actor1="Unidentified Armed Group", actor2=None))
    assert loose.merge and "actors unknown" in loose.reasons


def test_a_clash_and_a_capture_by_the_same_actors_that_day_are_one_event():
    decision = similarity(make_report("a"), make_report("b", sub="Armed clash"))
    assert decision.merge and "related sub-event types" in decision.reasons


def test_week_report_joins_a_day_event_only_when_place_type_and_actors_agree():
    day = make_report("a")
    week = make_report("b", day="2031-05-02", precision="week")
    assert similarity(day, week).merge
    assert similarity(day, make_report("b", day="2031-05-02", precision="week", place="Aldo district")).vetoed
    assert similarity(day, make_report("b", day="2031-05-02", precision="week", sub="Armed clash")).vetoed
    assert similarity(day, make_report("b", day="2031-05-20", precision="week")).vetoed


def test_district_level_report_merges_with_a_town_inside_it_not_outside():
    district = make_report("b", place="Aldo district")
    assert similarity(make_report("a", place="Port Aldo"), district).merge
    assert similarity(make_report("a", place="Kessa"), district).reasons[0].startswith("other admin2")


def test_unresolved_places_fall_back_to_the_name():
    a = report_of(make_mention(), doc="a")
    bare = report_of(make_mention(), doc="b").__class__
    unresolved = dict(geonameid=None, lat=None, lon=None)
    ra = bare(**{**{n: getattr(a, n) for n in a.__slots__}, **unresolved})
    rb = bare(**{**{n: getattr(a, n) for n in a.__slots__}, **unresolved, "doc": "b", "key": "b#e1"})
    rc = bare(**{**{n: getattr(rb, n) for n in rb.__slots__}, "location": "kessa"})
    assert similarity(ra, rb).merge
    assert similarity(ra, rc).vetoed


def test_shared_words_raise_the_score():
    words = ("Militia fighters seized the port town after a night of fighting.",)
    close = similarity(make_report("a", evidence=words), make_report("b", evidence=words))
    far = similarity(make_report("a", evidence=words), make_report("b", evidence=("Residents fled south.",)))
    assert close.score > far.score
    assert word_overlap(b"", b"abcd") == 0.0


def test_date_windows_follow_precision():
    assert date_window("2031-05-14", "day") == (date_window("2031-05-14", "day")[0],) * 2
    lo, hi = date_window("2031-05-14", "week")
    assert hi - lo == 6
    lo, hi = date_window("2031-02-14", "month")
    assert hi - lo == 27
    assert report_of(make_mention(day=None), doc="a") is None


def test_report_round_trips_through_a_dict():
    r = make_report("a")
    assert type(r).from_dict(r.to_dict()) == r


def test_names_compare_without_accents_case_brackets_or_punctuation():
    assert normalise("Deh-e Şalāḩ") == normalise("deh e salah") == "deh e salah"
    assert normalise("Protesters (Varonia)") == "protesters"
    assert normalise("The Coastal Militia") == "coastal militia"
    assert normalise("") is None
