"""Audited exports: one application's dossier (PDF and evidence files in a ZIP), and referral lists.

Exports change nothing, but personal data leaves Herzen with them, so each writes an audit event on every
application it carries, in the same transaction as the read.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_countries import countries

from herzen import audit
from herzen.core.actor import Actor
from herzen.core.exceptions import Invalid, PermissionDenied
from herzen.domain.referrals import build_table
from herzen.evidence import storage
from herzen.evidence.dossier import AttachedFile, Dossier, Section, build_zip
from herzen.evidence.models import EvidenceItem, VerificationStatus
from herzen.evidence.permissions import can_export_dossier, can_export_referral_list
from herzen.evidence.reader_dates import cell_date_format, long_date, table_date_pattern
from herzen.evidence.referral_files import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, to_csv, to_xlsx
from herzen.evidence.referral_labels import column_headers
from herzen.evidence.selectors import (
    ReferralList,
    application_evidence,
    application_risk_factors,
    referral_list,
)
from herzen.pathways.labels import MOVE_LABELS, PATHWAY_NAMES, STATE_LABELS
from herzen.pathways.models import Application
from herzen.pathways.selectors import (
    DocumentLine,
    IdentityLine,
    application_get,
    application_history,
    application_identities,
    shown_people,
)

FORMATS = ("csv", "xlsx")
# The dossier is read abroad: English unless the reader asks for another language (pages pass their own).
DOSSIER_LANGUAGE = "en"


# What leaves with each export (herzen.audit.models.DataCategory), for the access events of its download.
DOSSIER_SHOWS = ("application", "case", "identity", "documents", "household", "risk", "evidence")
REFERRAL_LIST_SHOWS = ("application", "case", "identity", "documents", "household")


@dataclass(frozen=True)
class ExportFile:
    name: str
    content_type: str
    content: bytes
    # The records whose data the file carries and which categories of it: the page or API operation that
    # hands the file out records them as shown (audit.record_access).
    shows: tuple[Model, ...]
    categories: tuple[str, ...]


def _day(value: date | None) -> str:
    return long_date(value)


def _document_text(document: DocumentLine) -> str:
    parts = [f"{document.document_type} {_('No.')} {document.number}"]
    if document.issuing_country:
        parts.append(document.issuing_country)
    if document.issue_date:
        parts.append(_("issued %(day)s") % {"day": _day(document.issue_date)})
    if document.expiry_date:
        parts.append(_("valid until %(day)s") % {"day": _day(document.expiry_date)})
    return ", ".join(parts) + f" ({document.status})"


def _member_section(line: IdentityLine) -> Section:
    facts = [(_("Role"), line.role), (_("Date of birth"), _day(line.date_of_birth))]
    if line.latin is not None:
        facts.append((_("Latin spelling"), f"{line.latin.name} ({line.latin.source})"))
    facts.extend((_("Identity document"), _document_text(document)) for document in line.documents)
    if not line.documents:
        facts.append((_("Identity document"), _("None recorded.")))
    return Section(line.full_name, facts=facts)


def _with_latin(line: IdentityLine) -> str:
    return f"{line.full_name} ({line.latin.name})" if line.latin else line.full_name


def _evidence_section(item: EvidenceItem) -> Section:
    facts = [
        (_("Kind of evidence"), item.get_kind_display()),
        (_("Concerns"), item.person.full_name if item.person else "—"),
        (_("Original language"), item.get_original_language_display()),
        (_("Translation"), item.get_translation_status_display()),
        (
            _("Obtained from"),
            " — ".join(p for p in (item.get_source_kind_display(), item.obtained_from) if p),
        ),
        (_("Added by"), f"{item.organisation.name}, {_day(item.created_at.date())}"),
        (_("Verification"), item.get_verification_status_display()),
    ]
    if item.corroboration_reference:
        facts.append(
            (_("Public source"), f"{item.get_corroboration_source_display()}: {item.corroboration_reference}")
        )
    for vouch in item.vouch_history:  # type: ignore[attr-defined]  # prefetched by evidence_list
        state = (
            _("standing")
            if vouch.is_active
            else _("withdrawn on %(day)s") % {"day": _day(vouch.withdrawn_at.date())}
        )
        facts.append((_("Vouch"), f"{vouch.organisation.name}, {_day(vouch.created_at.date())} ({state})"))
    if item.has_file:
        facts.append((_("File"), f"{item.file_name} ({item.file_size} B)"))
        facts.append((_("SHA-256"), item.sha256))
    return Section(item.title, facts=facts, paragraphs=[item.description] if item.description else [])


def _dossier(actor: Actor, application: Application) -> tuple[Dossier, list[Model]]:
    """The dossier, and the records whose data it carries: the application, its case, the household's
    members and the evidence sent."""
    case = application.case
    household = application_identities(actor=actor, application_id=application.pk)
    members = [_member_section(line) for line in household]
    factors = application_risk_factors(actor=actor, application_id=application.pk)
    factor_lines = [
        f"{factor.person.full_name}: {factor.get_kind_display()}"
        + (f", {factor.criminal_article}" if factor.criminal_article else "")
        + (f" ({_day(factor.occurred_on)})" if factor.occurred_on else "")
        for factor in factors
    ]
    # Evidence rejected as falsified is not sent: the NGO no longer stands behind it.
    items = [
        i
        for i in application_evidence(actor=actor, application_id=application.pk)
        if i.verification_status != VerificationStatus.REJECTED
    ]
    history = [
        f"{_day(change.occurred_at.date())}: "
        f"{_('Started') if change.transition == 'start' else MOVE_LABELS.get(change.transition, change.transition)} → "
        f"{STATE_LABELS.get(change.to_state, change.to_state)}"
        for change in application_history(actor=actor, application=application)
    ]
    pathway_name = str(PATHWAY_NAMES.get(application.pathway, application.pathway))
    principal = _with_latin(household[0]) if household else case.reference
    summary = Section(
        _("Summary"),
        facts=[
            (_("Pathway"), pathway_name),
            (_("Destination"), str(countries.name(application.destination_country))),
            (_("Status"), str(STATE_LABELS.get(application.state, application.state))),
            (_("Case reference"), case.reference),
            (_("Application ID"), str(application.pk)),
            (_("Referring organisation"), application.organisation.name),
            (_("Policy regime"), application.regime.name),
            (_("Evidence items"), str(len(items))),
        ],
    )
    dossier = Dossier(
        title=_("Dossier: %(name)s") % {"name": principal},
        subtitle=f"{pathway_name} · {case.reference} · {_day(timezone.localdate())}",
        sections=[
            summary,
            Section(_("Household"), items=members),
            Section(_("Risk factors"), paragraphs=factor_lines or [_("None recorded.")]),
            Section(
                _("Evidence"),
                items=[_evidence_section(i) for i in items] or [],
                paragraphs=[] if items else [_("None recorded.")],
            ),
            Section(_("History of the application"), paragraphs=history),
        ],
        files=[
            AttachedFile(
                item.file_name or f"evidence-{item.pk}",
                storage.read(item.stored_name, owner=storage.owner_of(item)),
                item.sha256,
            )
            for item in items
            if item.has_file
        ],
        footer=f"Herzen · {case.reference}",
    )
    return dossier, [application, case, *shown_people(household), *items]


def require_dossier_export(actor: Actor, application: Application) -> None:
    """Refuse, in words, whoever may see the application but not export its dossier (also before a job that
    would export it is queued)."""
    if not can_export_dossier(actor, application):
        raise PermissionDenied(
            _(
                "Only the organisation's caseworkers and supervisors, and the authority it was referred to, "
                "download its dossier."
            )
        )


@transaction.atomic
def dossier_export(*, actor: Actor, application_id: object, language: str = DOSSIER_LANGUAGE) -> ExportFile:
    """One application's dossier as a ZIP: a PDF (summary, household with Latin spellings and identity
    documents, risk factors, evidence and vouches, history) and every evidence file with SHA256SUMS, in
    `language` (its labels and dates). The NGO makes it; an authority it was referred to downloads it.
    Audited on the application."""
    application = application_get(actor=actor, application_id=application_id)
    require_dossier_export(actor, application)
    with override(language):
        dossier, carried = _dossier(actor, application)
    content = build_zip(dossier)
    audit.record(
        actor=actor, action="application.export_dossier", target=application, parent=application.case
    )
    return ExportFile(
        name=f"dossier-{application.case.reference}-{application.pathway}.zip",
        content_type="application/zip",
        content=content,
        shows=tuple(carried),
        categories=DOSSIER_SHOWS,
    )


@transaction.atomic
def referral_list_export(
    *,
    actor: Actor,
    file_format: str,
    authority_id: object | None = None,
    application_ids: list[object] | None = None,
    language: str = DOSSIER_LANGUAGE,
) -> ExportFile:
    """Many applications as a CSV or XLSX list with HXL hashtags (see herzen.domain.referrals), the same
    list an authority fills in and imports back. Audited on each application it carries."""
    if not can_export_referral_list(actor):
        raise PermissionDenied(_("Your role cannot export referral lists."))
    if file_format not in FORMATS:
        raise Invalid(_("Choose CSV or XLSX."), fields={"file_format": [_("Choose CSV or XLSX.")]})
    with override(language):
        listed = referral_list(actor=actor, authority_id=authority_id, application_ids=application_ids)
        table = build_table(listed.rows, headers=column_headers())
    audit.record_each(
        actor=actor,
        action="application.export_list",
        targets=[(application, application.case) for application in listed.applications],
    )
    stamp = timezone.localdate().isoformat()
    carried = (*listed.applications, *(a.case for a in listed.applications), *listed.principals)
    if file_format == "csv":
        content = to_csv(table, date_pattern=table_date_pattern(language))
        return ExportFile(f"referrals-{stamp}.csv", CSV_CONTENT_TYPE, content, carried, REFERRAL_LIST_SHOWS)
    content = to_xlsx(table, date_format=cell_date_format(language))
    return ExportFile(f"referrals-{stamp}.xlsx", XLSX_CONTENT_TYPE, content, carried, REFERRAL_LIST_SHOWS)


@transaction.atomic
def referral_list_export_part(
    *, actor: Actor, application_ids: list[object], language: str = DOSSIER_LANGUAGE
) -> ReferralList:
    """One part of a large referral list, exported by a job part by part (herzen.evidence.jobs) so that its
    progress can be shown: the rows of these applications, audited on each as `referral_list_export` is."""
    if not can_export_referral_list(actor):
        raise PermissionDenied(_("Your role cannot export referral lists."))
    with override(language):
        listed = referral_list(actor=actor, application_ids=application_ids)
    audit.record_each(
        actor=actor,
        action="application.export_list",
        targets=[(application, application.case) for application in listed.applications],
    )
    return listed
