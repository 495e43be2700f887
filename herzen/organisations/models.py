from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from herzen.core.actor import Role
from herzen.core.models import BaseModel


class OrganisationKind(models.TextChoices):
    NGO = "ngo", _("NGO")
    SPONSOR_NETWORK = "sponsor_network", _("Sponsor network")
    FUNDER = "funder", _("Funder")
    AUTHORITY = "authority", _("Authority")


class AuthorityKind(models.TextChoices):
    FOREIGN_MINISTRY = "foreign_ministry", _("Foreign ministry")
    INTERIOR_MINISTRY = "interior_ministry", _("Interior ministry")
    EMBASSY_CONSULATE = "embassy_consulate", _("Embassy or consulate")
    IMMIGRATION_OFFICE = "immigration_office", _("Immigration office")
    ASYLUM_AUTHORITY = "asylum_authority", _("Asylum authority")
    LABOUR_AUTHORITY = "labour_authority", _("Labour authority")


class Organisation(BaseModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    authority_kind = models.CharField(
        _("authority kind"), max_length=32, choices=AuthorityKind.choices, blank=True
    )
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    # Countries whose residents may send this organisation an application through the public intake.
    intake_countries = CountryField(
        _("accepts online applications from"),
        multiple=True,
        blank=True,
        help_text=_("Applicants staying in these countries can choose this organisation."),
    )

    scope_path = "id"  # an organisation is its own scope

    class Meta:
        ordering = ["name"]
        constraints = [
            # Only authorities have a sub-kind, and every authority has one.
            models.CheckConstraint(
                condition=(models.Q(kind="authority") & ~models.Q(authority_kind=""))
                | (~models.Q(kind="authority") & models.Q(authority_kind="")),
                name="organisation_authority_kind_iff_authority",
                violation_error_message=_(
                    "An authority needs its kind (ministry, consulate, …); others have none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_authority(self) -> bool:
        return self.kind == OrganisationKind.AUTHORITY


class Membership(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class StaffInvitation(BaseModel):
    """An organisation admin's invitation to a new staff member: a one-time link, sent by e-mail, on which
    the invitee chooses their password (herzen.organisations.services.staff_invite / invitation_accept).

    The account and its role exist from the moment of the invitation (with no usable password), so the
    admin sees who is pending; only a SHA-256 hash of the link's token is stored.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    scope_path = "organisation_id"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation of user {self.user_id}"
