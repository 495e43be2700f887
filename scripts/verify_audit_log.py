"""Verify an exported Herzen audit log (`herzen audit export`) against a signed checkpoint, without Herzen.

    python verify_audit_log.py LOG CHECKPOINT.json PUBLIC_KEY.pem

Implements docs/audit-log-encoding.md with the standard library and `cryptography` only. Exit 0 when every
entry's hash matches its content and the one before, the sequence numbers run 1, 2, 3… without a gap, the
checkpoint is signed by the key and the log contains its head; exit 1 naming the first problem otherwise.
"""

import base64
import hashlib
import json
import sys

from cryptography.hazmat.primitives.serialization import load_pem_public_key

MAGIC = b"herzen-log-export\nv3\n"
KINDS = {b"N": 0, b"I": 8, b"T": 8, b"U": 16}  # fixed lengths; S and A are variable


def u32(data, at):
    return int.from_bytes(data[at : at + 4], "big"), at + 4


def check_values(values, fields):
    """The values must parse into exactly one value of a known kind per field (spec: "Values")."""
    at = 0
    for _ in range(fields):
        kind, (length, at) = values[at : at + 1], u32(values, at + 1)
        if KINDS.get(kind, length) != length or kind not in (*KINDS, b"S", b"A"):
            raise ValueError(f"bad value of kind {kind!r}")
        items, item = u32(values, at) if kind == b"A" else (0, at)
        for _ in range(items):
            size, item = u32(values, item)
            item += size
        if kind == b"A" and item != at + length:
            raise ValueError("an array's length does not match its items")
        at += length
    if at != len(values):
        raise ValueError("bytes left over after the last value")


def verify(log, checkpoint, public_pem):
    if not log.startswith(MAGIC) or checkpoint.get("encoding") != 3:
        return "not a v3 export file and checkpoint"
    size, at = u32(log, len(MAGIC))
    chain = log[at : at + size].decode("ascii")
    fields, names_at = u32(log, at + size)
    at = names_at
    for _ in range(fields):
        size, at = u32(log, at)
        at += size
    prefix = b"herzen.log.v3\x00" + chain.encode("ascii") + b"\x00" + log[names_at - 4 : at]
    previous, sequence, hashes = bytes(32), 0, {}
    while at < len(log):
        size, at = u32(log, at)
        values, number, stored = (
            log[at : at + size],
            log[at + size : at + size + 8],
            log[at + size + 8 :][:32],
        )
        at += size + 40
        sequence += 1
        if int.from_bytes(number, "big") != sequence:
            return f"entry #{sequence}: sequence number {int.from_bytes(number, 'big')} (a gap or reordering)"
        try:
            check_values(values, fields)
        except (ValueError, UnicodeDecodeError) as error:
            return f"entry #{sequence}: {error}"
        previous = hashlib.sha256(prefix + values + number + previous).digest()
        if previous != stored:
            return f"entry #{sequence}: hash does not match its content and the previous entry"
        hashes[sequence] = previous
    signed, head = checkpoint["sequence"], base64.b64decode(checkpoint["head"])
    note = f"herzen-audit/{chain}\n{signed}\n{checkpoint['head']}\n{checkpoint['issued_at']}\nencoding v3\n"
    try:
        load_pem_public_key(public_pem).verify(base64.b64decode(checkpoint["signature"]), note.encode())
    except Exception:  # any failure to verify is a bad signature
        return "the checkpoint's signature is not valid under this key"
    if signed > sequence:
        return f"the log ends at #{sequence} but the checkpoint covers #{signed}: entries were removed"
    if signed and hashes[signed] != head:
        return f"the log no longer matches the checkpoint at #{signed}: history was rewritten"
    print(
        f"{chain}: {sequence} entries verified, consistent with checkpoint #{signed}; {sequence - signed} after it"
    )
    return None


if __name__ == "__main__":
    log_path, checkpoint_path, key_path = sys.argv[1:4]
    with open(log_path, "rb") as log, open(checkpoint_path) as cp, open(key_path, "rb") as key:
        problem = verify(log.read(), json.load(cp), key.read())
    if problem:
        print(f"FAILED: {problem}", file=sys.stderr)
    sys.exit(1 if problem else 0)
