"""A witness, served over HTTP (`herzen witness serve`): run by another organisation of the coalition, or on
another machine, with its own Ed25519 key and its own state file. It needs no database and no part of Herzen's
data — only the log's public key — and cosigns a checkpoint only if it extends the head it holds
(herzen.domain.ledger.witness; protocol in herzen.audit.witnessing).

The state file holds the latest cosigned head of each chain. It is written (to a temporary file, fsynced,
renamed) before the cosignature is returned, so a witness that crashes never forgets a head it vouched for.
"""

import base64
import json
import logging
import os
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from herzen.domain.ledger import Checkpoint, Ed25519KeySigner, Head
from herzen.domain.ledger.witness import WitnessRefusal, WitnessState, add_checkpoint, cosign

logger = logging.getLogger("herzen.witness")
MAX_BODY = 64 * 1024 * 1024


def load_or_create_key(path: Path) -> Ed25519KeySigner:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(Ed25519KeySigner.generate().to_pem())
    return Ed25519KeySigner.from_pem(path.read_bytes())


class Witness:
    """The witness's key, the log keys it trusts and its state, with one lock around check-store-cosign."""

    def __init__(self, key: Ed25519KeySigner, log_keys: list[bytes], state_file: Path) -> None:
        self.key = key
        self.log_keys = log_keys
        self.state_file = state_file
        self.lock = threading.Lock()
        self.state = (
            WitnessState.from_json(json.loads(state_file.read_text("utf-8")))
            if state_file.exists()
            else WitnessState()
        )

    def latest(self, origin: str) -> dict[str, Any]:
        with self.lock:
            head = self.state.heads.get(origin, Head.empty())
        return {"origin": origin, "size": head.sequence, "head": base64.b64encode(head.hash).decode("ascii")}

    def add(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            checkpoint = Checkpoint.from_json(body["checkpoint"])
            old_size = int(body["old_size"])
            proof = [base64.b64decode(item, validate=True) for item in body.get("proof", [])]
        except (KeyError, TypeError, ValueError) as error:
            raise WitnessRefusal(400, f"malformed request: {error}") from None
        with self.lock:
            new = add_checkpoint(self.state, self.log_keys, checkpoint, old_size, proof)
            heads = {**self.state.heads, checkpoint.origin: new}
            self._store(WitnessState(heads))
            self.state = WitnessState(heads)
            cosignature = cosign(self.key, checkpoint, int(time.time()))
        logger.info("Cosigned %s #%s", checkpoint.origin, checkpoint.sequence)
        return {"cosignature": cosignature.to_json()}

    def _store(self, state: WitnessState) -> None:
        temporary = self.state_file.with_suffix(".tmp")
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(state.to_json(), handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self.state_file)


def handler_for(witness: Witness) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "herzen-witness/1"

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            if url.path != "/latest":
                self._answer(HTTPStatus.NOT_FOUND, {"error": "not found"})
                return
            origin = parse_qs(url.query).get("origin", [""])[0]
            self._answer(HTTPStatus.OK, witness.latest(origin))

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/add-checkpoint":
                self._answer(HTTPStatus.NOT_FOUND, {"error": "not found"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "request too large"})
                return
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
                self._answer(HTTPStatus.OK, witness.add(body))
            except WitnessRefusal as refusal:
                answer: dict[str, Any] = {"error": refusal.reason}
                if refusal.held is not None:
                    answer.update(
                        size=refusal.held.sequence, head=base64.b64encode(refusal.held.hash).decode("ascii")
                    )
                logger.warning("Refused: %s", refusal.reason)
                self._answer(refusal.status, answer)
            except ValueError as error:
                self._answer(HTTPStatus.BAD_REQUEST, {"error": f"malformed request: {error}"})

        def log_message(self, format: str, *args: Any) -> None:
            logger.debug(format, *args)

    return Handler


def make_server(witness: Witness, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server bound to (host, port); port 0 picks a free one (server.server_address says which)."""
    return ThreadingHTTPServer((host, port), handler_for(witness))
