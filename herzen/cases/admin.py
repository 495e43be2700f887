"""Cases in the Django admin: read-only lists for organisation admins and the platform operator.

Opening, assigning, changing status and adding notes happen on the pages and through the API
(herzen.cases.services), which check permissions and audit; the admin never writes cases.
"""

from datetime import date

from django.contrib import admin

from herzen.audit.admin import OrganisationScopedAdmin, ReadOnlyInline
from herzen.cases.models import Case, CaseNote


class CaseNoteInline(ReadOnlyInline):
    model = CaseNote
    fields = ("created_at", "author", "body")
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(OrganisationScopedAdmin):
    shows_person_data = ("case", "notes")
    list_display = (
        "reference",
        "status",
        "assigned_caseworker",
        "current_country",
        "stay_deadline",
        "opened_at",
        "organisation",
    )
    list_filter = (
        "status",
        ("assigned_caseworker", admin.RelatedOnlyFieldListFilter),
        ("organisation", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("=reference",)
    list_select_related = ("household", "assigned_caseworker", "organisation")
    date_hierarchy = "opened_at"
    fields = (
        "reference",
        "organisation",
        "household",
        "status",
        "assigned_caseworker",
        "opened_at",
        "closed_at",
    )
    readonly_fields = fields
    inlines = (CaseNoteInline,)

    @admin.display(description="country", ordering="household__current_country")
    def current_country(self, case: Case) -> str:
        return str(case.household.current_country)

    @admin.display(description="legal-stay deadline", ordering="household__earliest_stay_deadline")
    def stay_deadline(self, case: Case) -> date | None:
        return case.household.earliest_stay_deadline
