"""household_members in declared role order, eldest first; document_list of a household; both scoped."""

from datetime import date

from herzen.people import services
from herzen.people.selectors import document_list, household_members
from herzen.people.tests.factories import HouseholdRole, make_household, make_person


def _household(actor):
    """A principal added first and members added in an order unlike the expected one."""
    principal = make_person(actor, given_name="Анна", date_of_birth=date(1990, 5, 17))
    grandmother = make_person(actor, given_name="Вера", date_of_birth=date(1950, 1, 2))
    younger = make_person(actor, given_name="Лиза", date_of_birth=date(2016, 4, 1))
    unknown_age = make_person(actor, given_name="Ника", date_of_birth=None)
    older = make_person(actor, given_name="Маша", date_of_birth=date(2012, 9, 9))
    spouse = make_person(actor, given_name="Илья", sex="M", date_of_birth=date(1985, 3, 3))
    household = make_household(
        actor,
        principal,
        others=[
            (grandmother, HouseholdRole.OTHER_DEPENDANT),
            (younger, HouseholdRole.CHILD),
            (unknown_age, HouseholdRole.CHILD),
            (older, HouseholdRole.CHILD),
            (spouse, HouseholdRole.SPOUSE_OR_PARTNER),
        ],
    )
    return household


def test_principal_first_then_spouse_children_and_other_dependants_each_eldest_first(caseworker_a):
    household = _household(caseworker_a)

    members = household_members(actor=caseworker_a, household=household)

    assert [(m.role, m.person.given_name) for m in members] == [
        (HouseholdRole.PRINCIPAL, "Анна"),
        (HouseholdRole.SPOUSE_OR_PARTNER, "Илья"),
        (HouseholdRole.CHILD, "Маша"),
        (HouseholdRole.CHILD, "Лиза"),
        (HouseholdRole.CHILD, "Ника"),  # no date of birth: after the children whose age is known
        (HouseholdRole.OTHER_DEPENDANT, "Вера"),
    ]


def test_another_organisations_actor_sees_no_members(caseworker_a, caseworker_b):
    household = _household(caseworker_a)

    assert list(household_members(actor=caseworker_b, household=household)) == []


def test_document_list_of_a_household_holds_its_members_documents_only(caseworker_a, caseworker_b):
    principal = make_person(caseworker_a)
    child = make_person(caseworker_a, given_name="Маша", date_of_birth=date(2012, 9, 9))
    stranger = make_person(caseworker_a, surname="Петров", given_name="Иван", sex="M")
    household = make_household(caseworker_a, principal, others=[(child, HouseholdRole.CHILD)])
    for person, number in ((principal, "751234567"), (child, "759999999"), (stranger, "750000000")):
        services.document_add(
            actor=caseworker_a, person_id=person.pk, document_type="international_passport", number=number
        )

    numbers = {d.number for d in document_list(actor=caseworker_a, household=household)}

    assert numbers == {"751234567", "759999999"}
    assert list(document_list(actor=caseworker_b, household=household)) == []
