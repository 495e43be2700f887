"""The bulk loader stores what the services store: the same seed loaded both ways gives the same records."""

from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from bench.bulk.load import LoadRefused, load, refuse_unless_loadable
from bench.bulk.names import name_keys
from bench.bulk.schema import BIG_TABLES, FOREIGN_KEYS, REFERRING_KEYS, UNIQUE_CONSTRAINTS
from herzen.audit import checkpointing
from herzen.audit.models import AuditEvent, ChainHead
from herzen.cases.selectors import CaseFilters, case_list
from herzen.demo.generator import generate
from herzen.demo.staffing import ensure_demo_staff
from herzen.domain.names import FullName, person_name_keys
from herzen.organisations.actors import actor_for_user
from herzen.people.models import Person, PersonNameKey
from herzen.people.selectors import person_list

HOUSEHOLDS = 30
SEED = 1917

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="loadscale writes with PostgreSQL's COPY"
)


def _snapshot(persons: list[Person], started) -> dict[tuple[object, ...], dict[str, object]]:
    """Everything stored about each person, as read through the ORM (decrypted), without record ids and
    without the times of writing (a case planned to open later than now opens now)."""
    found = {}
    for person in persons:
        membership = person.household_membership
        household = membership.household
        documents = {d.pk: d.number for d in person.documents.all()}
        case = household.cases.exclude(status="closed").first() or household.cases.first()
        found[(person.surname, person.given_name, person.patronymic, person.date_of_birth)] = {
            "person": (
                person.sex,
                person.citizenships,
                person.languages,
                person.profession,
                person.search_keys,
            ),
            "name_keys": sorted(PersonNameKey.objects.filter(person=person).values_list("key", flat=True)),
            "documents": sorted(
                (
                    d.document_type,
                    d.number,
                    d.number_index,
                    d.issuing_country.code,
                    d.issuer,
                    d.issue_date,
                    d.expiry_date,
                    d.status,
                    d.retains_legacy_spelling,
                )
                for d in person.documents.all()
            ),
            "variants": sorted(
                (
                    v.surname,
                    v.given_name,
                    v.patronymic,
                    v.script,
                    v.scheme,
                    documents.get(v.source_document_id),
                    v.valid_from,
                    v.valid_until,
                )
                for v in person.name_variants.all()
            ),
            "contacts": sorted(
                (c.kind, c.value, c.value_index, c.is_preferred) for c in person.contact_points.all()
            ),
            "stays": sorted(
                (
                    s.country.code,
                    s.city,
                    s.entry_date,
                    s.exit_date,
                    s.legal_basis,
                    s.authorised_until,
                    s.legal_deadline,
                    documents.get(s.document_id),
                )
                for s in person.stays.all()
            ),
            "refusals": sorted(
                (r.country.code, r.refused_on, r.border_point, r.reason_given)
                for r in person.entry_refusals.all()
            ),
            "risks": sorted(
                (
                    r.kind,
                    r.criminal_article,
                    r.criminal_stage,
                    r.wanted_scope,
                    r.vulnerability,
                    r.country.code,
                    r.occurred_on,
                    r.narrative,
                    r.is_current,
                )
                for r in person.risk_factors.all()
            ),
            "household": (
                membership.role,
                household.current_country.code,
                household.earliest_stay_deadline,
                household.organisation_id,
            ),
            "case": (
                case.status,
                case.priority_score,
                case.priority_band,
                case.priority_next_deadline,
                case.assigned_caseworker_id,
                case.opened_at if case.opened_at < started else "now",
                case.closed_at is not None,
                sorted(note.body for note in case.notes.all()),
            ),
        }
    return found


def _actions(events) -> Counter:
    return Counter((event.target_type, event.action) for event in events)


def _schema() -> set[tuple[str, str]]:
    """The loaded tables' foreign keys, primary keys, unique constraints and indexes, and the foreign keys of
    other tables that refer to them, which the load drops and makes again."""
    with connection.cursor() as cursor:
        cursor.execute(FOREIGN_KEYS, [list(BIG_TABLES)])
        keys = {(name, definition) for _, name, definition in cursor.fetchall()}
        cursor.execute(REFERRING_KEYS, [list(BIG_TABLES), list(BIG_TABLES)])
        keys |= {(name, definition) for _, name, definition in cursor.fetchall()}
        cursor.execute(UNIQUE_CONSTRAINTS, [list(BIG_TABLES), []])
        keys |= {(name, definition) for _, name, definition in cursor.fetchall()}
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [list(BIG_TABLES)]
        )
        return keys | set(cursor.fetchall())


@postgresql_only
@pytest.mark.django_db
def test_the_bulk_load_stores_what_the_services_store():
    today, started = timezone.localdate(), timezone.now()
    schema = _schema()
    report, staff = load(
        scale=str(HOUSEHOLDS),
        seed=SEED,
        today=today,
        households=HOUSEHOLDS,
        applications=False,
        earlier_cases=False,
        workers=1,
    )
    assert report.households == HOUSEHOLDS
    assert _schema() == schema
    assert any("FOREIGN KEY" in definition for _, definition in schema)
    assert {"PRIMARY KEY (id)", "UNIQUE (key, person_id)"} <= {definition for _, definition in schema}
    bulk_persons = list(Person.objects.all())
    loaded_ids = {p.pk for p in bulk_persons}
    first_bulk_event = AuditEvent.objects.filter(action="person.create").order_by("id").first().id
    bulk_events = list(AuditEvent.objects.filter(id__gte=first_bulk_event))
    bulk = _snapshot(bulk_persons, started)

    # The audit chain the loader extended verifies, and its head is the last event.
    assert checkpointing.verify("audit", [], batch=None).ok
    head = ChainHead.objects.get(name="audit")
    assert head.last_id == AuditEvent.objects.order_by("-id").first().id

    # Reading as a caseworker works: the case list, and a search by a Latin spelling of a Cyrillic name.
    tbilisi = staff.organisations["tbilisi"]
    caseworker = actor_for_user(staff.writers()[0][1].user, organisation_id=tbilisi.pk)
    cases = list(case_list(actor=caseworker, filters=CaseFilters(status="open", sort="priority"))[:20])
    assert cases
    assert all(case.organisation_id == tbilisi.pk for case in cases)
    assert [c.priority_score for c in cases] == sorted((c.priority_score for c in cases), reverse=True)
    assert "Щукина" in {p.surname for p in person_list(actor=caseworker, name_query="Schtschukina")}

    # The same seed through the services, into the same organisations.
    last_bulk_event = AuditEvent.objects.order_by("-id").first().id
    generate(organisations=staff.writers(), households=HOUSEHOLDS, seed=SEED, today=today)
    service_persons = list(Person.objects.exclude(pk__in=loaded_ids))
    service_events = list(AuditEvent.objects.filter(id__gt=last_bulk_event))
    service = _snapshot(service_persons, started)

    assert len(bulk) == len(bulk_persons) == len(service_persons)
    assert bulk.keys() == service.keys()
    for who, stored in bulk.items():
        assert stored == service[who], who
    assert _actions(bulk_events) == _actions(service_events)
    assert checkpointing.verify("audit", [], batch=None).ok


@postgresql_only
@pytest.mark.django_db
def test_name_keys_by_part_equal_the_domain_function():
    names = [
        FullName("Щукина", "Анна", "Сергеевна"),
        FullName("Римская-Корсакова", "Ина", ""),
        FullName("Shchukina", "Anna", "Sergeevna"),
        FullName("WUKINA", "ANNA", ""),
        FullName("Иванов", "John", ""),  # mixed scripts: keyed whole
    ]
    for name in names:
        assert name_keys([name]) == person_name_keys([name])
    assert name_keys(names) == person_name_keys(names)


@postgresql_only
@pytest.mark.django_db
def test_loadscale_refuses_a_database_that_holds_persons():
    staff = ensure_demo_staff()
    generate(organisations=staff.writers()[:1], households=1, seed=SEED, today=date.today())
    with pytest.raises(LoadRefused, match="already holds persons"):
        refuse_unless_loadable()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal of SQLite is tested on SQLite")
def test_loadscale_refuses_sqlite():
    with pytest.raises(LoadRefused, match="PostgreSQL"):
        refuse_unless_loadable()


@postgresql_only
@pytest.mark.django_db
def test_copied_applications_open_under_their_new_households_and_agree_with_their_cases():
    """The applications copied from the walked templates onto later cases: every sealed fact and reason
    opens with the new household's key (a wrong key or associated data would fail to open), each copy belongs
    to its case's organisation, its state is where its history ends, and the audit chain still verifies."""
    from herzen.pathways.models import Application, ApplicationDecision, ApplicationStateChange

    report, staff = load(
        scale="60", seed=SEED, today=timezone.localdate(), households=60, workers=1, chunk=15
    )
    assert report.households == 60
    applications = list(Application.objects.select_related("case"))
    # The walk runs through the services at one NGO only: an application elsewhere is a copy.
    template_ngo = staff.organisations["tbilisi"].pk
    assert any(a.organisation_id != template_ngo for a in applications), "nothing was copied"
    for application in applications:
        assert application.organisation_id == application.case.organisation_id
    last_state = {}
    for change in ApplicationStateChange.objects.order_by("occurred_at", "id"):  # opens every `facts`
        assert isinstance(change.facts, dict)
        last_state[change.application_id] = change.to_state
    assert set(last_state) == {a.pk for a in applications}
    assert all(last_state[a.pk] == a.state for a in applications)
    reasons = [decision.reasons for decision in ApplicationDecision.objects.all()]  # opens every reason
    assert reasons
    assert all(isinstance(text, str) for text in reasons)
    assert checkpointing.verify("audit", [], batch=None).ok
