"""Signing, witnessing, exporting and checking checkpoints of the audit chains.

The sequencer (herzen.audit.sequencer) signs a checkpoint of each chain after every batch it sequences
(`write_checkpoint`), so the unsigned tail is never older than the merge delay; `herzen audit checkpoint` does
the same by hand. A checkpoint is signed only if the log extends the previous one: the chain is recomputed
from the previous checkpoint's head to the new head (for a hash chain, that recomputation is the consistency
proof), every entry in between must carry a valid MAC (herzen.domain.ledger.authentication), and the log must
also extend the head each witness holds. Otherwise ChainBroken is raised and nothing is signed: a rewritten,
cut or forged history can never be signed. Each new checkpoint is then sent to the witnesses
(herzen.audit.witnessing), whose cosignatures are stored with it.

A checkpoint file is JSON (herzen.domain.ledger.Checkpoint, plus "cosignatures"), one per chain and size,
named `<chain>-<sequence>.json`; the newest KEPT_PER_CHAIN of each chain are kept. Verification
(herzen.audit.verification) trusts only checkpoints signed by a trusted key.
"""

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from herzen.audit.chain import chain_names, current_head, verify_chain
from herzen.audit.keys import entry_mac_key, signer, trusted_public_keys
from herzen.audit.models import CHAINED_MODELS
from herzen.audit.witnessing import (
    Witness,
    WitnessRefused,
    WitnessUnavailable,
    configured_witnesses,
    cosignatures_of,
)
from herzen.domain.ledger import Checkpoint, Head, Problem, canonical, sign_checkpoint, signature_is_valid
from herzen.domain.ledger.authentication import mac_is_valid
from herzen.domain.ledger.encoding import ENCODING
from herzen.domain.ledger.witness import Cosignature

logger = logging.getLogger("herzen.audit.checkpoints")
KEPT_PER_CHAIN = 10


class ChainBroken(RuntimeError):
    def __init__(self, chain: str, problem: Problem) -> None:
        super().__init__(f"{chain}: {problem}")
        self.chain = chain
        self.problem = problem


@dataclass(frozen=True)
class StoredCheckpoint:
    checkpoint: Checkpoint
    path: Path
    cosignatures: list[Cosignature] = field(default_factory=list)


def load_stored(directories: Iterable[Path], chain: str) -> tuple[list[StoredCheckpoint], Problem | None]:
    stored: list[StoredCheckpoint] = []
    for directory in directories:
        for path in sorted(directory.glob(f"{chain}-*.json")):
            try:
                data = json.loads(path.read_text("utf-8"))
                checkpoint = Checkpoint.from_json(data)
            except (ValueError, OSError) as error:
                return stored, Problem(None, None, f"checkpoint file {path.name} is unreadable: {error}")
            if checkpoint.chain != chain:
                return stored, Problem(None, None, f"checkpoint file {path.name} belongs to another chain")
            stored.append(StoredCheckpoint(checkpoint, path, cosignatures_of(data)))
    return stored, None


def load_checkpoints(directories: Iterable[Path], chain: str) -> tuple[list[Checkpoint], Problem | None]:
    stored, problem = load_stored(directories, chain)
    return [item.checkpoint for item in stored], problem


def latest_trusted(checkpoints: list[Checkpoint], keys: list[bytes]) -> Checkpoint | None:
    trusted = [c for c in checkpoints if c.encoding == ENCODING and signature_is_valid(c, keys)]
    return max(trusted, key=lambda c: c.sequence, default=None)


def entries_between(chain: str, after: int, upto: int) -> list[tuple[int, str, bytes, bool]]:
    """(sequence, row id, canonical content, MAC valid) of each sequenced entry in (after, upto]."""
    model = CHAINED_MODELS[chain]
    fields = model.CHAINED_FIELDS
    key = entry_mac_key()
    rows = (
        model._base_manager.filter(sequence__gt=after, sequence__lte=upto)
        .order_by("sequence")
        .values_list("sequence", "mac", *fields)
    )
    found = []
    for row in rows.iterator(chunk_size=2000):
        content = model.content_of(dict(zip(fields, row[2:], strict=True)))
        found.append((row[0], str(row[2]), canonical(content), mac_is_valid(key, chain, content, row[1])))
    return found


def unauthenticated(entries: list[tuple[int, str, bytes, bool]]) -> Problem | None:
    for sequence, row_id, _content, authentic in entries:
        if not authentic:
            return Problem(
                sequence,
                row_id,
                "its MAC does not authenticate it: it was forged or altered by someone without the "
                "application's key",
            )
    return None


def _held_heads(chain: str, witnesses: list[Witness]) -> dict[Witness, Head]:
    held = {}
    for witness in witnesses:
        try:
            held[witness] = witness.latest(f"herzen-audit/{chain}")
        except (WitnessUnavailable, WitnessRefused) as error:
            logger.warning("Witness %s unavailable for %s: %s", witness.url, chain, error)
    return held


def write_checkpoint(chain: str, directory: Path, now: datetime) -> Path | None:
    """Check that the log extends its latest checkpoint and every witness's head, then sign and export the
    new head and gather the witnesses' cosignatures. Returns None when nothing was appended since the latest
    checkpoint and every witness already holds it. Raises ChainBroken (signing nothing) otherwise."""
    stored, problem = load_stored([directory], chain)
    if problem is not None:
        raise ChainBroken(chain, problem)
    keys = trusted_public_keys()
    trusted = [item for item in stored if signature_is_valid(item.checkpoint, keys)]
    newest = max(trusted, key=lambda item: item.checkpoint.sequence, default=None)
    latest = newest.checkpoint if newest else None
    start = Head(latest.sequence, latest.head) if latest else Head.empty()
    model = CHAINED_MODELS[chain]
    if latest is not None and latest.sequence > 0:
        at_latest = model._base_manager.filter(sequence=latest.sequence).values_list("entry_hash", flat=True)
        if list(at_latest) != [latest.head.hex()]:
            raise ChainBroken(
                chain, Problem(latest.sequence, None, "the log no longer matches the latest checkpoint")
            )
    witnesses = configured_witnesses()
    held = _held_heads(chain, witnesses)
    verifier = verify_chain(chain, start=start, hashes_at=[head.sequence for head in held.values()])
    if verifier.problem is not None:
        raise ChainBroken(chain, verifier.problem)
    end = verifier.head
    for witness, head in held.items():
        if head.sequence == 0:
            continue
        if head.sequence > start.sequence and verifier.hashes.get(head.sequence) != head.hash:
            raise ChainBroken(
                chain,
                Problem(
                    head.sequence, None, f"the log no longer matches the head witness {witness.url} holds"
                ),
            )
        if head.sequence < start.sequence:
            # An older head: the witness missed checkpoints. The log must still contain it.
            at_held = model._base_manager.filter(sequence=head.sequence).values_list("entry_hash", flat=True)
            if list(at_held) != [head.hash.hex()]:
                raise ChainBroken(
                    chain,
                    Problem(head.sequence, None, f"the log no longer matches the head {witness.url} holds"),
                )
    lowest = min([start.sequence, *(h.sequence for h in held.values() if h.sequence)])
    entries = entries_between(chain, lowest, end.sequence)
    problem = unauthenticated([entry for entry in entries if entry[0] > start.sequence])
    if problem is not None:
        raise ChainBroken(chain, problem)
    behind = [w for w, head in held.items() if head.sequence < end.sequence or head.hash != end.hash]
    if latest is not None and end.sequence == latest.sequence and not behind:
        return None
    if latest is not None and end.sequence == latest.sequence and newest is not None:
        checkpoint, cosignatures = latest, list(newest.cosignatures)
    else:
        checkpoint, cosignatures = sign_checkpoint(signer(), chain, end, now), []
    for witness in behind:
        cosignature = _cosign(witness, checkpoint, held[witness], entries)
        if cosignature is not None:
            cosignatures = [c for c in cosignatures if c.key_id != cosignature.key_id] + [cosignature]
    path = _export(directory, checkpoint, cosignatures)
    _prune(directory, chain)
    return path


def _cosign(
    witness: Witness, checkpoint: Checkpoint, held: Head, entries: list[tuple[int, str, bytes, bool]]
) -> Cosignature | None:
    proof = [content for sequence, _id, content, _ok in entries if held.sequence < sequence]
    if held.sequence == 0:
        proof = []
    try:
        return witness.add_checkpoint(checkpoint, held.sequence, proof)
    except WitnessUnavailable as error:
        logger.warning("Witness %s unavailable: %s", witness.url, error)
    except WitnessRefused as refused:
        logger.error(
            "Witness %s REFUSED to cosign %s #%s: %s",
            witness.url,
            checkpoint.chain,
            checkpoint.sequence,
            refused,
        )
    return None


def _export(directory: Path, checkpoint: Checkpoint, cosignatures: list[Cosignature]) -> Path:
    data: dict[str, Any] = checkpoint.to_json()
    data["cosignatures"] = [c.to_json() for c in cosignatures]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{checkpoint.chain}-{checkpoint.sequence:012d}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", "utf-8")
    temporary.replace(path)  # atomic: a reader never sees half a file
    return path


def _prune(directory: Path, chain: str) -> None:
    """Keep the newest KEPT_PER_CHAIN checkpoints of the chain: each extends the ones before it (checked
    before it was signed, and by the witnesses), so the newest vouch for the older ones."""
    files = sorted(directory.glob(f"{chain}-*.json"))
    for old in files[:-KEPT_PER_CHAIN]:
        old.unlink(missing_ok=True)


def __getattr__(name: str) -> Any:
    # `herzen audit verify`'s functions live in herzen.audit.verification (imported lazily: it imports this).
    if name in ("verify", "ChainReport"):
        from herzen.audit import verification

        return getattr(verification, name)
    raise AttributeError(name)


__all__ = ["ChainBroken", "chain_names", "current_head", "write_checkpoint"]
