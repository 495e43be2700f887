"""The permission predicates as a matrix: which workflow actor kinds a Herzen actor is, and who may decide."""

import pytest

from herzen.core.actor import Role
from herzen.organisations.models import OrganisationKind
from herzen.organisations.tests.factories import OrganisationFactory
from herzen.pathways.permissions import (
    actor_kinds,
    can_manage_regimes,
    can_record_decision,
    can_start_application,
)
from herzen.pathways.tests.factories import make_application


@pytest.fixture
def embassy(db):
    return OrganisationFactory(
        name="Embassy", kind=OrganisationKind.AUTHORITY, authority_kind="embassy_consulate", country="DE"
    )


@pytest.mark.parametrize(
    ("role", "kinds"),
    [
        (Role.CASEWORKER, {"ngo:caseworker"}),
        (Role.SUPERVISOR, {"ngo:supervisor"}),
        (Role.AUDITOR, set()),
        (Role.ORGANISATION_ADMIN, set()),
    ],
)
def test_ngo_roles_are_ngo_kinds_or_none(org_a, make_actor, role, kinds):
    assert actor_kinds(make_actor(org_a, role)) == kinds


@pytest.mark.parametrize(
    ("role", "kinds"),
    [
        (Role.CASEWORKER, {"authority:embassy_consulate"}),
        (Role.SUPERVISOR, {"authority:embassy_consulate"}),
        (Role.AUDITOR, set()),
        (Role.ORGANISATION_ADMIN, set()),
    ],
)
def test_authority_staff_act_as_their_authority_kind(embassy, make_actor, role, kinds):
    assert actor_kinds(make_actor(embassy, role)) == kinds


@pytest.mark.parametrize("role", list(Role))
def test_only_authority_staff_who_act_record_decisions(
    open_regimes, caseworker_a, org_a, embassy, make_actor, role
):
    application = make_application(caseworker_a)
    assert not can_record_decision(make_actor(org_a, role), application)
    assert can_record_decision(make_actor(embassy, role), application) == (
        role in (Role.CASEWORKER, Role.SUPERVISOR)
    )


def test_authorities_never_start_applications_and_ngos_only_for_their_own_cases(
    org_a, org_b, embassy, make_actor
):
    assert can_start_application(make_actor(org_a, Role.CASEWORKER), org_a.pk)
    assert not can_start_application(make_actor(org_a, Role.CASEWORKER), org_b.pk)
    assert not can_start_application(make_actor(org_a, Role.AUDITOR), org_a.pk)
    assert not can_start_application(make_actor(embassy, Role.CASEWORKER), embassy.pk)


def test_only_the_operator_manages_regimes(operator, supervisor_a):
    assert can_manage_regimes(operator)
    assert not can_manage_regimes(supervisor_a)


def test_every_code_of_the_shipped_tables_has_a_translated_label():
    from herzen.domain.workflow import AUTHORITY_KINDS, SHIPPED
    from herzen.organisations.models import AuthorityKind
    from herzen.pathways.labels import (
        DEADLINE_LABELS,
        EVIDENCE_LABELS,
        FACT_LABELS,
        MOVE_LABELS,
        OUTCOME_LABELS,
        PATHWAY_NAMES,
        STATE_LABELS,
    )

    assert set(AuthorityKind.values) == set(AUTHORITY_KINDS)
    for pathway in SHIPPED:
        assert pathway.code in PATHWAY_NAMES
        assert pathway.outcome.value in OUTCOME_LABELS
        assert set(pathway.evidence_checklist) <= set(EVIDENCE_LABELS)
        assert pathway.state_codes <= set(STATE_LABELS)
        assert pathway.move_names <= set(MOVE_LABELS)
        for transition in pathway.transitions:
            assert {f.name for f in transition.all_facts} <= set(FACT_LABELS)
            assert {d.kind for d in transition.deadlines} <= set(DEADLINE_LABELS)
