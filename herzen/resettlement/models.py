"""Resettlement (issue 17): offers of homes, host places, sponsorships and jobs; what a household needs; matching
runs and the proposals they make, which households accept or decline.

The matching itself is herzen.domain.matching (pure); this app keeps its inputs and outputs and their history.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from herzen.core.actor import Actor
from herzen.core.models import BaseModel, ScopedQuerySet
from herzen.encryption.fields import EncryptedJSONField, EncryptedTextField
from herzen.encryption.querysets import EncryptedQuerySet
from herzen.encryption.rows import SealedRow


class OfferKind(models.TextChoices):
    HOUSING = "housing", _("Housing")
    HOST_PLACE = "host_place", _("Host place")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    JOB = "job", _("Job")


class OfferQuerySet(ScopedQuerySet):
    def for_actor(self, actor: Actor) -> "OfferQuerySet":
        """An organisation sees its own offers and those others publish to every organisation."""
        if actor.organisation is None:
            return self.none()
        return self.filter(Q(organisation_id=actor.organisation.pk) | Q(published=True))


class Offer(BaseModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=200)
    country = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region"), max_length=100, blank=True)
    town = models.CharField(_("town"), max_length=100)
    capacity_persons = models.PositiveIntegerField(
        _("places (persons)"), help_text=_("For a job: the number of positions.")
    )
    child_beds = models.PositiveIntegerField(_("beds for children"), default=0)
    accessible = models.BooleanField(_("step-free and accessible"), default=False)
    pets_allowed = models.BooleanField(_("pets allowed"), default=True)
    smoking_allowed = models.BooleanField(_("smoking allowed"), default=True)
    local_languages = models.JSONField(_("languages spoken there"), default=list, blank=True)
    required_languages = models.JSONField(_("languages required"), default=list, blank=True)
    skills = models.JSONField(_("skills or professions sought"), default=list, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_to = models.DateField(_("available until"), null=True, blank=True)
    published = models.BooleanField(_("visible to every organisation"), default=True)
    is_open = models.BooleanField(_("open"), default=True)

    scope_path = "organisation_id"
    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["country", "town", "title"]
        indexes = [models.Index(fields=["country", "kind", "is_open"], name="offer_country_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_to__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_to__gte=models.F("available_from")),
                name="offer_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.town})"


class HouseholdNeeds(SealedRow, BaseModel):
    """What a household needs and wants, kept on its case by caseworkers. Personal parts are sealed."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="resettlement_needs")
    adults = models.PositiveSmallIntegerField(_("adults"), default=1)
    children = models.PositiveSmallIntegerField(_("children"), default=0)
    destination_country = models.CharField(_("destination country"), max_length=2)
    ready = models.BooleanField(_("ready to be matched"), default=False)
    ready_on = models.DateField(_("can move from"), null=True, blank=True)
    needs_accessible = models.BooleanField(_("needs an accessible place"), default=False)
    has_pets = models.BooleanField(_("has pets"), default=False)
    smokers = models.BooleanField(_("smokers in the household"), default=False)
    # languages, skills, ties [{town, relation}], preferred_towns (best first), vetoed_towns
    profile = EncryptedJSONField(_("languages, skills, ties and preferences"), default=dict, blank=True)
    medical_needs = EncryptedTextField(_("medical needs"), blank=True, max_length=4000)

    scope_path = "case__organisation_id"
    data_key_owner = ("household", "case.household_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(adults__gte=1), name="needs_at_least_one_adult")]

    def __str__(self) -> str:
        return f"Needs {str(self.pk)[:8]}"


class MatchWeightsQuerySet(ScopedQuerySet):
    def current(self, country: str) -> "MatchWeights | None":
        return self.filter(destination_country=country.upper()).order_by("-created_at", "-id").first()


class MatchWeights(BaseModel):
    """A programme's score weights (the organisation's resettlement to one destination country). Never changed
    in place: each change is a new dated row, and a run points to the row it used."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    destination_country = models.CharField(_("destination country"), max_length=2)
    employment = models.FloatField(_("weight of predicted employment"))
    preference = models.FloatField(_("weight of the household's wishes"))
    ties_distance = models.FloatField(_("weight of nearness to family"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope_path = "organisation_id"
    objects = MatchWeightsQuerySet.as_manager()

    class Meta:
        ordering = ["destination_country", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employment__gte=0) & Q(preference__gte=0) & Q(ties_distance__gte=0),
                name="match_weights_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"Weights {self.destination_country} {self.created_at:%Y-%m-%d}"

    def as_overrides(self) -> dict[str, Any]:
        """The matching core's overrides of its default model."""
        return {
            "weights": {
                "employment": self.employment,
                "preference": self.preference,
                "ties_distance": self.ties_distance,
            }
        }


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    DONE = "done", _("Proposals ready")
    REFUSED = "refused", _("Refused by the validator")
    SENT = "sent", _("Sent to households")


class RunPolicy(models.TextChoices):
    BATCH = "batch", _("Everyone in the pool at once")
    DYNAMIC = "dynamic", _("Households arriving now, keeping room for those expected later")


class MatchRun(BaseModel):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    destination_country = models.CharField(_("destination country"), max_length=2)
    offers = models.ManyToManyField(Offer, related_name="+", verbose_name=_("offers"))
    weights = models.JSONField(_("score weights"), default=dict, blank=True)
    weights_version = models.ForeignKey(
        MatchWeights,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the programme's weights used"),
    )
    policy = models.CharField(_("policy"), max_length=16, choices=RunPolicy.choices, default=RunPolicy.BATCH)
    # The dynamic policy's households arriving now (the rest of the country's households are those expected).
    arrivals = models.ManyToManyField(
        "cases.Case", blank=True, related_name="+", verbose_name=_("arriving now")
    )
    # The dynamic policy's price per person at which each offer's room is kept for later: {offer id: price}.
    reserved = models.JSONField(_("room kept for later"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    method = models.CharField(_("method"), max_length=32, blank=True)
    proven_optimal = models.BooleanField(_("proven optimal"), default=False)
    objective = models.FloatField(_("total score"), null=True, blank=True)
    upper_bound = models.FloatField(_("upper bound"), null=True, blank=True)
    violations = models.JSONField(_("violations by rule"), default=dict, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Run {str(self.pk)[:8]}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


# Proposals holding a place: the offer is filled by these (a declined one frees its place).
HOLDING = (ProposalStatus.SENT, ProposalStatus.ACCEPTED)


class Proposal(SealedRow, BaseModel):
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A sponsor or host organisation in the town of the offer (herzen.domain.matching.sponsors), apart from the home.
    sponsorship = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sponsorship"),
    )
    persons = models.PositiveSmallIntegerField(_("persons"))
    children = models.PositiveSmallIntegerField(_("children"), default=0)
    score = models.FloatField(_("score"), default=0.0)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    edited_by_hand = models.BooleanField(_("changed by hand"), default=False)
    # The domain's explanation (parts, alternatives): it names towns, relatives and languages, so it is sealed.
    explanation = EncryptedJSONField(_("explanation"), default=dict, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    scope_path = "run__organisation_id"
    data_key_owner = ("household", "case.household_id")
    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["run", "case"], name="proposal_once_per_case_and_run"),
        ]

    def __str__(self) -> str:
        return f"Proposal {str(self.pk)[:8]}"


class JobPlacement(BaseModel):
    """One adult of a proposal's household in one position of a job offer in the town of its home
    (herzen.domain.matching.jobs). The words explaining it are in the proposal's sealed explanation."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="job_placements", verbose_name=_("proposal")
    )
    job = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="+", verbose_name=_("job offer"))
    adult = models.PositiveSmallIntegerField(_("adult of the household"))
    score = models.FloatField(_("score"), default=0.0)

    scope_path = "proposal__run__organisation_id"

    class Meta:
        ordering = ["adult"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "adult"], name="job_placement_once_per_adult"),
        ]

    def __str__(self) -> str:
        return f"Job placement {str(self.pk)[:8]}"
