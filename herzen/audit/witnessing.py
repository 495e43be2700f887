"""The log's side of witnessing: which witnesses cosign its checkpoints (settings.HERZEN_AUDIT_WITNESSES), and a
small HTTP client for the witness protocol served by `herzen witness serve` (herzen.audit.witness_server).

Protocol (JSON over HTTP, after C2SP tlog-witness):
    GET  /latest?origin=<origin>   -> {"origin", "size", "head"}          what the witness holds (size 0: nothing)
    POST /add-checkpoint  {"checkpoint": <signed checkpoint JSON>, "old_size": n, "proof": [base64 content…]}
                                   -> 200 {"cosignature": {...}}  | 409 {"size", "head"} | 403 | 422 | 400
The proof is the canonical content of each entry after `old_size` up to the checkpoint (see
herzen.domain.ledger.witness): ids, actions, field and category names — never a person's data.
"""

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

from herzen.domain.ledger import Checkpoint, Head, key_id, public_key_from_pem
from herzen.domain.ledger.witness import Cosignature

TIMEOUT_SECONDS = 5.0


class WitnessUnavailable(RuntimeError):
    """The witness could not be reached or answered nonsense; the checkpoint waits for its cosignature."""


class WitnessRefused(RuntimeError):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"HTTP {status}: {body.get('error', body)}")
        self.status = status
        self.body = body

    def held(self) -> Head | None:
        if "size" not in self.body:
            return None
        return Head(int(self.body["size"]), base64.b64decode(self.body["head"]))


@dataclass(frozen=True)
class Witness:
    url: str
    public_key: bytes

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def _call(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(  # noqa: S310 - an operator-configured http(s) URL
            self.url.rstrip("/") + path,
            data=data,
            headers={"Content-Type": "application/json"},
            method="POST" if data is not None else "GET",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                return json.loads(response.read() or b"{}")  # type: ignore[no-any-return]
        except urllib.error.HTTPError as error:
            try:
                answer = json.loads(error.read() or b"{}")
            except ValueError:
                answer = {}
            raise WitnessRefused(error.code, answer) from None
        except (OSError, ValueError) as error:
            raise WitnessUnavailable(f"{self.url}: {error}") from None

    def latest(self, origin: str) -> Head:
        answer = self._call("/latest?" + urlencode({"origin": origin}))
        try:
            return Head(int(answer["size"]), base64.b64decode(answer["head"], validate=True))
        except (KeyError, TypeError, ValueError) as error:
            raise WitnessUnavailable(f"{self.url}: malformed answer: {error}") from None

    def add_checkpoint(self, checkpoint: Checkpoint, old_size: int, proof: list[bytes]) -> Cosignature:
        answer = self._call(
            "/add-checkpoint",
            {
                "checkpoint": checkpoint.to_json(),
                "old_size": old_size,
                "proof": [base64.b64encode(content).decode("ascii") for content in proof],
            },
        )
        try:
            return Cosignature.from_json(answer["cosignature"])
        except (KeyError, TypeError, ValueError) as error:
            raise WitnessUnavailable(f"{self.url}: malformed cosignature: {error}") from None


def configured_witnesses() -> list[Witness]:
    """settings.HERZEN_AUDIT_WITNESSES: "URL=path-to-public-key.pem" strings (or (url, path) pairs)."""
    witnesses = []
    for item in settings.HERZEN_AUDIT_WITNESSES:
        url, _, key_path = item.partition("=") if isinstance(item, str) else (item[0], "=", item[1])
        witnesses.append(Witness(url.strip(), public_key_from_pem(Path(key_path.strip()).read_bytes())))
    return witnesses


def cosignatures_of(data: dict[str, Any]) -> list[Cosignature]:
    found = []
    for item in data.get("cosignatures", []):
        try:
            found.append(Cosignature.from_json(item))
        except ValueError:
            continue  # an unreadable cosignature counts as none
    return found
