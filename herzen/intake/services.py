"""Writes of the public intake. Each audits as the intake's system identity (herzen.intake.identity).

Draft writes carry no organisation: the draft belongs to nobody until it is submitted. `draft_submit` then
writes the applicant's records through the ordinary people and cases services as the receiving
organisation, so every record is audited exactly like one a caseworker creates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from herzen import audit
from herzen.cases.models import Case
from herzen.cases.services import case_note_add, case_open_for_new_household
from herzen.core.actor import Actor
from herzen.core.exceptions import Conflict, Invalid, NotFound
from herzen.core.transactions import all_or_nothing
from herzen.encryption.keys import shred
from herzen.intake import uploads
from herzen.intake.expiry import expiry_cutoff, is_expired
from herzen.intake.forms import NeedsForm
from herzen.intake.identity import receiving_actor
from herzen.intake.links import email_lookup, hash_token, new_token
from herzen.intake.models import IntakeDraft, IntakeLink, IntakeUpload, LinkPurpose
from herzen.intake.steps import STEP_NAMES, missing_steps
from herzen.notifications.services import applicant_subscribe
from herzen.people import household_changes
from herzen.people.choices import ContactKind, HouseholdRole
from herzen.people.selectors import household_members, person_detail
from herzen.people.services import (
    contact_point_add,
    document_add,
    household_member_create,
    name_keys_once,
    name_variant_add,
    risk_factor_record,
    stay_record,
)

CONTACT_KINDS = ("email", "phone", "telegram", "signal")


@dataclass(frozen=True)
class IssuedLink:
    draft: IntakeDraft
    token: str  # shown or sent once; only its hash is stored


def _resend_allowed(draft: IntakeDraft) -> bool:
    """A few links an hour: "send me my link" must not become a way to flood someone's inbox."""
    since = timezone.now() - timedelta(hours=1)
    recent = draft.links.filter(purpose=LinkPurpose.RESENT, created_at__gte=since).count()
    return recent < settings.HERZEN_INTAKE_RESENDS_PER_HOUR


def _issue_link(draft: IntakeDraft, purpose: str, delivery: str = "") -> str:
    token = new_token()
    IntakeLink.objects.create(draft=draft, token_hash=hash_token(token), purpose=purpose, delivery=delivery)
    return token


def _live_draft(draft_id: object, *, for_update: bool = True, with_organisation: bool = False) -> IntakeDraft:
    drafts = IntakeDraft.objects.select_for_update(of=("self",)) if for_update else IntakeDraft.objects
    if with_organisation:
        drafts = drafts.select_related("receiving_organisation")
    draft = drafts.filter(pk=draft_id).first()
    if draft is None or is_expired(draft):
        raise NotFound()
    return draft


def _editable(draft_id: object, *, with_organisation: bool = False) -> IntakeDraft:
    draft = _live_draft(draft_id, with_organisation=with_organisation)
    if draft.is_submitted:
        raise Conflict(_("This application has been sent and can no longer be changed."))
    return draft


@transaction.atomic
def draft_start(*, actor: Actor, language: str) -> IssuedLink:
    if language not in dict(settings.LANGUAGES):
        raise Invalid(_("Choose a language."), fields={"language": [_("Choose a language.")]})
    draft = IntakeDraft.objects.create(language=language, last_activity_at=timezone.now())
    token = _issue_link(draft, LinkPurpose.STARTED)
    audit.record(actor=actor, action="intake_draft.start", target=draft, changed_fields=["language"])
    return IssuedLink(draft, token)


@transaction.atomic
def draft_set_language(*, actor: Actor, draft_id: object, language: str) -> IntakeDraft:
    draft = _live_draft(draft_id)
    if language not in dict(settings.LANGUAGES):
        raise Invalid(_("Choose a language."), fields={"language": [_("Choose a language.")]})
    draft.language = language
    draft.last_activity_at = timezone.now()
    draft.save(update_fields=["language", "last_activity_at", "updated_at"])
    audit.record(actor=actor, action="intake_draft.set_language", target=draft, changed_fields=["language"])
    return draft


@transaction.atomic
def draft_save_step(
    *, actor: Actor, draft_id: object, step: str, answers: Mapping[str, Any], organisation_id: object = None
) -> IntakeDraft:
    """Keep one topic's answers (already checked by its form); JSON-ready values only."""
    if step not in STEP_NAMES:
        raise Invalid(_("Unknown question."))
    draft = _editable(draft_id)
    draft.answers = {**draft.answers, step: dict(answers)}
    fields = ["answers", "last_activity_at", "updated_at"]
    if step == "about":
        draft.email_lookup = email_lookup(answers["email"]) if answers.get("email") else ""
        fields.append("email_lookup")
    if step == "organisation":
        draft.receiving_organisation_id = organisation_id
        fields.append("receiving_organisation")
    draft.last_activity_at = timezone.now()
    draft.save(update_fields=fields)
    audit.record(actor=actor, action="intake_draft.save", target=draft, changed_fields=[step])
    return draft


def _send_link(draft: IntakeDraft, token: str, base_url: str) -> None:
    with translation.override(draft.language):
        send_mail(
            subject=_("Your private link to your Herzen application"),
            message=_(
                "Here is the private link to your application. Anyone who has it can open your "
                "application, so do not forward it.\n\n%(link)s\n\nIf you did not ask for this, ignore this "
                "message."
            )
            % {"link": f"{base_url}/apply/link/{token}/"},
            from_email=None,
            recipient_list=[_draft_email(draft)],
        )


def _draft_email(draft: IntakeDraft) -> str:
    """The applicant's e-mail address: from the answers, or once sent, from their person record (read
    through the people selectors as the receiving organisation)."""
    if not draft.is_submitted:
        return str(draft.answers.get("about", {}).get("email", ""))
    case = draft.case
    if case is None:
        return ""
    staff = receiving_actor(case.organisation)
    for member in household_members(actor=staff, household=case.household):
        if member.role == HouseholdRole.PRINCIPAL:
            person = person_detail(actor=staff, person_id=member.person_id)
            emails = [c.value for c in person.contact_points.all() if c.kind == ContactKind.EMAIL]
            return emails[0] if emails else ""
    return ""


@transaction.atomic
def link_resend(*, actor: Actor, draft_id: object, base_url: str) -> IntakeLink | None:
    """ "Send me my link again": a new link to the applicant's e-mail address, recorded whether it could go.

    Herzen has no SMS or messenger gateway: a link can only go by e-mail, through Django's e-mail backend.
    An applicant who gave no e-mail address is told so, and the request is still recorded. Past
    HERZEN_INTAKE_RESENDS_PER_HOUR in an hour the request is recorded as refused and nothing is sent (None)."""
    draft = _live_draft(draft_id)
    if not _resend_allowed(draft):
        audit.record(actor=actor, action="intake_link.resend_refused", target=draft)
        return None
    email = _draft_email(draft)
    delivery = "email" if email else "no_gateway"
    token = _issue_link(draft, LinkPurpose.RESENT, delivery=delivery)
    link = IntakeLink.objects.get(token_hash=hash_token(token))
    if email:
        _send_link(draft, token, base_url)
    draft.last_activity_at = timezone.now()
    draft.save(update_fields=["last_activity_at", "updated_at"])
    audit.record(
        actor=actor, action="intake_link.resend", target=link, parent=draft, changed_fields=["delivery"]
    )
    return link


@transaction.atomic
def link_resend_by_email(*, actor: Actor, email: str, base_url: str) -> int:
    """For an applicant who lost the link: a new one to every live application with this address.

    Answers the same whether or not anything matched, so the page cannot tell anyone who applied."""
    sent = 0
    for draft in IntakeDraft.objects.filter(email_lookup=email_lookup(email)).select_for_update():
        if is_expired(draft) or not _resend_allowed(draft):
            continue
        token = _issue_link(draft, LinkPurpose.RESENT, delivery="email")
        link = IntakeLink.objects.get(token_hash=hash_token(token))
        _send_link(draft, token, base_url)
        audit.record(
            actor=actor, action="intake_link.resend", target=link, parent=draft, changed_fields=["delivery"]
        )
        sent += 1
    return sent


@transaction.atomic
def links_revoke(*, actor: Actor, draft_id: object) -> IssuedLink:
    """Stop every private link to the draft and issue one new one (for a phone that was lost or seized)."""
    draft = _live_draft(draft_id)
    now = timezone.now()
    draft.links.filter(revoked_at__isnull=True).update(revoked_at=now)
    token = _issue_link(draft, LinkPurpose.REISSUED)
    draft.last_activity_at = now
    draft.save(update_fields=["last_activity_at", "updated_at"])
    audit.record(actor=actor, action="intake_link.revoke_all", target=draft, changed_fields=["links"])
    return IssuedLink(draft, token)


@transaction.atomic
def upload_add(*, actor: Actor, draft_id: object, data: bytes, original_name: str, kind: str) -> IntakeUpload:
    """Check, clean, store and scan one file. Raises uploads.UploadRejected when it cannot be kept."""
    draft = _editable(draft_id)
    if draft.uploads.count() >= settings.HERZEN_INTAKE_MAX_UPLOADS:
        raise uploads.UploadRejected("too_many")
    checked = uploads.check_file(data)
    scan_status = uploads.scan(checked.data)  # before anything is written: an infected file never is
    stored_name = uploads.write_private(
        checked.data, checked.stored_type, owner=uploads.draft_owner(draft.pk)
    )
    try:
        upload = IntakeUpload.objects.create(
            draft=draft,
            kind=kind,
            original_name=_safe_name(original_name),
            detected_type=checked.detected_type,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=checked.sha256,
            original_sha256=checked.original_sha256,
            metadata_removed=checked.metadata_removed,
            scan_status=scan_status,
            stored_name=stored_name,
        )
    except Exception:
        uploads.delete_private(stored_name)
        raise
    draft.last_activity_at = timezone.now()
    draft.save(update_fields=["last_activity_at", "updated_at"])
    audit.record(
        actor=actor,
        action="intake_upload.add",
        target=upload,
        parent=draft,
        changed_fields=["kind", "original_name", "sha256", "scan_status"],
    )
    return upload


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(ch for ch in base if ch.isprintable())[:120] or "file"


@transaction.atomic
def upload_remove(*, actor: Actor, draft_id: object, upload_id: object) -> None:
    draft = _editable(draft_id)
    upload = draft.uploads.filter(pk=upload_id).first()
    if upload is None:
        raise NotFound()
    audit.record(actor=actor, action="intake_upload.remove", target=upload, parent=draft)
    stored_name = upload.stored_name
    upload.delete()
    transaction.on_commit(lambda: uploads.delete_private(stored_name))


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
            _("Language of the application: %(language)s.")
            % {"language": translation.get_language_info(draft.language)["name_local"]},
            _(
                "Declarations affirmed: recognition of Russia's borders as of 1 January 1992; support for "
                "de-Stalinisation and de-imperialisation."
            ),
            _("Protection pathway interest: %(answer)s.")
            % {"answer": str(pathway_labels.get(needs.get("pathway", ""), "—"))},
            _("Needs help with: %(needs)s.") % {"needs": ", ".join(helps) or _("None")},
        ]
        if needs.get("other_needs"):
            lines.append(
                _("Other needs, in the applicant's words: %(text)s") % {"text": needs["other_needs"]}
            )
    return "\n".join(lines)


@transaction.atomic
@all_or_nothing()
@audit.deferred()
@household_changes.coalesced()
@name_keys_once()
def draft_submit(*, actor: Actor, draft_id: object) -> IssuedLink:
    """Turn a complete draft into the receiving organisation's person, household and case.

    Runs the ordinary services as the receiving organisation (`receiving_actor`): each record writes its own
    audit event there, and if any step fails nothing is kept and the draft stays as it was. The answers are
    then removed from the draft, which keeps only its language, its links and the case it became.

    Its twenty-odd audit events are deferred (`audit.deferred`): they are appended together at the end, so the
    audit chain's lock, which every other submission waits for, is held only from then until the commit. The
    case's priority is computed once, from the whole household, rather than after each member and danger, and
    the applicant's name keys once, from their name and its Latin spellings (`name_keys_once`). Nothing
    here catches a failure and goes on, so it is `all_or_nothing`: the services inside make no savepoints, and
    a row locked once (the applicant's person record, which nearly every step locks) is not selected again."""
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
    files = list(draft.uploads.all())
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

    document_ids: dict[str, object] = {}
    for document in answers.get("documents", {}).get("items", []):
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
    for number in ("1", "2"):
        if about.get(f"latin{number}_surname"):
            name_variant_add(
                actor=staff,
                person_id=person_id,
                surname=about[f"latin{number}_surname"],
                given_name=about[f"latin{number}_given_name"],
            )
    stay_record(
        actor=staff,
        person_id=person_id,
        country=location["country"],
        city=location.get("city", ""),
        entry_date=_date(location["entry_date"]),
        legal_basis=location["legal_basis"],
        authorised_until=_date(location.get("authorised_until")),
        document_id=document_ids.get(location.get("document_used", "")),
    )
    for member in answers.get("household", {}).get("members", []):
        household_member_create(
            actor=staff,
            household_id=case.household_id,
            role=member["role"],
            **_person_arguments(member),
            citizenships=_citizenships(about),
            languages=[draft.language],
        )
    risks = answers["risks"]
    kinds = list(risks.get("kinds", [])) or ["other"]
    for index, kind in enumerate(kinds):
        risk_factor_record(
            actor=staff,
            person_id=person_id,
            kind=kind,
            criminal_article=risks.get("criminal_article", "") if kind == "criminal_case" else "",
            criminal_stage=risks.get("criminal_stage", "") if kind == "criminal_case" else "",
            wanted_scope=risks.get("wanted_scope", "") if kind == "wanted_list" else "",
            vulnerability=risks.get("vulnerability", "") if kind == "vulnerability" else "",
            occurred_on=_date(risks.get("summons_date")) if kind == "mobilisation_summons" else None,
            # The account in their own words is kept once, on the first danger named.
            narrative=risks.get("narrative", "") if index == 0 else "",
        )
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
    for upload in files:
        upload.case = case
        upload.save(update_fields=["case", "updated_at"])
        audit.record(
            actor=staff, action="intake_upload.attach", target=upload, parent=case, changed_fields=["case"]
        )

    draft.case = case
    draft.submitted_at = timezone.now()
    draft.last_activity_at = draft.submitted_at
    draft.answers = {}
    draft.email_lookup = email_lookup(about["email"]) if about.get("email") else ""
    draft.save(
        update_fields=["case", "submitted_at", "last_activity_at", "answers", "email_lookup", "updated_at"]
    )
    token = _issue_link(draft, LinkPurpose.SUBMITTED)
    audit.record(actor=staff, action="intake_draft.submit", target=draft, changed_fields=["case", "answers"])
    return IssuedLink(draft, token)


@transaction.atomic
def drafts_purge_expired(*, actor: Actor, now: Any = None) -> int:
    """Delete every unsent draft untouched for HERZEN_INTAKE_DRAFT_EXPIRY_DAYS, with its links and files."""
    expired = list(
        IntakeDraft.objects.select_for_update().filter(
            submitted_at__isnull=True, last_activity_at__lt=expiry_cutoff(now)
        )
    )
    for draft in expired:
        draft_id = draft.pk
        stored = list(draft.uploads.values_list("stored_name", flat=True))
        audit.record(
            actor=actor, action="intake_draft.purge", target=draft, changed_fields=["answers", "uploads"]
        )
        draft.delete()
        # Shredding the draft's key makes its answers and files unreadable in backups as well.
        shred(uploads.draft_owner(draft_id))
        transaction.on_commit(lambda names=stored: [uploads.delete_private(name) for name in names])
    return len(expired)
