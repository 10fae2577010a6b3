from fusion_builders import claim, make_article, make_mention

from frontlines.fusion.control import Unit, control_at, control_timeline, state_at
from frontlines.fusion.merge import SourcedReport, fuse
from frontlines.fusion.sources import SourceRegistry

MILITIA, ARMY = "Coastal Militia", "Military Forces of Varonia"


def _event(eid, day, sub, winner, loser, place="Port Aldo", claims=(), outlet="Reuters", event_type="Battles"):
    mention = make_mention(day=day, sub=sub, actor1=winner, actor2=loser, place=place, claims=claims,
                           event_type=event_type)
    source = SourceRegistry.load().identify(make_article(f"{eid}.txt", f"story {eid}", outlet))
    return fuse(eid, [SourcedReport(f"{eid}#e1", f"{eid}.txt", mention, source)])


def test_captures_and_recaptures_make_a_timeline_of_holders():
    events = [
        _event("ev-2", "2031-05-09", "Government regains territory", ARMY, MILITIA, outlet="BBC"),
        _event("ev-1", "2031-05-01", "Non-state actor overtakes territory", MILITIA, ARMY),
        _event("ev-3", "2031-05-05", "Armed clash", ARMY, MILITIA),  # fighting does not change hands
    ]
    timelines = control_timeline(events)
    states = timelines[Unit("Varonia", "Coast", "Aldo")]
    assert [(s.start, s.end, s.status, s.holder) for s in states] == [
        ("2031-05-01", "2031-05-09", "held", MILITIA), ("2031-05-09", None, "held", ARMY)]
    assert states[0].events == ("ev-1",) and states[1].sources == ("BBC",)
    assert state_at(states, "2031-05-04").holder == MILITIA
    before = state_at(states, "2031-04-30")
    assert (before.status, before.holder, before.end) == ("unknown", None, "2031-05-01")


def test_a_capture_claimed_by_one_party_and_denied_by_the_other_is_contested():
    denied = _event("ev-1", "2031-05-01", "Non-state actor overtakes territory", MILITIA, ARMY,
                    claims=(claim(MILITIA, "claims", "we took the port"), claim(ARMY, "denies", "lies")))
    state = control_timeline([denied])[Unit("Varonia", "Coast", "Aldo")][0]
    assert (state.status, state.holder, state.claimed_by, state.denied_by) == ("contested", None, (MILITIA,), (ARMY,))


def test_two_parties_taking_a_unit_on_one_day_contest_it_and_repeats_extend_a_state():
    both = [_event("ev-1", "2031-05-01", "Non-state actor overtakes territory", MILITIA, ARMY),
            _event("ev-2", "2031-05-01", "Government regains territory", ARMY, MILITIA)]
    assert control_timeline(both)[Unit("Varonia", "Coast", "Aldo")][0].status == "contested"
    again = [_event("ev-1", "2031-05-01", "Non-state actor overtakes territory", MILITIA, ARMY),
             _event("ev-2", "2031-05-03", "Non-state actor overtakes territory", MILITIA, ARMY, outlet="BBC")]
    (state,) = control_timeline(again)[Unit("Varonia", "Coast", "Aldo")]
    assert state.events == ("ev-1", "ev-2") and state.sources == ("Reuters", "BBC")


def test_units_are_admin2_where_known_else_admin1_and_control_at_lists_them_all():
    events = [_event("ev-1", "2031-05-01", "Non-state actor overtakes territory", MILITIA, ARMY),
              _event("ev-2", "2031-05-02", "Non-violent transfer of territory", ARMY, None,
                     place="Coast province", event_type="Strategic developments")]
    states = control_at(control_timeline(events), "2031-05-01")
    assert [(s.unit.name, s.unit.level, s.status) for s in states] == [
        ("Coast", "admin1", "unknown"), ("Aldo", "admin2", "held")]
    assert states[1].to_dict()["latitude"] == 41.5
