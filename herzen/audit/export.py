"""`herzen audit export`: one chain as a file an outside auditor verifies without Herzen's code
(docs/audit-log-encoding.md, "Export file"; scripts/verify_audit_log.py is such a verifier).

    file    = magic chain header entry*
    magic   = "herzen-log-export\\n" "v3\\n"
    chain   = length:u32 name:ascii
    header  = the chain's header (encoding v3: count and names)
    entry   = length:u32 values sequence:8 bytes hash:32 bytes      (values: encoding v3, `length` bytes)

Entries are the sequenced rows in sequence order, with the hashes as stored: the export copies, it does not
vouch. An entry not yet sequenced is not in the chain yet, and not exported.
"""

from collections.abc import Iterator
from typing import BinaryIO

from herzen.audit.models import CHAINED_MODELS, chained_layout
from herzen.domain.ledger import sequence_field
from herzen.domain.ledger.encoding import encode, header, u32

MAGIC = b"herzen-log-export\nv3\n"
BATCH = 5000


def export_chain(chain: str, out: BinaryIO) -> int:
    """Write the chain to `out`; the number of entries written."""
    model = CHAINED_MODELS[chain]
    out.write(MAGIC + u32(len(chain)) + chain.encode("ascii") + header(chained_layout(model)))
    count = 0
    for content, sequence, stored_hash in _entries(chain):
        _layout, values = encode(content)
        out.write(u32(len(values)) + values + sequence_field(sequence) + bytes.fromhex(stored_hash))
        count += 1
    return count


def _entries(chain: str) -> Iterator[tuple[dict[str, object], int, str]]:
    model = CHAINED_MODELS[chain]
    rows = model._base_manager.filter(sequence__isnull=False).order_by("sequence")
    after = 0
    while True:
        page = list(
            rows.filter(sequence__gt=after).values(*model.CHAINED_FIELDS, "sequence", "entry_hash")[:BATCH]
        )
        if not page:
            return
        for values in page:
            yield model.content_of(values), values["sequence"], values["entry_hash"]
        after = page[-1]["sequence"]
