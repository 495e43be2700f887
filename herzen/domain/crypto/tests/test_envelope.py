import base64

import pytest

from herzen.domain.crypto import (
    DecryptionFailed,
    FieldContext,
    Keyring,
    LocalKeyEncryptionKey,
    Sealer,
    UnknownKeyEncryptionKey,
    format_keyring_entry,
    new_data_key,
    open_text,
    parse_keyring,
    seal_text,
)
from herzen.domain.crypto.envelope import decode_text

HERE = FieldContext("people_person", "surname", "row-1")


def test_a_sealed_value_opens_in_its_place_and_hides_the_plaintext() -> None:
    key = new_data_key()
    sealed = seal_text(key, 1, HERE, "Щукина")
    assert "Щукина" not in sealed
    assert "Щукина".encode() not in decode_text(sealed)
    assert open_text(key, HERE, sealed) == "Щукина"
    assert seal_text(key, 1, HERE, "Щукина") != sealed  # fresh nonce every time


def test_a_sealer_seals_many_values_in_the_format_of_seal_text() -> None:
    key = new_data_key()
    sealer = Sealer(key, 3)
    first, second = sealer.seal_text(HERE, "Щукина"), sealer.seal_text(HERE, "Щукина")
    assert first != second  # a fresh nonce every time, also with one AES-GCM context
    for sealed in (first, second):
        assert open_text(key, HERE, sealed) == "Щукина"
        assert len(sealed) == len(seal_text(key, 3, HERE, "Щукина"))
        assert decode_text(sealed)[:5] == decode_text(seal_text(key, 3, HERE, "x"))[:5]  # format, key version
    with pytest.raises(DecryptionFailed):
        open_text(key, FieldContext("people_person", "surname", "row-2"), first)


@pytest.mark.parametrize(
    "elsewhere",
    [
        FieldContext("people_person", "surname", "row-2"),
        FieldContext("people_person", "given_name", "row-1"),
        FieldContext("people_namevariant", "surname", "row-1"),
    ],
)
def test_a_ciphertext_moved_to_another_row_field_or_table_does_not_open(elsewhere: FieldContext) -> None:
    key = new_data_key()
    with pytest.raises(DecryptionFailed):
        open_text(key, elsewhere, seal_text(key, 1, HERE, "Щукина"))


def test_a_wrong_key_an_edited_header_or_a_flipped_bit_does_not_open() -> None:
    key = new_data_key()
    blob = bytearray(decode_text(seal_text(key, 1, HERE, "Щукина")))
    with pytest.raises(DecryptionFailed):
        open_text(new_data_key(), HERE, seal_text(key, 1, HERE, "Щукина"))
    for position in (2, len(blob) - 1):  # key version in the header; the tag
        edited = bytearray(blob)
        edited[position] ^= 1
        with pytest.raises(DecryptionFailed):
            open_text(key, HERE, "hz1:" + base64.urlsafe_b64encode(bytes(edited)).decode())
    with pytest.raises(DecryptionFailed):
        open_text(key, HERE, "plain text")


def test_wrapped_keys_unwrap_only_with_their_kek_and_owner() -> None:
    old, new = LocalKeyEncryptionKey.generate("k1"), LocalKeyEncryptionKey.generate("k2")
    data_key = new_data_key()
    wrapped = old.wrap(data_key, b"person:1")
    assert old.unwrap(wrapped, b"person:1") == data_key
    with pytest.raises(DecryptionFailed):
        old.unwrap(wrapped, b"person:2")
    with pytest.raises(DecryptionFailed):
        new.unwrap(wrapped, b"person:1")
    ring = Keyring([new, old])
    assert ring.wrap(data_key, b"c")[0] == "k2"
    assert ring.unwrap("k1", wrapped, b"person:1") == data_key
    with pytest.raises(UnknownKeyEncryptionKey):
        ring.unwrap("k0", wrapped, b"person:1")


def test_the_keyring_text_format_round_trips_with_the_primary_first() -> None:
    keys = {"2026-11": bytes(range(32)), "2025-01": bytes(32)}
    entries = [format_keyring_entry(k, v) for k, v in keys.items()]
    file_text = "# primary first, then older ones\n" + "\n".join(entries)
    assert [k.key_id for k in parse_keyring(file_text)] == ["2026-11", "2025-01"]
    assert [k.key_id for k in parse_keyring(",".join(entries))] == ["2026-11", "2025-01"]  # environment
    with pytest.raises(ValueError, match="base64"):
        parse_keyring("k1 not-base64!")


def test_a_value_sealed_under_one_row_version_opens_under_no_other() -> None:
    key = new_data_key()
    places = [FieldContext("people_person", "surname", "row-1", version) for version in (0, 1, 2)]
    sealed = [seal_text(key, 1, place, "Щукина") for place in places]
    for i, ciphertext in enumerate(sealed):
        for j, place in enumerate(places):
            if i == j:
                assert open_text(key, place, ciphertext) == "Щукина"
            else:
                with pytest.raises(DecryptionFailed):
                    open_text(key, place, ciphertext)


def test_row_version_zero_keeps_the_associated_data_of_earlier_ciphertexts() -> None:
    # Rows never changed since insert, and everything sealed before row versions existed, still open.
    assert FieldContext("t", "c", "r", 0).associated_data(3) == b"herzen/v1\x00t\x00c\x00r\x003"
    assert FieldContext("t", "c", "r", 7).associated_data(3) == b"herzen/v2\x00t\x00c\x00r\x003\x007"
