"""Staff accounts in the Django admin.

The platform operator (superuser) manages accounts with Django's own user admin (passwords, activation).
Organisation admins see, read-only, the accounts of people who hold a role in their organisations, and
nothing about their roles elsewhere.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from herzen.accounts.models import User
from herzen.audit.admin import administered_organisation_ids, is_organisation_admin

OPERATOR_ONLY_FIELDS = ("is_superuser", "groups", "user_permissions")


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
        if request.user.is_superuser or obj is None:
            return fieldsets
        return (
            (None, {"fields": ("username",)}),
            ("Person", {"fields": ("first_name", "last_name", "email")}),
            ("Status", {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
        )

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
