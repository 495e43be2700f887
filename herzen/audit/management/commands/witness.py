"""`herzen witness serve`: a witness that cosigns the audit log's checkpoints (herzen.audit.witness_server).
`herzen witness public-key` prints its key, which the log's operator lists in HERZEN_AUDIT_WITNESSES."""

import signal
import threading
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management.base import BaseCommand, CommandParser

from herzen.audit.witness_server import Witness, load_or_create_key, make_server
from herzen.domain.ledger import key_id, public_key_from_pem


class Command(BaseCommand):
    help = "A witness of the audit log: keeps the latest head of each chain, cosigns only what extends it."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="operation", required=True)
        serve = commands.add_parser("serve", help="Serve the witness over HTTP.")
        serve.add_argument("--key", type=Path, required=True, help="The witness's key (made if missing).")
        serve.add_argument("--state", type=Path, required=True, help="The witness's state file.")
        serve.add_argument(
            "--log-key", type=Path, action="append", required=True, help="The log's public key (PEM)."
        )
        serve.add_argument("--host", default="127.0.0.1")
        serve.add_argument("--port", type=int, default=8799)
        public = commands.add_parser("public-key", help="Print the witness's public key (PEM).")
        public.add_argument("--key", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        key = load_or_create_key(options["key"])
        public = key.public_key()
        if options["operation"] == "public-key":
            pem = Ed25519PublicKey.from_public_bytes(public).public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            self.stdout.write(f"# witness key id {key_id(public)}\n{pem.decode('ascii')}", ending="")
            return
        log_keys = [public_key_from_pem(path.read_bytes()) for path in options["log_key"]]
        witness = Witness(key, log_keys, options["state"])
        server = make_server(witness, options["host"], options["port"])
        host, port = server.server_address[:2]
        self.stdout.write(f"Witness {key_id(public)} serving on http://{host}:{port}/", ending="\n")
        self.stdout.flush()

        def stop(signum: int, frame: object) -> None:
            threading.Thread(target=server.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
