import hashlib

import pytest

from herzen.audit.models import AuditEvent
from herzen.cases.tests.factories import make_case
from herzen.core.exceptions import Conflict, Invalid, NotFound, PermissionDenied
from herzen.evidence import services, storage
from herzen.evidence.models import EvidenceItem, PublicSource, VerificationStatus
from herzen.evidence.tests.factories import PDF_BYTES, make_evidence, make_upload
from herzen.people.models import HouseholdMember
from herzen.people.services import risk_factor_record
from herzen.people.tests.factories import make_person


@pytest.fixture
def case_a(caseworker_a):
    return make_case(caseworker_a)


def _principal(case):
    return HouseholdMember.objects.get(household=case.household).person


def _actions(target):
    return list(
        AuditEvent.objects.filter(target_id=str(target.pk)).order_by("id").values_list("action", flat=True)
    )


def test_adding_evidence_stores_the_file_with_its_hash_and_audits(caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a, file=make_upload())

    assert item.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert item.file_size == len(PDF_BYTES)
    assert item.file_name == "summons.pdf"
    assert item.organisation_id == caseworker_a.organisation_id
    assert item.uploaded_by == caseworker_a.user
    assert storage.read(item.stored_name, owner=storage.owner_of(item)) == PDF_BYTES
    event = AuditEvent.objects.get(action="evidence.add")
    assert event.target_id == str(item.pk)
    assert event.parent_id == str(case_a.pk)
    assert "sha256" in event.changed_fields


def test_evidence_links_to_risk_factors_of_the_household_only(caseworker_a, case_a):
    principal = _principal(case_a)
    factor = risk_factor_record(
        actor=caseworker_a, person_id=principal.pk, kind="foreign_agent", occurred_on=None
    )
    stranger = make_person(caseworker_a, surname="Петров", given_name="Пётр")
    foreign = risk_factor_record(actor=caseworker_a, person_id=stranger.pk, kind="foreign_agent")

    item = make_evidence(caseworker_a, case_a, person_id=principal.pk, risk_factor_ids=[factor.pk])
    assert list(item.risk_factors.all()) == [factor]

    with pytest.raises(Invalid) as error:
        make_evidence(caseworker_a, case_a, risk_factor_ids=[foreign.pk])
    assert "risk_factors" in error.value.fields
    with pytest.raises(Invalid) as error:
        make_evidence(caseworker_a, case_a, person_id=stranger.pk)
    assert "person" in error.value.fields


def test_a_refused_upload_leaves_no_file_behind(caseworker_a, case_a, settings, tmp_path):
    settings.HERZEN_EVIDENCE_DIR = tmp_path
    with pytest.raises(Invalid):
        make_evidence(caseworker_a, case_a, title="", file=make_upload())
    settings.HERZEN_EVIDENCE_MAX_BYTES = 10
    with pytest.raises(Invalid) as error:
        make_evidence(caseworker_a, case_a, file=make_upload())
    assert "file" in error.value.fields
    assert list(tmp_path.iterdir()) == []
    assert not EvidenceItem.objects.exists()


def test_a_failed_audit_removes_the_stored_file(caseworker_a, case_a, settings, tmp_path, monkeypatch):
    settings.HERZEN_EVIDENCE_DIR = tmp_path

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr("herzen.audit.record", broken)
    with pytest.raises(RuntimeError):
        make_evidence(caseworker_a, case_a, file=make_upload())
    assert list(tmp_path.iterdir()) == []


def test_other_organisations_cannot_add_to_or_see_a_case(caseworker_b, case_a):
    with pytest.raises(NotFound):
        make_evidence(caseworker_b, case_a)


def test_auditors_cannot_add_evidence(auditor_a, case_a):
    with pytest.raises(PermissionDenied):
        make_evidence(auditor_a, case_a)


def test_corroboration_records_the_reference_and_audits(caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    services.evidence_corroborate(
        actor=caseworker_a,
        evidence_id=item.pk,
        source=PublicSource.OVD_INFO,
        reference="https://ovd.info/ (case card of 2024-03-12)",
    )
    item.refresh_from_db()
    assert item.verification_status == VerificationStatus.CORROBORATED
    assert item.corroboration_source == PublicSource.OVD_INFO
    assert _actions(item) == ["evidence.add", "evidence.corroborate"]


def test_corroboration_needs_a_reference(caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    with pytest.raises(Invalid) as error:
        services.evidence_corroborate(actor=caseworker_a, evidence_id=item.pk, source="press", reference=" ")
    assert "corroboration_reference" in error.value.fields
    item.refresh_from_db()
    assert item.verification_status == VerificationStatus.UNVERIFIED


def test_only_a_supervisor_vouches_withdraws_or_flags(caseworker_a, supervisor_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    with pytest.raises(PermissionDenied):
        services.evidence_vouch(actor=caseworker_a, evidence_id=item.pk)
    vouch = services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk, statement="We met her")
    with pytest.raises(PermissionDenied):
        services.vouch_withdraw(actor=caseworker_a, vouch_id=vouch.pk, reason="no")
    with pytest.raises(PermissionDenied):
        services.evidence_flag_fraud(actor=caseworker_a, evidence_id=item.pk, reason="fake")


def test_vouch_then_withdraw_falls_back_to_the_cited_source(caseworker_a, supervisor_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    services.evidence_corroborate(
        actor=caseworker_a, evidence_id=item.pk, source="memorial", reference="Memorial list, 2024"
    )
    vouch = services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)
    item.refresh_from_db()
    assert item.verification_status == VerificationStatus.VOUCHED

    services.vouch_withdraw(actor=supervisor_a, vouch_id=vouch.pk, reason="Contradicted by her lawyer")
    item.refresh_from_db()
    vouch.refresh_from_db()
    assert item.verification_status == VerificationStatus.CORROBORATED
    assert vouch.withdrawn_by == supervisor_a.user
    assert vouch.withdrawal_reason == "Contradicted by her lawyer"
    assert _actions(vouch) == ["evidence.vouch", "evidence.withdraw_vouch"]

    with pytest.raises(Conflict):
        services.vouch_withdraw(actor=supervisor_a, vouch_id=vouch.pk, reason="again")


def test_withdrawing_from_an_uncorroborated_item_makes_it_unverified(caseworker_a, supervisor_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    vouch = services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)
    services.vouch_withdraw(actor=supervisor_a, vouch_id=vouch.pk, reason="Mistaken identity")
    item.refresh_from_db()
    assert item.verification_status == VerificationStatus.UNVERIFIED
    # The history stays: a new vouch is a new record, the withdrawn one is kept.
    services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)
    assert item.vouches.count() == 2


def test_an_organisation_vouches_once(caseworker_a, supervisor_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)
    with pytest.raises(Conflict):
        services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)


def test_flagging_fraud_rejects_withdraws_vouches_and_audits(caseworker_a, supervisor_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    vouch = services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)
    services.evidence_flag_fraud(actor=supervisor_a, evidence_id=item.pk, reason="Seal does not exist")
    item.refresh_from_db()
    vouch.refresh_from_db()
    assert item.verification_status == VerificationStatus.REJECTED
    assert item.flagged_by == supervisor_a.user
    assert not vouch.is_active
    assert vouch.withdrawal_reason == "Seal does not exist"
    assert _actions(item)[-1] == "evidence.flag_fraud"
    assert _actions(vouch)[-1] == "evidence.withdraw_vouch"


def test_an_illegal_move_is_a_conflict_naming_state_and_move_and_writes_nothing(
    caseworker_a, supervisor_a, case_a
):
    item = make_evidence(caseworker_a, case_a)
    services.evidence_flag_fraud(actor=supervisor_a, evidence_id=item.pk, reason="Forged")
    before = AuditEvent.objects.count()
    with pytest.raises(Conflict) as error:
        services.evidence_vouch(actor=supervisor_a, evidence_id=item.pk)
    assert str(VerificationStatus.REJECTED.label) in error.value.message
    assert "vouched for" in error.value.message
    with pytest.raises(Conflict):
        services.evidence_corroborate(actor=caseworker_a, evidence_id=item.pk, source="press", reference="x")
    assert AuditEvent.objects.count() == before
    assert not item.vouches.exists()


def test_flagging_needs_a_reason(supervisor_a, caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    with pytest.raises(Invalid) as error:
        services.evidence_flag_fraud(actor=supervisor_a, evidence_id=item.pk, reason="  ")
    assert "fraud_reason" in error.value.fields


def test_update_changes_only_descriptive_fields(caseworker_a, case_a):
    item = make_evidence(caseworker_a, case_a)
    services.evidence_update(actor=caseworker_a, evidence_id=item.pk, translation_status="sworn")
    item.refresh_from_db()
    assert item.translation_status == "sworn"
    with pytest.raises(Invalid):
        services.evidence_update(actor=caseworker_a, evidence_id=item.pk, verification_status="vouched")
    event = AuditEvent.objects.filter(action="evidence.update").get()
    assert event.changed_fields == ["translation_status"]
