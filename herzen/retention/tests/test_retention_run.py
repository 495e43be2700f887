from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from herzen.audit.models import AuditEvent
from herzen.cases import services as case_services
from herzen.cases.models import Case, CaseStatus
from herzen.cases.tests.factories import make_case
from herzen.domain.retention import RecordKind, add_years
from herzen.encryption.fields import ErasedText
from herzen.people.models import Person
from herzen.people.tests.factories import make_household, make_person
from herzen.retention.identity import RETENTION_USERNAME
from herzen.retention.job import retention_run
from herzen.retention.policy import retention_policy

pytestmark = pytest.mark.django_db


def closed_case(actor, surname):
    household = make_household(actor, make_person(actor, surname=surname))
    case = make_case(actor, household)
    case_services.case_change_status(actor=actor, case_id=case.pk, status=CaseStatus.CLOSED)
    return household


def surnames(household):
    return [Person.objects.get(household_membership__household=household).surname]


def test_an_expired_closed_case_is_shredded_a_recent_one_is_not_and_a_rerun_does_nothing(supervisor_a):
    expired = closed_case(supervisor_a, "Старова")
    years = retention_policy().years[RecordKind.CLOSED_CASE_HOUSEHOLD]
    today = add_years(timezone.localdate(), years)  # the expired case closed today, `years` ago
    # A case closed later than that — its period has not ended yet.
    recent = closed_case(supervisor_a, "Новикова")
    case_services.case_change_status(
        actor=supervisor_a, case_id=make_case(supervisor_a, recent).pk, status=CaseStatus.CLOSED
    )

    Case.objects.filter(household=recent).update(closed_at=timezone.now() + timedelta(days=2))

    report = retention_run(today=today)

    assert [(item.household_id, item.kind) for _org, item in report.erased] == [
        (str(expired.pk), RecordKind.CLOSED_CASE_HOUSEHOLD)
    ]
    assert report.counts() == {"closed_case_household": 1}
    assert isinstance(surnames(expired)[0], ErasedText)
    assert surnames(recent) == ["Новикова"]
    erasure = AuditEvent.objects.get(action="household.erase")
    assert erasure.target_id == str(expired.pk)
    assert erasure.actor_user.username == RETENTION_USERNAME
    assert "Старова" not in str(report.as_dict())
    assert "Старова" not in report.summary()

    events = AuditEvent.objects.count()
    again = retention_run(today=today)
    assert again.erased == []
    assert AuditEvent.objects.count() == events


def test_dry_run_reports_and_changes_nothing(supervisor_a, capsys):
    household = closed_case(supervisor_a, "Старова")
    today = add_years(timezone.localdate(), 50)
    events = AuditEvent.objects.count()

    call_command("retention", "run", "--dry-run", "--json", "--today", today.isoformat())

    out = capsys.readouterr().out
    assert str(household.pk) in out
    assert '"closed_case_household": 1' in out
    assert surnames(household) == ["Старова"]
    assert AuditEvent.objects.count() == events
    call_command("retention", "run", "--today", today.isoformat())
    assert str(household.pk) in capsys.readouterr().out
    assert isinstance(surnames(household)[0], ErasedText)


def test_a_household_with_an_open_case_is_kept_however_old(supervisor_a):
    household = make_household(supervisor_a, make_person(supervisor_a, surname="Открытова"))
    make_case(supervisor_a, household)
    assert retention_run(today=add_years(timezone.localdate(), 50)).erased == []
    assert surnames(household) == ["Открытова"]


def test_the_policy_file_overrides_a_period(supervisor_a, settings, tmp_path):
    household = closed_case(supervisor_a, "Старова")
    path = tmp_path / "retention.json"
    path.write_text('{"periods": {"closed_case_household": {"years": null}}}')
    settings.HERZEN_RETENTION_POLICY_FILE = str(path)
    retention_policy.cache_clear()
    try:
        assert retention_run(today=add_years(timezone.localdate(), 50)).erased == []
    finally:
        retention_policy.cache_clear()
    assert surnames(household) == ["Старова"]
