"""The audit trail in the Django admin: strictly read-only, and only the events of the organisations the
user administers. Also home of the scoping every Herzen admin page shares (audit is the lowest app layer
with an admin, so the others can import it)."""

from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from herzen.audit import actions as audit_actions
from herzen.audit.models import AccessEvent, AuditEvent
from herzen.audit.recorder import record_access
from herzen.core.actor import Role


def administered_organisation_ids(request: HttpRequest) -> QuerySet[Any]:
    """Ids of the organisations in which the request's user is an organisation admin."""
    memberships = request.user.memberships  # type: ignore[union-attr]
    administered = memberships.filter(role=Role.ORGANISATION_ADMIN)  # type: ignore[misc]
    return cast("QuerySet[Any]", administered.values("organisation_id"))


def is_organisation_admin(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or administered_organisation_ids(request).exists())
    )


class OrganisationScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows of the organisations the user administers; the platform operator (superuser) sees all.

    Permissions come from the organisation-admin role, not from Django's model permissions, so nobody
    needs a permission row to read and nobody gets one to write. Read-only unless a subclass says otherwise.
    """

    # The lookup from the model to its organisation's id; defaults to the model's `scope_path`.
    organisation_path: str = ""
    # Categories of personal data (audit.models.DataCategory) the list and detail pages show; each view of
    # them writes access events, as the staff pages do. Empty for models that hold no personal data.
    shows_person_data: tuple[str, ...] = ()
    # Whose record an object is, as an attribute path ("person" for a document); empty: the object itself.
    access_target: str = ""

    def _record_access(self, request: HttpRequest, objects: Any) -> None:
        targets = [getattr(obj, self.access_target) if self.access_target else obj for obj in objects]
        if targets:
            record_access(actor=request.actor, target=targets, categories=self.shows_person_data, via=request)  # type: ignore[attr-defined]

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if self.shows_person_data and changelist is not None:
            self._record_access(request, changelist.result_list)
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if self.shows_person_data and original is not None:
            self._record_access(request, [original])
        return response

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        response = super().history_view(request, object_id, extra_context)
        target = getattr(response, "context_data", {}).get("object")
        if self.shows_person_data and target is not None:  # the page's title names the record
            self._record_access(request, [target])
        return response

    def _organisation_path(self) -> str:
        return self.organisation_path or str(self.model.scope_path)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        if not is_organisation_admin(request):
            return queryset.none()
        return queryset.filter(**{f"{self._organisation_path()}__in": administered_organisation_ids(request)})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_organisation_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_organisation_admin(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_organisation_admin(request)


@admin.register(AuditEvent)
class AuditEventAdmin(OrganisationScopedAdmin):
    organisation_path = "organisation_id"
    list_display = (
        "occurred_at",
        "action_label",
        "target_type",
        "target_id",
        "actor_user",
        "organisation",
        "changed_fields",
    )
    list_filter = ("action", "target_type", ("organisation", admin.RelatedOnlyFieldListFilter))
    search_fields = ("=target_id", "=parent_id", "action")
    date_hierarchy = "occurred_at"
    list_select_related = ("actor_user", "organisation")
    readonly_fields = (
        "occurred_at",
        "actor_user",
        "organisation",
        "action",
        "target_type",
        "target_id",
        "parent_type",
        "parent_id",
        "changed_fields",
    )
    fields = readonly_fields
    actions = None  # not even the bulk "delete selected"

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, obj: AuditEvent) -> str:
        """The action's translated label from the registry (herzen.audit.actions), not its code."""
        return audit_actions.label(obj.action)


@admin.register(AccessEvent)
class AccessEventAdmin(OrganisationScopedAdmin):
    """Who was shown which record: ids, categories and page names only."""

    organisation_path = "organisation_id"
    list_display = (
        "occurred_at",
        "actor_user",
        "organisation",
        "target_type",
        "target_id",
        "categories",
        "via",
    )
    list_filter = ("target_type", "via", ("organisation", admin.RelatedOnlyFieldListFilter))
    search_fields = ("=target_id",)
    date_hierarchy = "occurred_at"
    list_select_related = ("actor_user", "organisation")
    readonly_fields = (
        "sequence",
        "occurred_at",
        "actor_user",
        "organisation",
        "target_type",
        "target_id",
        "categories",
        "via",
        "entry_hash",
    )
    fields = readonly_fields
    actions = None
