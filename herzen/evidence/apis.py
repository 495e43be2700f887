"""JSON API of evidence and vouches.

One class per operation, joined per URL by `herzen.core.api.resource`: `GET`/`POST /cases/<id>/evidence/`,
`GET`/`PATCH /evidence/<id>/`, and each verification step a POST to a sub-collection named for it
(`/corroborations/`, `/vouches/`, `/fraud-flags/`, `/vouches/<id>/withdrawals/`). Adding
evidence takes `multipart/form-data` when it carries a file (JSON otherwise); the file itself is read from
`GET /evidence/<id>/file/` as `application/octet-stream`. Evidence of another organisation answers 404.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.cases.selectors import case_get
from herzen.core.api import ActorApi, error_responses, parse_input
from herzen.core.exceptions import PermissionDenied
from herzen.evidence import jobs as evidence_jobs
from herzen.evidence import selectors, services
from herzen.evidence.models import (
    EvidenceKind,
    Language,
    PublicSource,
    SourceKind,
    TranslationStatus,
    VerificationStatus,
)
from herzen.evidence.permissions import can_import_decisions
from herzen.evidence.referral_files import XLSX_CONTENT_TYPE
from herzen.evidence.services.exports import DOSSIER_LANGUAGE, require_dossier_export
from herzen.jobs.apis import JobSerializer, job_accepted
from herzen.jobs.services import job_start
from herzen.pathways.selectors import application_get

EVIDENCE = "evidence"


class VouchSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    organisation_id = serializers.UUIDField()
    organisation = serializers.CharField(source="organisation.name")
    vouched_by = serializers.CharField()
    statement = serializers.CharField()
    created_at = serializers.DateTimeField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    withdrawn_by = serializers.CharField(allow_null=True)
    withdrawal_reason = serializers.CharField()

    class Meta:
        ref_name = "Vouch"


class EvidenceSerializer(serializers.Serializer):
    """An evidence item as every evidence operation returns it; the file is fetched separately."""

    id = serializers.UUIDField()
    case_id = serializers.UUIDField()
    person_id = serializers.UUIDField(allow_null=True)
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    original_language = serializers.ChoiceField(choices=Language.choices)
    translation_status = serializers.ChoiceField(choices=TranslationStatus.choices)
    source_kind = serializers.ChoiceField(choices=SourceKind.choices)
    obtained_from = serializers.CharField()
    uploaded_by = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    created_at = serializers.DateTimeField()
    risk_factor_ids = serializers.SerializerMethodField()
    has_file = serializers.BooleanField()
    file_name = serializers.CharField()
    content_type = serializers.CharField()
    file_size = serializers.IntegerField(allow_null=True)
    sha256 = serializers.CharField(help_text="Hex SHA-256 of the file as uploaded; empty without a file.")
    verification_status = serializers.ChoiceField(choices=VerificationStatus.choices)
    corroboration_source = serializers.CharField()
    corroboration_reference = serializers.CharField()
    fraud_reason = serializers.CharField()
    flagged_at = serializers.DateTimeField(allow_null=True)
    vouches = serializers.SerializerMethodField()

    class Meta:
        ref_name = "Evidence"

    def get_risk_factor_ids(self, item: Any) -> list[str]:
        return [str(f.pk) for f in item.risk_factors.all()]

    @extend_schema_field(VouchSerializer(many=True))
    def get_vouches(self, item: Any) -> list[dict[str, Any]]:
        # Refetched items (after a write) have no prefetched history; read it then.
        vouches = getattr(item, "vouch_history", None)
        if vouches is None:
            vouches = list(item.vouches.select_related("organisation", "vouched_by", "withdrawn_by"))
        return list(VouchSerializer(vouches, many=True).data)


def _concerned(items: Iterable[Any]) -> list[Any]:
    """The items and the people they concern: showing an item shows what is known of that person."""
    items = list(items)
    return [*items, *(item.person for item in items if item.person_id)]


def _record_shown(api: ActorApi, records: list[Any]) -> None:
    audit.record_access(actor=api.actor, target=records, categories=["evidence"], via=api.request)


def _item(api: ActorApi, evidence_id: object) -> dict[str, Any]:
    """The item as the API shows it, read back through the selector (with its vouch history); its showing
    is recorded."""
    item = selectors.evidence_get(actor=api.actor, evidence_id=evidence_id)
    _record_shown(api, _concerned([item]))
    return dict(EvidenceSerializer(item).data)


def _vouch(api: ActorApi, vouch: Any) -> dict[str, Any]:
    """A vouch as the API shows it: its statement speaks about the evidence, so that is recorded as shown."""
    _record_shown(api, _concerned([vouch.evidence]))
    return dict(VouchSerializer(vouch).data)


class EvidenceListApi(ActorApi):
    @extend_schema(
        operation_id="evidence_list",
        tags=[EVIDENCE],
        summary="The evidence of a case",
        responses={200: EvidenceSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, case_id: str) -> Response:
        case = case_get(actor=self.actor, case_id=case_id)
        items = list(selectors.evidence_list(actor=self.actor, case=case))
        _record_shown(self, [case, *_concerned(items)])
        return Response(EvidenceSerializer(items, many=True).data)


class EvidenceAddApi(ActorApi):
    parser_classes = [MultiPartParser, JSONParser]
    error_field_names = {"person": "person_id", "risk_factors": "risk_factor_ids"}

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=EvidenceKind.choices)
        title = serializers.CharField(max_length=200)
        source_kind = serializers.ChoiceField(choices=SourceKind.choices)
        obtained_from = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
        description = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
        original_language = serializers.ChoiceField(choices=Language.choices, default=Language.RUSSIAN)
        translation_status = serializers.ChoiceField(
            choices=TranslationStatus.choices, default=TranslationStatus.NONE
        )
        person_id = serializers.UUIDField(required=False, allow_null=True, default=None)
        risk_factor_ids = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)
        file = serializers.FileField(required=False, allow_null=True, default=None)

        class Meta:
            ref_name = "EvidenceAdd"

    class MultipartInputSerializer(InputSerializer):
        # A form field cannot be null: leave the person out instead (multipart/form-data has no "null").
        person_id = serializers.UUIDField(required=False, default=None)
        file = serializers.FileField(required=False, default=None)

        class Meta:
            ref_name = "EvidenceAddMultipart"

    class JsonInputSerializer(InputSerializer):
        # JSON carries no file: a "file" there is not part of the request (multipart/form-data carries one).
        file = None  # type: ignore[assignment]

        class Meta:
            ref_name = "EvidenceAddJson"

    @extend_schema(
        operation_id="evidence_add",
        tags=[EVIDENCE],
        summary="Add evidence to a case, with its file",
        description="Send `multipart/form-data` to include a file; its SHA-256 is computed on arrival.",
        request={"multipart/form-data": MultipartInputSerializer, "application/json": JsonInputSerializer},
        responses={201: EvidenceSerializer, **error_responses(400, 404)},
    )
    def post(self, request: Request, case_id: str) -> Response:
        multipart = (request.content_type or "").startswith("multipart/")
        data = parse_input(
            self.MultipartInputSerializer if multipart else self.JsonInputSerializer, request.data
        )
        data.setdefault("file", None)
        item = services.evidence_add(actor=self.actor, case_id=case_id, **data)
        return Response(_item(self, item.pk), status=status.HTTP_201_CREATED)


class EvidenceDetailApi(ActorApi):
    @extend_schema(
        operation_id="evidence_get",
        tags=[EVIDENCE],
        summary="One evidence item with its vouch history",
        responses={200: EvidenceSerializer, **error_responses(404)},
    )
    def get(self, request: Request, evidence_id: str) -> Response:
        return Response(_item(self, evidence_id))


class EvidenceFileApi(ActorApi):
    @extend_schema(
        operation_id="evidence_file",
        tags=[EVIDENCE],
        summary="The file of an evidence item",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="The file."),
            **error_responses(404),
        },
    )
    def get(self, request: Request, evidence_id: str) -> HttpResponse:
        item, content = selectors.evidence_file(actor=self.actor, evidence_id=evidence_id)
        _record_shown(self, _concerned([item]))
        response = HttpResponse(content, content_type="application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(
            True, item.file_name or f"evidence-{item.pk}"
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


class EvidenceUpdateApi(ActorApi):
    error_field_names = {"risk_factors": "risk_factor_ids"}

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=EvidenceKind.choices, required=False)
        title = serializers.CharField(max_length=200, required=False)
        description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
        original_language = serializers.ChoiceField(choices=Language.choices, required=False)
        translation_status = serializers.ChoiceField(choices=TranslationStatus.choices, required=False)
        source_kind = serializers.ChoiceField(choices=SourceKind.choices, required=False)
        obtained_from = serializers.CharField(max_length=500, required=False, allow_blank=True)
        risk_factor_ids = serializers.ListField(child=serializers.UUIDField(), required=False)

        class Meta:
            ref_name = "EvidenceUpdate"

    @extend_schema(
        operation_id="evidence_update",
        tags=[EVIDENCE],
        summary="Correct an evidence item's description, translation or linked risk factors",
        description="The file and the verification never change here.",
        request=InputSerializer,
        responses={200: EvidenceSerializer, **error_responses(400, 404)},
    )
    def patch(self, request: Request, evidence_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        services.evidence_update(actor=self.actor, evidence_id=evidence_id, **data)
        return Response(_item(self, evidence_id))


class EvidenceCorroborateApi(ActorApi):
    error_field_names = {"corroboration_source": "source", "corroboration_reference": "reference"}

    class InputSerializer(serializers.Serializer):
        source = serializers.ChoiceField(choices=PublicSource.choices)
        reference = serializers.CharField(
            max_length=1000, help_text="A URL or a citation; Herzen never opens it."
        )

        class Meta:
            ref_name = "EvidenceCorroborate"

    @extend_schema(
        operation_id="evidence_corroborate",
        tags=[EVIDENCE],
        summary="Cite a public source that corroborates the evidence",
        request=InputSerializer,
        responses={200: EvidenceSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, evidence_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        services.evidence_corroborate(actor=self.actor, evidence_id=evidence_id, **data)
        return Response(_item(self, evidence_id))


class EvidenceVouchApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        statement = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")

        class Meta:
            ref_name = "EvidenceVouch"

    @extend_schema(
        operation_id="evidence_vouch",
        tags=[EVIDENCE],
        summary="Your organisation vouches for the evidence (supervisors)",
        request=InputSerializer,
        responses={201: VouchSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, evidence_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        vouch = services.evidence_vouch(actor=self.actor, evidence_id=evidence_id, **data)
        return Response(_vouch(self, vouch), status=status.HTTP_201_CREATED)


class VouchWithdrawApi(ActorApi):
    error_field_names = {"withdrawal_reason": "reason"}

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=5000)

        class Meta:
            ref_name = "VouchWithdraw"

    @extend_schema(
        operation_id="vouch_withdraw",
        tags=[EVIDENCE],
        summary="Withdraw your organisation's vouch (supervisors); it stays on record",
        request=InputSerializer,
        responses={200: VouchSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, vouch_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        vouch = services.vouch_withdraw(actor=self.actor, vouch_id=vouch_id, **data)
        return Response(_vouch(self, vouch))


class EvidenceFlagFraudApi(ActorApi):
    error_field_names = {"fraud_reason": "reason"}

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=5000)

        class Meta:
            ref_name = "EvidenceFlagFraud"

    @extend_schema(
        operation_id="evidence_flag_fraud",
        tags=[EVIDENCE],
        summary="Reject the evidence as falsified (supervisors); standing vouches are withdrawn",
        request=InputSerializer,
        responses={200: EvidenceSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, evidence_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        services.evidence_flag_fraud(actor=self.actor, evidence_id=evidence_id, **data)
        return Response(_item(self, evidence_id))


class DossierExportApi(ActorApi):
    @extend_schema(
        operation_id="application_dossier_export",
        tags=[EVIDENCE],
        summary="Export one application's dossier (ZIP: PDF, evidence files, SHA256SUMS)",
        description="A POST because every export is recorded in the audit trail.",
        request=None,
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The dossier."),
            (202, "application/json"): OpenApiResponse(
                JobSerializer,
                description=(
                    "Evidence files over HERZEN_DOSSIER_JOB_THRESHOLD_BYTES in all: the worker packs the ZIP; "
                    "poll the job (`Location`) and fetch its file."
                ),
            ),
            **error_responses(404),
        },
    )
    def post(self, request: Request, application_id: str) -> HttpResponse:
        if selectors.application_evidence_bytes(actor=self.actor, application_id=application_id) > (
            settings.HERZEN_DOSSIER_JOB_THRESHOLD_BYTES
        ):
            # Too large to pack in a request, as on the page: the worker makes the ZIP. Refused before it is
            # queued, with the service's words, for whoever may see the application but not export it.
            require_dossier_export(
                self.actor, application_get(actor=self.actor, application_id=application_id)
            )
            job = job_start(
                actor=self.actor,
                job_task=evidence_jobs.dossier_export,
                kind="dossier_export",
                params={"application_id": str(application_id), "language": DOSSIER_LANGUAGE},
            )
            return job_accepted(self, job)
        return _download(self, services.dossier_export(actor=self.actor, application_id=application_id))


class ReferralListExportApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        file_format = serializers.ChoiceField(choices=["csv", "xlsx"], default="xlsx")
        authority_id = serializers.UUIDField(
            required=False,
            allow_null=True,
            default=None,
            help_text="Only applications now with this authority.",
        )
        application_ids = serializers.ListField(
            child=serializers.UUIDField(), required=False, allow_null=True, default=None
        )

        class Meta:
            ref_name = "ReferralListExport"

    @extend_schema(
        operation_id="referral_list_export",
        tags=[EVIDENCE],
        summary="Export a referral list (CSV or XLSX, HXL hashtags in the second row)",
        description=(
            "An NGO's list holds the applications it referred; an authority's those referred to it. The "
            "columns and hashtags are documented in herzen.domain.referrals. Audited per application."
        ),
        request=InputSerializer,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="The list as CSV."),
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The list as XLSX."),
            **error_responses(400),
        },
    )
    def post(self, request: Request) -> HttpResponse:
        data = parse_input(self.InputSerializer, request.data)
        return _download(self, services.referral_list_export(actor=self.actor, **data))


class DecisionsImportApi(ActorApi):
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(help_text="The referral list with the decision columns filled in.")

        class Meta:
            ref_name = "DecisionsImport"

    class OutputSerializer(serializers.Serializer):
        applied = serializers.IntegerField(help_text="How many decisions were recorded.")
        already_recorded = serializers.IntegerField(
            help_text="Lines whose decision was recorded before (the same file imported again): left as they were."
        )

        class Meta:
            ref_name = "DecisionsImportResult"

    @extend_schema(
        operation_id="decisions_import",
        tags=[EVIDENCE],
        summary="Import an authority's decisions from a referral list: all of them or none",
        description=(
            "If any line has a problem nothing is recorded, and the 400's `fields.file` lists every problem "
            "as `Line N: reason`."
        ),
        request={"multipart/form-data": InputSerializer},
        responses={
            200: OutputSerializer,
            202: OpenApiResponse(
                JobSerializer,
                description=(
                    "A file over HERZEN_IMPORT_JOB_THRESHOLD_BYTES is imported by the worker: poll the job "
                    "(`Location`); a refused file's problems are in its `problems`, and nothing is recorded."
                ),
            ),
            **error_responses(400),
        },
    )
    def post(self, request: Request) -> Response:
        # Refuse before reading the upload: an NGO's staff get 403 whatever they send, not a parser's 415.
        if not can_import_decisions(self.actor):
            raise PermissionDenied(_("Only an authority's staff import decisions."))
        data = parse_input(self.InputSerializer, request.data)
        upload = data["file"]
        if upload.size > settings.HERZEN_IMPORT_JOB_THRESHOLD_BYTES:
            # Too large for a request, as on the page: the worker checks and applies it, all or nothing.
            job = job_start(
                actor=self.actor,
                job_task=evidence_jobs.decision_import,
                kind="decision_import",
                input_file=upload.read(),
            )
            return job_accepted(self, job)
        result = services.decisions_import(actor=self.actor, content=upload.read())
        return Response(
            self.OutputSerializer(
                {"applied": result.applied, "already_recorded": result.already_recorded}
            ).data
        )


def _download(api: ActorApi, export: services.ExportFile) -> HttpResponse:
    audit.record_access(actor=api.actor, target=export.shows, categories=export.categories, via=api.request)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
