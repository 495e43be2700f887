"""Organisations and memberships in the Django admin.

Organisation admins see their own organisations and grant or revoke roles there; the platform operator
(superuser) sees all and may create organisations. Every write goes through herzen.organisations.services,
so the admin audits exactly like the pages and the API.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from herzen.accounts.models import User
from herzen.audit.admin import OrganisationScopedAdmin, administered_organisation_ids, is_organisation_admin
from herzen.core.actor import Actor, Role
from herzen.core.exceptions import ApplicationError
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import Membership, Organisation
from herzen.organisations.services import membership_grant, membership_revoke, organisation_create


def admin_actor(request: HttpRequest, organisation_id: object) -> Actor:
    """The request user acting in `organisation_id` (or with no organisation, for a non-member operator)."""
    actor = actor_for_user(request.user, organisation_id=organisation_id)
    if actor is None:
        raise ApplicationError("Your account cannot act here.")
    if actor.organisation_id is not None and str(actor.organisation_id) != str(organisation_id):
        # Not a member of that organisation: act with none rather than in the wrong one.
        actor = Actor(user=actor.user, organisation=None)
    return actor


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    fields = ("user", "role", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_organisation_admin(request)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    list_display = ("name", "kind", "authority_kind", "country", "city", "created_at")
    list_filter = ("kind", "country")
    search_fields = ("name", "city")
    fields = ("name", "kind", "authority_kind", "country", "city", "intake_countries")
    inlines = (MembershipInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return self.fields if obj is not None else ()

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        if change:  # has_change_permission is False; never reached through the admin
            return
        created = organisation_create(
            actor=Actor(user=request.user, organisation=None),  # type: ignore[arg-type]
            name=obj.name,
            kind=obj.kind,
            country=str(obj.country),
            city=obj.city,
            authority_kind=obj.authority_kind,
            intake_countries=[str(code) for code in obj.intake_countries],
        )
        obj.pk, obj.created_at, obj.updated_at = created.pk, created.created_at, created.updated_at
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # the inline is read-only


class MembershipForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Membership
        fields = ("user", "organisation", "role")

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if request.user.is_superuser:
            return
        administered = administered_organisation_ids(request)
        if "organisation" in self.fields:  # absent when viewing: the fields are then read-only
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=administered)  # type: ignore[attr-defined]
        if "user" in self.fields:
            # Colleagues already in one of the admin's organisations, or accounts not yet in any organisation:
            # an organisation admin never sees who works elsewhere.
            self.fields["user"].queryset = (  # type: ignore[attr-defined]
                User.objects.filter(
                    Q(memberships__organisation_id__in=administered) | Q(memberships__isnull=True),
                    is_active=True,
                    is_superuser=False,
                )
                .distinct()
                .order_by("username")
            )


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedAdmin):
    form = MembershipForm
    list_display = ("user", "user_full_name", "organisation", "role", "created_at")
    list_filter = ("role", ("organisation", admin.RelatedOnlyFieldListFilter))
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user", "organisation")
    actions = ("revoke_selected",)

    @admin.display(description="name")
    def user_full_name(self, obj: Membership) -> str:
        return obj.user.get_full_name()

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form_class):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, request=request, **inner)

        return RequestForm

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # A role is granted or revoked, never edited: revoke and grant the other one instead.
        return ("user", "organisation", "role", "created_at") if obj is not None else ()

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_organisation_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not is_organisation_admin(request):
            return False
        if obj is None or request.user.is_superuser:
            return True
        return administered_organisation_ids(request).filter(organisation_id=obj.organisation_id).exists()

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would bypass the service; "revoke" goes through it
        return actions

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            return
        granted = membership_grant(
            actor=admin_actor(request, obj.organisation_id),
            organisation=obj.organisation,
            user=obj.user,
            role=Role(obj.role),
        )
        obj.pk, obj.created_at, obj.updated_at = granted.pk, granted.created_at, granted.updated_at
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        membership_revoke(actor=admin_actor(request, obj.organisation_id), membership_id=obj.pk)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ApplicationError as error:  # the service refused: nothing was written
            self.message_user(request, error.message, messages.ERROR)
            return redirect("admin:organisations_membership_changelist")

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return redirect("admin:organisations_membership_changelist")

    @admin.action(description="Revoke the selected roles", permissions=["delete"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        revoked = 0
        for membership in queryset.select_related("organisation"):
            try:
                membership_revoke(
                    actor=admin_actor(request, membership.organisation_id), membership_id=membership.pk
                )
                revoked += 1
            except ApplicationError as error:
                self.message_user(request, f"{membership}: {error.message}", messages.ERROR)
        if revoked:
            self.message_user(request, f"Revoked {revoked} role(s).", messages.SUCCESS)
