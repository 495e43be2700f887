"""The "check your answers" page: each topic's answers as label/value rows, in the applicant's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django_countries import countries

from herzen.intake import forms as intake_forms
from herzen.intake.models import IntakeDraft
from herzen.intake.steps import STEPS
from herzen.people.choices import (
    CriminalStage,
    DocumentStatus,
    DocumentType,
    HouseholdRole,
    LegalBasis,
    RiskFactorKind,
    Sex,
    Vulnerability,
    WantedScope,
)


def _date(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d.%m.%Y") if value else "—"


def _label(choices: Any, value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else "—"


def _country(code: str) -> str:
    return str(countries.name(code)) if code else "—"


def _name(answers: dict[str, Any]) -> str:
    return " ".join(
        p for p in (answers.get("surname"), answers.get("given_name"), answers.get("patronymic")) if p
    )


def describe_member(member: dict[str, Any]) -> str:
    return f"{_name(member)}, {_date(member.get('date_of_birth'))} — {_label(HouseholdRole, member.get('role', ''))}"


def _member_rows(members: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Each member, with their own document and, if it differs from the applicant's, their own entry."""
    rows = []
    for member in members:
        rows.append((_("Person"), describe_member(member)))
        if member.get("document_type"):
            rows.append(
                (
                    _("Document"),
                    describe_document(
                        {
                            "document_type": member["document_type"],
                            "number": member.get("document_number", ""),
                            "issuing_country": member.get("document_issuing_country", ""),
                            "status": member.get("document_status", ""),
                        }
                    ),
                )
            )
        if member.get("stay") == "own" and member.get("entry_date"):
            rows.append((_("Date this person last entered the country"), _date(member["entry_date"])))
    return rows


def describe_document(document: dict[str, Any]) -> str:
    return (
        f"{_label(DocumentType, document.get('document_type', ''))} {document.get('number', '')} "
        f"({_country(document.get('issuing_country', ''))}) — {_label(DocumentStatus, document.get('status', ''))}"
    )


def _about(a: dict[str, Any]) -> list[tuple[str, str]]:
    citizenships = [
        _("no citizenship") if code == intake_forms.STATELESS else _country(code)
        for code in a.get("citizenships", [])
    ]
    if a.get("other_citizenship"):
        citizenships.append(_country(a["other_citizenship"]))
    latin = [
        f"{a[f'latin{n}_surname']} {a[f'latin{n}_given_name']}"
        for n in ("1", "2")
        if a.get(f"latin{n}_surname")
    ]
    channel_names = dict(intake_forms.AboutForm().fields["preferred"].choices)  # type: ignore[attr-defined]
    contacts = [f"{channel_names[kind]}: {a[kind]}" for kind in intake_forms.CONTACT_KINDS if a.get(kind)]
    return [
        (_("Name"), _name(a)),
        (_("Sex as in the passport"), _label(Sex, a.get("sex", ""))),
        (_("Date of birth"), _date(a.get("date_of_birth"))),
        (_("Your name in Latin letters"), "; ".join(latin) or "—"),
        (_("Your citizenships"), ", ".join(citizenships) or "—"),
        (_("How we can reach you"), "; ".join(contacts) or "—"),
        (
            _("How should we contact you first?"),
            str(dict(intake_forms.AboutForm().fields["preferred"].choices).get(a.get("preferred", ""), "—")),
        ),  # type: ignore[attr-defined]
    ]


def _location(a: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (_("Country you are in now"), _country(a.get("country", ""))),
        (_("City or town"), a.get("city") or "—"),
        (_("Date you last entered this country"), _date(a.get("entry_date"))),
        (_("On what basis are you staying?"), _label(LegalBasis, a.get("legal_basis", ""))),
        (_("Visa or permit valid until"), _date(a.get("authorised_until"))),
        (_("Document you crossed the border with"), _label(DocumentType, a.get("document_used", ""))),
    ]


def _risks(a: dict[str, Any], people: dict[str, str] | None = None) -> list[tuple[str, str]]:
    rows = [
        (
            _("What puts you in danger?"),
            ", ".join(_label(RiskFactorKind, k) for k in a.get("kinds", [])) or "—",
        )
    ]
    if a.get("criminal_article") or a.get("criminal_stage"):
        rows.append(
            (
                _("Article of the Criminal Code"),
                f"{a.get('criminal_article') or '—'}, {_label(CriminalStage, a.get('criminal_stage', ''))}",
            )
        )
    if a.get("summons_date"):
        rows.append((_("Date the summons was sent"), _date(a["summons_date"])))
    if people:
        for field, kinds in (
            ("criminal_person", ("criminal_case",)),
            ("summons_person", ("mobilisation_summons",)),
            ("wanted_person", ("wanted_list",)),
            ("vulnerability_person", ("vulnerability",)),
        ):
            if a.get(field) and set(kinds) & set(a.get("kinds", [])):
                label = ", ".join(_label(RiskFactorKind, k) for k in kinds)
                rows.append((f"{_('Whom does this danger concern?')} ({label})", people.get(a[field], "—")))
    if a.get("wanted_scope"):
        rows.append((_("Which wanted list?"), _label(WantedScope, a["wanted_scope"])))
    if a.get("vulnerability"):
        rows.append((_("What makes you vulnerable?"), _label(Vulnerability, a["vulnerability"])))
    rows.append((_("Tell us what happened, in your own words"), a.get("narrative") or "—"))
    return rows


def _needs(a: dict[str, Any]) -> list[tuple[str, str]]:
    pathway = dict(intake_forms.NeedsForm.base_fields["pathway"].choices).get(a.get("pathway", ""), "—")  # type: ignore[attr-defined]
    helps = [
        str(label)
        for name, label in (
            ("housing", _("housing")),
            ("work", _("work")),
            ("financial", _("financial help")),
        )
        if a.get(name)
    ]
    return [
        (_("Do you want to move to a safe country through a protection programme?"), str(pathway)),
        (_("Help you need"), ", ".join(helps) or "—"),
        (_("Anything else you need"), a.get("other_needs") or "—"),
    ]


def summary_sections(draft: IntakeDraft) -> list[dict[str, Any]]:
    answers = draft.answers
    organisation = draft.receiving_organisation
    rows_by_step: dict[str, list[tuple[str, str]]] = {
        "about": _about(answers["about"]) if answers.get("about") else [],
        "household": _member_rows(answers.get("household", {}).get("members", []))
        or ([(_("Person"), _("Only me"))] if answers.get("household") else []),
        "location": _location(answers["location"]) if answers.get("location") else [],
        "documents": [
            (_("Document"), describe_document(d)) for d in answers.get("documents", {}).get("items", [])
        ]
        or ([(_("Document"), _("None"))] if answers.get("documents") else []),
        "risks": _risks(
            answers["risks"],
            {
                str(i): describe_member(m)
                for i, m in enumerate(answers.get("household", {}).get("members", []))
            },
        )
        if answers.get("risks")
        else [],
        "declarations": [(_("Declarations"), _("Both affirmed"))] if answers.get("declarations") else [],
        "needs": _needs(answers["needs"]) if answers.get("needs") else [],
        "organisation": [(_("Organisation"), str(organisation))]
        if organisation and answers.get("organisation")
        else [],
        "evidence": [],  # the page lists the files itself
    }
    return [{"slug": slug, "title": title, "rows": rows_by_step[slug]} for slug, title in STEPS]
