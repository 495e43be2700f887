"""`herzen documents verify FILE|TEXT`: check a sealed document as the public verifier does (signature against
the trust list, the status lists, validity), from the seal's text, a photo of its QR, or the PDF. Exit status
0 only for a valid document. `herzen documents trust-list` prints the signed trust list; `herzen documents
operator-key --create` makes the operator's trust-list key (once, at installation) and prints its public half."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from herzen.documents import keystore, selectors
from herzen.documents.reading import FULL_DATA_START, NoSealFound, seal_text_from
from herzen.domain.seals import (
    LocalSealSigner,
    Outcome,
    StatusListError,
    TrustListError,
    read_status_list,
    read_trust_list,
    verify,
    verify_full,
)


class Command(BaseCommand):
    help = "Sealed documents: verify one (text, QR image or PDF); print the signed trust list."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="operation", required=True)
        check = commands.add_parser(
            "verify", help="Check a seal: its text, a PNG/JPEG of the QR, or the PDF."
        )
        check.add_argument("seal", help="HZ1:… text, or the path of an image or a PDF")
        check.add_argument("--json", action="store_true", help="Print the result as JSON.")
        for published in ("trust-list", "revocation", "suspension"):
            check.add_argument(
                f"--{published}",
                metavar="FILE",
                help=f"the {published} list as downloaded from /.well-known/herzen/ (default: this server's); "
                "refused unless the operator's key signed it",
            )
        commands.add_parser("trust-list", help="Print the operator-signed trust list (JSON).")
        operator = commands.add_parser(
            "operator-key", help="Print the operator's public key (PEM); --create makes the key if missing."
        )
        operator.add_argument("--create", action="store_true")
        rotate = commands.add_parser(
            "rotate-key", help="A new seal key for an organisation (audited; the old one still verifies)."
        )
        rotate.add_argument("--user", required=True, help="user name of an organisation admin or supervisor")
        rotate.add_argument("--organisation", required=True, help="the organisation's id")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["operation"] == "trust-list":
            self.stdout.write(json.dumps(selectors.signed_trust_list(), indent=2))
            return
        if options["operation"] == "operator-key":
            if options["create"] and not (keystore.seal_key_dir() / f"{keystore.OPERATOR}.key").exists():
                keystore.store(
                    keystore.OPERATOR, LocalSealSigner.generate(organisation="Herzen trust list", country="")
                )
                keystore.operator_signer.cache_clear()
            self.stdout.write(keystore.operator_public_key_pem().decode())
            return
        if options["operation"] == "rotate-key":
            self.rotate(options["user"], options["organisation"])
            return
        try:
            text = seal_text_from(options["seal"])
        except NoSealFound as error:
            raise CommandError(f"Not a valid Herzen seal: {error}") from error
        if text.startswith(FULL_DATA_START):
            self.verify_full(text, options)
            return
        result = verify(text, now=timezone.now(), **self.lists(options))
        report: dict[str, Any] = {"outcome": result.outcome.value}
        if result.seal is not None:
            claims = result.seal.claims
            report |= {
                "document_type": claims.document_type,
                "valid_from": claims.issued_at.isoformat(),
                "valid_until": claims.expires_at.isoformat(),
                "key_id": result.seal.kid.hex(),
            }
        if result.issuer is not None:
            report["issuer"] = f"{result.issuer.organisation} ({result.issuer.country})"
        self.report(report, result.outcome, options)

    def verify_full(self, text: str, options: dict[str, Any]) -> None:
        """The full-data (VDS-NC) seal: the same checks, and the data it carries shown as it is."""
        result = verify_full(text, now=timezone.now(), **self.lists(options))
        report: dict[str, Any] = {"outcome": result.outcome.value, "variant": "vds-nc"}
        if result.message is not None:
            report |= {f"data.{key}": value for key, value in sorted(result.message.items())}
        if result.issuer is not None:
            report["issuer"] = f"{result.issuer.organisation} ({result.issuer.country})"
        self.report(report, result.outcome, options)

    def report(self, report: dict[str, Any], outcome: Outcome, options: dict[str, Any]) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
        else:
            self.stdout.write("\n".join(f"{key}: {value}" for key, value in report.items()))
        if outcome is not Outcome.VALID:
            raise CommandError(f"The document is not valid: {outcome.value}.", returncode=2)

    def lists(self, options: dict[str, Any]) -> dict[str, Any]:
        """The trust list and the status lists, each checked against the operator's key: a changed one stops."""
        operator_key = keystore.operator_signer().certificate.public_key()

        def published(name: str) -> object:
            path = options.get(name.replace("-", "_"))
            if not path:
                return None
            try:
                return json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read the {name} file: {error}") from error

        try:
            signed_trust = published("trust-list") or selectors.signed_trust_list()
            trust = read_trust_list(signed_trust, operator_key)  # type: ignore[arg-type]
            bits = {}
            for purpose in ("revocation", "suspension"):
                signed = published(purpose) or selectors.signed_status_list(purpose, f"urn:herzen:{purpose}")
                bits[purpose] = read_status_list(signed, operator_key, purpose)  # type: ignore[arg-type]
        except (TrustListError, StatusListError) as error:
            raise CommandError(f"REFUSED, nothing verified: {error}") from error
        return {"trust": trust, "revoked": bits["revocation"], "suspended": bits["suspension"]}

    def rotate(self, username: str, organisation_id: str) -> None:
        from herzen.accounts.models import User
        from herzen.core.exceptions import PermissionDenied
        from herzen.documents.services import seal_key_rotate
        from herzen.organisations.actors import actor_for_user

        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}.")
        actor = actor_for_user(user, organisation_id=organisation_id)
        if actor is None or actor.organisation is None or str(actor.organisation.pk) != organisation_id:
            raise CommandError(f"{username} is not a member of organisation {organisation_id}.")
        try:
            key = seal_key_rotate(actor=actor)
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"New seal key {key.kid}; the trust list now lists it.")
