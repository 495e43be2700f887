"""Pages of one record that list its parts (a case's household, notes, evidence and applications; a person's
papers, stays, spellings, risks, consents and history) cost the same whatever the number of parts."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from herzen.cases import services as case_services
from herzen.demo.applications import sample_facts
from herzen.domain.workflow import PATHWAYS
from herzen.evidence import services as evidence_services
from herzen.evidence.models import Vouch
from herzen.organisations.tests.factories import OrganisationFactory
from herzen.pathways import services as pathway_services
from herzen.pathways.models import Application
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.choices import HouseholdRole
from herzen.people.tests.factories import make_person
from herzen.sharing import services as sharing_services
from herzen.sharing.models import SharedPart
from tests.performance.conftest import assert_flat, links_to, page_client, token_client
from tests.performance.registry import counts


def text_count(marker):
    return lambda response: response.content.decode().count(marker)


@counts("web:case-detail")
def test_case_page(filler, supervisor_a, open_regimes):
    """More members (each with papers), notes, evidence items and applications."""
    case = filler.case()
    pathways = iter(open_regimes)

    def grow(n):
        for i in range(n):
            person = filler.child()
            filler.papers(person)
            people_services.household_member_add(
                actor=supervisor_a,
                household_id=case.household_id,
                person_id=person.pk,
                role=HouseholdRole.CHILD,
            )
            case_services.case_note_add(actor=supervisor_a, case_id=case.pk, body=f"Беседа {i}.")
            filler.evidence(case)
            make_application(supervisor_a, case, pathway=next(pathways))

    client = page_client(supervisor_a)
    url = reverse("web:case-detail", args=[case.pk])
    assert_flat(grow, lambda: client.get(url), rows=links_to("/persons/"), ceiling=34)


@counts("web:person-detail")
def test_person_page(filler, supervisor_a, today):
    """More spellings, documents, past stays, refusals, contacts, risk factors, consents and namesakes."""
    person = make_person(supervisor_a)
    filler.papers(person)

    def grow(n):
        for _ in range(n):
            i = filler.n()
            people_services.name_variant_add(
                actor=supervisor_a, person_id=person.pk, surname=f"Shchukina{i}", given_name="Anna"
            )
            people_services.document_add(
                actor=supervisor_a,
                person_id=person.pk,
                document_type="internal_passport",
                number=f"45{i:08d}",
            )
            entry = date(2022, 3, 1) + timedelta(days=40 * i)
            people_services.stay_record(
                actor=supervisor_a,
                person_id=person.pk,
                country="AM",
                entry_date=entry,
                exit_date=entry + timedelta(days=20),
                legal_basis="visa_free",
            )
            people_services.entry_refusal_record(
                actor=supervisor_a, person_id=person.pk, country="KZ", refused_on=entry - timedelta(days=2)
            )
            people_services.contact_point_add(
                actor=supervisor_a, person_id=person.pk, kind="email", value=f"anna{i}@example.org"
            )
            people_services.risk_factor_record(actor=supervisor_a, person_id=person.pk, kind="exit_ban")
            sharing_services.sharing_consent_record(
                actor=supervisor_a,
                person_id=person.pk,
                grantee_id=OrganisationFactory(name=f"Partner {i}").pk,
                parts=SharedPart.values,
                valid_until=today + timedelta(days=30),
                given_how="signed_form",
            )
            make_person(
                supervisor_a
            )  # a namesake born the same day: a possible duplicate, listed for comparison

    client = page_client(supervisor_a)
    url = reverse("web:person-detail", args=[person.pk])
    risk_links = links_to(f"/persons/{person.pk}/risk-factors/")
    assert_flat(grow, lambda: client.get(url), rows=risk_links, ceiling=32)


@counts("web:evidence-detail")
def test_evidence_page(filler, supervisor_a):
    """More vouches on record (given, withdrawn, given again) and more linked risk factors."""
    case = filler.case()
    item = filler.evidence(case)

    def grow(n):
        for _ in range(n):
            standing = Vouch.objects.get(evidence=item, withdrawn_at__isnull=True)
            evidence_services.vouch_withdraw(
                actor=supervisor_a, vouch_id=standing.pk, reason="Checked again."
            )
            evidence_services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)

    client = page_client(supervisor_a)
    url = reverse("web:evidence-detail", args=[item.pk])
    assert_flat(grow, lambda: client.get(url), rows=text_count('class="card vouch'), ceiling=18)


def grow_application(filler, application):
    """More household members (the page lists who the application is for) and a longer history: the vouch
    taken back and given again, each move with its (sealed) facts."""

    def grow(n):
        for _ in range(n):
            person = filler.child()
            people_services.household_member_add(
                actor=filler.actor,
                household_id=application.case.household_id,
                person_id=person.pk,
                role=HouseholdRole.CHILD,
            )
            for move in ("withdraw_vouch", "vouch"):
                current = Application.objects.get(pk=application.pk)
                transition = PATHWAYS[current.pathway].transition(current.state, move)
                pathway_services.application_transition(
                    actor=filler.actor,
                    application_id=application.pk,
                    move=move,
                    facts=sample_facts(transition, filler.today),
                )

    return grow


@counts("web:application-detail")
def test_application_page(filler, supervisor_a, open_regimes):
    application = filler.application()
    page = page_client(supervisor_a)
    url = reverse("web:application-detail", args=[application.pk])
    assert_flat(
        grow_application(filler, application), lambda: page.get(url), rows=text_count("Анна"), ceiling=33
    )


@counts("api:application")
def test_application_api(filler, supervisor_a, open_regimes):
    application = filler.application()
    api = token_client(supervisor_a)
    url = reverse("api:application", args=[application.pk])

    def shown(response):
        return len(response.json()["household"]) + len(response.json()["history"])

    assert_flat(grow_application(filler, application), lambda: api.get(url), rows=shown, ceiling=24)


@counts("web:shared-person-detail")
def test_shared_person_page(filler, supervisor_a, caseworker_b, org_b, today):
    """What another organisation shares: more documents, stays, contacts and risks."""
    person = filler.person()

    def grow(n):
        for _ in range(n):
            i = filler.n()
            people_services.document_add(
                actor=supervisor_a,
                person_id=person.pk,
                document_type="internal_passport",
                number=f"46{i:08d}",
            )
            people_services.contact_point_add(
                actor=supervisor_a, person_id=person.pk, kind="email", value=f"anna{i}@example.org"
            )
            people_services.risk_factor_record(actor=supervisor_a, person_id=person.pk, kind="exit_ban")

    sharing_services.sharing_consent_record(
        actor=supervisor_a,
        person_id=person.pk,
        grantee_id=org_b.pk,
        parts=SharedPart.values,
        valid_until=timezone.localdate() + timedelta(days=30),
        given_how="signed_form",
    )
    client = page_client(caseworker_b)
    url = reverse("web:shared-person-detail", args=[person.pk])
    assert_flat(grow, lambda: client.get(url), rows=text_count("@example.org"), ceiling=20)


@counts("api:person")
def test_person_api(filler, supervisor_a):
    """A person's answer carries their spellings and contacts."""
    person = filler.person()

    def grow(n):
        for _ in range(n):
            i = filler.n()
            people_services.name_variant_add(
                actor=supervisor_a, person_id=person.pk, surname=f"Shchukina{i}", given_name="Anna"
            )
            people_services.contact_point_add(
                actor=supervisor_a, person_id=person.pk, kind="email", value=f"anna{i}@example.org"
            )

    client = token_client(supervisor_a)
    url = reverse("api:person", args=[person.pk])
    assert_flat(
        grow, lambda: client.get(url), rows=lambda r: len(str(r.json()).split("@example.org")), ceiling=15
    )
