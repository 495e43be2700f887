"""Staff accounts in the Django admin.

The platform operator (superuser) manages accounts with Django's user admin, whose writes go through the
audited account services (herzen.accounts.services), passwords included.
Organisation admins see, read-only, the accounts of people who hold a role in their organisations, and
nothing about their roles elsewhere.
"""

import copy
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from herzen.accounts import services
from herzen.accounts.models import User
from herzen.audit.admin import administered_organisation_ids, is_organisation_admin
from herzen.core.actor import Actor

OPERATOR_FIELDSETS = (
    (None, {"fields": ("username", "password")}),
    (_("Person"), {"fields": ("first_name", "last_name", "email")}),
    # Herzen's permissions are organisation memberships, not Django groups or per-user permissions, and
    # superusers are made on the command line: none of those are editable here.
    (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
)


def operator_actor(request: HttpRequest) -> Actor:
    """The platform operator acts across organisations, so their actor has none."""
    return Actor(user=request.user, organisation=None)  # type: ignore[arg-type]


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """Sets the password through staff_user_set_password, which checks, saves and audits it."""

    actor: Actor

    def save(self, commit: bool = True) -> Any:
        return services.staff_user_set_password(
            actor=self.actor, user_id=self.user.pk, password=self.cleaned_data["password1"]
        )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "last_login")
    list_filter = ("is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        if not is_organisation_admin(request):
            return queryset.none()
        return queryset.filter(
            memberships__organisation_id__in=administered_organisation_ids(request)
        ).distinct()

    def get_list_filter(self, request: HttpRequest) -> Any:
        return ("is_active", "is_staff", "is_superuser") if request.user.is_superuser else self.list_filter

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        if request.user.is_superuser:
            return OPERATOR_FIELDSETS
        return (
            (None, {"fields": ("username",)}),
            ("Person", {"fields": ("first_name", "last_name", "email")}),
            ("Status", {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("username", "last_login", "date_joined") if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        actor = operator_actor(request)
        if change:
            changes = {
                name: form.cleaned_data[name] for name in form.changed_data if name in services.ACCOUNT_FIELDS
            }
            services.staff_user_update(actor=actor, user_id=obj.pk, **changes)
            return
        usable = form.cleaned_data.get("usable_password", True) not in (False, "false")
        created = services.staff_user_create(
            actor=actor,
            username=form.cleaned_data["username"],
            password=form.cleaned_data.get("password1") if usable else None,
        )
        # The admin goes on with `obj` (to log and redirect); make it the saved row.
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # No related objects are edited here (groups and permissions are not used), so nothing to save.
        return

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # Django builds the form from `self.change_password_form`; a per-request copy of this admin carries a
        # form class bound to this request's actor, so concurrent requests never share it.
        bound = copy.copy(self)
        bound.change_password_form = type(
            "BoundPasswordChangeForm", (AuditedPasswordChangeForm,), {"actor": operator_actor(request)}
        )
        return DjangoUserAdmin.user_change_password(bound, request, id, form_url)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organisation_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_organisation_admin(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Accounts are deactivated, never deleted: audit events and cases point at them.
        return False


def _unregister_allauth_models() -> None:
    # allauth registers its own admins. Herzen has no e-mail addresses to manage, and an authenticator's
    # row holds its secret: staff manage their own second factors on the MFA pages, nobody browses them.
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    for model in (EmailAddress, Authenticator):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_allauth_models()
