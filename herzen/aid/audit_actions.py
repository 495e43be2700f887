"""The audit actions of aid: programmes, grants, payouts, ledger entries, sanctions (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register

FUNDER_FIELDS = frozenset({"name", "funder_organisation"})
PROGRAMME_FIELDS = frozenset(
    {"funder", "title", "currency", "budget", "starts_on", "ends_on", "rules", "supervisor_threshold"}
)
GRANT_FIELDS = frozenset({"programme", "case", "payee", "total", "explanation", "proposed_by"})
DECIDE_FIELDS = frozenset({"status", "decided_by", "decided_at"})
PAYOUT_FIELDS = frozenset({"tranche", "channel", "details", "reference", "created_by", "rerouted_from"})
PAYOUT_MOVE_FIELDS = frozenset(
    {"state", "proof", "receipt", "failure_reason", "payment_file", "sent_on", "settled_on"}
)
ENTRY_FIELDS = frozenset(
    {"programme", "memo", "payout", "grant", "reverses", "fx_rate", "fx_source", "fx_quoted_on"}
)
HIT_FIELDS = frozenset({"person", "source", "entry_id", "strength", "explanation"})
HIT_DECIDE_FIELDS = frozenset({"decision", "decision_reason", "decided_by", "decided_at"})

# Labels of the fields the actions name, as an audit page shows them.
FIELD_LABELS = {
    "decided_at": _("decided at"),
    "decided_by": _("decided by"),
    "case": _("case"),
    "payee": _("payee"),
    "programme": _("programme"),
    "proposed_by": _("proposed by"),
    "fx_quoted_on": _("exchange rate date"),
    "payout": _("payout"),
    "memo": _("memo"),
    "fx_rate": _("exchange rate"),
    "fx_source": _("exchange rate source"),
    "reverses": _("reverses"),
    "grant": _("grant"),
    "kind": _("kind"),
    "message_id": _("message id"),
    "rerouted_from": _("rerouted from"),
    "tranche": _("tranche"),
    "created_by": _("created by"),
    "payment_file": _("payment file"),
    "receipt": _("receipt"),
    "settled_on": _("settled on"),
    "sent_on": _("sent on"),
    "funder": _("funder"),
    "entries": _("entries"),
    "people": _("people"),
    "digest": _("digest"),
    "source": _("source"),
    "decision": _("decision"),
    "decision_reason": _("reason for the decision"),
    "strength": _("strength"),
    "explanation": _("explanation"),
    "entry_id": _("list entry"),
    "person": _("person"),
}


def _register(name: str, label: object, *, target: str, fields: frozenset[str]) -> None:
    """`register`, labelling the fields whose model name would show untranslated (the others keep their
    verbose names)."""
    labels = {field: FIELD_LABELS[field] for field in fields if field in FIELD_LABELS}
    register(name, label, target=target, fields=fields, field_labels=labels)  # type: ignore[arg-type]


_register("aid_funder.create", _("Funder recorded"), target="aid.funder", fields=FUNDER_FIELDS)
_register("aid_programme.create", _("Aid programme created"), target="aid.programme", fields=PROGRAMME_FIELDS)
_register("aid_grant.propose", _("Grant proposed"), target="aid.grant", fields=GRANT_FIELDS)
_register("aid_grant.approve", _("Grant approved"), target="aid.grant", fields=DECIDE_FIELDS)
_register("aid_grant.reject", _("Grant rejected"), target="aid.grant", fields=DECIDE_FIELDS)
_register("aid_payout.create", _("Payout proposed"), target="aid.payout", fields=PAYOUT_FIELDS)
_register("aid_payout.move", _("Payout state changed"), target="aid.payout", fields=PAYOUT_MOVE_FIELDS)
_register(
    "aid_payment_file.create",
    _("Bank payment file written"),
    target="aid.paymentfile",
    fields=frozenset({"programme", "kind", "message_id"}),
)
_register("aid_ledger.post", _("Ledger entry posted"), target="aid.ledgerentry", fields=ENTRY_FIELDS)
_register(
    "aid_sanctions.import",
    _("Sanctions list imported"),
    target="aid.sanctionslistimport",
    fields=frozenset({"source", "entries", "digest", "people"}),
)
_register(
    "aid_sanctions_hit.record",
    _("Possible sanctions match recorded"),
    target="aid.sanctionshit",
    fields=HIT_FIELDS,
)
_register(
    "aid_sanctions_hit.decide",
    _("Sanctions match decided"),
    target="aid.sanctionshit",
    fields=HIT_DECIDE_FIELDS,
)
