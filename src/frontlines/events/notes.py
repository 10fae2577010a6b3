"""ACLED-style one-line notes: "On 20 August 2021, X took control of Y (Province) from Z."."""

from __future__ import annotations

import datetime as dt

PHRASES = {
    "Non-state actor overtakes territory": "{a1} took control of {loc}{from_a2}",
    "Government regains territory": "{a1} regained control of {loc}{from_a2}",
    "Non-violent transfer of territory": "{a1} took control of {loc} without a fight{from_a2}",
    "Armed clash": "{a1} clashed with {a2} in {loc}",
    "Air/drone strike": "{a1} carried out an air/drone strike in {loc}{on_a2}",
    "Shelling/artillery/missile attack": "{a1} shelled or fired missiles at {loc}{on_a2}",
    "Remote explosive/landmine/IED": "an explosive device went off in {loc}{on_a2}",
    "Suicide bomb": "a suicide bomber attacked {loc}{on_a2}",
    "Grenade": "{a1} threw a grenade in {loc}{on_a2}",
    "Chemical weapon": "{a1} used a chemical weapon in {loc}{on_a2}",
    "Attack": "{a1} attacked {a2} in {loc}",
    "Abduction/forced disappearance": "{a1} abducted {a2} in {loc}",
    "Sexual violence": "{a1} committed sexual violence against {a2} in {loc}",
    "Peaceful protest": "{a1} demonstrated in {loc}",
    "Protest with intervention": "{a1} demonstrated in {loc}; {a2} intervened",
    "Excessive force against protesters": "{a1} demonstrated in {loc}; {a2} used lethal force against them",
    "Violent demonstration": "{a1} rioted in {loc}{against_a2}",
    "Mob violence": "a mob ({a1}) attacked {a2} in {loc}",
    "Agreement": "{a1} reached an agreement or held talks with {a2} in {loc}",
    "Arrests": "{a1} arrested {a2} in {loc}",
    "Change to group/activity": "{a1} changed its group or activity in {loc} (defection, recruitment, merger){with_a2}",
    "Disrupted weapons use": "{a1} seized or disabled weapons in {loc}",
    "Headquarters or base established": "{a1} established a base in {loc}",
    "Looting/property destruction": "{a1} looted or destroyed property in {loc}",
    "Other": "{a1} moved or deployed forces around {loc}",
}


def when(event_date: str | None, precision: str) -> str:
    """"On 20 August 2021" (day), "Around 20 August 2021" (week), "In August 2021" (month)."""
    if not event_date:
        return "On an unknown date"
    day = dt.date.fromisoformat(event_date)
    if precision == "month":
        return f"In {day:%B %Y}"
    text = f"{day.day} {day:%B %Y}"
    return f"Around {text}" if precision == "week" else f"On {text}"


def note(sub_event_type: str, actor1: str | None, actor2: str | None, location: str | None, admin1: str | None,
         event_date: str | None, precision: str, fatalities: int) -> str:
    """The event in one line, in ACLED's manner."""
    loc = location or "an unknown location"
    if admin1 and admin1 != location:
        loc = f"{loc} ({admin1})"
    a1 = actor1 or "unidentified actors"
    a2 = actor2 or "unidentified actors"
    body = PHRASES.get(sub_event_type, "{a1}: " + sub_event_type.lower() + " in {loc}").format(
        a1=a1, a2=a2, loc=loc,
        from_a2=f" from {actor2}" if actor2 else "",
        on_a2=f", hitting {actor2}" if actor2 else "",
        against_a2=f" against {actor2}" if actor2 else "",
        with_a2=f", involving {actor2}" if actor2 else "",
    )
    text = f"{when(event_date, precision)}, {body}."
    if fatalities:
        text += f" {fatalities} reported fatalit{'y' if fatalities == 1 else 'ies'}."
    return text
