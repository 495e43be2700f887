"""One organisation's small world, seen by every kind of visitor the permission matrix knows."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from herzen import audit
from herzen.accounts.tests.helpers import login_with_mfa
from herzen.audit.models import AuditEvent
from herzen.cases.duplicates import PossibleDuplicate
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Actor, Role
from herzen.documents import services as document_services
from herzen.evidence import services as evidence_services
from herzen.evidence.tests.factories import make_evidence, make_upload
from herzen.identity import services as identity_services
from herzen.identity.models import DuplicatePair
from herzen.intake import services as intake_services
from herzen.intake.identity import applicant_actor
from herzen.intake.tests.factories import make_draft
from herzen.intake.tests.images import jpeg_with_gps
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import Membership
from herzen.organisations.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from herzen.pathways import services as pathway_services
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person
from herzen.sharing import services as sharing_services

# Who asks. Applicants have no login (intake uses private links): they are "anonymous" here.
ROLES = (
    "anonymous",
    "caseworker",
    "supervisor",
    "auditor",
    "org_admin",
    "other_caseworker",  # a caseworker of another organisation
    "other_admin",  # an organisation admin (Django staff) of another organisation
)
OWN_ROLES = ("caseworker", "supervisor", "auditor", "org_admin")
OTHERS = ("other_caseworker", "other_admin")


@dataclass
class World:
    users: dict[str, object]
    ids: dict[str, object]

    def clients(self) -> dict[str, Client]:
        """A fresh, signed-in (second factor passed) browser per visitor; anonymous has none."""
        clients = {"anonymous": Client(HTTP_ACCEPT_LANGUAGE="en")}
        for role, user in self.users.items():
            clients[role] = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="en"), user)
        return clients


def _duplicate_pair(actor):
    """Two records of one person (a Latin spelling on the second), as the linkage job pairs them."""
    first = make_person(actor, surname="Двойникова", given_name="Вера")
    second = make_person(actor, surname="Двойникова", given_name="Вера")
    first, second = sorted((first, second), key=lambda person: str(person.pk))
    return DuplicatePair.objects.create(
        organisation_id=actor.organisation_id,
        first=first,
        second=second,
        probability=0.99,
        levels=["surname:cyrillic"],
    )


def build_world() -> World:
    org_a = OrganisationFactory(name="Shelter Tbilisi", country="GE", city="Tbilisi")
    org_b = OrganisationFactory(name="Legal Aid Astana", country="KZ", city="Astana")

    def member(organisation, role, username, *, is_staff=False):
        user = UserFactory(username=username, is_staff=is_staff)
        MembershipFactory(user=user, organisation=organisation, role=role)
        return user

    users = {
        "caseworker": member(org_a, Role.CASEWORKER, "cw-a"),
        "supervisor": member(org_a, Role.SUPERVISOR, "sv-a"),
        "auditor": member(org_a, Role.AUDITOR, "au-a"),
        "org_admin": member(org_a, Role.ORGANISATION_ADMIN, "admin-a", is_staff=True),
        "other_caseworker": member(org_b, Role.CASEWORKER, "cw-b"),
        "other_admin": member(org_b, Role.ORGANISATION_ADMIN, "admin-b", is_staff=True),
    }
    actor = actor_for_user(users["caseworker"], organisation_id=org_a.pk)
    person = make_person(actor)
    household = make_household(actor, principal=person)
    case = make_case(actor, household=household)
    document = people_services.document_add(
        actor=actor, person_id=person.pk, document_type="international_passport", number="75 1234567"
    )
    today = timezone.localdate()
    stay = people_services.stay_record(
        actor=actor,
        person_id=person.pk,
        country="GE",
        entry_date=today - timedelta(days=20),
        legal_basis="visa_free",
    )
    refusal = people_services.entry_refusal_record(
        actor=actor, person_id=person.pk, country="KZ", refused_on=date(2024, 3, 1)
    )
    consent = sharing_services.sharing_consent_record(
        actor=actor,
        person_id=person.pk,
        # A third organisation: the visitors of the matrix are not shown it (sharing is tested in herzen/sharing).
        grantee_id=OrganisationFactory(name="Sponsor Network Berlin", country="DE").pk,
        parts=["identity"],
        valid_until=today + timedelta(days=30),
        given_how="signed_form",
    )
    risk_factor = people_services.risk_factor_record(actor=actor, person_id=person.pk, kind="foreign_agent")
    name_variant = people_services.name_variant_add(
        actor=actor, person_id=person.pk, surname="Shchukina", given_name="Anna", scheme="icao_9303"
    )
    contact_point = people_services.contact_point_add(
        actor=actor, person_id=person.pk, kind="phone", value="+995555000111"
    )
    declaration = people_services.declaration_record(
        actor=actor, person_id=person.pk, kind="borders_of_1992", channel="staff", language="ru"
    )
    # A record flagged as possibly the same person (as a submission flags them), for a caseworker to compare.
    possible_duplicate = PossibleDuplicate.objects.create(
        case=case, person=person, existing=make_person(actor), reason="date_of_birth"
    )
    # The merge queue (herzen.identity): open pairs to merge and to mark as two people, by page and by API, and
    # merges to undo by each.
    pairs = {
        name: _duplicate_pair(actor)
        for name in (
            "web_pair",
            "api_merge_pair",
            "web_not_same_pair",
            "api_not_same_pair",
            "web_undo_pair",
            "api_undo_pair",
        )
    }
    merges = {
        name: identity_services.pair_merge(
            actor=actor, pair_id=pairs[name].pk, survivor_id=pairs[name].first_id
        )
        for name in ("web_undo_pair", "api_undo_pair")
    }
    # An application needs an open regime, which only the platform operator opens.
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    pathway_services.policy_regime_create(
        actor=Actor(user=operator, organisation=None),
        pathway="de_22_2",
        name="§ 22 AufenthG 2025",
        valid_from=date(2025, 1, 1),
        quota=None,
        rule_set={"all": []},
        rule_set_version="1",
    )
    application = make_application(actor, case)
    # A sealed attestation of the case by its NGO (herzen.documents).
    issued_document = document_services.document_issue(
        actor=actor, document_type="ngo_attestation", case_id=case.pk
    )
    evidence = make_evidence(actor, case, person_id=person.pk, file=make_upload())
    supervisor = actor_for_user(users["supervisor"], organisation_id=org_a.pk)
    vouch = evidence_services.evidence_vouch(
        actor=supervisor, evidence_id=evidence.pk, statement="We know her."
    )
    # Flagging fraud and withdrawing a vouch end things: the API rows that succeed act on items of their own.
    to_flag = make_evidence(actor, case, title="Letter from the investigator")
    to_unvouch = make_evidence(actor, case, title="Court record")
    vouch_to_withdraw = evidence_services.evidence_vouch(actor=supervisor, evidence_id=to_unvouch.pk)
    # An applicant's file, sent through the public intake to this organisation (it becomes another case).
    org_a.intake_countries = ["GE"]
    org_a.save()
    issued = make_draft(org_a)
    intake_services.upload_add(
        actor=applicant_actor(),
        draft_id=issued.draft.pk,
        data=jpeg_with_gps(),
        original_name="p.jpg",
        kind="passport",
    )
    intake_services.draft_submit(actor=applicant_actor(), draft_id=issued.draft.pk)
    # A finished export job of the caseworker's (with its file), and a notice in the caseworker's inbox.
    from herzen.jobs.models import Job, JobStatus
    from herzen.jobs.runner import JobContext
    from herzen.notifications.models import NoticeKind
    from herzen.notifications.staff import notify

    job = Job.objects.create(
        task_path="herzen.evidence.jobs.referral_export",
        kind="referral_export",
        organisation=org_a,
        started_by=users["caseworker"],
        status=JobStatus.SUCCEEDED,
    )
    JobContext(job).store_result(name="referrals.csv", content_type="text/csv", content=b"a,b\n")
    job.refresh_from_db()
    notice = notify(
        recipient_id=users["caseworker"].pk,
        organisation_id=org_a.pk,
        kind=NoticeKind.JOB_FINISHED,
        params={"job_kind": "referral_export", "status": "done"},
        link=f"/jobs/{job.pk}/",
    )
    # A finished matching run proposing the case a flat (made directly; its job is tested in herzen/resettlement).
    from herzen.resettlement.models import HouseholdNeeds, MatchRun, Offer, Proposal

    offer = Offer.objects.create(
        organisation=org_a, kind="housing", title="Flat", country="DE", town="Leipzig", capacity_persons=4
    )
    match_run = MatchRun.objects.create(
        organisation=org_a, destination_country="DE", status="done", started_by=users["supervisor"]
    )
    match_run.offers.set([offer])
    proposal = Proposal.objects.create(run=match_run, case=case, offer=offer, persons=1)
    HouseholdNeeds.objects.create(case=case, adults=1, destination_country="DE")
    from herzen.aid.tests.world import make_payout_and_file, make_programme_and_grant, make_sanctions_hit

    aid_programme, aid_grant = make_programme_and_grant(case, person)
    aid_payout, _local_bank_file = make_payout_and_file(aid_programme, case, person)
    aid_hit = make_sanctions_hit(person)
    from herzen.aid.tests.api_world import make_payouts

    aid = make_payouts(aid_programme)
    # Decided through the API's row; a person of their own (a match holds the payee's payouts).
    aid_api_hit = make_sanctions_hit(make_person(actor, surname="Щукин", given_name="Пётр"), entry_id="99346")
    ids = {
        "match_run": match_run.pk,
        "proposal": proposal.pk,
        "offer": offer.pk,
        "aid_hit": aid_hit.pk,
        "aid_programme": aid_programme.pk,
        "aid_grant": aid_grant.pk,
        "aid_tranche": aid_grant.tranches.get(number=1).pk,
        "aid_payout": aid_payout.pk,
        "aid_api_hit": aid_api_hit.pk,
        "aid_payout_proposed": aid.proposed.pk,
        "aid_payout_approved": aid.approved.pk,
        "aid_payout_sent": aid.sent.pk,
        "aid_payout_to_fail": aid.to_fail.pk,
        "aid_payout_failed": aid.failed.pk,
        "aid_free_tranche": aid.free_tranche.pk,
        "aid_payment_file": aid.payment_file.pk,
        "job": job.pk,
        "notice": notice.pk,
        "case": case.pk,
        "risk_factor": risk_factor.pk,
        "name_variant": name_variant.pk,
        "contact_point": contact_point.pk,
        "application": application.pk,
        "issued_document": issued_document.pk,
        "evidence": evidence.pk,
        "vouch": vouch.pk,
        "evidence_to_flag": to_flag.pk,
        "vouch_to_withdraw": vouch_to_withdraw.pk,
        "person": person.pk,
        "declaration": declaration.pk,
        "possible_duplicate": possible_duplicate.pk,
        **{name: pair.pk for name, pair in pairs.items()},
        "api_merge_survivor": pairs["api_merge_pair"].first_id,
        "web_merge": merges["web_undo_pair"].pk,
        "api_merge": merges["api_undo_pair"].pk,
        "household": household.pk,
        "document": document.pk,
        "stay": stay.pk,
        "refusal": refusal.pk,
        "sharing_consent": consent.pk,
        "organisation": org_a.pk,
        "other_organisation": org_b.pk,
        "membership": Membership.objects.get(user=users["caseworker"]).pk,
        "user": users["caseworker"].pk,
        "audit_event": AuditEvent.objects.filter(organisation=org_a).first().pk,
        "access_event": audit.record_access(actor=actor, target=person, categories=["identity"])[0].pk,
    }
    return World(users=users, ids=ids)
