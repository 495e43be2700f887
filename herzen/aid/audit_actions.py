"""The audit actions of aid: programmes, grants, payouts, ledger entries, sanctions (herzen.audit.actions).
The fields are shown by their models' verbose names."""

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

# Every field named here is a model field with a translated verbose name (herzen/aid/models.py): the registry
# shows that, so no label is repeated here.
register("aid_funder.create", _("Funder recorded"), target="aid.funder", fields=FUNDER_FIELDS)
register("aid_programme.create", _("Aid programme created"), target="aid.programme", fields=PROGRAMME_FIELDS)
register("aid_grant.propose", _("Grant proposed"), target="aid.grant", fields=GRANT_FIELDS)
register("aid_grant.approve", _("Grant approved"), target="aid.grant", fields=DECIDE_FIELDS)
register("aid_grant.reject", _("Grant rejected"), target="aid.grant", fields=DECIDE_FIELDS)
register("aid_payout.create", _("Payout proposed"), target="aid.payout", fields=PAYOUT_FIELDS)
register("aid_payout.move", _("Payout state changed"), target="aid.payout", fields=PAYOUT_MOVE_FIELDS)
register(
    "aid_payment_file.create",
    _("Bank payment file written"),
    target="aid.paymentfile",
    fields=frozenset({"programme", "kind", "message_id"}),
)
register("aid_ledger.post", _("Ledger entry posted"), target="aid.ledgerentry", fields=ENTRY_FIELDS)
register(
    "aid_sanctions.import",
    _("Sanctions list imported"),
    target="aid.sanctionslistimport",
    fields=frozenset({"source", "entries", "digest", "people"}),
)
register(
    "aid_sanctions_hit.record",
    _("Possible sanctions match recorded"),
    target="aid.sanctionshit",
    fields=HIT_FIELDS,
)
register(
    "aid_sanctions_hit.decide",
    _("Sanctions match decided"),
    target="aid.sanctionshit",
    fields=HIT_DECIDE_FIELDS,
)
