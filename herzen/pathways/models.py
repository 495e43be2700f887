"""Applications of a case to a destination pathway, the policy regimes they are processed under, and what
happens to them: state changes, authority decisions, referrals to authorities, dated deadlines.

The stage machine itself is data in herzen.domain.workflow; these models store where an application stands
in it. `Application.state` is changed by one service only (`application_transition`, and the regime
services that run the same machinery for policy moves).

Who sees an application: the NGO whose case it belongs to, and every authority it has been referred to
(`ApplicationReferral`, written by the move that hands it over). An authority sees nothing else of the NGO.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.models import BaseModel, ScopedQuerySet
from herzen.domain.workflow import SHIPPED
from herzen.encryption.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow

if TYPE_CHECKING:
    from herzen.core.actor import Actor

PATHWAY_CHOICES = [(p.code, p.name) for p in SHIPPED]


class PolicyRegimeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class PolicyRegimeQuerySet(ScopedQuerySet):
    def for_actor(self, actor: Actor) -> Self:
        # Regimes are public policy, not anyone's file: every member of an organisation (and the platform
        # operator) may read them. Only the operator changes them (see permissions.can_manage_regimes).
        if actor.organisation is None and not actor.user.is_superuser:
            return self.none()
        return self.all()


class PolicyRegime(BaseModel):
    """One version of a pathway's policy: open, suspended or closed, with its quota, dates and criteria."""

    pathway = models.CharField(_("pathway"), max_length=64, choices=PATHWAY_CHOICES)
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=PolicyRegimeStatus.choices, default=PolicyRegimeStatus.OPEN
    )
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("People a year; empty when there is no quota.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # Screening criteria as data, evaluated by herzen.domain.rules (never executed as code).
    rule_set = models.JSONField(_("rule set"), default=dict, blank=True)
    rule_set_version = models.CharField(_("rule set version"), max_length=64, blank=True)

    scope_path = "id"
    objects: Any = PolicyRegimeQuerySet.as_manager()

    class Meta:
        ordering = ["pathway", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PolicyRegimeStatus.values), name="policy_regime_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="policy_regime_dates_in_order",
                violation_error_message=_("A regime cannot end before it begins."),
            ),
            # New applications go to the one open regime of their pathway.
            models.UniqueConstraint(
                fields=["pathway"], condition=Q(status="open"), name="policy_regime_one_open_per_pathway"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pathway}: {self.name}"


class ApplicationScopedQuerySet(ScopedQuerySet):
    """An NGO sees the applications of its own cases; an authority those referred to it, and nothing else.

    Models declare `application_path`, the lookup from themselves to their application ("" for one).
    """

    def for_actor(self, actor: Actor) -> Self:
        organisation = actor.organisation
        if organisation is None:
            return self.none()
        path: str = self.model.application_path
        if organisation.is_authority:
            referred = ApplicationReferral.objects.filter(authority_id=organisation.pk).values(
                "application_id"
            )
            return self.filter(**{f"{path}pk__in" if path else "pk__in": referred})
        return self.filter(**{f"{path}organisation_id": organisation.pk})


class EncryptedApplicationScopedQuerySet(ApplicationScopedQuerySet, EncryptedQuerySet):
    """For rows with sealed free text: scoped like the others, and unwrapping their keys in one query."""


class Application(BaseModel):
    """A case's request to one pathway, in a state of the pathway's machine, under one policy regime."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The NGO whose case this is (the case's organisation)."),
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="applications", verbose_name=_("case")
    )
    pathway = models.CharField(_("pathway"), max_length=64, choices=PATHWAY_CHOICES)
    destination_country = models.CharField(_("destination country"), max_length=2)
    # The regime it was started and processed under; later regimes never change it.
    regime = models.ForeignKey(
        PolicyRegime, on_delete=models.PROTECT, related_name="applications", verbose_name=_("policy regime")
    )
    state = models.CharField(_("state"), max_length=64)
    # Copied from the pathway's table at each move, so lists and queues filter on indexed columns.
    is_terminal = models.BooleanField(_("finished"), default=False)
    is_pending = models.BooleanField(_("in process"), default=True)
    waiting_on_authority = models.BooleanField(_("waiting on an authority"), default=False)
    state_entered_at = models.DateTimeField(_("in this state since"))
    # The authority that has it now (the latest referral); every authority it was referred to can read it.
    authority = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("authority"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )

    scope_path = "organisation_id"
    application_path = ""
    objects: Any = ApplicationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "pathway", "state"], name="application_org_state_idx"),
            models.Index(fields=["regime", "is_pending"], name="application_regime_pending_idx"),
            models.Index(fields=["authority", "waiting_on_authority"], name="application_authority_idx"),
        ]
        constraints = [
            # A case has at most one unfinished application per pathway.
            models.UniqueConstraint(
                fields=["case", "pathway"],
                condition=Q(is_terminal=False),
                name="application_one_active_per_case_pathway",
            ),
            models.CheckConstraint(
                condition=~(Q(is_terminal=True) & (Q(is_pending=True) | Q(waiting_on_authority=True))),
                name="application_terminal_is_settled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pathway} {str(self.pk)[:8]} ({self.state})"


class ApplicationReferral(BaseModel):
    """An authority an application was handed to; it may read the application from then on."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referrals")
    authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    transition = models.CharField(_("move"), max_length=64)
    referred_at = models.DateTimeField(_("referred"))

    scope_path = "application__organisation_id"
    application_path = "application__"
    objects: Any = ApplicationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["referred_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "authority"], name="referral_once_per_authority")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} -> {self.authority_id}"


class ApplicationStateChange(SealedRow, BaseModel):
    """One move of one application: from, to, which move, who (user and organisation), when, with what facts."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(_("from"), max_length=64)
    to_state = models.CharField(_("to"), max_length=64)
    transition = models.CharField(_("move"), max_length=64)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The acting organisation (an NGO or an authority); empty for a regime change by the platform operator.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    regime = models.ForeignKey(
        PolicyRegime,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a policy move: the regime whose change caused it."),
    )
    occurred_at = models.DateTimeField(_("when"))
    # Facts of a move can be free text about the person (a file number, what the authority said): sealed
    # with the data key of the case's household, as its case notes.
    facts = EncryptedJSONField(_("facts"), default=dict, blank=True)

    scope_path = "application__organisation_id"
    application_path = "application__"
    data_key_owner = ("household", "application.case.household_id")
    objects: Any = EncryptedApplicationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "created_at"]
        indexes = [models.Index(fields=["application", "occurred_at"], name="state_change_app_time_idx")]

    def __str__(self) -> str:
        return f"{self.from_state} -{self.transition}-> {self.to_state}"


class ApplicationDecision(SealedRow, BaseModel):
    """A decision an authority recorded: when, by which body, with which reasons — or that none were given."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    state_change = models.OneToOneField(
        ApplicationStateChange, on_delete=models.CASCADE, related_name="decision"
    )
    transition = models.CharField(_("decision"), max_length=64)
    decided_on = models.DateField(_("date of the decision"))
    # Free text an authority types ("Referat 505", a consulate, an officer): sealed with the reasons.
    deciding_body = EncryptedCharField(_("deciding body"), max_length=200)
    deciding_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    reasons_given = models.BooleanField(_("reasons were given"))
    # An authority's reasons discuss the person's case: sealed with the household's key.
    reasons = EncryptedTextField(_("reasons"), blank=True, max_length=20_000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "application__organisation_id"
    application_path = "application__"
    data_key_owner = ("household", "application.case.household_id")
    objects: Any = EncryptedApplicationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["decided_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reasons_given=True) | Q(reasons=""), name="decision_no_reasons_when_none_given"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.transition} {self.decided_on}"


class ApplicationDeadline(BaseModel):
    """A dated deadline that follows from an application's state (visa valid until, appointment date).

    Open (`closed_at` empty) while the application stays in the state that set it; queues read open ones.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=64)
    due_on = models.DateField(_("due on"))
    set_by = models.ForeignKey(ApplicationStateChange, on_delete=models.CASCADE, related_name="deadlines")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    scope_path = "application__organisation_id"
    application_path = "application__"
    objects: Any = ApplicationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        indexes = [
            models.Index(
                fields=["due_on"], condition=Q(closed_at__isnull=True), name="deadline_open_due_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on}"
