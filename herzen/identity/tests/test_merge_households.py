"""A merge brings the merged person's household and cases into the survivor's, and undoing it restores every
related row exactly (issue 16)."""

import pytest
from django.apps import apps
from django.db import models

from herzen.cases import services as case_services
from herzen.cases.models import Case, CaseNote, CaseStatus
from herzen.core.exceptions import NotFound
from herzen.encryption.fields import EncryptedMixin
from herzen.evidence.models import EvidenceItem
from herzen.identity import services
from herzen.identity.models import PersonMerge
from herzen.identity.tests.helpers import pair_of, two_records
from herzen.pathways.models import Application
from herzen.pathways.tests.factories import make_application
from herzen.people.choices import HouseholdRole
from herzen.people.models import HouseholdMember, Person
from herzen.people.tests.factories import make_household, make_person

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_regimes")]

# The apps whose rows a merge may touch; every row of theirs is compared (values opened), not only the moved.
COMPARED_APPS = ("people", "cases", "pathways", "evidence", "sharing", "documents", "aid", "notifications")
# Written again by the merge and its undo without a change of meaning.
VOLATILE = {"updated_at", "seal_version", "priority_refreshed_at"}


def _every_row() -> dict[tuple[str, str], dict[str, object]]:
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label not in COMPARED_APPS or model._meta.label == "people.PersonNameKey":
            continue
        for row in model._default_manager.all():
            values = {}
            for field in model._meta.concrete_fields:
                if field.name in VOLATILE:
                    continue
                value = getattr(row, field.attname)
                values[field.name] = str(value) if isinstance(field, EncryptedMixin) else value
            rows[(model._meta.label, str(row.pk))] = values
    return rows


def _with_cases(actor, *, survivor_case_open: bool, survivor_pathway: str = ""):
    """The two records of helpers.two_records; the merged one (second) with a spouse, an open case with an
    application, evidence and a note, and a closed older case; the survivor with a case of its own."""
    first, second = two_records(actor)
    spouse = make_person(actor, surname="Жуков", given_name="Олег", patronymic="Петрович", sex="M")
    household = HouseholdMember.objects.get(person=second).household
    from herzen.people import services as people_services

    people_services.household_member_add(
        actor=actor, household_id=household.pk, person_id=spouse.pk, role=HouseholdRole.SPOUSE_OR_PARTNER
    )
    older = case_services.case_open(actor=actor, household_id=household.pk)
    case_services.case_note_add(actor=actor, case_id=older.pk, body="Первое обращение, 2022")
    case_services.case_change_status(actor=actor, case_id=older.pk, status=CaseStatus.CLOSED)
    current = case_services.case_open(actor=actor, household_id=household.pk)
    make_application(actor, current)
    case_services.case_note_add(actor=actor, case_id=current.pk, body="Повестка в военкомат, март")
    from herzen.evidence.tests.factories import make_evidence

    make_evidence(actor, current, person_id=second.pk)
    survivor_household = HouseholdMember.objects.get(person=first).household
    own = case_services.case_open(actor=actor, household_id=survivor_household.pk)
    if survivor_pathway:
        make_application(actor, own, pathway=survivor_pathway)
    if not survivor_case_open:
        case_services.case_change_status(actor=actor, case_id=own.pk, status=CaseStatus.CLOSED)
    return first, second, spouse, older, current, own


def test_merge_brings_household_and_cases_and_undo_restores_every_row(supervisor_a):
    first, second, spouse, older, current, own = _with_cases(supervisor_a, survivor_case_open=False)
    target = HouseholdMember.objects.get(person=first).household_id
    before = _every_row()
    pair = pair_of(supervisor_a, first, second)

    merge = services.pair_merge(actor=supervisor_a, pair_id=pair.pk, survivor_id=first.pk)

    # The spouse and both of the merged household's cases are now the survivor's household's.
    assert HouseholdMember.objects.get(person=spouse).household_id == target
    assert HouseholdMember.objects.get(person=spouse).role == HouseholdRole.SPOUSE_OR_PARTNER
    assert set(Case.objects.filter(household_id=target).values_list("pk", flat=True)) == {
        older.pk,
        current.pk,
        own.pk,
    }
    assert Application.objects.get(case=current).case.household_id == target
    # Sealed again with the survivor household's key: they open after a fresh load.
    assert {n.body for n in CaseNote.objects.filter(case__household_id=target)} == {
        "Первое обращение, 2022",
        "Повестка в военкомат, март",
    }
    evidence = EvidenceItem.objects.get(case=current)
    assert evidence.person_id == first.pk
    assert evidence.title == "Повестка от 12 марта 2024"
    # The merged record keeps only its own membership, in a household that holds nothing else.
    merged_household = HouseholdMember.objects.get(person=second).household_id
    assert list(HouseholdMember.objects.filter(household_id=merged_household)) == [
        HouseholdMember.objects.get(person=second)
    ]
    assert not Case.objects.filter(household_id=merged_household).exists()
    assert PersonMerge.objects.get(pk=merge.pk).undo["household"]["cases"]

    services.merge_undo(actor=supervisor_a, merge_id=merge.pk)

    after = _every_row()
    assert after.keys() == before.keys()
    changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    assert changed == {}


def test_two_open_cases_are_combined_into_the_survivors_and_the_emptied_one_closed(supervisor_a):
    first, second, spouse, _older, current, own = _with_cases(
        supervisor_a, survivor_case_open=True, survivor_pathway="fr_asylum_visa"
    )
    target = HouseholdMember.objects.get(person=first).household_id
    before = _every_row()
    pair = pair_of(supervisor_a, first, second)

    merge = services.pair_merge(actor=supervisor_a, pair_id=pair.pk, survivor_id=first.pk)

    assert HouseholdMember.objects.get(person=spouse).household_id == target
    assert set(Application.objects.filter(case=own).values_list("pathway", flat=True)) == {
        "de_22_2",
        "fr_asylum_visa",
    }
    assert {n.body for n in CaseNote.objects.filter(case=own)} == {"Повестка в военкомат, март"}
    assert EvidenceItem.objects.get(case=own).title == "Повестка от 12 марта 2024"
    emptied = Case.objects.get(pk=current.pk)
    assert (emptied.status, emptied.household_id) == (CaseStatus.CLOSED, target)
    assert not Application.objects.filter(case=current).exists()
    assert PersonMerge.objects.get(pk=merge.pk).undo["household"]["kept_apart"] == []

    services.merge_undo(actor=supervisor_a, merge_id=merge.pk)
    after = _every_row()
    assert {key: (before[key], after.get(key)) for key in before if before[key] != after.get(key)} == {}


def test_two_open_cases_with_one_pathway_each_are_kept_apart_and_named(supervisor_a):
    first, second, spouse, _older, current, own = _with_cases(
        supervisor_a, survivor_case_open=True, survivor_pathway="de_22_2"
    )
    target = HouseholdMember.objects.get(person=first).household_id
    source = HouseholdMember.objects.get(person=second).household_id
    before = _every_row()
    pair = pair_of(supervisor_a, first, second)

    merge = services.pair_merge(actor=supervisor_a, pair_id=pair.pk, survivor_id=first.pk)

    # Nothing of the households is dropped or moved; both open cases are named on the merge.
    assert Case.objects.get(pk=current.pk).household_id == source
    assert Case.objects.get(pk=own.pk).household_id == target
    assert HouseholdMember.objects.get(person=spouse).household_id == source
    assert PersonMerge.objects.get(pk=merge.pk).undo["household"]["kept_apart"] == [
        str(own.pk),
        str(current.pk),
    ]
    assert Application.objects.filter(case=current).count() == 1

    services.merge_undo(actor=supervisor_a, merge_id=merge.pk)
    after = _every_row()
    assert {key for key in before if before[key] != after.get(key)} == set()


def test_a_survivor_without_a_household_takes_the_merged_persons_place(supervisor_a):
    first = make_person(supervisor_a, surname="Жукова", given_name="Юлия", patronymic="Сергеевна")
    second = make_person(supervisor_a, surname="Жукова", given_name="Юлия", patronymic="Сергеевна")
    household = make_household(supervisor_a, second)
    before = _every_row()
    pair = pair_of(supervisor_a, first, second)
    merge = services.pair_merge(actor=supervisor_a, pair_id=pair.pk, survivor_id=first.pk)
    assert HouseholdMember.objects.get(household=household).person_id == first.pk
    services.merge_undo(actor=supervisor_a, merge_id=merge.pk)
    after = _every_row()
    assert {key for key in before if before[key] != after.get(key)} == set()


def test_another_organisations_person_cannot_be_merged(supervisor_a, caseworker_b):
    mine = make_person(supervisor_a)
    theirs = make_person(caseworker_b)
    pair = pair_of(supervisor_a, mine, theirs)
    for survivor in (mine, theirs):
        with pytest.raises(NotFound):
            services.pair_merge(actor=supervisor_a, pair_id=pair.pk, survivor_id=survivor.pk)
    assert Person.objects.get(pk=theirs.pk).organisation_id == caseworker_b.organisation_id
    assert not PersonMerge.objects.exists()


def test_every_reference_to_a_person_moves_or_is_listed_as_staying():
    """A model added later with a foreign key to a person must say whether a merge moves it."""
    moved = set(services.MOVED_WITH_PERSON)
    person = apps.get_model("people", "Person")
    unlisted = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is person:
                key = (model._meta.label, field.name)
                if key not in moved and key not in services.STAYS_WITH_RECORD:
                    unlisted.append(key)
    assert unlisted == []


def test_the_pair_page_names_the_two_open_cases_in_russian(supervisor_a):
    from django.test import Client

    from herzen.accounts.tests.helpers import login_with_mfa

    first, second, _spouse, _older, current, own = _with_cases(
        supervisor_a, survivor_case_open=True, survivor_pathway="de_22_2"
    )
    pair = pair_of(supervisor_a, first, second)
    services.pair_merge(actor=supervisor_a, pair_id=pair.pk, survivor_id=first.pk)
    client = login_with_mfa(Client(HTTP_ACCEPT_LANGUAGE="ru"), supervisor_a.user)
    page = client.get(f"/duplicates/{pair.pk}/").content.decode()
    kept = page.split('id="cases-kept-apart"')[1].split("</div>")[0]
    assert "незавершённое заявление по одной и той же программе" in kept
    assert kept.index(Case.objects.get(pk=own.pk).reference) < kept.index(
        Case.objects.get(pk=current.pk).reference
    )
