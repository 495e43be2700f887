"""The API's list operations cost as many queries for 3k rows as for k, and no more than a stated ceiling.
Requests carry an API token, as a script's would (token authentication has its own queries)."""

from datetime import date, timedelta

from django.urls import reverse

from herzen.cases import services as case_services
from herzen.cases.duplicates import PossibleDuplicate
from herzen.domain.rules import shipped_rule_set_document
from herzen.domain.workflow import SHIPPED
from herzen.organisations.tests.factories import OrganisationFactory
from herzen.pathways import services as pathway_services
from herzen.people import services as people_services
from herzen.people.choices import HouseholdRole
from herzen.sharing import services as sharing_services
from tests.performance.conftest import assert_flat, json_rows, token_client
from tests.performance.registry import counts

SUBMITTED = "submitted_foreign_ministry"


def grow_cases(filler):
    def grow(n):
        for _ in range(n):
            filler.case()

    return grow


@counts("api:cases")
def test_case_list(filler, supervisor_a):
    client = token_client(supervisor_a)
    url = reverse("api:cases") + "?sort=priority&status=open"
    assert_flat(grow_cases(filler), lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:cases")
def test_case_search(filler, supervisor_a):
    client = token_client(supervisor_a)
    url = reverse("api:cases") + "?q=Shchukina"
    assert_flat(grow_cases(filler), lambda: client.get(url), rows=json_rows, ceiling=16)


@counts("api:persons")
def test_person_list(filler, supervisor_a):
    client = token_client(supervisor_a)
    assert_flat(grow_cases(filler), lambda: client.get(reverse("api:persons")), rows=json_rows, ceiling=12)


@counts("api:persons")
def test_person_search(filler, supervisor_a):
    client = token_client(supervisor_a)
    url = reverse("api:persons") + "?q=Shchukina"
    assert_flat(grow_cases(filler), lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:case-notes")
def test_case_notes(filler, supervisor_a):
    case = filler.case()

    def grow(n):
        for i in range(n):
            case_services.case_note_add(actor=supervisor_a, case_id=case.pk, body=f"Беседа {i}.")

    client = token_client(supervisor_a)
    url = reverse("api:case-notes", args=[case.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:case-evidence")
def test_evidence_list(filler, supervisor_a):
    case = filler.case()

    def grow(n):
        for _ in range(n):
            filler.evidence(case)

    client = token_client(supervisor_a)
    url = reverse("api:case-evidence", args=[case.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=16)


def a_person_with_papers(filler):
    return filler.case().household.members.get(role=HouseholdRole.PRINCIPAL).person


@counts("api:person-documents")
def test_document_list(filler, supervisor_a):
    person = a_person_with_papers(filler)

    def grow(n):
        for _ in range(n):
            people_services.document_add(
                actor=supervisor_a,
                person_id=person.pk,
                document_type="internal_passport",
                number=f"45{filler.n():08d}",
            )

    client = token_client(supervisor_a)
    url = reverse("api:person-documents", args=[person.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:person-stays")
def test_stay_list(filler, supervisor_a, today):
    person = a_person_with_papers(filler)

    def grow(n):
        for _ in range(n):
            entry = date(2022, 3, 1) + timedelta(days=40 * filler.n())  # earlier stays, one after another
            people_services.stay_record(
                actor=supervisor_a,
                person_id=person.pk,
                country="AM",
                entry_date=entry,
                exit_date=entry + timedelta(days=20),
                legal_basis="visa_free",
            )

    client = token_client(supervisor_a)
    url = reverse("api:person-stays", args=[person.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:person-entry-refusals")
def test_entry_refusal_list(filler, supervisor_a):
    person = a_person_with_papers(filler)

    def grow(n):
        for _ in range(n):
            people_services.entry_refusal_record(
                actor=supervisor_a,
                person_id=person.pk,
                country="GE",
                refused_on=date(2023, 1, 1) + timedelta(days=filler.n()),
                reason_given="Без объяснения причин.",
            )

    client = token_client(supervisor_a)
    url = reverse("api:person-entry-refusals", args=[person.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:person-risk-factors")
def test_risk_factor_list(filler, supervisor_a):
    person = a_person_with_papers(filler)

    def grow(n):
        for _ in range(n):
            people_services.risk_factor_record(
                actor=supervisor_a, person_id=person.pk, kind="foreign_agent", narrative="Внесена в реестр."
            )

    client = token_client(supervisor_a)
    url = reverse("api:person-risk-factors", args=[person.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:household")
def test_household_members(filler, supervisor_a):
    """Not a paginated list, but it lists the members: each with their papers."""
    household = filler.household()

    def grow(n):
        for _ in range(n):
            person = filler.child()
            filler.papers(person)
            people_services.household_member_add(
                actor=supervisor_a, household_id=household.pk, person_id=person.pk, role=HouseholdRole.CHILD
            )

    client = token_client(supervisor_a)
    url = reverse("api:household", args=[household.pk])
    assert_flat(grow, lambda: client.get(url), rows=lambda r: len(r.json()["members"]), ceiling=15)


def grow_applications(filler, actor_for):
    def grow(n):
        for _ in range(n):
            filler.application(actor_for=actor_for, target=SUBMITTED)

    return grow


@counts("api:applications")
def test_application_list(filler, supervisor_a, open_regimes, actor_for):
    client = token_client(supervisor_a)
    grow = grow_applications(filler, actor_for("DE"))
    assert_flat(grow, lambda: client.get(reverse("api:applications")), rows=json_rows, ceiling=12)


@counts("api:applications")
def test_application_list_of_an_authority(filler, open_regimes, actor_for, authorities):
    client = token_client(authorities("DE")["foreign_ministry"])
    grow = grow_applications(filler, actor_for("DE"))
    assert_flat(grow, lambda: client.get(reverse("api:applications")), rows=json_rows, ceiling=12)


def grow_regimes(operator, *, open_ones):
    """Regimes of more and more pathways: an old closed one each, and (with `open_ones`) an open one."""
    pathways = iter(SHIPPED)

    def grow(n):
        for _ in range(n):
            pathway = next(pathways)
            pathway_services.policy_regime_create(
                actor=operator,
                pathway=pathway.code,
                name=f"{pathway.code} 2023",
                valid_from=date(2023, 1, 1),
                valid_until=date(2023, 12, 31),
                status="closed",
            )
            if open_ones:
                pathway_services.policy_regime_create(
                    actor=operator,
                    pathway=pathway.code,
                    name=f"{pathway.code} 2025",
                    valid_from=date(2025, 1, 1),
                    rule_set=shipped_rule_set_document(pathway.code),
                    rule_set_version=shipped_rule_set_document(pathway.code)["version"],
                )

    return grow


@counts("api:regimes")
def test_regime_list(operator, supervisor_a):
    client = token_client(supervisor_a)
    grow = grow_regimes(operator, open_ones=True)
    assert_flat(grow, lambda: client.get(reverse("api:regimes")), rows=json_rows, ceiling=6)


@counts("api:pathways")
def test_pathway_list(operator, supervisor_a):
    """Every shipped pathway is listed whatever the regimes; what grows is how many have an open regime."""
    client = token_client(supervisor_a)
    grow = grow_regimes(operator, open_ones=True)

    def with_open_regime(response):
        return sum(1 for pathway in response.json() if pathway["open_regime"] is not None)

    assert_flat(grow, lambda: client.get(reverse("api:pathways")), rows=with_open_regime, ceiling=5)


@counts("api:person-declarations")
def test_declaration_list(filler, supervisor_a):
    person = a_person_with_papers(filler)

    def grow(n):
        for _ in range(n):  # declared, withdrawn, declared again: the history grows, one standing at a time
            declaration = people_services.declaration_record(
                actor=supervisor_a,
                person_id=person.pk,
                kind="borders_of_1992",
                channel="staff",
                language="ru",
            )
            people_services.declaration_withdraw(actor=supervisor_a, declaration_id=declaration.pk)

    client = token_client(supervisor_a)
    url = reverse("api:person-declarations", args=[person.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:person-sharing-consents")
def test_sharing_consent_list(filler, supervisor_a, today):
    person = a_person_with_papers(filler)
    grantee = OrganisationFactory(name="Sponsor Network Berlin")

    def grow(n):
        for i in range(n):  # consented, revoked, consented again: one in force at a time, the history grows
            consent = sharing_services.sharing_consent_record(
                actor=supervisor_a,
                person_id=person.pk,
                grantee_id=grantee.pk,
                parts=["identity"],
                valid_until=today + timedelta(days=30),
                given_how="signed_form",
                note=f"Согласие {i}.",
            )
            sharing_services.sharing_consent_revoke(
                actor=supervisor_a, consent_id=consent.pk, reason="Отозвано."
            )

    client = token_client(supervisor_a)
    url = reverse("api:person-sharing-consents", args=[person.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=14)


@counts("api:case-possible-duplicates")
def test_possible_duplicate_list(filler, supervisor_a):
    case = filler.case()
    person = a_person_with_papers(filler)

    def grow(n):
        for _ in range(n):  # each flag names one more existing record, shown for comparison
            PossibleDuplicate.objects.create(
                case=case, person=person, existing=filler.person(), reason="date_of_birth"
            )

    client = token_client(supervisor_a)
    url = reverse("api:case-possible-duplicates", args=[case.pk])
    assert_flat(grow, lambda: client.get(url), rows=json_rows, ceiling=13)


@counts("api:person-search")
def test_person_search_ranked(filler, supervisor_a):
    client = token_client(supervisor_a)
    url = reverse("api:person-search") + "?q=Anna"  # every filler person is an Анна
    assert_flat(grow_cases(filler), lambda: client.get(url), rows=json_rows, ceiling=16)


def grow_duplicate_pairs(supervisor_a):
    from herzen.identity.models import DuplicatePair
    from herzen.people.tests.factories import make_person

    def grow(n):
        for _ in range(n):  # each pair names two more persons
            first, second = sorted(
                (make_person(supervisor_a), make_person(supervisor_a)), key=lambda p: str(p.pk)
            )
            DuplicatePair.objects.create(
                organisation_id=supervisor_a.organisation_id, first=first, second=second, probability=0.95
            )

    return grow


@counts("api:duplicate-pairs")
def test_duplicate_pair_queue(filler, supervisor_a):
    client = token_client(supervisor_a)
    url = reverse("api:duplicate-pairs")
    assert_flat(grow_duplicate_pairs(supervisor_a), lambda: client.get(url), rows=json_rows, ceiling=14)
