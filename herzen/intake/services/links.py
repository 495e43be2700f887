"""Writes to the private links of a draft: sending one again, stopping them all."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from herzen import audit
from herzen.core.actor import Actor
from herzen.intake.expiry import is_expired
from herzen.intake.identity import receiving_actor
from herzen.intake.links import email_lookup, hash_token
from herzen.intake.models import IntakeDraft, IntakeLink, LinkPurpose
from herzen.intake.services.common import IssuedLink, _issue_link, _live_draft, _resend_allowed
from herzen.people.choices import ContactKind, HouseholdRole
from herzen.people.selectors import household_members, person_detail


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
