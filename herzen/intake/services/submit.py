"""Sending a draft: it becomes the receiving organisation's person, household, case and evidence."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from herzen import audit
from herzen.cases.models import Case
from herzen.cases.services import case_flag_possible_duplicates, case_note_add, case_open_for_new_household
from herzen.core.actor import Actor
from herzen.core.exceptions import Invalid
from herzen.core.languages import self_name
from herzen.evidence import pipeline
from herzen.evidence.models import Channel, SourceKind
from herzen.evidence.services import evidence_add
from herzen.intake import uploads
from herzen.intake.forms import NeedsForm
from herzen.intake.identity import receiving_actor
from herzen.intake.links import email_lookup
from herzen.intake.models import EvidenceKind, IntakeDraft
from herzen.intake.services.common import _editable
from herzen.intake.steps import missing_steps
from herzen.notifications.services import applicant_subscribe
from herzen.people.declaration_texts import DeclarationChannel, DeclarationKind
from herzen.people.models import RiskFactor
from herzen.people.services import (
    contact_point_add,
    declaration_record,
    document_add,
    household_member_create,
    name_variant_add,
    risk_factor_record,
    stay_record,
)

CONTACT_KINDS = ("email", "phone", "telegram", "signal")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _person_arguments(answers: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "surname": answers["surname"],
        "given_name": answers["given_name"],
        "patronymic": answers.get("patronymic", ""),
        "sex": answers["sex"],
        "date_of_birth": _date(answers.get("date_of_birth")),
    }


def _citizenships(about: Mapping[str, Any]) -> list[str]:
    chosen = [code for code in about.get("citizenships", []) if code != "none"]
    if about.get("other_citizenship") and about["other_citizenship"] not in chosen:
        chosen.append(about["other_citizenship"])
    return chosen


def _needs_note(draft: IntakeDraft) -> str:
    """The answers that have no field of their own on the person record, for the caseworker to read, in the
    staff's language (the deployment's default), whatever language the applicant used."""
    needs = draft.answers.get("needs", {})
    pathway_labels = dict(NeedsForm.base_fields["pathway"].choices)  # type: ignore[attr-defined]
    with translation.override(settings.LANGUAGE_CODE):
        helps = [
            str(label)
            for name, label in (
                ("housing", _("housing")),
                ("work", _("work")),
                ("financial", _("financial help")),
            )
            if needs.get(name)
        ]
        lines = [
            _("Application received through the public intake."),
            _("Language of the application: %(language)s.") % {"language": self_name(draft.language)},
            _("Protection pathway interest: %(answer)s.")
            % {"answer": str(pathway_labels.get(needs.get("pathway", ""), "—"))},
            _("Needs help with: %(needs)s.") % {"needs": ", ".join(helps) or _("None")},
        ]
        if needs.get("other_needs"):
            lines.append(
                _("Other needs, in the applicant's words: %(text)s") % {"text": needs["other_needs"]}
            )
    return "\n".join(lines)


# What an applicant's file shows -> the kind of evidence item, and the kinds of danger it backs.
UPLOAD_EVIDENCE = {
    "passport": ("identity", ()),
    "prosecution": ("court_document", ("criminal_case", "administrative_case")),
    "summons": ("summons", ("mobilisation_summons", "criminal_case")),
    "listing": ("registry_listing", ("foreign_agent", "wanted_list")),
    "stay": ("identity", ()),
    "other": ("other", ("other",)),
}
# Which danger answer names the person it concerns (risks step); every other kind concerns `other_person`.
RISK_PERSON_FIELDS = {
    "criminal_case": "criminal_person",
    "mobilisation_summons": "summons_person",
    "wanted_list": "wanted_person",
    "vulnerability": "vulnerability_person",
}


def _concerned(concerns: object, principal_id: object, member_ids: list[object]) -> object:
    """The person an answer concerns: "" is the applicant, "0", "1", ... a household member by position."""
    text = str(concerns or "")
    if text.isdigit() and int(text) < len(member_ids):
        return member_ids[int(text)]
    return principal_id


def _record_documents(staff: Actor, person_id: object, items: list[Mapping[str, Any]]) -> dict[str, object]:
    """The person's identity documents; returns the first document id of each type (for the stay)."""
    document_ids: dict[str, object] = {}
    for document in items:
        added = document_add(
            actor=staff,
            person_id=person_id,
            document_type=document["document_type"],
            number=document["number"],
            issuing_country=document["issuing_country"],
            expiry_date=_date(document.get("expiry_date")),
            status=document["status"],
        )
        document_ids.setdefault(document["document_type"], added.pk)
    return document_ids


def _record_stay(
    staff: Actor, person_id: object, stay: Mapping[str, Any], country: str, document_ids: Mapping[str, object]
) -> None:
    stay_record(
        actor=staff,
        person_id=person_id,
        country=country,
        city=stay.get("city", ""),
        entry_date=_date(stay["entry_date"]),
        legal_basis=stay["legal_basis"],
        authorised_until=_date(stay.get("authorised_until")),
        document_id=document_ids.get(stay.get("document_used", "")),
    )


def _record_member(
    staff: Actor, case: Case, member: Mapping[str, Any], about: Mapping[str, Any], location: Mapping[str, Any]
) -> object:
    """A household member as a full person: own citizenships, identity document and stay (own deadline).
    A member who entered with the applicant gets a stay of their own on the applicant's dates."""
    added = household_member_create(
        actor=staff,
        household_id=case.household_id,
        role=member["role"],
        **_person_arguments(member),
        # A member for whom the applicant ticked nothing is noted with the applicant's citizenships.
        citizenships=_citizenships(member)
        if member.get("citizenships") or member.get("other_citizenship")
        else _citizenships(about),
        languages=[],
    )
    person_id = added.person_id
    document_ids: dict[str, object] = {}
    if member.get("document_type") and member.get("document_number"):
        document_ids = _record_documents(
            staff,
            person_id,
            [
                {
                    "document_type": member["document_type"],
                    "number": member["document_number"],
                    "issuing_country": member.get("document_issuing_country") or "RU",
                    "expiry_date": member.get("document_expiry_date"),
                    "status": member.get("document_status") or "valid",
                }
            ],
        )
    stay = {**location, "document_used": member.get("document_type", "")}
    if member.get("stay") == "own" and member.get("entry_date"):
        stay.update(
            entry_date=member["entry_date"],
            legal_basis=member["legal_basis"],
            authorised_until=member.get("authorised_until", ""),
        )
    _record_stay(staff, person_id, stay, location["country"], document_ids)
    return person_id


def _record_risks(
    staff: Actor, risks: Mapping[str, Any], principal_id: object, member_ids: list[object]
) -> None:
    kinds = list(risks.get("kinds", [])) or ["other"]
    for index, kind in enumerate(kinds):
        person_field = RISK_PERSON_FIELDS.get(kind, "other_person")
        risk_factor_record(
            actor=staff,
            person_id=_concerned(risks.get(person_field), principal_id, member_ids),
            kind=kind,
            criminal_article=risks.get("criminal_article", "") if kind == "criminal_case" else "",
            criminal_stage=risks.get("criminal_stage", "") if kind == "criminal_case" else "",
            wanted_scope=risks.get("wanted_scope", "") if kind == "wanted_list" else "",
            vulnerability=risks.get("vulnerability", "") if kind == "vulnerability" else "",
            occurred_on=_date(risks.get("summons_date")) if kind == "mobilisation_summons" else None,
            # The account in their own words is kept once, on the first danger named.
            narrative=risks.get("narrative", "") if index == 0 else "",
        )


DECLARATION_ANSWERS = {
    "borders": DeclarationKind.BORDERS_OF_1992,
    "destalinisation": DeclarationKind.DESTALINISATION,
}


def _record_declarations(staff: Actor, draft: IntakeDraft, principal_id: object) -> None:
    """The declarations the applicant ticked, with the wording and language they were shown."""
    answers = draft.answers.get("declarations", {})
    for answer, kind in DECLARATION_ANSWERS.items():
        if answers.get(answer):
            declaration_record(
                actor=staff,
                person_id=principal_id,
                kind=kind,
                channel=DeclarationChannel.INTAKE,
                language=draft.language,
            )


def _files_to_evidence(
    staff: Actor, draft: IntakeDraft, case: Case, principal_id: object, member_ids: list[object]
) -> list[str]:
    """Each file the applicant sent becomes an evidence item of the person it concerns, linked to that
    person's dangers it can back, with its provenance. Returns the draft's file names to delete once
    committed: the evidence store holds the files now, under the household's key."""
    factors = list(
        RiskFactor.objects.for_actor(staff).filter(person__household_membership__household=case.household)
    )
    kind_labels = dict(EvidenceKind.choices)
    stored_names = []
    for upload in draft.uploads.all():
        person_id = _concerned(upload.concerns, principal_id, member_ids)
        evidence_kind, risk_kinds = UPLOAD_EVIDENCE.get(upload.kind, ("other", ()))
        own = [f for f in factors if f.person_id == person_id]
        linked = [f for f in own if f.kind in risk_kinds] or (own if risk_kinds else [])
        data = uploads.read_private(upload.stored_name, owner=uploads.draft_owner(draft.pk))
        with translation.override(settings.LANGUAGE_CODE):
            title = _("%(kind)s, sent with the application") % {"kind": kind_labels[upload.kind]}
            obtained_from = str(Channel.INTAKE.label)
        evidence_add(
            actor=staff,
            case_id=case.pk,
            kind=evidence_kind,
            title=title,
            source_kind=SourceKind.PERSON_CONCERNED,
            obtained_from=obtained_from,
            person_id=person_id,
            risk_factor_ids=[f.pk for f in linked],
            channel=Channel.INTAKE,
            checked=pipeline.CheckedFile(
                detected_type=upload.detected_type,
                stored_type=upload.content_type.rsplit("/", 1)[-1],
                data=data,
                original_sha256=upload.original_sha256,
                metadata_removed=upload.metadata_removed,
                scan_status=upload.scan_status,
            ),
            file_name=upload.original_name,
        )
        audit.record(
            actor=staff,
            action="intake_upload.attach",
            target=upload,
            parent=case,
            changed_fields=["evidence"],
        )
        stored_names.append(upload.stored_name)
        upload.delete()
    return stored_names


@transaction.atomic
def draft_submit(*, actor: Actor, draft_id: object) -> IntakeDraft:
    """Turn a complete draft into the receiving organisation's person, household, case and evidence.

    Runs the ordinary services as the receiving organisation (`receiving_actor`): each record writes its own
    audit event there, and if any step fails nothing is kept and the draft stays as it was. The answers are
    then removed from the draft, which keeps only its language, its links and the case it became. No new
    private link is issued: the one shown when the application was started stays valid, as that page said.

    Every step is an ordinary service in this one transaction (each its own savepoint), so a failure anywhere
    rolls the whole submission back."""
    draft = _editable(draft_id, with_organisation=True)
    missing = missing_steps(draft.answers)
    if missing:
        raise Invalid(
            _("Some questions are not answered yet."), fields={name: [_("Not answered.")] for name in missing}
        )
    organisation = draft.receiving_organisation
    if organisation is None or draft.answers["location"]["country"] not in organisation.intake_countries:
        raise Invalid(
            _("Choose an organisation that accepts applications in your country."),
            fields={"organisation": [_("Choose an organisation.")]},
        )
    staff = receiving_actor(organisation, intake_user=actor.user)
    answers = draft.answers
    note = _needs_note(draft)
    about, location = answers["about"], answers["location"]

    preferred = about["preferred"]
    case: Case = case_open_for_new_household(
        actor=staff,
        principal={
            **_person_arguments(about),
            "citizenships": _citizenships(about),
            "languages": [draft.language],
        },
        contact={"kind": preferred, "value": about[preferred], "is_preferred": True},
    )
    person_id = case.household.members.get(role="principal").person_id
    for kind in CONTACT_KINDS:
        if kind != preferred and about.get(kind):
            contact_point_add(actor=staff, person_id=person_id, kind=kind, value=about[kind])
    document_ids = _record_documents(staff, person_id, answers.get("documents", {}).get("items", []))
    for number in ("1", "2"):
        if about.get(f"latin{number}_surname"):
            name_variant_add(
                actor=staff,
                person_id=person_id,
                surname=about[f"latin{number}_surname"],
                given_name=about[f"latin{number}_given_name"],
                # The first spelling is asked "as printed in your international passport": tied to that
                # passport, the dossier gives it as the passport's, not the computed expected spelling.
                source_document_id=document_ids.get("international_passport") if number == "1" else None,
            )
    _record_stay(staff, person_id, location, location["country"], document_ids)
    member_ids = [
        _record_member(staff, case, member, about, location)
        for member in answers.get("household", {}).get("members", [])
    ]
    _record_risks(staff, answers["risks"], person_id, member_ids)
    _record_declarations(staff, draft, person_id)
    case_note_add(actor=staff, case_id=case.pk, body=note)
    if about.get("notify_news") and (about.get("email") or about.get("telegram")):
        # News notices (herzen.notifications): "there is news, open your link", nothing more.
        applicant_subscribe(
            actor=staff,
            case_id=case.pk,
            person_id=person_id,
            language=draft.language,
            by_email=bool(about.get("email")),
            by_telegram=False,  # connected from the status page, through the bot
        )
    stored_names = _files_to_evidence(staff, draft, case, person_id, member_ids)
    case_flag_possible_duplicates(actor=staff, case_id=case.pk)

    draft.case = case
    draft.submitted_at = timezone.now()
    draft.last_activity_at = draft.submitted_at
    draft.answers = {}
    draft.email_lookup = email_lookup(about["email"]) if about.get("email") else ""
    draft.save(
        update_fields=["case", "submitted_at", "last_activity_at", "answers", "email_lookup", "updated_at"]
    )
    audit.record(actor=staff, action="intake_draft.submit", target=draft, changed_fields=["case", "answers"])
    transaction.on_commit(lambda: [uploads.delete_private(name) for name in stored_names])
    return draft
