"""JSON API of sealed documents (issue 19): a case's documents, one document, its signed PDF, issuing one and
changing its status; and, without a login, the operator-signed trust list and status lists a verifier needs.

The same services and selectors as the pages: only the organisation that decided a fact issues a document
stating it (an NGO asking for an authority's type gets 403), only the issuer revokes or suspends, another
organisation's document answers 404. Every operation that names a holder logs the access."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, error_responses, parse_input
from herzen.documents import keystore, selectors, services
from herzen.documents.models import DocumentStatus, IssuedDocument
from herzen.documents.pdf import render_pdf, sign_pdf
from herzen.documents.types import DOCUMENT_TYPES
from herzen.people.models import Person

TAG = "documents"
CATEGORIES = ["identity"]
STATUS_PURPOSES = ("revocation", "suspension")
SEALED_DOCUMENT_TYPES = [(code, code) for code in DOCUMENT_TYPES]


def _shown(api: ActorApi, documents: list[IssuedDocument]) -> None:
    holders = [Person(pk=document.person_id) for document in documents]  # one insert for the page
    if holders:
        audit.record_access(actor=api.actor, target=holders, categories=CATEGORIES, via=api.request)


class SealedDocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField(help_text="The issuer's number, printed on the paper.")
    document_type = serializers.ChoiceField(choices=SEALED_DOCUMENT_TYPES)
    organisation_id = serializers.UUIDField(help_text="The issuing organisation.")
    case_id = serializers.UUIDField()
    application_id = serializers.UUIDField(allow_null=True)
    payout_id = serializers.UUIDField(allow_null=True, help_text="The payout an aid receipt states.")
    holder_name = serializers.CharField()
    holder_name_latin = serializers.CharField(help_text="ICAO Doc 9303 transliteration, as printed.")
    holder_birth_date = serializers.DateField(allow_null=True)
    facts = serializers.DictField(child=serializers.CharField(), help_text="What the paper states.")
    valid_from = serializers.DateTimeField()
    valid_until = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=DocumentStatus.choices)
    status_reason = serializers.CharField(allow_blank=True)
    kid = serializers.CharField(
        help_text="Hex of the sealing key's id (DCC: SHA-256 of its certificate, 8 bytes)."
    )
    token = serializers.CharField(help_text="The seal: HZ1: + Base45 of a zlib-compressed COSE_Sign1 CWT.")

    class Meta:
        ref_name = "SealedDocument"


class CaseDocumentListApi(ActorListApi):
    @extend_schema(
        operation_id="case_sealed_document_list",
        tags=[TAG],
        summary="The sealed documents of a case the organisation issued or whose case it holds",
        responses={
            200: SealedDocumentSerializer(many=True),
            **error_responses(404),
        },  # 404: a page past the end
    )
    def get(self, request: Request, case_id: str) -> Response:
        documents = selectors.documents_of_case(actor=self.actor, case_id=case_id)
        return self.paginated(documents, SealedDocumentSerializer, shown=lambda page: _shown(self, page))


class DocumentIssueApi(ActorApi):
    error_field_names = {"application": "application_id", "case": "case_id", "payout": "payout_id"}

    class InputSerializer(serializers.Serializer):
        document_type = serializers.ChoiceField(
            choices=SEALED_DOCUMENT_TYPES,
            help_text="Only the organisation that decided the fact issues a document stating it: an NGO its "
            "attestation, an authority its recorded decision, the paying organisation an aid receipt.",
        )
        application_id = serializers.UUIDField(
            required=False,
            allow_null=True,
            default=None,
            help_text="The application whose decision it states: required for an authority's document types.",
        )
        case_id = serializers.UUIDField(
            required=False,
            allow_null=True,
            default=None,
            help_text="The case an NGO's attestation states (or give its application_id).",
        )
        payout_id = serializers.UUIDField(
            required=False,
            allow_null=True,
            default=None,
            help_text="The confirmed payout an aid receipt states: required for aid_receipt.",
        )

        class Meta:
            ref_name = "SealedDocumentIssue"

    @extend_schema(
        operation_id="sealed_document_issue",
        tags=[TAG],
        summary="Issue a sealed document (numbered, linked to the case, audited)",
        request=InputSerializer,
        responses={201: SealedDocumentSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        document = services.document_issue(actor=self.actor, **data)
        _shown(self, [document])
        return Response(SealedDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentApi(ActorApi):
    @extend_schema(
        operation_id="sealed_document_get",
        tags=[TAG],
        summary="One sealed document",
        responses={200: SealedDocumentSerializer, **error_responses(404)},
    )
    def get(self, request: Request, document_id: str) -> Response:
        document = selectors.document_get(actor=self.actor, document_id=document_id)
        _shown(self, [document])
        return Response(SealedDocumentSerializer(document).data)


class DocumentPdfApi(ActorApi):
    @extend_schema(
        operation_id="sealed_document_pdf",
        tags=[TAG],
        summary="The document as a PDF with its QR seal, PAdES-signed with the issuer's seal certificate",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            **error_responses(404),
        },
    )
    def get(self, request: Request, document_id: str) -> HttpResponse:
        document = selectors.document_get(actor=self.actor, document_id=document_id)
        _shown(self, [document])
        pdf = render_pdf(document, verify_url=request.build_absolute_uri(reverse("web:verifier")))
        response = HttpResponse(sign_pdf(pdf, keystore.signer(document.kid)), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.number}.pdf"'
        response["Cache-Control"] = "no-store"
        return response


class DocumentStatusChangeApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(
            choices=DocumentStatus.choices,
            help_text="revoked (for good), suspended, or valid (lifts a suspension). Only the issuer.",
        )
        reason = serializers.CharField(max_length=500, help_text="Why; kept with the document.")

        class Meta:
            ref_name = "SealedDocumentStatusChange"

    @extend_schema(
        operation_id="sealed_document_status_change",
        tags=[TAG],
        summary="Revoke or suspend a document, or lift its suspension (the next status list says so)",
        request=InputSerializer,
        responses={200: SealedDocumentSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, document_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        document = services.document_status_change(actor=self.actor, document_id=document_id, **data)
        _shown(self, [document])
        return Response(SealedDocumentSerializer(document).data)


# --- Public: what any verifier downloads (no login, no personal data, cacheable) ------------------------------


class JwsSerializer(serializers.Serializer):
    protected = serializers.CharField(help_text='base64url of {"alg": "ES256", "kid": <operator key id>}')
    payload = serializers.CharField(help_text="base64url of the JSON body")
    signature = serializers.CharField(help_text="base64url of the raw ES256 signature (r ‖ s)")

    class Meta:
        ref_name = "OperatorSignedJws"


class PublicApi(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def cached(self, body: dict[str, str]) -> Response:
        response = Response(body)
        patch_cache_control(response, public=True, max_age=selectors.STATUS_TTL_SECONDS)
        return response


class TrustListApi(PublicApi):
    @extend_schema(
        operation_id="seal_trust_list",
        tags=[TAG],
        auth=[],
        summary="The trust list: issuer keys and the document types each may seal, signed by the operator",
        description="A flattened JWS (ES256) by the operator's key (/.well-known/herzen/operator-key.pem). "
        "No login; cacheable for the status lists' TTL.",
        responses={200: JwsSerializer},
    )
    def get(self, request: Request) -> Response:
        return self.cached(selectors.signed_trust_list())


class StatusListApi(PublicApi):
    @extend_schema(
        operation_id="seal_status_list",
        tags=[TAG],
        auth=[],
        summary="A W3C Bitstring Status List (131,072 entries), signed by the operator",
        description="A flattened JWS (ES256) by the operator's key whose payload is the "
        "BitstringStatusListCredential. Verifiers refuse a list whose signature fails. No login; ttl ≤ 24 h.",
        parameters=[OpenApiParameter("purpose", str, OpenApiParameter.PATH, enum=list(STATUS_PURPOSES))],
        responses={200: JwsSerializer, **error_responses(404)},
    )
    def get(self, request: Request, purpose: str) -> Response:
        if purpose not in STATUS_PURPOSES:
            raise NotFound()
        url = request.build_absolute_uri(reverse("web:status-list", args=[purpose]))
        return self.cached(selectors.signed_status_list(purpose, url))
