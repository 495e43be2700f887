"""JSON API of sharing consents (issue 23): list a person's, record one, revoke one.

The same services and selectors as the person page; only the owning organisation reaches a consent (another
organisation's id answers 404). A revocation is an explicit sub-resource, never a DELETE: the consent is kept,
marked revoked, so who agreed to what, and when it ended, stays on record."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, ActorListApi, error_responses, parse_input
from herzen.people import selectors as people_selectors
from herzen.sharing import selectors, services
from herzen.sharing.models import ConsentMethod, SharedPart

TAG = "sharing"
# A consent names the person and carries a free-text note and reason (encrypted like other notes).
CATEGORIES = ["identity", "notes"]


class SharingConsentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    grantee_id = serializers.UUIDField(help_text="The organisation the record is shared with.")
    grantee_name = serializers.CharField(source="grantee.name")
    parts = serializers.ListField(child=serializers.ChoiceField(choices=SharedPart.choices))
    valid_until = serializers.DateField(help_text="The last day the consent holds.")
    given_how = serializers.ChoiceField(choices=ConsentMethod.choices)
    note = serializers.CharField()
    granted_by = serializers.CharField(source="granted_by.username")
    created_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoked_by = serializers.CharField(source="revoked_by.username", allow_null=True, default=None)
    revoke_reason = serializers.CharField()

    class Meta:
        ref_name = "SharingConsent"


class SharingConsentListApi(ActorListApi):
    @extend_schema(
        operation_id="sharing_consent_list",
        tags=[TAG],
        summary="A person's consents to share their record with another organisation (live, expired, revoked)",
        description="Record one with `POST`; revoke one with `POST /api/v1/sharing-consents/{id}/revocations/`.",
        responses={200: SharingConsentSerializer(many=True), **error_responses(404)},
    )
    def get(self, request: Request, person_id: str) -> Response:
        person = people_selectors.person_get(actor=self.actor, person_id=person_id)
        consents = selectors.sharing_consent_list(actor=self.actor, person=person)
        audit.record_access(actor=self.actor, target=person, categories=CATEGORIES, via=request)
        return self.paginated(consents, SharingConsentSerializer)


class SharingConsentRecordApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        grantee_id = serializers.UUIDField(
            help_text="Another organisation working with Herzen (no authority)."
        )
        parts = serializers.ListField(
            child=serializers.ChoiceField(choices=SharedPart.choices),
            min_length=1,
            help_text="Parts of the record to share (at least one; a part named twice counts once).",
        )
        valid_until = serializers.DateField(help_text="The last day the consent holds (today or later).")
        given_how = serializers.ChoiceField(choices=ConsentMethod.choices)
        note = serializers.CharField(required=False, allow_blank=True, max_length=5_000, default="")

        class Meta:
            ref_name = "SharingConsentRecord"

    @extend_schema(
        operation_id="sharing_consent_record",
        tags=[TAG],
        summary="Record a person's consent to share parts of their record with another organisation",
        request=InputSerializer,
        responses={201: SharingConsentSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, person_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        consent = services.sharing_consent_record(
            actor=self.actor,
            person_id=person_id,
            grantee_id=data["grantee_id"],
            parts=data["parts"],
            valid_until=data["valid_until"],
            given_how=data["given_how"],
            note=data["note"],
        )
        audit.record_access(actor=self.actor, target=consent.person, categories=CATEGORIES, via=request)
        return Response(SharingConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class SharingConsentRevokeApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=5_000, help_text="Why the consent is revoked.")

        class Meta:
            ref_name = "SharingConsentRevocation"

    @extend_schema(
        operation_id="sharing_consent_revoke",
        tags=[TAG],
        summary="Revoke a consent: from now on the other organisation sees nothing of the person",
        request=InputSerializer,
        responses={200: SharingConsentSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, consent_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        consent = services.sharing_consent_revoke(
            actor=self.actor, consent_id=consent_id, reason=data["reason"]
        )
        audit.record_access(actor=self.actor, target=consent.person, categories=CATEGORIES, via=request)
        return Response(SharingConsentSerializer(consent).data)
