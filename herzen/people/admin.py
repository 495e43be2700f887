"""The person record in the Django admin: read-only lists for organisation admins and the platform operator.

Writes go through the pages and the API (herzen.people.services), which audit, rebuild name keys and
recompute legal-stay deadlines; the admin never writes here.
"""

from django.contrib import admin

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
class PersonAdmin(OrganisationScopedAdmin):
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
    search_fields = ("surname", "given_name", "patronymic", "name_variants__surname")
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
class IdentityDocumentAdmin(OrganisationScopedAdmin):
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
    search_fields = ("=number", "person__surname")
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
class StayAdmin(OrganisationScopedAdmin):
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
    search_fields = ("person__surname", "city")
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
