"""Funders, programmes, grants to households, payouts and the double-entry ledger that books their money.

Amounts are whole minor units of the row's ISO 4217 currency (herzen.domain.accounting). Ledger entries and
postings are written once and never updated: a correction is a reversing entry. On PostgreSQL a deferred
constraint trigger refuses a transaction that leaves an entry's postings unbalanced in some currency
(migration 0002); the services check the same in Python first (herzen.domain.accounting.check_balanced).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel
from herzen.domain.accounting import AccountKind
from herzen.domain.aid.channels import ChannelKind
from herzen.domain.aid.payouts import PayoutState
from herzen.domain.aid.sanctions_lists import ListSource
from herzen.domain.aid.sanctions_matching import HitStrength
from herzen.encryption.fields import EncryptedJSONField, EncryptedTextField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow

ACCOUNT_KIND_CHOICES = [
    (AccountKind.FUNDING.value, _("funder's contributions")),
    (AccountKind.BUDGET.value, _("budget not yet committed")),
    (AccountKind.COMMITTED.value, _("grants committed")),
    (AccountKind.IN_TRANSIT.value, _("payouts in transit")),
    (AccountKind.PAID.value, _("paid")),
    (AccountKind.RETURNED.value, _("returned")),
    (AccountKind.FEES.value, _("fees")),
    (AccountKind.FX.value, _("currency exchange")),
]
CHANNEL_CHOICES = [
    (ChannelKind.SEPA.value, _("SEPA bank transfer")),
    (ChannelKind.LOCAL_BANK.value, _("local bank transfer")),
    (ChannelKind.CASH.value, _("cash against a signed receipt")),
    (ChannelKind.CRYPTO.value, _("USDT (crypto)")),
    (ChannelKind.OPERATOR.value, _("card or money-transfer operator")),
]
PAYOUT_STATE_CHOICES = [
    (PayoutState.PROPOSED.value, _("proposed")),
    (PayoutState.APPROVED.value, _("approved")),
    (PayoutState.SENT.value, _("sent")),
    (PayoutState.CONFIRMED.value, _("confirmed")),
    (PayoutState.FAILED.value, _("failed")),
    (PayoutState.REROUTED.value, _("re-routed")),
    (PayoutState.CANCELLED.value, _("cancelled")),
]


class Funder(BaseModel):
    """Who finances programmes: a funder organisation on Herzen (which then sees its programmes' aggregates)
    or just a record kept by the NGO."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    funder_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_by_records",
        verbose_name=_("funder's organisation on Herzen"),
    )

    scope_path = "organisation_id"

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(BaseModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("funder")
    )
    title = models.CharField(_("title"), max_length=200)
    currency = models.CharField(_("currency"), max_length=3)
    budget = models.BigIntegerField(_("budget (minor units)"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # The rules document (herzen.domain.aid.grants): eligibility, amounts by household size, ceiling, tranches.
    rules = models.JSONField(_("rules"))
    # Grants of this total or more are approved by a supervisor; below it any other caseworker may approve.
    # Whoever approves, it is never the person who proposed the grant.
    supervisor_threshold = models.BigIntegerField(_("amount from which a supervisor approves (minor units)"))
    # The organisation's own account the SEPA batches are paid from (the debtor of pain.001); not personal data.
    paying_account_name = models.CharField(_("paying account holder"), max_length=70, blank=True)
    paying_iban = models.CharField(_("paying account IBAN"), max_length=34, blank=True)
    paying_bic = models.CharField(_("paying account BIC"), max_length=11, blank=True)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title


class GrantStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Grant(SealedRow, BaseModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="grants", verbose_name=_("programme")
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))
    payee = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("payee")
    )
    total = models.BigIntegerField(_("total (minor units)"))
    # The calculation as the rules explained it (steps, screening facts): facts about the household.
    explanation = EncryptedJSONField(_("explanation"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=GrantStatus.choices, default=GrantStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    scope_path = "programme__organisation_id"
    data_key_owner = ("household", "case.household_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Four eyes, also for anyone who writes to the table directly.
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True) | ~models.Q(decided_by=models.F("proposed_by")),
                name="aid_grant_four_eyes",
            )
        ]

    def __str__(self) -> str:
        return f"Grant {str(self.pk)[:8]}"


class Tranche(BaseModel):
    grant = models.ForeignKey(
        Grant, on_delete=models.CASCADE, related_name="tranches", verbose_name=_("grant")
    )
    number = models.PositiveSmallIntegerField(verbose_name=_("number"))
    due_on = models.DateField(db_index=True, verbose_name=_("due on"))
    amount = models.BigIntegerField(verbose_name=_("amount"))

    scope_path = "grant__programme__organisation_id"

    class Meta:
        ordering = ["grant", "number"]
        constraints = [models.UniqueConstraint(fields=["grant", "number"], name="aid_tranche_number_once")]


class Payout(SealedRow, BaseModel):
    tranche = models.ForeignKey(
        Tranche, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("tranche")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=CHANNEL_CHOICES)
    # Account numbers, addresses, phone numbers: checked by the channel (herzen.domain.aid.channels).
    details = EncryptedJSONField(_("payout details"), default=dict)
    state = models.CharField(_("state"), max_length=16, choices=PAYOUT_STATE_CHOICES, default="proposed")
    # The end-to-end id a bank file carries and its status report names.
    reference = models.CharField(_("reference"), max_length=35, unique=True)
    # Transaction hash, operator reference or receipt id: what proves the money arrived.
    proof = EncryptedTextField(_("proof"), blank=True)
    receipt = models.ForeignKey(
        "evidence.EvidenceItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receipt"),
    )
    failure_reason = models.CharField(_("failure reason code"), max_length=8, blank=True)
    rerouted_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rerouted_to",
        verbose_name=_("rerouted from"),
    )
    payment_file = models.ForeignKey(
        "aid.PaymentFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payouts",
        verbose_name=_("payment file"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    sent_on = models.DateField(null=True, blank=True, verbose_name=_("sent on"))
    settled_on = models.DateField(null=True, blank=True, verbose_name=_("settled on"))

    scope_path = "tranche__grant__programme__organisation_id"
    data_key_owner = ("household", "tranche.grant.case.household_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class PaymentFile(BaseModel):
    """A bank file sent: a SEPA pain.001 batch or a local bank's CSV."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="payment_files", verbose_name=_("programme")
    )
    kind = models.CharField(max_length=16, choices=CHANNEL_CHOICES, verbose_name=_("kind"))
    message_id = models.CharField(max_length=35, unique=True, verbose_name=_("message id"))
    # The file itself is not stored: it names payees and their accounts. It is written again from its payouts'
    # encrypted details when downloaded (herzen.aid.payment_files.payment_file_content).
    country = models.CharField(
        max_length=2,
        blank=True,
        choices=[("GE", "GE"), ("AM", "AM"), ("KZ", "KZ")],
        verbose_name=_("country"),
    )
    execution_on = models.DateField(verbose_name=_("execution date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-created_at"]


class LedgerAccount(BaseModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="accounts", verbose_name=_("programme")
    )
    kind = models.CharField(max_length=16, choices=ACCOUNT_KIND_CHOICES, verbose_name=_("kind"))
    currency = models.CharField(max_length=3, verbose_name=_("currency"))
    # Kept by the posting service in the same transaction as the postings; `herzen ledger verify` checks it.
    balance = models.BigIntegerField(default=0, verbose_name=_("balance"))

    scope_path = "organisation_id"

    class Meta:
        ordering = ["programme", "kind", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind", "currency"], name="aid_account_once"),
        ]

    @property
    def key(self) -> str:
        return str(self.pk)


class LedgerEntry(BaseModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="entries", verbose_name=_("programme")
    )
    effective_on = models.DateField(verbose_name=_("effective on"))
    memo = models.CharField(max_length=300, verbose_name=_("memo"))  # what moved and why, in ids and codes
    payout = models.ForeignKey(
        Payout,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("payout"),
    )
    grant = models.ForeignKey(
        Grant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("grant"),
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    # An FX conversion's rate, its source and the date it was quoted (empty for other entries).
    fx_rate = models.DecimalField(
        max_digits=20, decimal_places=10, null=True, blank=True, verbose_name=_("exchange rate")
    )
    fx_source = models.CharField(max_length=100, blank=True, verbose_name=_("exchange rate source"))
    fx_quoted_on = models.DateField(null=True, blank=True, verbose_name=_("exchange rate date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    scope_path = "organisation_id"

    class Meta:
        ordering = ["created_at"]


class LedgerPosting(models.Model):
    id = models.BigAutoField(primary_key=True)
    entry = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, related_name="postings", verbose_name=_("entry")
    )
    account = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="postings", verbose_name=_("account")
    )
    amount = models.BigIntegerField(verbose_name=_("amount"))
    currency = models.CharField(max_length=3, verbose_name=_("currency"))

    scope_path = "entry__organisation_id"

    class Meta:
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="aid_posting_not_zero")]
        indexes = [models.Index(fields=["account"], name="aid_posting_account_idx")]

    def __str__(self) -> str:
        return f"Posting {self.pk}"


class SanctionsListImport(BaseModel):
    source = models.CharField(
        max_length=8, choices=[(s.value, s.value.upper()) for s in ListSource], verbose_name=_("source")
    )
    entries = models.PositiveIntegerField(verbose_name=_("entries"))
    digest = models.CharField(max_length=64, verbose_name=_("digest"))  # SHA-256 of the file as published
    # The parsed individuals (herzen.domain.aid.sanctions_lists.ListedPerson as JSON): public data.
    people = models.JSONField(verbose_name=_("people"))

    scope_path = "id"  # public lists, the same for every organisation

    class Meta:
        ordering = ["-created_at"]


class SanctionsHit(SealedRow, BaseModel):
    """A payee whose name matches a listed person. Holds the person's payouts until a compliance officer
    decides; nobody is refused automatically."""

    class Decision(models.TextChoices):
        OPEN = "open", _("to be decided")
        CLEARED = "cleared", _("cleared: not the listed person")
        CONFIRMED = "confirmed", _("confirmed: the listed person")

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    source = models.CharField(
        max_length=8, choices=[(s.value, s.value.upper()) for s in ListSource], verbose_name=_("source")
    )
    entry_id = models.CharField(max_length=64, verbose_name=_("list entry"))
    strength = models.CharField(
        max_length=16,
        choices=[
            (HitStrength.STRONG.value, _("name and date of birth match")),
            (HitStrength.POSSIBLE.value, _("name matches, date of birth unknown")),
            (HitStrength.CONTRADICTED.value, _("name matches, date of birth differs")),
        ],
        verbose_name=_("strength"),
    )
    # The explanation's steps (which spellings matched, how far apart the birth dates are).
    explanation = EncryptedJSONField(default=list, verbose_name=_("explanation"))
    decision = models.CharField(
        max_length=16, choices=Decision.choices, default=Decision.OPEN, verbose_name=_("decision")
    )
    decision_reason = EncryptedTextField(blank=True, verbose_name=_("reason for the decision"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    scope_path = "person__organisation_id"
    data_key_owner = ("person", "person_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "source", "entry_id"], name="aid_hit_once_per_entry")
        ]

    @property
    def holds_payouts(self) -> bool:
        return self.decision != self.Decision.CLEARED and self.strength != HitStrength.CONTRADICTED
