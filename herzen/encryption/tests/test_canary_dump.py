"""Done when: a canary in every sensitive field is absent from a full dump of the database — the SQLite file's
bytes, and pg_dump's output on PostgreSQL — audit tables included; and, put through the intake (draft answers,
an uploaded PDF), evidence (free text, a file) and pathways (a decision's reasons), absent from the database
dump and from every file on disk under the private media and evidence directories.

Every encrypted column of every model holds a canary here (checked, so a new encrypted field needs one), and
so do allauth's MFA secrets: a staff member's TOTP key and recovery-code seed."""

import json
import shutil
import sqlite3
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import decrypt
from django.apps import apps
from django.db import connection
from django.utils import timezone

from herzen.accounts.services import staff_totp_activate
from herzen.aid.tests.canaries import AID_CANARIES, write_aid_canaries
from herzen.audit.models import AuditEvent
from herzen.demo.applications import walk
from herzen.documents import services as document_services
from herzen.encryption.keys import clear_cache
from herzen.encryption.rows import encrypted_fields
from herzen.encryption.tests.records import CANARIES, forbidden_strings, make_canary_record
from herzen.evidence import services as evidence_services
from herzen.evidence import storage as evidence_storage
from herzen.evidence.models import Vouch
from herzen.evidence.tests.factories import make_upload
from herzen.evidence.tests.pdfs import one_page_pdf
from herzen.identity import services as identity_services
from herzen.identity.models import DuplicatePair
from herzen.intake import services as intake_services
from herzen.intake import uploads
from herzen.intake.identity import applicant_actor
from herzen.intake.models import IntakeDraft
from herzen.intake.tests.factories import complete_answers, make_draft
from herzen.notifications.services import applicant_subscribe
from herzen.pathways import services as pathway_services
from herzen.pathways.models import ApplicationDecision
from herzen.pathways.tests.factories import make_application
from herzen.people import services as people_services
from herzen.people.models import Person
from herzen.people.selectors import person_detail
from herzen.resettlement import services as resettlement_services
from herzen.resettlement.models import MatchRun, Offer, Proposal
from herzen.sharing import services as sharing_services
from herzen.sharing.models import SharingConsent

# Canaries of the apps around the person record: what an applicant types and uploads, evidence text and
# files, an authority's reasons.
APP_CANARIES = {
    "intake_surname": "Синицезябликова",
    "intake_narrative": "canary-intake-narrative-qzx",
    "intake_upload": "canary-intake-upload-qzx",
    "intake_file_name": "canary-intake-filename-qzx",
    "evidence_title": "canary-evidence-title-qzx",
    "evidence_description": "canary-evidence-description-qzx",
    "evidence_obtained": "canary-evidence-obtained-qzx",
    "evidence_file": "canary-evidence-file-qzx",
    "evidence_file_name": "canary-evidence-filename-qzx",
    "evidence_reference": "canary-evidence-reference-qzx",
    "evidence_fraud": "canary-evidence-fraud-qzx",
    "decision_reasons": "canary-decision-reasons-qzx",
    "deciding_body": "canary-deciding-body-qzx",
    "vouch_statement": "canary-vouch-statement-qzx",
    "vouch_withdrawal": "canary-vouch-withdrawal-qzx",
    "consent_note": "canary-consent-note-qzx",
    "telegram_chat": "canary-telegram-chat-qzx",
    "consent_revoke": "canary-consent-revoke-qzx",
    "needs_tie": "canary-needs-tie-town-qzx",
    "medical_needs": "canary-medical-needs-qzx",
    "proposal_town": "canary-proposal-town-qzx",
    "document_status_reason": "canary-document-status-qzx",
    # A sealed document prints the holder's name in ICAO Latin too (herzen.documents).
    "document_holder_latin": "KANAREIKOZIABRINA ZIABLIKOFIONA KUKUSHKOEDUARDOVNA",
    # A TOTP key is base32 (A-Z, 2-7).
    "totp_secret": "CANARYTOTPQZXQZXCANARYTOTPQZXQZX",
}


def _forbidden() -> set[str]:
    return forbidden_strings() | set(APP_CANARIES.values()) | set(AID_CANARIES.values()) | MFA_SECRETS


def _assert_absent(dump: bytes) -> None:
    leaked = sorted(value for value in _forbidden() if value.encode() in dump)
    assert leaked == [], f"plaintext in the dump: {leaked}"


@pytest.fixture(autouse=True)
def file_directories(settings, tmp_path):
    settings.HERZEN_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.HERZEN_EVIDENCE_DIR = str(tmp_path / "evidence")
    settings.HERZEN_CLAMAV_COMMAND = ""
    return [Path(settings.HERZEN_PRIVATE_MEDIA_ROOT), Path(settings.HERZEN_EVIDENCE_DIR)]


# Secrets generated during the test (the recovery-code seed), which must not appear in the dump either.
MFA_SECRETS: set[str] = set()


def _through_the_other_apps(actor, supervisor, case, *, actor_for, authorities, grantee) -> None:
    """The canaries written through the intake, evidence and pathways services, and read back."""
    # Intake: an unsent draft's answers and an uploaded PDF carrying the canary in its bytes.
    answers = complete_answers(actor.organisation.pk)
    answers["about"]["surname"] = APP_CANARIES["intake_surname"]
    answers["risks"]["narrative"] = APP_CANARIES["intake_narrative"]
    draft = make_draft(answers=answers).draft
    pdf = one_page_pdf(APP_CANARIES["intake_upload"])
    upload = intake_services.upload_add(
        actor=applicant_actor(),
        draft_id=draft.pk,
        data=pdf,
        original_name=APP_CANARIES["intake_file_name"] + ".pdf",
        kind="passport",
    )
    # Notices: an applicant's Telegram chat, connected through the bot (herzen.notifications).
    subscription = applicant_subscribe(
        actor=actor,
        case_id=case.pk,
        person_id=case.household.members.first().person_id,
        language="ru",
        by_email=True,
        by_telegram=False,
    )
    subscription.telegram_chat_id = APP_CANARIES["telegram_chat"]
    subscription.by_telegram = True
    subscription.save(update_fields=["telegram_chat_id", "by_telegram", "seal_version", "updated_at"])
    # Evidence: free text, a file, a public-source reference, and a fraud reason on a second item.
    item = evidence_services.evidence_add(
        actor=actor,
        case_id=case.pk,
        kind="summons",
        title=APP_CANARIES["evidence_title"],
        description=APP_CANARIES["evidence_description"],
        source_kind="person_concerned",
        obtained_from=APP_CANARIES["evidence_obtained"],
        file=make_upload(
            content=one_page_pdf(APP_CANARIES["evidence_file"]),
            name=APP_CANARIES["evidence_file_name"] + ".pdf",
        ),
    )
    evidence_services.evidence_corroborate(
        actor=actor, evidence_id=item.pk, source="ovd_info", reference=APP_CANARIES["evidence_reference"]
    )
    flagged = evidence_services.evidence_add(
        actor=actor, case_id=case.pk, kind="other", title="x", source_kind="other"
    )
    evidence_services.evidence_flag_fraud(
        actor=supervisor, evidence_id=flagged.pk, reason=APP_CANARIES["evidence_fraud"]
    )
    vouch = evidence_services.evidence_vouch(
        actor=supervisor, evidence_id=item.pk, statement=APP_CANARIES["vouch_statement"]
    )
    evidence_services.vouch_withdraw(
        actor=supervisor, vouch_id=vouch.pk, reason=APP_CANARIES["vouch_withdrawal"]
    )
    # Sharing: a consent's note and the reason it was revoked.
    consent = sharing_services.sharing_consent_record(
        actor=actor,
        person_id=case.household.members.get().person_id,
        grantee_id=grantee.pk,
        parts=["identity"],
        valid_until=timezone.localdate() + timedelta(days=30),
        given_how="signed_form",
        note=APP_CANARIES["consent_note"],
    )
    sharing_services.sharing_consent_revoke(
        actor=actor, consent_id=consent.pk, reason=APP_CANARIES["consent_revoke"]
    )
    # Identity: a merge keeps what undoing it needs, and the two names, sealed with the survivor's key.
    canary_person = Person.objects.get(pk=case.household.members.get().person_id)
    twin = people_services.person_create(actor=actor, surname="Двойняшкина", given_name="Ольга", sex="F")
    first, second = sorted((canary_person, twin), key=lambda person: str(person.pk))
    pair = DuplicatePair.objects.create(
        organisation_id=actor.organisation_id, first=first, second=second, probability=0.99
    )
    identity_services.pair_merge(actor=actor, pair_id=pair.pk, survivor_id=canary_person.pk)
    # Resettlement: a household's needs (ties, medical needs) and a proposal's explanation.
    resettlement_services.household_needs_save(
        actor=actor,
        case_id=case.pk,
        adults=1,
        destination_country="DE",
        profile={"ties": [{"town": APP_CANARIES["needs_tie"], "relation": "sister"}]},
        medical_needs=APP_CANARIES["medical_needs"],
    )
    offer = Offer.objects.create(
        organisation=case.organisation,
        kind="housing",
        title="Flat",
        country="DE",
        town="Leipzig",
        capacity_persons=4,
    )
    run = MatchRun.objects.create(
        organisation=case.organisation, destination_country="DE", started_by=actor.user
    )
    Proposal.objects.create(
        run=run, case=case, offer=offer, persons=1, explanation={"town": APP_CANARIES["proposal_town"]}
    )
    # allauth: a staff member's authenticator app and recovery codes.
    staff_totp_activate(actor=supervisor, user_id=supervisor.user.pk, secret=APP_CANARIES["totp_secret"])
    recovery = RecoveryCodes.activate(supervisor.user)
    MFA_SECRETS.clear()
    MFA_SECRETS.add(decrypt(recovery.instance.data["seed"]))
    # Pathways: an authority's decision with reasons (kept on the decision and in the move's facts).
    today = timezone.localdate()
    application = walk(
        make_application(actor, case),
        target="submitted_foreign_ministry",
        actor_for=actor_for("DE"),
        today=today,
    )

    pathway_services.application_transition(
        actor=authorities("DE")["foreign_ministry"],
        application_id=application.pk,
        move="approve",
        facts={
            "decided_on": today.isoformat(),
            "deciding_body": APP_CANARIES["deciding_body"],
            "reasons_given": "true",
            "reasons": APP_CANARIES["decision_reasons"],
        },
    )
    write_aid_canaries(actor, supervisor, case)  # grants, payouts, sanctions decisions (herzen.aid)
    # Documents: an admission notice sealed by the deciding authority (its paper prints the holder and the
    # deciding body), then revoked with a reason.
    document = document_services.document_issue(
        actor=authorities("DE")["foreign_ministry"],
        document_type="admission_notice",
        application_id=application.pk,
    )
    document_services.document_status_change(
        actor=authorities("DE")["foreign_ministry"],
        document_id=document.pk,
        status="revoked",
        reason=APP_CANARIES["document_status_reason"],
    )
    clear_cache()
    # Stored, and readable by whoever may read them (so their absence below means encryption, not loss).
    draft = IntakeDraft.objects.get(pk=draft.pk)
    assert draft.answers["about"]["surname"] == APP_CANARIES["intake_surname"]
    assert uploads.read_private(upload.stored_name, owner=uploads.draft_owner(draft.pk)) == pdf
    assert draft.uploads.get().original_name.startswith(APP_CANARIES["intake_file_name"])
    item.refresh_from_db()
    assert (item.title, item.description, item.corroboration_reference) == (
        APP_CANARIES["evidence_title"],
        APP_CANARIES["evidence_description"],
        APP_CANARIES["evidence_reference"],
    )
    file_bytes = evidence_storage.read(item.stored_name, owner=evidence_storage.owner_of(item))
    assert APP_CANARIES["evidence_file"].encode() in file_bytes
    flagged.refresh_from_db()
    assert flagged.fraud_reason == APP_CANARIES["evidence_fraud"]
    decision = ApplicationDecision.objects.get(application=application)
    assert decision.reasons == APP_CANARIES["decision_reasons"]
    assert decision.state_change.facts["reasons"] == APP_CANARIES["decision_reasons"]
    assert decision.deciding_body == APP_CANARIES["deciding_body"]
    assert Vouch.objects.get(pk=vouch.pk).withdrawal_reason == APP_CANARIES["vouch_withdrawal"]
    assert SharingConsent.objects.get(pk=consent.pk).note == APP_CANARIES["consent_note"]
    totp = Authenticator.objects.get(user=supervisor.user, type=Authenticator.Type.TOTP)
    assert decrypt(totp.data["secret"]) == APP_CANARIES["totp_secret"]
    _assert_every_encrypted_column_holds_a_canary()


def _assert_every_encrypted_column_holds_a_canary() -> None:
    """So that the dump below really tests every encrypted field: each holds a canary, decrypted here."""
    forbidden = _forbidden()
    missing = []
    for model in apps.get_models():
        for field in encrypted_fields(model):
            values = [getattr(row, field.attname) for row in model.objects.exclude(**{field.attname: ""})]
            texts = [
                v.isoformat() if isinstance(v, date) else json.dumps(v, ensure_ascii=False) for v in values
            ]
            if not any(canary in text for text in texts for canary in forbidden):
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == [], f"no canary in {missing}"


def _assert_absent_from_files(directories: list[Path]) -> None:
    files = [path for directory in directories for path in directory.rglob("*") if path.is_file()]
    assert len(files) >= 2  # the intake upload and the evidence file really are there
    for path in files:
        _assert_absent(path.read_bytes())


def _written_and_readable(actor, supervisor=None, *, actor_for=None, authorities=None, grantee=None) -> None:
    record = make_canary_record(actor)
    if supervisor is not None:
        _through_the_other_apps(
            actor, supervisor, record.case, actor_for=actor_for, authorities=authorities, grantee=grantee
        )
    clear_cache()
    person = person_detail(actor=actor, person_id=record.person.pk)
    # The services really stored the canaries (so their absence from the dump means encryption, not loss).
    assert person.surname == CANARIES["surname"]
    assert person.date_of_birth.isoformat() == CANARIES["date_of_birth"]
    assert {c.value for c in person.contact_points.all()} == {CANARIES["phone"], CANARIES["email"]}
    assert person.risk_factors.get().narrative == CANARIES["narrative"]
    assert record.case.notes.get().body == CANARIES["note"]
    assert AuditEvent.objects.count() >= 10


@pytest.mark.django_db(transaction=True)
def test_no_canary_in_the_sqlite_file(
    caseworker_a, supervisor_a, org_b, open_regimes, actor_for, authorities, file_directories, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    _written_and_readable(
        caseworker_a, supervisor_a, actor_for=actor_for, authorities=authorities, grantee=org_b
    )
    _assert_absent_from_files(file_directories)
    copy = tmp_path / "dump.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)  # every page, free pages included
    dump = copy.read_bytes()
    assert b"audit_auditevent" in dump
    assert b"people_person" in dump
    _assert_absent(dump)


@pytest.mark.django_db(transaction=True)
def test_no_canary_in_pg_dump(
    caseworker_a, supervisor_a, org_b, open_regimes, actor_for, authorities, file_directories
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.skip("pg_dump is not installed")
    _written_and_readable(
        caseworker_a, supervisor_a, actor_for=actor_for, authorities=authorities, grantee=org_b
    )
    _assert_absent_from_files(file_directories)
    db = connection.settings_dict
    command = [pg_dump, "--no-owner", "-h", db["HOST"] or "127.0.0.1", "-U", db["USER"] or "postgres"]
    if db["PORT"]:
        command += ["-p", str(db["PORT"])]
    result = subprocess.run([*command, db["NAME"]], capture_output=True, check=True, timeout=120)  # noqa: S603
    dump = result.stdout
    assert b"audit_auditevent" in dump
    assert b"people_person" in dump
    _assert_absent(dump)
