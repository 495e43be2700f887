"""Audit chain verification throughput vs plain SHA-256 over the same bytes (issue 7; issue 8 builds on it).

    .venv/bin/python bench/audit_chain.py [--entries 100000]

Three numbers over the same synthetic audit entries (shaped like AuditEvent rows):
- sha256:     hashlib.sha256 over each entry's canonical bytes (the floor: hashing alone);
- chain:      herzen.domain.ledger.ChainVerifier, which also serialises each entry canonically and checks
              sequence numbers and links (what `herzen audit verify` does after reading the rows);
- serialise:  canonical serialisation alone, to show where the difference goes.
Database reading is not included; `herzen audit verify` prints its own end-to-end time.
"""

import argparse
import hashlib
import random
import time
import uuid

from herzen.domain.ledger import ChainVerifier, Head, StoredEntry, canonical, extend


def entries(count: int) -> list[dict[str, object]]:
    rng = random.Random(1)  # noqa: S311 - synthetic benchmark data
    return [
        {
            "id": i + 1,
            "occurred_at": f"2026-11-23T12:{i % 60:02d}:{i % 59:02d}.{rng.randrange(10**6):06d}Z",
            "actor_user_id": rng.randrange(1, 200),
            "organisation_id": str(uuid.UUID(int=rng.getrandbits(128))),
            "action": rng.choice(["person.update", "case.open", "stay.record", "document.add"]),
            "target_type": "people.person",
            "target_id": str(uuid.UUID(int=rng.getrandbits(128))),
            "parent_type": "",
            "parent_id": "",
            "changed_fields": ["surname", "status"],
        }
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    count = parser.parse_args().entries

    contents = entries(count)
    stored = [
        StoredEntry(key=str(c["id"]), sequence=link.sequence, hash=link.hash, content=c)  # type: ignore[arg-type]
        for c, link in zip(contents, extend("audit", Head.empty(), contents), strict=True)  # type: ignore[arg-type]
    ]
    blobs = [canonical(c) for c in contents]  # type: ignore[arg-type]
    size = sum(len(b) for b in blobs)

    started = time.perf_counter()
    for blob in blobs:
        hashlib.sha256(blob).digest()
    plain = time.perf_counter() - started

    started = time.perf_counter()
    for c in contents:
        canonical(c)  # type: ignore[arg-type]
    serialise = time.perf_counter() - started

    started = time.perf_counter()
    verifier = ChainVerifier("audit")
    for start in range(0, count, 2000):
        verifier.feed(stored[start : start + 2000])
    chained = time.perf_counter() - started
    assert verifier.problem is None
    assert verifier.head.sequence == count

    print(f"{count} entries, {size / count:.0f} bytes each on average ({size / 1e6:.1f} MB)")
    for name, seconds in (("sha256", plain), ("serialise", serialise), ("chain", chained)):
        print(
            f"{name:>10}: {seconds:6.3f} s  {count / seconds:12,.0f} entries/s  {size / seconds / 1e6:8.1f} MB/s"
        )
    print(f"chain verification costs {chained / plain:.1f}x plain SHA-256 over the same bytes")


if __name__ == "__main__":
    main()
