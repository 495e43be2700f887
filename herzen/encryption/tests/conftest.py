import base64
import os

import pytest

from herzen.encryption import keyring
from herzen.encryption.keys import clear_cache


@pytest.fixture(autouse=True)
def _fresh_keys():
    """Tests here change the keyring: forget loaded keys and unwrapped data keys before and after each."""
    keyring.reset()
    clear_cache()
    yield
    keyring.reset()
    clear_cache()


def kek_entry(key_id: str) -> str:
    return f"{key_id} {base64.b64encode(os.urandom(32)).decode()}"
