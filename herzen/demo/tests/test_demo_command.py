"""`herzen demo --no-serve`: organisations, staff with printed passwords, households; safe to run again."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from herzen.accounts.models import User
from herzen.audit.models import AuditEvent
from herzen.cases.models import Case
from herzen.demo.staffing import AUTHORITIES, AUTHORITY_OFFICER_USERNAME, ORGANISATIONS, STAFF
from herzen.domain.workflow import SHIPPED
from herzen.organisations.models import Membership, Organisation
from herzen.pathways.models import Application
from herzen.people.models import Person, Stay

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    """Each run's database is new: its audit checkpoints must not meet another test's."""
    settings.HERZEN_AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")
    return tmp_path / "checkpoints"


@pytest.fixture(autouse=True)
def logins_file(settings, tmp_path):
    """Each test's demo keeps its logins in its own file."""
    settings.HERZEN_DEMO_LOGINS_FILE = tmp_path / "demo-logins.json"
    return tmp_path / "demo-logins.json"


def test_the_demo_signs_audit_checkpoints_that_verify(checkpoint_dir):
    output = _run("--no-applications")

    assert "audit: signed" in output
    assert sorted(p.name.split("-")[0] for p in checkpoint_dir.glob("*.json")) == ["access", "audit"]
    call_command("audit", "verify", stdout=StringIO())  # raises CommandError if anything is off


def _run(*options: str) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", "--households", "10", *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def _printed_logins(output: str) -> dict[str, tuple[str, str]]:
    """username -> (password, TOTP secret) from the printed login table (the last two columns)."""
    usernames = {"operator", AUTHORITY_OFFICER_USERNAME} | {staff.username for staff in STAFF}
    rows = {}
    for line in output.splitlines():
        cells = line.split()
        if cells and cells[0] in usernames:
            rows[cells[0]] = (cells[-2], cells[-1])
    return rows


def _printed_passwords(output: str) -> dict[str, str]:
    return {username: password for username, (password, _) in _printed_logins(output).items()}


def _counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "cases": Case.objects.count(),
        "persons": Person.objects.count(),
        "applications": Application.objects.count(),
    }


def test_the_demo_creates_three_organisations_staff_and_households():
    output = _run("--no-applications")

    assert set(Organisation.objects.values_list("name", flat=True)) == {spec.name for spec in ORGANISATIONS}
    assert Organisation.objects.get(name="Auswärtiges Amt (demo)").authority_kind == "foreign_ministry"
    assert User.objects.get(username="operator").is_superuser
    for staff in STAFF:
        user = User.objects.get(username=staff.username)
        assert Membership.objects.filter(
            user=user, role=staff.role, organisation__name__in=[o.name for o in ORGANISATIONS]
        ).exists()
        assert user.is_staff == (staff.role == "org_admin")
    assert Case.objects.count() == 10
    assert AuditEvent.objects.filter(action="membership.grant").count() == len(STAFF) + len(AUTHORITIES)
    assert re.search(r"Generated in \d+\.\d s", output)
    assert "aa-caseworker" in output
    assert AUTHORITY_OFFICER_USERNAME in output


def test_the_printed_passwords_open_the_accounts():
    output = _run("--no-applications")
    passwords = _printed_passwords(output)

    assert set(passwords) == {"operator", AUTHORITY_OFFICER_USERNAME} | {staff.username for staff in STAFF}
    for username, password in passwords.items():
        assert len(password) >= 16
        assert User.objects.get(username=username).check_password(password), username


def test_a_second_run_duplicates_nothing_and_keeps_the_logins(logins_file):
    first = _printed_logins(_run())
    assert {a.pathway for a in Application.objects.all()} == {p.code for p in SHIPPED}
    counts = _counts()
    events = AuditEvent.objects.count()

    output = _run()

    assert _counts() == counts
    assert "no new households generated" in output
    # The same passwords and TOTP secrets are shown again, and no account was written to.
    assert _printed_logins(output) == first
    assert "the same as on the last run" in output
    assert not [e for e in AuditEvent.objects.order_by("id")[events:] if e.action.startswith("account.")]
    assert User.objects.get(username="tbilisi-caseworker").check_password(first["tbilisi-caseworker"][0])
    assert logins_file.stat().st_mode & 0o777 == 0o600


def test_reset_logins_makes_new_ones_and_keeps_those(logins_file):
    first = _printed_logins(_run("--no-applications"))
    events = AuditEvent.objects.count()

    reset = _printed_logins(_run("--no-applications", "--reset-logins"))
    after = _printed_logins(_run("--no-applications"))

    assert all(reset[name][0] != first[name][0] and reset[name][1] != first[name][1] for name in first)
    assert after == reset
    # Each new password and second factor audited (by name, never by value), once.
    new_events = AuditEvent.objects.order_by("id")[events:]
    assert {event.action for event in new_events} == {"account.set_password", "account.mfa_totp_activate"}
    assert len(new_events) == 2 * len(first)
    assert User.objects.get(username="operator").check_password(after["operator"][0])


def test_an_account_changed_since_is_given_its_kept_login_again(logins_file):
    from allauth.mfa.models import Authenticator

    from herzen.accounts.tests.helpers import totp_secret

    first = _printed_logins(_run("--no-applications"))
    user = User.objects.get(username="tbilisi-caseworker")
    user.set_password("someone changed it in the admin")
    user.save()
    Authenticator.objects.filter(user=user).delete()

    again = _printed_logins(_run("--no-applications"))

    assert again == first
    user.refresh_from_db()
    assert user.check_password(first["tbilisi-caseworker"][0])
    assert totp_secret(user) == first["tbilisi-caseworker"][1]


def test_the_demo_prints_the_intake_address_and_its_ngos_accept_applications_in_their_country():
    output = _run()
    assert "http://127.0.0.1:8000/apply/" in output
    for spec in ORGANISATIONS:
        organisation = Organisation.objects.get(name=spec.name)
        expected = [spec.country] if spec.kind == "ngo" else []
        assert [str(code) for code in organisation.intake_countries] == expected


def test_every_demo_account_has_a_printed_second_factor_that_logs_in():
    from django.test import Client
    from django.urls import reverse

    from herzen.accounts.tests.helpers import totp_code

    logins = _printed_logins(_run())

    assert len({secret for _, secret in logins.values()}) == len(logins)
    password, secret = logins["tbilisi-caseworker"]
    client = Client()
    client.post(reverse("login"), {"login": "tbilisi-caseworker", "password": password})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get("/cases/").status_code == 200


def test_the_demo_serves_on_the_port_asked_for_without_warnings(monkeypatch):
    from herzen.demo.management.commands import demo as demo_command

    served = {}
    real_call_command = demo_command.call_command

    def call_command_spy(name, *args, **kwargs):
        if name == "runserver":
            import os

            served.update(address=args[0], hide_warning=os.environ.get("DJANGO_RUNSERVER_HIDE_WARNING"))
            return None
        return real_call_command(name, *args, **kwargs)

    monkeypatch.setattr(demo_command, "call_command", call_command_spy)
    monkeypatch.setenv("DJANGO_RUNSERVER_HIDE_WARNING", "false")  # restored after the test
    out, err = StringIO(), StringIO()

    call_command("demo", "--households", "2", "--no-applications", "--port", "8001", stdout=out, stderr=err)

    assert served == {"address": "127.0.0.1:8001", "hide_warning": "true"}
    assert "http://127.0.0.1:8001/" in out.getvalue()
    assert err.getvalue() == ""


def test_the_demo_shows_a_conflicting_registration_rule_computing_the_earlier_date():
    # given the demo (ten households), among them one that arrived in Kyrgyzstan two days ago, unregistered
    _run("--no-applications")
    today = timezone.localdate()

    # when
    stay = Stay.objects.get(
        country="KG", entry_date=today - timedelta(days=2), person__household_membership__role="principal"
    )
    case = Case.objects.get(household__members__person=stay.person)

    # then the Kyrgyz rule is conflicting (5 working days, or 30 days for EAEU citizens) and the earlier date,
    # five working days after the arrival, is the one stored, in the queue and in the priority
    fifth_working_day = stay.entry_date
    left = 5
    while left:
        fifth_working_day += timedelta(days=1)
        left -= fifth_working_day.weekday() < 5
    assert stay.registration_deadline == fifth_working_day
    assert stay.registration_deadline < stay.entry_date + timedelta(days=29)
    assert case.household.earliest_registration_deadline == fifth_working_day
    assert any(d["kind"] == "registration" for d in case.priority_explanation["deadlines"])
