"""Signing, exporting and checking checkpoints of the audit chains (`herzen audit checkpoint|verify`).

A checkpoint file is JSON (herzen.domain.ledger.Checkpoint), one per chain and size, named
`<chain>-<sequence>.json`, written to a directory that outside witnesses copy (rsync, a partner NGO's
mailbox, a git repository). Verification trusts only checkpoints signed by a trusted key.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from herzen.audit.chain import chain_names, current_head, verify_chain
from herzen.audit.keys import signer, trusted_public_keys
from herzen.audit.models import CHAINED_MODELS
from herzen.domain.ledger import (
    Checkpoint,
    Head,
    Problem,
    check_against_checkpoints,
    sign_checkpoint,
    signature_is_valid,
)
from herzen.domain.ledger.encoding import ENCODING


class ChainBroken(RuntimeError):
    def __init__(self, chain: str, problem: Problem) -> None:
        super().__init__(f"{chain}: {problem}")
        self.chain = chain
        self.problem = problem


@dataclass(frozen=True)
class ChainReport:
    chain: str
    entries: int
    head: Head
    checkpoints: int
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def load_checkpoints(directories: Iterable[Path], chain: str) -> tuple[list[Checkpoint], Problem | None]:
    checkpoints: list[Checkpoint] = []
    for directory in directories:
        for path in sorted(directory.glob(f"{chain}-*.json")):
            try:
                checkpoints.append(Checkpoint.from_json(json.loads(path.read_text("utf-8"))))
            except (ValueError, OSError) as error:
                return checkpoints, Problem(None, None, f"checkpoint file {path.name} is unreadable: {error}")
            if checkpoints[-1].chain != chain:
                return checkpoints, Problem(
                    None, None, f"checkpoint file {path.name} belongs to another chain"
                )
    return checkpoints, None


def verify(chain: str, checkpoint_dirs: Iterable[Path], batch: int | None = None) -> ChainReport:
    """Recompute the whole chain and check it against every signed checkpoint found."""
    checkpoints, problem = load_checkpoints(checkpoint_dirs, chain)
    if problem is not None:
        return ChainReport(chain, 0, Head.empty(), len(checkpoints), problem)
    options = {"batch": batch} if batch else {}
    verifier = verify_chain(chain, hashes_at=[c.sequence for c in checkpoints], **options)  # type: ignore[arg-type]
    problem = verifier.problem
    if problem is None and checkpoints:
        problem = check_against_checkpoints(
            checkpoints, trusted_public_keys(), verifier.head, verifier.hashes
        )
    return ChainReport(chain, verifier.entries, verifier.head, len(checkpoints), problem)


def latest_trusted(checkpoints: list[Checkpoint], keys: list[bytes]) -> Checkpoint | None:
    trusted = [c for c in checkpoints if c.encoding == ENCODING and signature_is_valid(c, keys)]
    return max(trusted, key=lambda c: c.sequence, default=None)


def write_checkpoint(chain: str, directory: Path, now: datetime) -> Path | None:
    """Verify what was appended since the latest checkpoint, then sign and export the new head.

    Refuses (ChainBroken) to sign a log that does not extend its latest checkpoint: a log must never sign two
    inconsistent histories. Returns None when nothing was appended since the latest checkpoint.
    """
    checkpoints, problem = load_checkpoints([directory], chain)
    if problem is not None:
        raise ChainBroken(chain, problem)
    keys = trusted_public_keys()
    latest = latest_trusted(checkpoints, keys)
    start = Head(latest.sequence, latest.head) if latest else Head.empty()
    if latest is not None and latest.sequence > 0:
        stored = (
            CHAINED_MODELS[chain]
            ._base_manager.filter(sequence=latest.sequence)
            .values_list("entry_hash", flat=True)
        )
        if list(stored) != [latest.head.hex()]:
            raise ChainBroken(
                chain,
                Problem(latest.sequence, None, "the log no longer matches the latest checkpoint"),
            )
    verifier = verify_chain(chain, start=start)
    if verifier.problem is not None:
        raise ChainBroken(chain, verifier.problem)
    if latest is not None and verifier.head.sequence == latest.sequence:
        return None
    checkpoint = sign_checkpoint(signer(), chain, verifier.head, now)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{chain}-{checkpoint.sequence:012d}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(checkpoint.dumps(), "utf-8")
    temporary.replace(path)  # atomic: a witness never copies half a file
    return path


__all__ = ["ChainBroken", "ChainReport", "chain_names", "current_head", "verify", "write_checkpoint"]
