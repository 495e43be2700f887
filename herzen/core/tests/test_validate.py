"""`core.changes.validate`: full_clean's checks and messages, without the queries that prove nothing."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from herzen.core.changes import _clean_country_field, validate
from herzen.core.exceptions import Invalid
from herzen.people.models import IdentityDocument, Person, RiskFactor, Stay
from herzen.people.tests.factories import make_person


@pytest.fixture
def person(caseworker_a):
    return make_person(caseworker_a)


def test_check_constraints_still_refuse_with_their_messages_without_a_query(person):
    document = IdentityDocument(
        person=person,
        document_type="international_passport",
        number="751234567",
        issuing_country="RU",
        issue_date=date(2024, 5, 1),
        expiry_date=date(2024, 4, 30),
    )
    with CaptureQueriesContext(connection) as queries, pytest.raises(Invalid) as refused:
        validate(document)
    # The model's clean() names the field (a form shows it there); full_clean then leaves out the constraints
    # over a field already refused, as Django does.
    assert refused.value.fields == {"expiry_date": ["The expiry date must not be before the issue date."]}
    assert len(queries) == 0  # the person is in hand, the id is fresh, the check is plain comparisons

    document.expiry_date = date(2034, 4, 30)
    validate(document)
    document.issue_date = None  # unknown: SQL's check is unknown, and an unknown check passes
    validate(document)


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({"kind": "criminal_case", "criminal_stage": ""}, True),
        ({"kind": "criminal_case", "criminal_stage": "accused"}, False),
        ({"kind": "mobilisation_summons", "occurred_on": None}, True),
        ({"kind": "mobilisation_summons", "occurred_on": date(2025, 1, 2)}, False),
        ({"kind": "wanted_list", "wanted_scope": ""}, True),
        ({"kind": "foreign_agent"}, False),
    ],
)
def test_each_risk_factor_rule_is_kept(person, changes, refused):
    factor = RiskFactor(person=person, **changes)
    if refused:
        with pytest.raises(Invalid):
            validate(factor)
    else:
        validate(factor)


def test_uniqueness_against_other_rows_is_still_checked_with_its_message(person):
    Stay.objects.create(person=person, country="GE", entry_date=date(2024, 1, 1), legal_basis="visa_free")
    second = Stay(person=person, country="AM", entry_date=date(2024, 6, 1), legal_basis="visa_free")
    with pytest.raises(Invalid) as refused:
        validate(second)
    assert "This person already has an open stay; record the exit from it first." in str(refused.value.fields)

    # A closed stay is outside the constraint's condition: no query needed to know it cannot clash.
    second.exit_date = date(2024, 7, 1)
    with CaptureQueriesContext(connection) as queries:
        validate(second)
    assert len(queries) == 0


def test_a_foreign_key_given_only_as_an_id_is_still_looked_up(person):
    factor = RiskFactor(person_id="00000000-0000-0000-0000-000000000000", kind="foreign_agent")
    with pytest.raises(Invalid) as refused:
        validate(factor)
    assert "person" in refused.value.fields


def test_conditions_follow_sql_and_leave_the_rest_to_the_database(person):
    from django.db.models import F, Q

    from herzen.core.changes import _UNSUPPORTED, _holds

    document = IdentityDocument(person=person, issue_date=date(2024, 5, 1), expiry_date=None)
    # NULL makes a comparison unknown; NOT unknown is unknown; OR with true is true, AND with false is false.
    assert _holds(document, Q(expiry_date__gte=F("issue_date")), set()) is None
    assert _holds(document, ~Q(expiry_date__gte=F("issue_date")), set()) is None
    assert _holds(document, Q(expiry_date__gte=F("issue_date")) | Q(expiry_date__isnull=True), set()) is True
    assert _holds(document, Q(expiry_date__gte=F("issue_date")) & Q(issue_date__isnull=True), set()) is False
    # A related path or a lookup it does not know is for the database.
    assert _holds(document, Q(person__surname="x"), set()) is _UNSUPPORTED
    assert _holds(document, Q(number__icontains="7"), set()) is _UNSUPPORTED


@pytest.mark.parametrize(
    ("model", "name", "values"),
    [
        (Stay, "country", ["GE", "XX", "ge", "", None]),
        (Person, "citizenships", [["RU", "GE"], ["RU", "XX"], [], "RU,GE", ["ru"]]),
        (IdentityDocument, "issuing_country", ["RU", "SU", ""]),
    ],
)
def test_country_fields_get_djangos_verdict_and_messages_without_walking_the_choices(model, name, values):
    field = model._meta.get_field(name)
    for value in values:
        ours, djangos = model(), model()
        setattr(ours, field.attname, value)
        setattr(djangos, field.attname, value)
        expected = None
        try:
            field.clean(getattr(djangos, field.attname), djangos)
        except ValidationError as error:
            expected = error.messages
        if expected is not None and field.blank and getattr(djangos, field.attname) in field.empty_values:
            expected = None  # clean_fields skips a blank field's empty value before clean()
        got = None
        try:
            _clean_country_field(ours, field)
        except ValidationError as error:
            got = error.messages
        assert got == expected, (name, value)
