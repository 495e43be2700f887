"""The key cache after a rollback a caller recovers from: a key whose row was rolled back never seals again."""

import pytest
from django.db import transaction

from herzen.encryption.keys import Owner, data_key
from herzen.encryption.models import DataKey


@pytest.mark.django_db
def test_a_key_created_in_a_rolled_back_savepoint_is_created_again():
    owner = Owner.of("test", "existing-owner")
    with transaction.atomic():
        try:
            with transaction.atomic():
                first = data_key(owner, create=True)
                raise RuntimeError("the nested service failed")
        except RuntimeError:
            pass
        assert not DataKey.objects.filter(owner_type="test", owner_id="existing-owner").exists()
        second = data_key(owner, create=True)
        assert second.key != first.key
        assert DataKey.objects.filter(owner_type="test", owner_id="existing-owner").count() == 1
        assert data_key(owner).key == second.key
