"""The hard rules and score parts in words for coordinators and households (never the codes)."""

from typing import Any

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from herzen.domain.matching import Part, Rule

PART_CODES = frozenset(part.value for part in Part)


def rule_text(rule: Rule | str) -> str:
    if str(rule).startswith(("sponsor_", "one_sponsor")):
        return sponsor_rule_text(str(rule))
    words = {
        Rule.WHOLE_HOUSEHOLD: _("a household is never split"),
        Rule.ONE_PLACE: _("a household has one place only"),
        Rule.CAPACITY_PERSONS: _("not enough places for the household's persons"),
        Rule.CHILD_BEDS: _("not enough beds for the children"),
        Rule.DESTINATION_STATE: _("the place is not in the household's destination country"),
        Rule.ACCESSIBILITY: _("the household needs an accessible place"),
        Rule.VETO: _("the household has ruled this town out"),
        Rule.PETS: _("pets are not allowed there"),
        Rule.SMOKING: _("smoking is not allowed there"),
        Rule.DATES: _("the place is no longer available when the household can move"),
        Rule.UNKNOWN: _("the household or the offer is not part of this run"),
    }
    return str(words.get(Rule(rule), rule))


def reason_text(reason: str, persons: int) -> str:
    if reason == "full":
        return _("it had no room left for %(persons)s persons") % {"persons": persons}
    if reason == "kept":
        return _("its room is kept for households expected to arrive later")
    if reason == "plan":
        return _("its room did more good for other households")
    if reason == Rule.CAPACITY_PERSONS:
        return _("it has no place for %(persons)s persons") % {"persons": persons}
    return rule_text(reason)


def part_text(part: str, detail: str) -> str:
    words = {
        Part.LOCAL_LANGUAGE: _("speaks the local language (%(detail)s)"),
        Part.PROFESSION: _("a job for their profession (%(detail)s)"),
        Part.JOB_MARKET: _("jobs open to them in %(detail)s"),
        Part.TIES: _("family or friends in town (%(detail)s)"),
        Part.REGION: _("the region's employment (%(detail)s)"),
        Part.PREFERENCE: _("their choice no. %(detail)s"),
        Part.TIES_DISTANCE: _("near their people in %(detail)s"),
    }
    template = words.get(Part(part)) if part in PART_CODES else None
    if part == Part.LOCAL_LANGUAGE:
        detail = language_name(detail)
    return template % {"detail": detail} if template else ""


def language_name(code: str) -> str:
    """A language's name in the reader's language (never its code); an unknown code is shown as typed."""
    try:
        return str(get_language_info(code)["name_translated"]).lower()
    except KeyError:
        return code


def parts_text(parts: list[str]) -> str:
    names = {
        Part.LOCAL_LANGUAGE: _("language"),
        Part.PROFESSION: _("jobs"),
        Part.JOB_MARKET: _("jobs"),
        Part.TIES: _("family"),
        Part.REGION: _("region"),
        Part.PREFERENCE: _("their wishes"),
        Part.TIES_DISTANCE: _("family"),
    }
    return ", ".join(dict.fromkeys(str(names[Part(p)]) for p in parts if p in PART_CODES))


def explained(explanation: dict[str, Any], persons: int) -> dict[str, Any]:
    """A proposal's stored explanation in the reader's words: its score parts and why not elsewhere."""
    parts = [
        {"part": p["part"], "text": part_text(p["part"], p.get("detail", "")), "value": p["value"]}
        for p in explanation.get("parts", [])
        if part_text(p["part"], p.get("detail", ""))
    ]
    alternatives = [
        {
            "town": a["town"],
            "score": a.get("score", 0.0),
            "better_on": parts_text(a["better_on"]),
            "why_not": reason_text(a["reason"], persons),
        }
        for a in explanation.get("alternatives", [])
    ]
    return {
        "parts": parts,
        "alternatives": alternatives,
        "employment": explanation.get("employment", 0),
        "sponsor_parts": sponsor_parts_text(explanation.get("sponsor") or {}),
    }


def sponsor_rule_text(rule: str) -> str:
    words = {
        "sponsor_town": _("a sponsor supports households in its own town only"),
        "sponsor_state": _("the sponsor is not in the household's destination country"),
        "sponsor_veto": _("the household has ruled this sponsor out"),
        "sponsor_capacity": _("the sponsor has no room for more households"),
        "one_sponsor": _("a household has one sponsor only"),
        "sponsor_unknown": _("the household or the sponsor is not part of this run"),
    }
    return str(words.get(rule, rule))


def sponsor_parts_text(sponsor: dict[str, Any]) -> list[dict[str, Any]]:
    """A sponsor's score parts in words: a shared language, mentoring in the household's profession."""
    words = {
        "sponsor_language": _("the sponsor speaks %(detail)s"),
        "sponsor_mentor": _("the sponsor mentors in their profession (%(detail)s)"),
    }
    parts = []
    for part in sponsor.get("parts", []):
        template = words.get(part["part"])
        if template:
            detail = language_name(part["detail"]) if part["part"] == "sponsor_language" else part["detail"]
            parts.append(
                {"part": part["part"], "text": template % {"detail": detail}, "value": part["value"]}
            )
    return parts
