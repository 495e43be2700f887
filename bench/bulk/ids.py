"""Random (version 4) UUIDs as text, made in bulk: a row id is only ever written out as text, and
`str(uuid4())` costs more than formatting the hex of one call to os.urandom for thousands of them."""

import os

_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}  # RFC 4122 variant bits
_BATCH = 4096
_ready: list[str] = []
# A forked worker must not hand out the ids its parent had made but not used yet.
os.register_at_fork(after_in_child=_ready.clear)


def new_id() -> str:
    """A random UUID (version 4, RFC 4122 variant) in its canonical text form."""
    if not _ready:
        raw = os.urandom(16 * _BATCH).hex()
        _ready.extend(
            f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"
            for h in (raw[i : i + 32] for i in range(0, len(raw), 32))
        )
    return _ready.pop()
