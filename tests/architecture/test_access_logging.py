"""Read accountability (issue 7): every page and API operation that shows a person's data writes an access event.

The list of URLs is derived from the URLconf, so a page or endpoint that nobody classified fails
`test_every_url_is_classified`. To add a page or endpoint:

1. If it shows any person's data (names, birth dates, contacts, documents, stays, notes, risk, households):
   call `herzen.web.access.record_shown(request, target, *categories)` (pages) or
   `audit.record_access(actor=..., target=..., categories=[...], via=request)` (API classes) before rendering,
   and add its URL name to SHOWS_PERSON_DATA with a `Probe`: how to request it (URL arguments named
   person_id, case_id, household_id, document_id, stay_id are filled from the `world` automatically) and
   which records it must log. A file handed out (an evidence file, a dossier, a referral list) shows
   everything it carries: it logs every record in it.
2. If it does not, add its URL name to NO_PERSON_DATA with the reason (or a regular expression to
   NO_PERSON_DATA_PATTERNS for a whole family of third-party URLs, e.g. allauth's).

Admin pages are classified per model: a ModelAdmin sets `shows_person_data` (and logs its list, detail and
history pages), or its model is listed in ADMIN_MODELS_WITHOUT_PERSON_DATA.
"""

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AccessEvent
from herzen.cases import services as case_services
from herzen.cases.duplicates import PossibleDuplicate
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.documents import services as document_services
from herzen.evidence import services as evidence_services
from herzen.evidence.tests.factories import make_evidence, make_upload
from herzen.identity.models import DuplicatePair
from herzen.organisations.actors import actor_for_user
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services as pathway_services
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from herzen.sharing import services as sharing_services


@dataclass
class World:
    """One organisation's records, each reachable by every URL that takes an id."""

    principal: Any
    member: Any
    case: Any
    household: Any
    document: Any
    stay: Any
    refusal: Any
    spare_person: Any
    spare_household: Any
    risk_factor: Any
    application: Any  # the case's application, vouched for by the organisation
    evidence: Any  # of the case, about the principal, with a file and the organisation's vouch
    vouch: Any
    spare_evidence: Any  # of the case, about nobody in particular, without a vouch
    spare_case: Any  # another household's case, without an application

    ARGUMENTS = (
        "person_id",
        "case_id",
        "household_id",
        "document_id",
        "stay_id",
        "application_id",
        "evidence_id",
        "vouch_id",
    )

    def url_arguments(self) -> dict[str, Any]:
        return {
            "person_id": self.principal.pk,
            "case_id": self.case.pk,
            "household_id": self.household.pk,
            "document_id": self.document.pk,
            "stay_id": self.stay.pk,
            "application_id": self.application.pk,
            "evidence_id": self.evidence.pk,
            "vouch_id": self.vouch.pk,
        }


Records = Callable[[World], list[Any]]


@dataclass(frozen=True)
class Probe:
    """How to request a URL that shows person data, and which records it must log as shown."""

    shows: Records
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = lambda world: {}
    json: bool = False  # API operations take JSON
    kwargs: Callable[[World], dict[str, Any]] | None = (
        None  # for URLs whose arguments are not in url_arguments
    )
    as_admin: bool = False
    as_role: Role | None = None  # a role the URL needs that the supervisor has not (compliance officer)
    extra: dict[str, Any] = field(default_factory=dict)
    creates: str = ""  # the model of a record the operation creates and answers (its "id"): logged too


def person(world: World) -> list[Any]:
    return [world.principal]


def household_members(world: World) -> list[Any]:
    return [world.principal, world.member]


def applicants(world: World) -> list[Any]:
    """An application's page shows its state under the case's reference, and the household it is for."""
    return [world.application, world.case, *household_members(world)]


def listed_application(world: World) -> list[Any]:
    return [world.application, world.case]


def referral_list(world: World) -> list[Any]:
    """A referral list's line names the application, its case and its principal."""
    return [world.application, world.case, world.principal]


def dossier(world: World) -> list[Any]:
    """A dossier carries the application, the household and the case's evidence (files included)."""
    return [*applicants(world), world.evidence, world.spare_evidence]


def evidence_item(world: World) -> list[Any]:
    """An evidence item, and the person it concerns."""
    return [world.evidence, world.principal]


def person_export_records(world: World) -> list[Any]:
    """Everything held about the principal: household, cases, applications, evidence about them or nobody."""
    return [
        world.principal,
        world.household,
        world.case,
        world.application,
        world.evidence,
        world.spare_evidence,
    ]


def shared_with_world(world: World) -> Any:
    """A person of another organisation whose identity and contacts are shared with the world's organisation
    (with consent): the grantee's pages must log reading them like any other person page."""
    if not hasattr(world, "_shared_person"):
        owner = OrganisationFactory(name="Owner of a shared record")
        user = UserFactory(username="owner-cw")
        MembershipFactory(user=user, organisation=owner, role=Role.CASEWORKER)
        actor = actor_for_user(user, organisation_id=owner.pk)
        shared = make_person(actor, surname="Волкова", given_name="Ольга")
        sharing_services.sharing_consent_record(
            actor=actor,
            person_id=shared.pk,
            grantee_id=world.principal.organisation_id,
            parts=["identity", "contact"],
            valid_until=date.today() + timedelta(days=30),
            given_how="signed_form",
        )
        world._shared_person = shared  # type: ignore[attr-defined]
    return world._shared_person  # type: ignore[attr-defined]


def match_run_of(world: World) -> Any:
    """A finished matching run proposing the world's case a flat (made directly: the run's job is tested in
    herzen/resettlement)."""
    if not hasattr(world, "_match_run"):
        from herzen.resettlement.models import MatchRun, Offer, Proposal

        organisation = world.case.organisation
        offer = Offer.objects.create(
            organisation=organisation,
            kind="housing",
            title="Flat",
            country="DE",
            town="Leipzig",
            capacity_persons=4,
        )
        run = MatchRun.objects.create(
            organisation=organisation,
            destination_country="DE",
            status="done",
            started_by=organisation.memberships.filter(role=Role.SUPERVISOR).first().user,
        )
        run.offers.set([offer])
        Proposal.objects.create(run=run, case=world.case, offer=offer, persons=1)
        world._match_run = run  # type: ignore[attr-defined]
    return world._match_run  # type: ignore[attr-defined]


def needs_of(world: World) -> Any:
    """The world's case with its household's needs recorded (by a supervisor)."""
    from herzen.resettlement import services as resettlement_services

    supervisor = actor_for_user(
        world.case.organisation.memberships.filter(role=Role.SUPERVISOR).first().user,
        organisation_id=world.case.organisation_id,
    )
    return resettlement_services.household_needs_save(
        actor=supervisor, case_id=world.case.pk, adults=1, destination_country="DE", medical_needs="Insulin"
    )


def sent_proposal_of(world: World) -> dict[str, Any]:
    """URL arguments of the world's case's proposal in a finished run, sent to the household."""
    run = match_run_of(world)
    proposal = run.proposals.get()
    proposal.status = "sent"
    proposal.save(update_fields=["status"])
    return {"run_id": run.pk, "proposal_id": proposal.pk}


def run_proposal_of(world: World) -> dict[str, Any]:
    needs_of(world)
    run = match_run_of(world)
    return {"run_id": run.pk, "proposal_id": run.proposals.get().pk}


def no_arguments_after(_prepared: Any) -> dict[str, Any]:
    """URL arguments of a page that takes none, once `_prepared` (built by the call) exists."""
    return {}


def declaration_of(world: World) -> Any:
    """A standing programme declaration of the world's principal, recorded by a supervisor."""
    supervisor = actor_for_user(
        world.principal.organisation.memberships.filter(role=Role.SUPERVISOR).first().user,
        organisation_id=world.principal.organisation_id,
    )
    return people_services.declaration_record(
        actor=supervisor, person_id=world.principal.pk, kind="borders_of_1992", channel="staff", language="ru"
    )


def consent_of(world: World) -> Any:
    """A live consent of the world's principal, shared with another organisation."""
    if not hasattr(world, "_consent"):
        supervisor = actor_for_user(
            world.principal.organisation.memberships.filter(role=Role.SUPERVISOR).first().user,
            organisation_id=world.principal.organisation_id,
        )
        world._consent = sharing_services.sharing_consent_record(  # type: ignore[attr-defined]
            actor=supervisor,
            person_id=world.principal.pk,
            grantee_id=OrganisationFactory(name="Grantee of the world").pk,
            parts=["identity"],
            valid_until=date.today() + timedelta(days=30),
            given_how="verbal",
        )
    return world._consent  # type: ignore[attr-defined]


def aid_grant_of(world: World) -> Any:
    """A grant to the world's principal, proposed by a caseworker of its own (so the supervisor may decide)."""
    if not hasattr(world, "_aid"):
        from herzen.aid.tests.world import make_programme_and_grant

        world._aid = make_programme_and_grant(world.case, world.principal)  # type: ignore[attr-defined]
    return world._aid  # type: ignore[attr-defined]


def aid_payout_of(world: World) -> Any:
    """A proposed cash payout of a second, approved grant to the principal, and an empty local bank file."""
    if not hasattr(world, "_aid_payout"):
        from herzen.aid.tests.world import make_payout_and_file

        world._aid_payout = make_payout_and_file(aid_grant_of(world)[0], world.case, world.principal)  # type: ignore[attr-defined]
    return world._aid_payout  # type: ignore[attr-defined]


def aid_hit_of(world: World) -> Any:
    """An open sanctions match of the world's principal."""
    if not hasattr(world, "_aid_hit"):
        from herzen.aid.tests.world import make_sanctions_hit

        world._aid_hit = make_sanctions_hit(world.principal)  # type: ignore[attr-defined]
    return world._aid_hit  # type: ignore[attr-defined]


def aid_payouts_of(world: World) -> Any:
    """Payouts of a payee of their own in every state the API moves them from (herzen.aid.tests.api_world)."""
    if not hasattr(world, "_aid_payouts"):
        from herzen.aid.tests.api_world import make_payouts

        world._aid_payouts = make_payouts(aid_grant_of(world)[0])  # type: ignore[attr-defined]
    return world._aid_payouts  # type: ignore[attr-defined]


def aid_payee(world: World) -> list[Any]:
    return [aid_payouts_of(world).payee]


def aid_payout(state: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"payout_id": getattr(aid_payouts_of(w), state).pk}


def duplicate_of(world: World) -> Any:
    """The principal flagged as possibly the same person as the spare person (as a submission flags them)."""
    if not hasattr(world, "_duplicate"):
        world._duplicate = PossibleDuplicate.objects.create(  # type: ignore[attr-defined]
            case=world.case, person=world.principal, existing=world.spare_person, reason="date_of_birth"
        )
    return world._duplicate  # type: ignore[attr-defined]


def duplicate_pair_of(world: World) -> Any:
    """The principal and the spare person, paired by the linkage job as possibly one person (herzen.identity)."""
    if not hasattr(world, "_duplicate_pair"):
        first, second = sorted((world.principal, world.spare_person), key=lambda person: str(person.pk))
        world._duplicate_pair = DuplicatePair.objects.create(  # type: ignore[attr-defined]
            organisation_id=first.organisation_id, first=first, second=second, probability=0.95
        )
    return world._duplicate_pair  # type: ignore[attr-defined]


def _with_duplicate_pair(world: World) -> dict[str, Any]:
    duplicate_pair_of(world)
    return {}


def variant_of(world: World) -> Any:
    """A Latin spelling of the principal's name."""
    if not hasattr(world, "_variant"):
        world._variant = people_services.name_variant_add(  # type: ignore[attr-defined]
            actor=_supervisor_of(world), person_id=world.principal.pk, surname="Shchukina", given_name="Anna"
        )
    return world._variant  # type: ignore[attr-defined]


def contact_of(world: World) -> Any:
    """A phone number of the principal."""
    if not hasattr(world, "_contact"):
        world._contact = people_services.contact_point_add(  # type: ignore[attr-defined]
            actor=_supervisor_of(world), person_id=world.principal.pk, kind="phone", value="+995555000222"
        )
    return world._contact  # type: ignore[attr-defined]


def issued_document_of(world: World) -> Any:
    """The NGO's sealed attestation for the world's application (its holder is the principal)."""
    if not hasattr(world, "_issued_document"):
        world._issued_document = document_services.document_issue(  # type: ignore[attr-defined]
            actor=_supervisor_of(world),
            document_type="ngo_attestation",
            application_id=world.application.pk,
            case_id=world.application.case_id,
        )
    return world._issued_document  # type: ignore[attr-defined]


def _supervisor_of(world: World) -> Any:
    return actor_for_user(
        world.principal.organisation.memberships.filter(role=Role.SUPERVISOR).first().user,
        organisation_id=world.principal.organisation_id,
    )


def principal_of(case: Any) -> Any:
    return case.household.members.get(role="principal").person


def api(
    shows: Records,
    method: str = "get",
    data: Callable[[World], dict[str, Any]] = lambda world: {},
    **options: Any,
) -> Probe:
    return Probe(shows=shows, method=method, data=data, json=True, **options)


# A form posted empty fails validation and the page is shown again, with the record: that must be logged too.
INVALID_FORM = {"method": "post", "data": lambda world: {}}

SHOWS_PERSON_DATA: dict[str, Probe] = {
    # Pages
    "web:aid-programme-detail": Probe(  # its grants, by payee
        shows=person, kwargs=lambda w: {"programme_id": aid_grant_of(w)[0].pk}
    ),
    "web:aid-sanctions-hits": Probe(shows=person, kwargs=lambda w: no_arguments_after(aid_hit_of(w))),
    "web:aid-sanctions-hit-decide": Probe(
        shows=person,
        kwargs=lambda w: {"hit_id": aid_hit_of(w).pk},
        as_role=Role.COMPLIANCE_OFFICER,
        **INVALID_FORM,
    ),
    "web:aid-grant-detail": Probe(shows=person, kwargs=lambda w: {"grant_id": aid_grant_of(w)[1].pk}),
    "web:aid-grant-new": Probe(  # the household's members, to choose the payee
        shows=household_members,
        kwargs=lambda w: no_arguments_after(aid_grant_of(w)),
        data=lambda w: {"programme": str(aid_grant_of(w)[0].pk), "case": str(w.case.pk)},
    ),
    "web:aid-payout-new": Probe(
        shows=person, kwargs=lambda w: {"tranche_id": aid_grant_of(w)[1].tranches.get(number=1).pk}
    ),
    "web:aid-payout-action": Probe(  # confirmed without a receipt: the grant page comes back
        shows=person,
        kwargs=lambda w: {"payout_id": aid_payout_of(w)[0].pk, "action": "confirm"},
        **INVALID_FORM,
    ),
    # The payees of the file's payouts (the world's file is empty: tests/aid show a full one's download).
    "web:aid-payment-file": Probe(
        shows=lambda w: [], kwargs=lambda w: {"payment_file_id": aid_payout_of(w)[1].pk}
    ),
    "web:aid-grant-decide": Probe(  # no decision chosen: the grant page comes back
        shows=person, kwargs=lambda w: {"grant_id": aid_grant_of(w)[1].pk}, **INVALID_FORM
    ),
    "web:case-list": Probe(shows=lambda w: [w.case, w.principal]),
    "web:person-search": Probe(shows=lambda w: [w.principal], data=lambda w: {"q": "Shchukina"}),
    "web:case-detail": Probe(shows=lambda w: [w.case, w.principal, w.member]),
    "web:case-member-add": Probe(shows=lambda w: [w.case, w.principal, w.member], **INVALID_FORM),
    "web:case-note-add": Probe(shows=lambda w: [w.case, w.principal], **INVALID_FORM),
    "web:case-status": Probe(shows=lambda w: [w.case, w.principal], **INVALID_FORM),
    "web:case-assign": Probe(
        shows=lambda w: [w.case, w.principal],
        method="post",
        data=lambda w: {"assign-assigned_caseworker": "x"},
    ),
    "web:person-detail": Probe(shows=person),
    "web:person-declarations": Probe(shows=person),
    "web:person-export": Probe(shows=lambda w: person_export_records(w), method="post"),
    "web:duplicates": Probe(shows=lambda w: [w.principal, w.spare_person], kwargs=_with_duplicate_pair),
    "web:duplicate-pair": Probe(
        shows=lambda w: [w.principal, w.spare_person], kwargs=lambda w: {"pair_id": duplicate_pair_of(w).pk}
    ),
    "web:person-name-variant-add": Probe(shows=person, **INVALID_FORM),
    "web:person-document-add": Probe(shows=person, **INVALID_FORM),
    "web:person-stay-record": Probe(shows=person, **INVALID_FORM),
    "web:person-stay-exit": Probe(shows=person, **INVALID_FORM),
    # Both dates are optional, so an empty form is valid: a malformed date makes it re-render.
    "web:person-stay-registration": Probe(
        shows=person, method="post", data=lambda world: {"registration-registered_on": "not a date"}
    ),
    "web:person-entry-refusal-record": Probe(shows=person, **INVALID_FORM),
    "web:person-contact-add": Probe(shows=person, **INVALID_FORM),
    "web:person-risk-record": Probe(shows=person, **INVALID_FORM),
    "web:person-risk-edit": Probe(
        shows=person, kwargs=lambda w: {"person_id": w.principal.pk, "risk_factor_id": w.risk_factor.pk}
    ),
    "web:person-edit": Probe(shows=person),
    "web:person-role-edit": Probe(shows=lambda w: [w.member], kwargs=lambda w: {"person_id": w.member.pk}),
    "web:person-name-variant-edit": Probe(
        shows=person, kwargs=lambda w: {"person_id": w.principal.pk, "variant_id": variant_of(w).pk}
    ),
    "web:person-document-edit": Probe(
        shows=person, kwargs=lambda w: {"person_id": w.principal.pk, "document_id": w.document.pk}
    ),
    "web:person-contact-edit": Probe(
        shows=person,
        kwargs=lambda w: {"person_id": w.principal.pk, "contact_point_id": contact_of(w).pk},
    ),
    "web:person-stay-edit": Probe(
        shows=person, kwargs=lambda w: {"person_id": w.principal.pk, "stay_id": w.stay.pk}
    ),
    "web:person-household-remove": Probe(
        shows=lambda w: [w.member], kwargs=lambda w: {"person_id": w.member.pk}
    ),
    "web:person-name-variant-remove": Probe(
        shows=person, kwargs=lambda w: {"person_id": w.principal.pk, "variant_id": variant_of(w).pk}
    ),
    "web:person-contact-remove": Probe(
        shows=person,
        kwargs=lambda w: {"person_id": w.principal.pk, "contact_point_id": contact_of(w).pk},
    ),
    "web:person-sharing-consent-record": Probe(shows=person, **INVALID_FORM),
    "web:person-sharing-consent-revoke": Probe(  # no reason given: the person page is shown again
        shows=person,
        kwargs=lambda w: {"person_id": w.principal.pk, "consent_id": consent_of(w).pk},
        **INVALID_FORM,
    ),
    "web:shared-list": Probe(  # kwargs first shares the record, so the list has it to show
        shows=lambda w: [shared_with_world(w)], kwargs=lambda w: no_arguments_after(shared_with_world(w))
    ),
    "web:shared-person-detail": Probe(
        shows=lambda w: [shared_with_world(w)], kwargs=lambda w: {"person_id": shared_with_world(w).pk}
    ),
    "web:case-resettlement-needs": Probe(shows=lambda w: [w.case]),
    "web:resettlement-run-detail": Probe(
        shows=lambda w: [w.case], kwargs=lambda w: {"run_id": match_run_of(w).pk}
    ),
    "api:case-resettlement-needs GET": api(
        lambda w: [w.case], kwargs=lambda w: {"case_id": needs_of(w).case_id}
    ),
    "api:case-resettlement-needs PUT": api(
        lambda w: [w.case], "put", lambda w: {"adults": 2, "destination_country": "DE", "languages": ["de"]}
    ),
    "api:resettlement-run GET": api(lambda w: [w.case], kwargs=lambda w: {"run_id": match_run_of(w).pk}),
    "api:resettlement-proposal PATCH": api(
        lambda w: [w.case], "patch", lambda w: {"offer_id": None}, kwargs=run_proposal_of
    ),
    "api:resettlement-proposal-answers POST": api(
        lambda w: [w.case], "post", lambda w: {"accept": True}, kwargs=sent_proposal_of
    ),
    "web:application-list": Probe(shows=listed_application),
    "web:application-detail": Probe(shows=applicants),
    "web:application-move": Probe(  # taking a vouch back needs a note: without one the page is shown again
        shows=applicants,
        kwargs=lambda w: {"application_id": w.application.pk, "move": "withdraw_vouch"},
        **INVALID_FORM,
    ),
    "web:application-dossier": Probe(shows=dossier, method="post"),
    # Sealed documents print the holder's name: each page naming one logs the holder.
    "web:application-documents": Probe(
        shows=lambda w: [w.principal],
        kwargs=lambda w: {"application_id": issued_document_of(w).application_id},
    ),
    "web:document-detail": Probe(
        shows=lambda w: [w.principal], kwargs=lambda w: {"document_id": issued_document_of(w).pk}
    ),
    "web:document-pdf": Probe(
        shows=lambda w: [w.principal], kwargs=lambda w: {"document_id": issued_document_of(w).pk}
    ),
    "web:document-status": Probe(  # no reason given: the document's page is shown again
        shows=lambda w: [w.principal],
        kwargs=lambda w: {"document_id": issued_document_of(w).pk},
        **INVALID_FORM,
    ),
    "web:referral-export": Probe(
        shows=referral_list, method="post", data=lambda w: {"export-file_format": "csv"}
    ),
    "web:case-evidence-add": Probe(shows=lambda w: [w.case, *household_members(w)], **INVALID_FORM),
    "web:evidence-detail": Probe(shows=evidence_item),
    "web:evidence-file": Probe(shows=evidence_item),
    "web:application-evidence-file": Probe(
        shows=evidence_item,
        kwargs=lambda w: {"application_id": w.application.pk, "evidence_id": w.evidence.pk},
    ),
    "web:evidence-corroborate": Probe(shows=evidence_item, **INVALID_FORM),
    "web:evidence-vouch": Probe(shows=evidence_item, **INVALID_FORM),  # already vouched: shown again
    "web:evidence-flag-fraud": Probe(shows=evidence_item, **INVALID_FORM),
    "web:vouch-withdraw": Probe(shows=evidence_item, **INVALID_FORM),
    # API: a URL that takes several methods (herzen.core.api.resource) has one entry per method.
    "api:cases GET": api(lambda w: [w.case, w.principal]),
    "api:cases POST": api(
        lambda w: [w.spare_household.members.get().person],
        "post",
        lambda w: {"household_id": str(w.spare_household.pk)},
    ),
    "api:case GET": api(lambda w: [w.case, *household_members(w)]),
    "api:case-assignments POST": api(
        lambda w: [w.case, *household_members(w)], "post", lambda w: {"caseworker_id": None}
    ),
    "api:case-status-changes POST": api(
        lambda w: [w.case, *household_members(w)], "post", lambda w: {"status": "on_hold"}
    ),
    "api:case-priority-refreshes POST": api(lambda w: [w.case, *household_members(w)], "post"),
    "api:case-possible-duplicates GET": api(
        lambda w: [duplicate_of(w).person, duplicate_of(w).existing],
        kwargs=lambda w: {"case_id": duplicate_of(w).case_id},
    ),
    "api:possible-duplicate-dismissals POST": api(
        lambda w: [duplicate_of(w).person, duplicate_of(w).existing],
        "post",
        kwargs=lambda w: {"duplicate_id": duplicate_of(w).pk},
    ),
    "api:duplicate-pairs GET": api(lambda w: [w.principal, w.spare_person], kwargs=_with_duplicate_pair),
    "api:case-notes GET": api(lambda w: [w.case]),
    "api:case-notes POST": api(lambda w: [w.case], "post", lambda w: {"body": "Звонила в консульство."}),
    "api:persons GET": api(lambda w: [w.principal, w.member, w.spare_person]),
    "api:person-search GET": api(lambda w: [w.principal], data=lambda w: {"q": "Shchukina"}),
    "api:persons POST": api(
        lambda w: [],
        "post",
        lambda w: {"surname": "Петрова", "given_name": "Мария", "sex": "F"},
        creates="people.person",
    ),
    "api:person GET": api(person),
    "api:person PATCH": api(person, "patch", lambda w: {"profession": "журналистка"}),
    "api:person-exports POST": api(lambda w: person_export_records(w), "post"),
    "api:person-name-variants POST": api(
        person, "post", lambda w: {"surname": "Shchukina", "given_name": "Anna"}
    ),
    "api:name-variant PATCH": api(
        person,
        "patch",
        lambda w: {"valid_from": "2015-01-01"},
        kwargs=lambda w: {"variant_id": variant_of(w).pk},
    ),
    "api:person-contact-points POST": api(person, "post", lambda w: {"kind": "telegram", "value": "@anna_s"}),
    "api:contact-point PATCH": api(
        person,
        "patch",
        lambda w: {"is_preferred": True},
        kwargs=lambda w: {"contact_point_id": contact_of(w).pk},
    ),
    "api:person-documents GET": api(person),
    "api:person-documents POST": api(
        person, "post", lambda w: {"document_type": "international_passport", "number": "751234567"}
    ),
    "api:document PATCH": api(person, "patch", lambda w: {"status": "seized"}),
    "api:person-declarations GET": api(person),
    "api:person-declarations POST": api(
        person, "post", lambda w: {"kind": "destalinisation_and_deimperialisation"}
    ),
    "api:declaration-withdrawals POST": api(
        person, "post", kwargs=lambda w: {"declaration_id": declaration_of(w).pk}
    ),
    "api:person-sharing-consents GET": api(person, kwargs=lambda w: {"person_id": consent_of(w).person_id}),
    "api:person-sharing-consents POST": api(
        person,
        "post",
        lambda w: {
            "grantee_id": str(OrganisationFactory(name="Grantee by the API").pk),
            "parts": ["identity", "contact"],
            "valid_until": str(date.today() + timedelta(days=30)),
            "given_how": "verbal",
        },
    ),
    # Sealed documents by the API print the holder: each operation logs the holder it names.
    "api:case-sealed-documents GET": api(
        lambda w: [w.principal], kwargs=lambda w: {"case_id": issued_document_of(w).case_id}
    ),
    "api:sealed-documents POST": api(
        lambda w: [w.principal],
        "post",
        lambda w: {"document_type": "ngo_attestation", "case_id": str(w.case.pk)},
    ),
    "api:sealed-document GET": api(
        lambda w: [w.principal], kwargs=lambda w: {"document_id": issued_document_of(w).pk}
    ),
    "api:sealed-document-pdf GET": api(
        lambda w: [w.principal], kwargs=lambda w: {"document_id": issued_document_of(w).pk}
    ),
    "api:sealed-document-status-changes POST": api(
        lambda w: [w.principal],
        "post",
        lambda w: {"status": "suspended", "reason": "Checking again."},
        kwargs=lambda w: {"document_id": issued_document_of(w).pk},
    ),
    "api:aid-grant GET": api(person, kwargs=lambda w: {"grant_id": aid_grant_of(w)[1].pk}),
    "api:aid-grant-decisions POST": api(
        person, "post", lambda w: {"decision": "reject"}, kwargs=lambda w: {"grant_id": aid_grant_of(w)[1].pk}
    ),
    "api:aid-programme-grants GET": api(person, kwargs=lambda w: {"programme_id": aid_grant_of(w)[0].pk}),
    "api:aid-programme-grants POST": api(
        person,
        "post",
        lambda w: {"case_id": str(w.case.pk), "payee_id": str(w.principal.pk)},
        kwargs=lambda w: {"programme_id": aid_grant_of(w)[0].pk},
    ),
    "api:aid-programme-payouts GET": api(
        aid_payee, kwargs=lambda w: {"programme_id": aid_payouts_of(w).proposed.tranche.grant.programme_id}
    ),
    "api:aid-payment-file-content GET": api(
        aid_payee, kwargs=lambda w: {"payment_file_id": aid_payouts_of(w).payment_file.pk}
    ),
    "api:aid-tranche-payouts POST": api(
        aid_payee,
        "post",
        lambda w: {"channel": "cash", "recipient": "Вера Орлова"},
        kwargs=lambda w: {"tranche_id": aid_payouts_of(w).free_tranche.pk},
    ),
    "api:aid-payout GET": api(aid_payee, kwargs=aid_payout("sent")),
    "api:aid-payout-approvals POST": api(aid_payee, "post", kwargs=aid_payout("proposed")),
    "api:aid-payout-sendings POST": api(aid_payee, "post", kwargs=aid_payout("approved")),
    "api:aid-payout-confirmations POST": api(
        aid_payee, "post", lambda w: {"proof": "KORONA-1"}, kwargs=aid_payout("sent")
    ),
    "api:aid-payout-failures POST": api(
        aid_payee, "post", lambda w: {"reason": "AC04"}, kwargs=aid_payout("to_fail")
    ),
    "api:aid-payout-reroutes POST": api(
        aid_payee, "post", lambda w: {"channel": "cash", "recipient": "Вера"}, kwargs=aid_payout("failed")
    ),
    "api:aid-sanctions-hits GET": api(person, kwargs=lambda w: no_arguments_after(aid_hit_of(w))),
    "api:aid-sanctions-hit-decisions POST": api(
        person,
        "post",
        lambda w: {"decision": "clear", "reason": "Passport seen"},
        kwargs=lambda w: {"hit_id": aid_hit_of(w).pk},
        as_role=Role.COMPLIANCE_OFFICER,
    ),
    "api:sharing-consent-revocations POST": api(
        person,
        "post",
        lambda w: {"reason": "Asked to stop."},
        kwargs=lambda w: {"consent_id": consent_of(w).pk},
    ),
    "api:person-stays GET": api(person),
    "api:person-stays POST": api(
        person,
        "post",
        lambda w: {
            "country": "AM",
            "entry_date": "2025-01-01",
            "exit_date": "2025-01-20",
            "legal_basis": "visa_free",
        },
    ),
    "api:stay PATCH": api(person, "patch", lambda w: {"exit_date": str(date.today())}),
    "api:person-entry-refusals GET": api(person),
    "api:person-entry-refusals POST": api(
        person, "post", lambda w: {"country": "GE", "refused_on": "2024-02-01"}
    ),
    "api:person-risk-factors GET": api(person),
    "api:person-risk-factors POST": api(person, "post", lambda w: {"kind": "foreign_agent"}),
    "api:risk-factor PATCH": api(
        person,
        "patch",
        lambda w: {"is_current": False},
        kwargs=lambda w: {"risk_factor_id": w.risk_factor.pk},
    ),
    "api:households POST": api(
        lambda w: [w.spare_person], "post", lambda w: {"principal_id": str(w.spare_person.pk)}
    ),
    "api:household GET": api(household_members),
    "api:household-members POST": api(
        lambda w: [w.spare_person],
        "post",
        lambda w: {"person_id": str(w.spare_person.pk), "role": "other_dependant"},
    ),
    "api:household-member PATCH": api(
        lambda w: [w.member],
        "patch",
        lambda w: {"role": "other_dependant"},
        kwargs=lambda w: {"household_id": w.household.pk, "person_id": w.member.pk},
    ),
    "api:applications GET": api(listed_application),
    "api:application GET": api(applicants),
    "api:applications POST": api(
        lambda w: [w.spare_case, principal_of(w.spare_case)],
        "post",
        lambda w: {"case_id": str(w.spare_case.pk), "pathway": "de_22_2"},
        creates="pathways.application",
    ),
    "api:application-transitions POST": api(
        applicants, "post", lambda w: {"move": "withdraw_vouch", "facts": {"note": "Проверяем заново."}}
    ),
    "api:application-dossiers POST": api(dossier, "post"),
    "api:referral-exports POST": api(referral_list, "post", lambda w: {"file_format": "csv"}),
    "api:case-evidence GET": api(lambda w: [w.case, *evidence_item(w), w.spare_evidence]),
    "api:case-evidence POST": api(
        lambda w: [w.principal],
        "post",
        lambda w: {
            "kind": "summons",
            "title": "Повестка",
            "source_kind": "person_concerned",
            "person_id": str(w.principal.pk),
        },
        creates="evidence.evidenceitem",
    ),
    "api:evidence GET": api(evidence_item),
    "api:evidence PATCH": api(evidence_item, "patch", lambda w: {"title": "Повестка (перевод)"}),
    "api:evidence-file GET": api(evidence_item),
    "api:evidence-corroborations POST": api(
        evidence_item, "post", lambda w: {"source": "press", "reference": "https://example.org/article"}
    ),
    "api:evidence-vouches POST": api(
        lambda w: [w.spare_evidence], "post", kwargs=lambda w: {"evidence_id": w.spare_evidence.pk}
    ),
    "api:evidence-fraud-flags POST": api(evidence_item, "post", lambda w: {"reason": "Печать не совпадает."}),
    "api:vouch-withdrawals POST": api(evidence_item, "post", lambda w: {"reason": "Нашли расхождения."}),
}

NO_PERSON_DATA: dict[str, str] = {
    "health": "up or down, and counts for the operator",
    "web:inbox": "notices name case references and job kinds only, never a person",
    "web:inbox-read-all": "marks notices read and redirects",
    "web:inbox-settings": "stores the e-mail choice and redirects",
    "web:notice-open": "marks a notice read and redirects to where it points (which logs)",
    "web:jobs-failed": "job kinds, states and counts",
    "web:job-detail": "a job's state, progress and outcome (a count)",
    "web:job-retry": "queues a failed job again and redirects",
    "web:job-result": (
        "the file a job made for its starter alone: the job recorded what it carries as shown to them when it "
        "made it (herzen.evidence.jobs)"
    ),
    "api:job GET": "a job's state, progress and outcome (a count), as on its page",
    "api:job-file GET": "the file a job made for its starter alone, recorded as shown when it was made",
    "login": "the sign-in form",
    "web:verifier": "the public verifier page: it reads seals on the checker's device, no record is sent",
    "web:verifier-worker": "the verifier's service worker script",
    "web:trust-list": "issuer organisations and their public keys, signed by the operator",
    "web:operator-key": "the operator's public key",
    "web:status-list": "the W3C status list: one bit per document, no person and no document id",
    "api:seal-trust-list": "issuer organisations and their public keys, signed by the operator",
    "api:seal-status-list": "the W3C status list: one bit per document, no person and no document id",
    "web:aid-payout-receipt": "issues the payout's receipt and redirects to the document's page (which logs)",
    "logout": "signs out",
    "set_language": "stores the language choice and redirects",
    "web:home": "redirects to the case list",
    "web:aid-programme-list": "programme titles, funders and dates: no person's data",
    "api:aid-programmes GET": "programme titles, funders, dates and kept balances: no person's data",
    "api:aid-programme GET": "a programme's balances and sums per month: no person's data",
    "api:aid-programme-sepa-files POST": "answers the batch's message id and its payouts' ids",
    "api:aid-status-reports POST": "answers per line the bank's end-to-end id, the payout's id and what changed",
    "web:aid-programme-report": "sums per month from the ledger: no person's data",
    "web:aid-sepa-file-create": "writes the batch and redirects to the programme page (POST only)",
    "web:aid-status-report": "the report's payout references and what changed: no person's name or account",
    "web:rules-register": "the legal rules Herzen encodes, with their sources: no person's data",
    "web:rules-register-export": "the same register as a file for a lawyer: no person's data",
    "web:statistics": "published statistics: noisy, bounded counts with their margins, no person's data",
    "web:statistics-download": "the same published tables as files, and their HDX metadata",
    "web:statistics-releases": "the releases and the privacy budget: counts only",
    "web:statistics-release": "one release's noisy tables, for its review: counts only",
    "web:statistics-release-review": "approves or rejects a release and redirects (POST only)",
    "web:statistics-dashboard": "an organisation's own figures (counts by age, state and authority): no person",
    "web:case-new": "an empty form; a form with errors shows only what was typed, and success redirects",
    "web:organisation-switch": "switches the active organisation and redirects",
    "web:organisation-staff": "the organisation's staff accounts and invitations: staff, not the people served",
    "web:staff-welcome": "an invitee's one-time link: keeps it in the session and redirects",
    "web:staff-welcome-password": "the invitee chooses a password; shows only their own user name",
    "web:case-priority-refresh": "recalculates and redirects to the case page (POST only)",
    "web:case-duplicate-dismiss": "dismisses a possible duplicate and redirects to the case page (POST only)",
    "web:duplicates-search": "queues the linkage job and redirects to the job's page (POST only)",
    "web:duplicate-pair-merge": "merges and redirects to the pair's page, which logs (POST only)",
    "web:duplicate-pair-not-same": "decides and redirects to the queue, which logs (POST only)",
    "web:duplicate-merge-undo": "undoes and redirects to the pair's page, which logs (POST only)",
    "api:duplicate-searches POST": "answers the id of the job it queued",
    "api:duplicate-pair-merges POST": "answers the merge: ids of the pair and of the two persons, no data of theirs",
    "api:duplicate-pair-not-same POST": "answers the pair: person ids and a probability, no data of theirs",
    "api:person-merge-undo POST": "answers the merge: ids of the pair and of the two persons, no data of theirs",
    "web:person-declaration-withdraw": "withdraws and redirects to the declarations page, which logs (POST only)",
    "web:application-start": (
        "a form under the case's reference only (no name, no application yet); success redirects to the "
        "application's page, which logs"
    ),
    "web:application-time-in-state": (
        "median and 90th percentile days per pathway and state over the actor's applications: figures only, "
        "no application, case or person"
    ),
    "web:referrals": "the export and import forms, the authorities to filter by and the list's columns",
    "api:resettlement-offers GET": "offers of homes, host places and jobs: organisations' offers, no person",
    "api:resettlement-offers POST": "answers the offer published: an organisation's listing, no person",
    "api:resettlement-offer PATCH": "answers the offer changed: an organisation's listing, no person",
    "api:resettlement-offer-closures POST": "answers the offer closed: an organisation's listing, no person",
    "api:resettlement-runs GET": "runs by date and country with their solver figures, no household",
    "api:resettlement-runs POST": "answers the run queued (no proposals yet), no household",
    "api:resettlement-run-dispatches POST": "answers the run's status and figures, no household",
    "web:case-resettlement-place": "redirects to the run's page or the household's needs page, which log",
    "web:resettlement-weights": "the programmes' score weights by country and date, and who set them (staff)",
    "web:resettlement-offer": "one offer of the organisation and how many places are promised, no person",
    "web:resettlement-offer-close": "redirects to the offers page",
    "web:resettlement-offers": "offers of homes, host places and jobs: organisations' offers, no person",
    "web:resettlement-offers-import": "redirects, or shows the uploader's own file's problems by line",
    "web:resettlement-runs": "runs by date and country with counts, and how many households are ready per country",
    "web:resettlement-run-send": "redirects to the run's page, which logs",
    "web:resettlement-proposal-move": "redirects to the run's page, which logs",
    "web:decisions-import": (
        "redirects with the count of decisions recorded, or shows the uploader's own file's problems by line; "
        "no application's data is shown (each decision is an audited move)"
    ),
    "api:referral-decision-imports POST": "answers the count of decisions recorded, or the file's problems by line",
    "api:pathways GET": "pathways, their stage machines and the policy regimes open today: no application",
    "api:regimes GET": "policy regimes (names, quotas, rule sets): no application",
    "api:name-variant DELETE": "removes a spelling and answers 204, with no body",
    "api:contact-point DELETE": "removes a contact point and answers 204, with no body",
    "api:household-member DELETE": "removes a member and answers 204, with no body",
    "api:schema": "describes the API, no records",
    "api:docs": "the API's documentation page",
    "api:unknown": "404 for any other path",
    "admin:index": "the list of admin sections",
    "admin:login": "the sign-in form",
    "admin:logout": "signs out",
    "admin:password_change": "a password form",
    "admin:password_change_done": "a confirmation",
    "admin:jsi18n": "translations for the admin's scripts",
    "admin:autocomplete": "no autocomplete fields are configured on person data",
    "admin:view_on_site": "no model defines get_absolute_url; redirects only",
    "admin:app_list": "the models of one app",
    "admin:auth_user_password_change": "a staff member's password form",
    "<unnamed (?P<url>.*)$>": "the admin's catch-all: redirects or 404",
    "<unnamed <path:object_id>/>": "the admin's redirect from an object's old URL to its change page",
}

# Families of URLs (by regular expression on the URL name) that show no person data.
NO_PERSON_DATA_PATTERNS: list[tuple[str, str]] = [
    (r"^(account|mfa)_", "allauth's staff sign-in and second-factor pages: the staff member's own account"),
    (
        r"^intake:",
        "the public intake shows an applicant only their own draft, to the holder of its private link; "
        "no staff member is shown anything",
    ),
    (
        r"^(account|mfa)_",
        "django-allauth's login, logout, reauthentication and second-factor pages: they show the signed-in "
        "staff member their own account and factors, never a person's record",
    ),
]

ADMIN_MODELS_WITHOUT_PERSON_DATA = {
    "organisations.organisation": "organisations, not people",
    "organisations.membership": "staff memberships",
    "accounts.user": "staff accounts",
    "audit.auditevent": "ids and field names only",
    "audit.accessevent": "ids, category and page names only",
    "auth.group": "permission groups",
}
ADMIN_VIEWS_WITH_DATA = ("changelist", "change", "history")
ADMIN_VIEWS_REFUSED = ("add", "delete")  # every Herzen admin is read-only


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>"
            operations = getattr(pattern.callback, "operations", None)  # herzen.core.api.resource
            names |= {f"{name} {method}" for method in operations} if operations else {name}
    return names


def admin_probes() -> tuple[dict[str, tuple[Any, str]], dict[str, str]]:
    """Admin URL names: (model, view) for those that show person data, reasons for the others."""
    shows, reasons = {}, {}
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        logs = bool(getattr(model_admin, "shows_person_data", ()))
        for view in ADMIN_VIEWS_WITH_DATA + ADMIN_VIEWS_REFUSED:
            name = f"{prefix}_{view}"
            if view in ADMIN_VIEWS_REFUSED:
                reasons[name] = "refused: the admin is read-only"
            elif logs:
                shows[name] = (model, view)
            elif model._meta.label_lower in ADMIN_MODELS_WITHOUT_PERSON_DATA:
                reasons[name] = ADMIN_MODELS_WITHOUT_PERSON_DATA[model._meta.label_lower]
    return shows, reasons


def test_every_url_is_classified():
    admin_shows, admin_reasons = admin_probes()
    classified = set(SHOWS_PERSON_DATA) | set(NO_PERSON_DATA) | set(admin_shows) | set(admin_reasons)
    names = url_names()
    unclassified = {
        name for name in names - classified if not any(re.match(p, name) for p, _ in NO_PERSON_DATA_PATTERNS)
    }
    assert not unclassified, (
        f"Classify these URLs in {__file__}: does each show a person's data (then it must call "
        f"audit.record_access) or not? {sorted(unclassified)}"
    )
    assert not set(SHOWS_PERSON_DATA) & set(NO_PERSON_DATA)
    stale = (set(SHOWS_PERSON_DATA) | set(NO_PERSON_DATA)) - names
    assert not stale, f"These classified URLs no longer exist: {sorted(stale)}"


@pytest.fixture
def world(supervisor_a, open_regimes):
    actor = supervisor_a
    principal = make_person(actor)
    member = make_person(actor, surname="Щукин", given_name="Илья", sex="M")
    household = make_household(actor, principal, others=[(member, "spouse_partner")])
    case = make_case(actor, household=household)
    document = people_services.document_add(
        actor=actor, person_id=principal.pk, document_type="international_passport", number="751112233"
    )
    stay = people_services.stay_record(
        actor=actor,
        person_id=principal.pk,
        country="GE",
        entry_date=date.today() - timedelta(days=30),
        legal_basis="visa_free",
    )
    refusal = people_services.entry_refusal_record(
        actor=actor, person_id=principal.pk, country="KZ", refused_on=date.today() - timedelta(days=60)
    )
    case_services.case_note_add(actor=actor, case_id=case.pk, body="Первичная беседа.")
    spare_person = make_person(actor, surname="Соколова", given_name="Вера")
    spare_household = make_household(actor, make_person(actor, surname="Орлова", given_name="Нина"))
    risk_factor = people_services.risk_factor_record(actor=actor, person_id=principal.pk, kind="exit_ban")
    application = make_application(actor, case)
    pathway_services.application_transition(actor=actor, application_id=application.pk, move="vouch")
    evidence = make_evidence(
        actor, case, person_id=principal.pk, risk_factor_ids=[risk_factor.pk], file=make_upload()
    )
    vouch = evidence_services.evidence_vouch(actor=actor, evidence_id=evidence.pk)
    spare_evidence = make_evidence(actor, case, title="Публикация в СМИ", kind="press_article")
    spare_case = make_case(actor, household=make_household(actor, make_person(actor, surname="Зайцева")))
    return World(
        principal,
        member,
        case,
        household,
        document,
        stay,
        refusal,
        spare_person,
        spare_household,
        risk_factor,
        application,
        evidence,
        vouch,
        spare_evidence,
        spare_case,
    )


@pytest.fixture
def org_admin_a(org_a):
    user = UserFactory(username="admin-a", is_staff=True)
    MembershipFactory(user=user, organisation=org_a, role=Role.ORGANISATION_ADMIN)
    return user


def client_for(user) -> Client:

    # Staff sessions must have passed a second factor, or the MFA middleware sends them to it (the API too).
    return login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), user)


def logged(user, name: str) -> set[tuple[str, str]]:
    return set(AccessEvent.objects.filter(actor_user=user, via=name).values_list("target_type", "target_id"))


def key(record: Any) -> tuple[str, str]:
    return (record._meta.label_lower, str(record.pk))


@pytest.mark.parametrize("name", sorted(SHOWS_PERSON_DATA))
def test_each_url_that_shows_person_data_logs_the_access(name, world, supervisor_a, org_a, make_actor):
    role = SHOWS_PERSON_DATA[name].as_role
    assert_probe_logs(name, world, make_actor(org_a, role) if role else supervisor_a)


# What an authority is shown of the applications referred to it: each must be logged as the NGO's pages are.
AUTHORITY_READS = (
    "web:application-list",
    "web:application-detail",
    "api:applications GET",
    "api:application GET",
    "web:referral-export",
    "api:referral-exports POST",
    "web:application-dossier",
    "web:application-evidence-file",
)


@pytest.fixture
def foreign_ministry(world, authorities, supervisor_a):
    """A caseworker of the German foreign ministry, to which the world's application has been submitted."""
    officer = authorities("DE")["foreign_ministry"]
    pathway_services.application_transition(
        actor=supervisor_a,
        application_id=world.application.pk,
        move="submit",
        facts={"submitted_on": date.today()},
        authority_id=officer.organisation_id,
    )
    return officer


@pytest.mark.parametrize("name", AUTHORITY_READS)
def test_an_authority_shown_a_referred_application_is_logged_too(name, world, foreign_ministry):
    assert_probe_logs(name, world, foreign_ministry)

    events = AccessEvent.objects.filter(actor_user=foreign_ministry.user, via=name.split(" ")[0])
    assert {event.organisation_id for event in events} == {foreign_ministry.organisation_id}


def assert_probe_logs(entry: str, world: World, actor: Any) -> None:
    """Request `entry` (a URL name, and the method for a resource's) as `actor` the way its probe says, and
    check it logged every record the probe names."""
    probe = SHOWS_PERSON_DATA[entry]
    name = entry.split(" ")[0]
    pattern_arguments = _arguments_of(name)
    kwargs = probe.kwargs(world) if probe.kwargs else {a: world.url_arguments()[a] for a in pattern_arguments}
    client = client_for(actor.user)
    data = probe.data(world)
    if probe.method == "get":
        response = client.get(reverse(name, kwargs=kwargs), data)
    else:
        content_type = "application/json" if probe.json else "application/x-www-form-urlencoded"
        body = json.dumps(data) if probe.json else urlencode(data)
        send = getattr(client, probe.method)
        response = send(reverse(name, kwargs=kwargs), body, content_type=content_type)

    assert response.status_code in (200, 201), (name, response.status_code, response.content[:300])
    shown = logged(actor.user, name)
    expected = {key(record) for record in probe.shows(world)}
    assert expected <= shown, f"{name} did not log {expected - shown}"
    if probe.creates:
        assert (probe.creates, response.json()["id"]) in shown, f"{name} did not log what it created"
    assert_no_personal_data_in_access_events(world)


@pytest.mark.parametrize("name", sorted(admin_probes()[0]))
def test_each_admin_page_that_shows_person_data_logs_the_access(name, world, org_admin_a):
    model, view = admin_probes()[0][name]
    instance = {
        "people.person": world.principal,
        "people.household": world.household,
        "people.identitydocument": world.document,
        "people.stay": world.stay,
        "people.entryrefusal": world.refusal,
        "cases.case": world.case,
        "evidence.evidenceitem": world.evidence,
    }[model._meta.label_lower]
    kwargs = {} if view == "changelist" else {"object_id": instance.pk}

    response = client_for(org_admin_a).get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    model_admin = admin.site._registry[model]
    target = getattr(instance, model_admin.access_target) if model_admin.access_target else instance
    assert key(target) in logged(org_admin_a, name)


def _arguments_of(name: str) -> list[str]:
    """The id arguments a URL takes: those with which it reverses (each URL here takes at most one)."""
    return [argument for argument in World.ARGUMENTS if _accepts(name, argument)]


def _accepts(name: str, argument: str) -> bool:
    try:
        reverse(name, kwargs={argument: uuid.uuid4()})
    except NoReverseMatch:
        return False
    return True


def assert_no_personal_data_in_access_events(world: World) -> None:
    dumped = str(list(AccessEvent.objects.values()))
    for value in ("Щукина", "Анна", "751112233", "Shchukina", "@anna_s", "127.0.0.1"):
        assert value not in dumped
