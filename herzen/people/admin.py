"""The person record in the Django admin: read-only lists for organisation admins and the platform operator.

Writes go through the pages and the API (herzen.people.services), which audit, rebuild name keys and
recompute legal-stay deadlines; the admin never writes here.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from herzen.audit.admin import OrganisationScopedAdmin, ReadOnlyInline
from herzen.people.models import (
    ContactPoint,
    EntryRefusal,
    Household,
    HouseholdMember,
    IdentityDocument,
    NameVariant,
    Person,
    Stay,
)

ORGANISATION_FILTER = ("organisation", admin.RelatedOnlyFieldListFilter)


class BlindIndexSearch:
    """Names and numbers are ciphertext: the admin searches them through the blind indexes, like the pages.

    `search_fields` only makes Django show the search box; `blind_search` does the searching."""

    search_fields = ("=id",)
    person_path = "person"

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> Any:
        from herzen.people.selectors import persons_matching_name

        if not search_term.strip():
            return queryset, False
        persons = persons_matching_name(Person.objects.all(), search_term)
        matching = queryset.filter(**{f"{self.person_path}__in": persons}) if self.person_path else persons
        return queryset.filter(pk__in=matching.values("pk")), False


class NameVariantInline(ReadOnlyInline):
    model = NameVariant
    fields = ("surname", "given_name", "patronymic", "scheme", "source_document", "valid_from", "valid_until")
    readonly_fields = fields


class DocumentInline(ReadOnlyInline):
    model = IdentityDocument
    fields = (
        "document_type",
        "number",
        "issuing_country",
        "issue_date",
        "expiry_date",
        "status",
        "retains_legacy_spelling",
    )
    readonly_fields = fields


class ContactPointInline(ReadOnlyInline):
    model = ContactPoint
    fields = ("kind", "value", "is_preferred")
    readonly_fields = fields


class StayInline(ReadOnlyInline):
    model = Stay
    fields = (
        "country",
        "city",
        "entry_date",
        "exit_date",
        "legal_basis",
        "authorised_until",
        "legal_deadline",
    )
    readonly_fields = fields


class EntryRefusalInline(ReadOnlyInline):
    model = EntryRefusal
    fields = ("country", "refused_on", "border_point", "reason_given")
    readonly_fields = fields


@admin.register(Person)
class PersonAdmin(BlindIndexSearch, OrganisationScopedAdmin):
    person_path = "pk"
    shows_person_data = ("identity", "contact", "documents", "stays")
    list_display = (
        "surname",
        "given_name",
        "patronymic",
        "sex",
        "date_of_birth",
        "profession",
        "organisation",
    )
    list_filter = ("sex", ORGANISATION_FILTER)
    sortable_by = ("sex", "organisation")  # the other columns are ciphertext in SQL
    list_select_related = ("organisation",)
    fields = (
        "organisation",
        "surname",
        "given_name",
        "patronymic",
        "sex",
        "date_of_birth",
        "citizenships",
        "languages",
        "profession",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields
    inlines = (NameVariantInline, DocumentInline, ContactPointInline, StayInline, EntryRefusalInline)


class HouseholdMemberInline(ReadOnlyInline):
    model = HouseholdMember
    fields = ("person", "role")
    readonly_fields = fields
    show_change_link = True


@admin.register(Household)
class HouseholdAdmin(OrganisationScopedAdmin):
    shows_person_data = ("household", "identity", "stays")
    list_display = ("__str__", "organisation", "current_country", "earliest_stay_deadline", "created_at")
    list_filter = (("current_country", admin.AllValuesFieldListFilter), ORGANISATION_FILTER)
    list_select_related = ("organisation",)
    date_hierarchy = "earliest_stay_deadline"
    fields = ("organisation", "current_country", "earliest_stay_deadline", "created_at", "updated_at")
    readonly_fields = fields
    inlines = (HouseholdMemberInline,)


@admin.register(IdentityDocument)
class IdentityDocumentAdmin(BlindIndexSearch, OrganisationScopedAdmin):
    shows_person_data = ("identity", "documents")
    access_target = "person"
    list_display = (
        "number",
        "document_type",
        "issuing_country",
        "issue_date",
        "expiry_date",
        "status",
        "retains_legacy_spelling",
        "person",
    )
    list_filter = (
        "status",
        "document_type",
        ("issuing_country", admin.AllValuesFieldListFilter),
        "retains_legacy_spelling",
    )
    sortable_by = ("document_type", "issuing_country", "issue_date", "expiry_date", "status")

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> Any:
        from herzen.encryption.blind import index_value
        from herzen.people.blind_indexes import DOCUMENT_NUMBER, normalise_document_number

        by_name, _ = super().get_search_results(request, queryset, search_term)
        number = normalise_document_number(search_term)
        bucket = queryset.filter(number_index=index_value(DOCUMENT_NUMBER.name, number, normalised=True))
        by_number = [document.pk for document in bucket if number and document.number == number]
        return queryset.filter(pk__in=[*by_name.values_list("pk", flat=True), *by_number]), False

    list_select_related = ("person",)
    fields = (
        "person",
        "document_type",
        "number",
        "issuing_country",
        "issuer",
        "issue_date",
        "expiry_date",
        "status",
        "retains_legacy_spelling",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields


@admin.register(Stay)
class StayAdmin(BlindIndexSearch, OrganisationScopedAdmin):
    shows_person_data = ("identity", "stays")
    access_target = "person"
    list_display = (
        "person",
        "country",
        "city",
        "entry_date",
        "exit_date",
        "legal_basis",
        "authorised_until",
        "legal_deadline",
    )
    list_filter = (("country", admin.AllValuesFieldListFilter), "legal_basis")
    sortable_by = ("country", "entry_date", "exit_date", "legal_basis", "authorised_until", "legal_deadline")
    date_hierarchy = "entry_date"
    list_select_related = ("person",)
    fields = (
        "person",
        "country",
        "city",
        "entry_date",
        "exit_date",
        "legal_basis",
        "authorised_until",
        "document",
        "legal_deadline",
        "created_at",
        "updated_at",
    )
    readonly_fields = fields


@admin.register(EntryRefusal)
class EntryRefusalAdmin(OrganisationScopedAdmin):
    shows_person_data = ("identity", "stays")
    access_target = "person"
    list_display = ("person", "country", "refused_on", "border_point")
    list_filter = (("country", admin.AllValuesFieldListFilter),)
    list_select_related = ("person",)
    fields = ("person", "country", "refused_on", "border_point", "reason_given", "created_at")
    readonly_fields = fields
