"""Starting applications, decisions, facts and deadlines, and who sees an application."""

from datetime import timedelta

import pytest

from herzen.audit.models import AuditEvent
from herzen.cases.selectors import case_get
from herzen.cases.tests.factories import make_case
from herzen.core.actor import Role
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.demo.applications import sample_facts, walk
from herzen.domain.workflow import get_pathway
from herzen.pathways import selectors, services
from herzen.pathways.models import Application, ApplicationDeadline, ApplicationDecision, PolicyRegimeStatus
from herzen.pathways.permissions import can_record_decision
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.tests.factories import make_household, make_person

DE = get_pathway("de_22_2")


def test_starting_an_application_uses_the_open_regime_and_records_the_start(open_regimes, caseworker_a):
    # given
    case = make_case(caseworker_a)

    # when
    application = services.application_start(actor=caseworker_a, case_id=case.pk, pathway="de_22_2")

    # then
    assert application.state == "dossier"
    assert application.regime == open_regimes["de_22_2"]
    assert application.destination_country == "DE"
    assert application.organisation_id == case.organisation_id
    assert application.is_pending
    assert not application.is_terminal
    history = list(selectors.application_history(actor=caseworker_a, application=application))
    assert [(h.from_state, h.transition, h.to_state) for h in history] == [("", "start", "dossier")]
    event = AuditEvent.objects.get(action="application.start")
    assert event.target_id == str(application.pk)
    assert event.parent_id == str(case.pk)


def test_no_application_can_start_without_an_open_regime(operator, open_regimes, caseworker_a):
    # given
    case = make_case(caseworker_a)
    services.policy_regime_close(actor=operator, regime_id=open_regimes["cz_civil_society"].pk)
    audits = AuditEvent.objects.count()

    # when / then
    with pytest.raises(Conflict, match="No policy regime is open"):
        services.application_start(actor=caseworker_a, case_id=case.pk, pathway="cz_civil_society")
    assert not Application.objects.exists()
    assert AuditEvent.objects.count() == audits


def test_a_case_has_one_unfinished_application_per_pathway(open_regimes, caseworker_a, actor_for, today):
    # given
    case = make_case(caseworker_a)
    first = make_application(caseworker_a, case)

    # when / then
    with pytest.raises(Conflict):
        make_application(caseworker_a, case)
    # a finished one does not block a new one
    services.application_transition(actor=caseworker_a, application_id=first.pk, move="withdraw")
    second = make_application(caseworker_a, case)
    assert second.pk != first.pk


def test_a_pathway_of_many_countries_needs_the_destination(open_regimes, caseworker_a):
    case = make_case(caseworker_a)
    with pytest.raises(Invalid) as error:
        services.application_start(actor=caseworker_a, case_id=case.pk, pathway="work_visa")
    assert "destination_country" in error.value.fields


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ORGANISATION_ADMIN])
def test_readers_cannot_start_applications(open_regimes, caseworker_a, make_actor, org_a, role):
    case = make_case(caseworker_a)
    with pytest.raises(PermissionDenied):
        services.application_start(actor=make_actor(org_a, role), case_id=case.pk, pathway="de_22_2")


def test_an_authority_records_a_decision_with_date_body_and_no_reasons(
    open_regimes, caseworker_a, actor_for, authorities, today
):
    # given
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    foreign_office = authorities("DE")["foreign_ministry"]

    # when
    services.application_transition(
        actor=foreign_office,
        application_id=application.pk,
        move="approve",
        facts={"decided_on": today.isoformat(), "deciding_body": "Referat 505", "reasons_given": "false"},
    )

    # then
    decision = ApplicationDecision.objects.get(application=application)
    assert decision.transition == "approve"
    assert decision.decided_on == today
    assert decision.deciding_body == "Referat 505"
    assert decision.reasons_given is False
    assert decision.reasons == ""
    assert decision.deciding_organisation_id == foreign_office.organisation_id
    application.refresh_from_db()
    assert application.state == "approved_foreign_ministry"
    # the approval hands it to the interior ministry, which now sees it too
    interior = authorities("DE")["interior_ministry"]
    assert selectors.application_get(actor=interior, application_id=application.pk) == application


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR, Role.ORGANISATION_ADMIN])
def test_no_ngo_role_records_a_decision(
    open_regimes, caseworker_a, actor_for, make_actor, org_a, role, today
):
    # given
    application = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    ngo_actor = make_actor(org_a, role)
    facts = sample_facts(DE.transition("submitted_foreign_ministry", "approve"), today)

    # when / then
    assert not can_record_decision(ngo_actor, application)
    for move in ("approve", "refuse"):
        with pytest.raises(PermissionDenied):
            services.application_transition(
                actor=ngo_actor, application_id=application.pk, move=move, facts=facts
            )
    application.refresh_from_db()
    assert application.state == "submitted_foreign_ministry"
    assert not ApplicationDecision.objects.exists()


def test_an_illegal_move_names_the_state_and_the_move_and_writes_nothing(open_regimes, caseworker_a):
    # given
    application = make_application(caseworker_a)
    audits = AuditEvent.objects.count()

    # when / then
    with pytest.raises(Conflict) as error:
        services.application_transition(
            actor=caseworker_a,
            application_id=application.pk,
            move="record_entry",
            facts={"entered_on": "2025-01-01"},
        )
    assert "Record entry" in error.value.message
    assert "Dossier in preparation" in error.value.message
    application.refresh_from_db()
    assert application.state == "dossier"
    assert AuditEvent.objects.count() == audits


def test_wrong_facts_are_reported_per_fact_and_nothing_is_written(
    open_regimes, caseworker_a, supervisor_a, today
):
    # given
    application = make_application(caseworker_a)
    services.application_transition(actor=supervisor_a, application_id=application.pk, move="vouch")
    audits = AuditEvent.objects.count()

    # when / then
    with pytest.raises(Invalid) as error:
        services.application_transition(
            actor=caseworker_a,
            application_id=application.pk,
            move="submit",
            facts={"submitted_on": (today + timedelta(days=3)).isoformat()},
        )
    assert set(error.value.fields) == {"submitted_on"}
    application.refresh_from_db()
    assert application.state == "vouched"
    assert AuditEvent.objects.count() == audits


def test_a_visa_sets_a_dated_deadline_that_closes_on_entry(
    open_regimes, caseworker_a, actor_for, authorities, today
):
    # given
    application = walk(
        make_application(caseworker_a), target="visa_appointment", actor_for=actor_for("DE"), today=today
    )
    embassy = authorities("DE")["embassy_consulate"]
    valid_until = today + timedelta(days=90)

    # when
    services.application_transition(
        actor=embassy,
        application_id=application.pk,
        move="issue_visa",
        facts={
            "decided_on": today,
            "deciding_body": "Embassy Tbilisi",
            "reasons_given": False,
            "valid_until": valid_until,
        },
    )

    # then the visa deadline is open and queryable; the appointment deadline closed when the state was left
    open_deadlines = selectors.application_deadlines(
        actor=caseworker_a, application=application, open_only=True
    )
    assert [(d.kind, d.due_on) for d in open_deadlines] == [("visa_valid_until", valid_until)]
    due = selectors.deadlines_due(actor=caseworker_a, on_or_before=valid_until)
    assert [d.application_id for d in due] == [application.pk]
    assert ApplicationDeadline.objects.get(kind="visa_appointment").closed_at is not None

    # when the person enters, the visa deadline is closed and the residence permit falls due on the visa's last
    # day (§ 81(4) AufenthG: apply before the visa expires)
    services.application_transition(
        actor=caseworker_a, application_id=application.pk, move="record_entry", facts={"entered_on": today}
    )
    open_deadlines = selectors.application_deadlines(
        actor=caseworker_a, application=application, open_only=True
    )
    assert [(d.kind, d.due_on) for d in open_deadlines] == [("residence_permit_application_due", valid_until)]

    # when the application for the permit is recorded, nothing is due from the NGO any more
    services.application_transition(
        actor=caseworker_a,
        application_id=application.pk,
        move="apply_for_residence_permit",
        facts={"submitted_on": today},
    )
    assert not selectors.application_deadlines(
        actor=caseworker_a, application=application, open_only=True
    ).exists()


# --- who sees an application -------------------------------------------------------------------------------


def test_another_organisation_gets_not_found(open_regimes, caseworker_a, caseworker_b, supervisor_a):
    application = make_application(caseworker_a)
    with pytest.raises(NotFound):
        selectors.application_get(actor=caseworker_b, application_id=application.pk)
    with pytest.raises(NotFound):
        services.application_transition(actor=caseworker_b, application_id=application.pk, move="withdraw")
    assert list(selectors.application_list(actor=caseworker_b)) == []
    application.refresh_from_db()
    assert application.state == "dossier"


def test_an_authority_sees_only_the_applications_referred_to_it(
    open_regimes, caseworker_a, actor_for, authorities, today
):
    # given one application submitted to the foreign ministry and one still in preparation, of the same NGO
    referred = walk(
        make_application(caseworker_a),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )
    in_preparation = make_application(caseworker_a, pathway="cz_civil_society")
    foreign_office = authorities("DE")["foreign_ministry"]
    embassy = authorities("DE")["embassy_consulate"]

    # then the foreign ministry sees the referred one only; the embassy (not referred yet) sees none
    assert list(selectors.application_list(actor=foreign_office)) == [referred]
    with pytest.raises(NotFound):
        selectors.application_get(actor=foreign_office, application_id=in_preparation.pk)
    assert list(selectors.application_list(actor=embassy)) == []
    with pytest.raises(NotFound):
        selectors.application_get(actor=embassy, application_id=referred.pk)
    # and never the NGO's case file itself
    with pytest.raises(NotFound):
        case_get(actor=foreign_office, case_id=referred.case_id)


def test_an_authority_reads_only_names_dates_of_birth_and_roles_of_the_household(
    open_regimes, caseworker_a, actor_for, authorities, today
):
    # given
    person = make_person(caseworker_a)
    people_services.contact_point_add(
        actor=caseworker_a, person_id=person.pk, kind="phone", value="+995555123456"
    )
    case = make_case(caseworker_a, make_household(caseworker_a, person))
    application = walk(
        make_application(caseworker_a, case),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )

    # when
    lines = selectors.application_household(
        actor=authorities("DE")["foreign_ministry"], application_id=application.pk
    )

    # then
    assert [(line.full_name, line.date_of_birth) for line in lines] == [
        (person.full_name, person.date_of_birth)
    ]
    # The person's id is no data of theirs: it lets the page record that the line was shown.
    assert set(vars(lines[0])) == {"full_name", "date_of_birth", "role", "person_id"}


def test_the_regime_an_application_was_processed_under_never_changes(operator, open_regimes, caseworker_a):
    # given
    application = make_application(caseworker_a)
    old = open_regimes["de_22_2"]
    services.policy_regime_suspend(actor=operator, regime_id=old.pk)

    # when a new regime opens
    services.policy_regime_create(
        actor=operator, pathway="de_22_2", name="Standard procedure", valid_from=old.valid_from
    )

    # then
    application.refresh_from_db()
    assert application.regime_id == old.pk
    assert PolicyRegimeStatus(old.__class__.objects.get(pk=old.pk).status) == PolicyRegimeStatus.SUSPENDED


def test_a_referral_goes_to_the_only_authority_or_the_chosen_one_or_nowhere(
    open_regimes, caseworker_a, supervisor_a, today
):
    from herzen.organisations.models import OrganisationKind
    from herzen.organisations.tests.factories import OrganisationFactory

    # given no foreign ministry of Germany works in Herzen
    application = make_application(caseworker_a)
    services.application_transition(actor=supervisor_a, application_id=application.pk, move="vouch")
    facts = {"submitted_on": today}

    # then submitting is recorded, and referred to nobody
    services.application_transition(
        actor=caseworker_a, application_id=application.pk, move="submit", facts=facts
    )
    application.refresh_from_db()
    assert application.state == "submitted_foreign_ministry"
    assert application.authority is None
    assert not application.referrals.exists()

    # given two that fit, the caseworker must choose
    second = make_application(caseworker_a, pathway="lv_humanitarian_visa")
    ministries = [
        OrganisationFactory(
            name=f"MFA {n}", kind=OrganisationKind.AUTHORITY, authority_kind="foreign_ministry", country="LV"
        )
        for n in (1, 2)
    ]
    services.application_transition(actor=supervisor_a, application_id=second.pk, move="vouch")
    with pytest.raises(Invalid) as error:
        services.application_transition(
            actor=caseworker_a, application_id=second.pk, move="submit", facts=facts
        )
    assert "authority" in error.value.fields
    services.application_transition(
        actor=caseworker_a,
        application_id=second.pk,
        move="submit",
        facts=facts,
        authority_id=ministries[1].pk,
    )
    second.refresh_from_db()
    assert second.authority == ministries[1]
