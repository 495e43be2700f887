"""Who may see evidence, add it, and stand behind it. One condition per line; no side effects.

Caseworkers and supervisors gather evidence and cite the public sources that corroborate it: both are facts
anyone can check. Vouching puts the organisation's name behind a document, and flagging fraud ends a
person's claim on it, so both (and withdrawing a vouch) are a supervisor's decision. Files are opened by
those who work or audit the case; an organisation admin manages accounts, not files.
"""

from herzen.cases.models import Case
from herzen.core.actor import Actor, Role
from herzen.evidence.models import EvidenceItem, Vouch
from herzen.pathways.models import Application

READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN)
FILE_READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR)
GATHERERS = (Role.CASEWORKER, Role.SUPERVISOR)


def can_view_evidence(actor: Actor, item: EvidenceItem) -> bool:
    return actor.organisation_id == item.organisation_id and actor.has_any_role(*READERS)


def can_open_evidence_file(actor: Actor, item: EvidenceItem) -> bool:
    return actor.organisation_id == item.organisation_id and actor.has_any_role(*FILE_READERS)


def can_add_evidence(actor: Actor, case: Case) -> bool:
    return actor.organisation_id == case.organisation_id and actor.has_any_role(*GATHERERS)


def can_edit_evidence(actor: Actor, item: EvidenceItem) -> bool:
    return actor.organisation_id == item.organisation_id and actor.has_any_role(*GATHERERS)


def can_corroborate_evidence(actor: Actor, item: EvidenceItem) -> bool:
    return actor.organisation_id == item.organisation_id and actor.has_any_role(*GATHERERS)


def can_vouch_for_evidence(actor: Actor, item: EvidenceItem) -> bool:
    return actor.organisation_id == item.organisation_id and actor.has_any_role(Role.SUPERVISOR)


def can_withdraw_vouch(actor: Actor, vouch: Vouch) -> bool:
    # Only the organisation that gave its word can take it back.
    return actor.organisation_id == vouch.organisation_id and actor.has_any_role(Role.SUPERVISOR)


def can_flag_fraud(actor: Actor, item: EvidenceItem) -> bool:
    return actor.organisation_id == item.organisation_id and actor.has_any_role(Role.SUPERVISOR)


def _is_authority(actor: Actor) -> bool:
    return actor.organisation is not None and actor.organisation.is_authority


# An authority's staff who decide, and its auditors, read what was referred to them.
AUTHORITY_READERS = (Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR)


def can_view_referred_evidence(actor: Actor, application: Application) -> bool:
    # An authority reads the dossier and evidence of exactly the applications referred to it (now or before:
    # it may be asked about a decision it made), as pathways' ApplicationScopedQuerySet lets it read them.
    return (
        _is_authority(actor)
        and actor.has_any_role(*AUTHORITY_READERS)
        and (
            application.authority_id == actor.organisation_id
            or application.referrals.filter(authority_id=actor.organisation_id).exists()
        )
    )


def can_export_dossier(actor: Actor, application: Application) -> bool:
    # The NGO whose case it is makes its dossier; an authority the application was referred to downloads it.
    if _is_authority(actor):
        return can_view_referred_evidence(actor, application)
    return actor.organisation_id == application.organisation_id and actor.has_any_role(*GATHERERS)


def can_export_referral_list(actor: Actor) -> bool:
    # An NGO lists what it refers; an authority lists what was referred to it, to fill in its decisions.
    return actor.has_any_role(*GATHERERS)


def can_import_decisions(actor: Actor) -> bool:
    # Decisions are an authority's alone (herzen.pathways checks each one again, move by move).
    return _is_authority(actor) and actor.has_any_role(Role.CASEWORKER, Role.SUPERVISOR)
