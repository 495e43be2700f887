"""The cache of unwrapped data keys belongs to one thread: a threaded web worker serves several requests
at once, and the end of one of them must not make another create an owner's key twice."""

import threading
import uuid

import pytest
from django.db import transaction

from herzen.encryption.keys import Owner, clear_cache, data_key
from herzen.encryption.models import DataKey


def in_another_thread(work):
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


@pytest.mark.django_db(transaction=True)
def test_another_request_ending_does_not_make_a_new_owner_get_a_second_key():
    owner = Owner("person", str(uuid.uuid4()))
    with transaction.atomic():
        first = data_key(owner, create=True, new_owner=True)  # the person's first encrypted field
        in_another_thread(clear_cache)  # another request on this worker ends meanwhile
        second = data_key(owner, create=True, new_owner=True)  # the person's next field
    assert second.key == first.key
    assert DataKey.objects.filter(owner_type="person", owner_id=owner.id).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_thread_never_sees_keys_another_thread_unwrapped():
    owner = Owner("person", str(uuid.uuid4()))
    with transaction.atomic():
        data_key(owner, create=True, new_owner=True)
    seen = []

    def look():
        from herzen.encryption import keys

        seen.append(owner in keys._entries())

    in_another_thread(look)
    assert seen == [False]
