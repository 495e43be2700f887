"""Evidence in the Django admin: read-only, scoped, and without the files (those open on the pages only,
for staff of the case). Adding, vouching and flagging happen through herzen.evidence.services."""

from django.contrib import admin

from herzen.audit.admin import OrganisationScopedAdmin, ReadOnlyInline
from herzen.evidence.models import EvidenceItem, Vouch


class VouchInline(ReadOnlyInline):
    model = Vouch
    fields = ("organisation", "vouched_by", "created_at", "withdrawn_at", "withdrawn_by")
    readonly_fields = fields


@admin.register(EvidenceItem)
class EvidenceItemAdmin(OrganisationScopedAdmin):
    list_display = ("title", "kind", "verification_status", "case", "organisation", "created_at")
    list_filter = ("kind", "verification_status", ("organisation", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("case", "organisation")
    fields = (
        "organisation",
        "case",
        "kind",
        "title",
        "original_language",
        "translation_status",
        "source_kind",
        "uploaded_by",
        "file_name",
        "file_size",
        "sha256",
        "verification_status",
        "corroboration_source",
        "flagged_at",
    )
    readonly_fields = fields
    inlines = (VouchInline,)
