"""Done when: rotation re-wraps every data key with zero decryption failures, and completes after being
interrupted; rerunning it is harmless."""

import pytest
from django.core.management import call_command

from herzen.cases.models import CaseNote
from herzen.encryption import keyring
from herzen.encryption.keys import clear_cache
from herzen.encryption.models import DataKey, KeyRotation
from herzen.encryption.rotation import RotationFailed, rotate
from herzen.encryption.tests.conftest import kek_entry
from herzen.encryption.tests.records import CANARIES, make_canary_record
from herzen.people.models import Person
from herzen.people.tests.factories import make_person


class Interrupted(Exception):
    pass


def _everything_reads(record_ids) -> None:
    clear_cache()
    for person in Person.objects.filter(pk__in=record_ids).prefetch_related(
        "name_variants", "contact_points", "documents", "stays", "entry_refusals", "risk_factors"
    ):
        assert person.surname
        assert person.date_of_birth
        assert all(v.surname for v in person.name_variants.all())
        assert all(c.value for c in person.contact_points.all())
        assert all(d.number for d in person.documents.all())
        assert all(r.narrative for r in person.risk_factors.all())
    assert all(note.body for note in CaseNote.objects.select_related("case"))


def _population(actor):
    record = make_canary_record(actor)
    others = [make_person(actor, given_name=f"Анна{'а' * n}") for n in range(11)]
    return [record.person.pk, *(p.pk for p in others)]


def test_rotation_interrupted_then_resumed_rewraps_every_key_with_zero_failures(caseworker_a, settings):
    ids = _population(caseworker_a)
    old = settings.HERZEN_KEK
    total = DataKey.objects.count()
    assert total == 13  # 12 persons and one household

    settings.HERZEN_KEK = f"{kek_entry('kek-new')},{old}"
    keyring.reset()

    def crash_after_first_batch(done: int) -> None:
        raise Interrupted

    with pytest.raises(Interrupted):
        rotate(batch_size=5, after_batch=crash_after_first_batch)
    assert DataKey.objects.filter(kek_id="kek-new").count() == 5
    assert KeyRotation.objects.get().finished_at is None

    report = rotate(batch_size=5)

    assert report.resumed
    assert report.failures == 0
    assert report.rewrapped == total - 5
    assert report.rewrapped_total == total
    assert report.verified == total
    assert set(DataKey.objects.values_list("kek_id", flat=True)) == {"kek-new"}
    assert KeyRotation.objects.get().finished_at is not None
    # The old KEK is no longer needed: everything reads with the new one alone.
    settings.HERZEN_KEK = settings.HERZEN_KEK.split(",")[0]
    keyring.reset()
    _everything_reads(ids)

    again = rotate(batch_size=5)
    assert again.rewrapped == 0
    assert again.failures == 0
    assert not again.resumed


def test_a_key_that_cannot_be_unwrapped_stops_the_rotation_before_it_commits(caseworker_a, settings):
    make_person(caseworker_a)
    settings.HERZEN_KEK = kek_entry("kek-new")  # the old KEK is missing from the keyring
    keyring.reset()

    with pytest.raises(RotationFailed):
        rotate()
    assert not DataKey.objects.filter(kek_id="kek-new").exists()


def test_the_command_rotates_a_local_keyring_file_and_retires_the_old_key(caseworker_a, settings, tmp_path):
    settings.HERZEN_KEK = ""
    settings.HERZEN_KEY_DIR = tmp_path
    settings.HERZEN_CREATE_MISSING_KEYS = True
    keyring.ensure_local_keys()
    old_id = keyring.keyring().primary.key_id
    ids = _population(caseworker_a)

    call_command("keys", "rotate", "--new-kek", "--batch-size", "4")
    new_id = keyring.keyring().primary.key_id
    assert new_id != old_id
    assert set(DataKey.objects.values_list("kek_id", flat=True)) == {new_id}

    call_command("keys", "retire", old_id)
    keyring.reset()
    assert keyring.keyring().key_ids == [new_id]
    assert oct((tmp_path / "kek.keyring").stat().st_mode & 0o777) == "0o600"
    _everything_reads(ids)
    assert Person.objects.get(pk=ids[0]).surname == CANARIES["surname"]
