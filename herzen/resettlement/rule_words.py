"""The hard rules and score parts in words for coordinators and households (never the codes)."""

from typing import Any

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from herzen.domain.matching import Part, Rule

PART_CODES = frozenset(part.value for part in Part)


def rule_text(rule: Rule | str) -> str:
    if str(rule).startswith(("sponsor_", "one_sponsor")):
        return sponsor_rule_text(str(rule))
    if str(rule).startswith(("job_", "one_job")):
        return job_rule_text(str(rule))
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


def explained(explanation: dict[str, Any], persons: int, job_placements: Any = ()) -> dict[str, Any]:
    """A proposal's stored explanation in the reader's words: its score parts and why not elsewhere, its
    sponsor's parts and (given the proposal's job placement rows) its adults' jobs."""
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
        "jobs": job_lines(explanation, job_placements),
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


def job_rule_text(rule: str) -> str:
    words = {
        "job_town": _("a job is for adults whose home is in its own town"),
        "job_state": _("the job is not in the household's destination country"),
        "job_veto": _("the household has ruled this job out"),
        "job_capacity": _("the job has no open position left"),
        "job_language": _("the adult speaks none of the languages the job requires"),
        "job_skill": _("the adult has none of the skills or professions the job requires"),
        "one_job": _("an adult has one job only"),
        "job_unknown": _("the adult or the job is not part of this run"),
    }
    return str(words.get(rule, rule))


def job_lines(explanation: dict[str, Any], placements: Any) -> list[dict[str, Any]]:
    """A proposal's job placements in words, from its rows (with their job offers) and the parts its sealed
    explanation keeps: "adult 1: job at Elbe Software in Leipzig, speaks German, software developer"."""
    speaks = _("speaks %(detail)s")
    kept = {entry.get("adult"): entry for entry in explanation.get("jobs", [])}
    lines = []
    for row in placements:
        parts = []
        for part in kept.get(row.adult, {}).get("parts", []):
            if part["part"] == "job_language":
                said = speaks % {"detail": language_name(part["detail"])}
            elif part["part"] == "job_profession":
                said = str(part["detail"])  # the profession as the publisher and the caseworker typed it
            else:
                continue
            parts.append({"part": part["part"], "text": said, "value": part["value"]})
        where = {"adult": row.adult + 1, "title": row.job.title, "town": row.job.town}
        text = _("adult %(adult)s: job at %(title)s in %(town)s") % where
        if parts:
            text = f"{text}: {', '.join(part['text'] for part in parts)}"
        lines.append(
            {"job_id": row.job_id, "adult": row.adult + 1, "score": row.score, "text": text, "parts": parts}
        )
    return lines
