"""JSON API of aid (issue 18): programmes with their aggregates, grants (proposed with the rules' explanation,
decided by four eyes), payouts through typed channels along their state machine, SEPA batches and bank status
reports, and sanctions matches decided by a person.

The same services and selectors as the aid pages: every change is audited there, every read scoped to the
actor's organisation, and another organisation's id answers 404. A funder organisation reads the aggregates
of the programmes it funds (kept balances, sums per month) and nothing about any person."""

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.aid import payment_files, payout_services, sanctions_services, services
from herzen.aid.explain import grant_steps, hit_steps
from herzen.aid.models import CHANNEL_CHOICES, PAYOUT_STATE_CHOICES, GrantStatus, SanctionsHit
from herzen.aid.payout_selectors import (
    payment_file_get,
    payment_file_payouts,
    payout_get,
    payout_list,
    programme_aggregates,
    programme_balances,
    programme_list_aggregates,
    tranche_get,
)
from herzen.aid.permissions import can_handle_payouts
from herzen.aid.selectors import (
    grant_get,
    programme_get,
    programme_grants,
    programme_list,
    sanctions_hit_get,
    sanctions_hit_list,
)
from herzen.core.api import ActorApi, ActorListApi, error_responses, parse_input
from herzen.core.exceptions import Invalid, PermissionDenied
from herzen.domain.aid.channels import LOCAL_BANK_COUNTRIES, ChannelKind
from herzen.domain.aid.crypto_addresses import Network

TAG = "aid"
CATEGORIES = ["identity"]
# A payout names its payee and how they are paid (account, address, phone).
PAYOUT_CATEGORIES = ["identity", "contact"]
MINOR_UNITS = "Whole minor units of the programme's currency."


class TrancheSerializer(serializers.Serializer):
    id = serializers.UUIDField(
        help_text="Payouts are proposed for a tranche (POST aid/tranches/{id}/payouts/)."
    )
    number = serializers.IntegerField(min_value=1)
    due_on = serializers.DateField()
    amount = serializers.IntegerField(min_value=1, help_text="Whole minor units of the programme's currency.")

    class Meta:
        ref_name = "AidTranche"


class GrantSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    programme_id = serializers.UUIDField()
    case_id = serializers.UUIDField()
    payee_id = serializers.UUIDField()
    currency = serializers.CharField(source="programme.currency", help_text="ISO 4217 code.")
    total = serializers.IntegerField(min_value=1, help_text="Whole minor units of the programme's currency.")
    status = serializers.ChoiceField(choices=GrantStatus.choices)
    explanation = serializers.SerializerMethodField(
        help_text="How the rules computed the amount, step by step."
    )
    tranches = TrancheSerializer(many=True, source="tranches.all")
    proposed_by = serializers.CharField(source="proposed_by.username")
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)

    class Meta:
        ref_name = "AidGrant"

    def get_explanation(self, grant: object) -> list[str]:
        return grant_steps(grant)


class GrantApi(ActorApi):
    @extend_schema(
        operation_id="aid_grant_get",
        tags=[TAG],
        summary="A grant to a household, with its explanation and tranches",
        responses={200: GrantSerializer, **error_responses(404)},
    )
    def get(self, request: Request, grant_id: str) -> Response:
        grant = grant_get(actor=self.actor, grant_id=grant_id)
        audit.record_access(actor=self.actor, target=grant.payee, categories=CATEGORIES, via=request)
        return Response(GrantSerializer(grant).data)


class GrantDecisionApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(
            choices=[("approve", "approve"), ("reject", "reject")],
            help_text="Approve (commit the money) or reject. Never by the person who proposed the grant; from "
            "the programme's threshold on, only a supervisor or organisation admin.",
        )

        class Meta:
            ref_name = "AidGrantDecision"

    @extend_schema(
        operation_id="aid_grant_decide",
        tags=[TAG],
        summary="Decide a proposed grant (four eyes)",
        request=InputSerializer,
        responses={200: GrantSerializer, **error_responses(400, 403, 404, 409)},
    )
    def post(self, request: Request, grant_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        grant = services.grant_decide(
            actor=self.actor, grant_id=grant_id, approve=data["decision"] == "approve"
        )
        audit.record_access(actor=self.actor, target=grant.payee, categories=CATEGORIES, via=request)
        return Response(GrantSerializer(grant).data)


# --- programmes: aggregates only (a funder organisation reads these and nothing else) ------------------------


class BalancesSerializer(serializers.Serializer):
    """The programme's kept account balances (checked against the postings by `herzen ledger verify`)."""

    funding = serializers.IntegerField(help_text="The funder's contributions (negative: money given).")
    budget = serializers.IntegerField(help_text="Budget not yet committed to a grant.")
    committed = serializers.IntegerField(help_text="Approved grants not yet paid out.")
    in_transit = serializers.IntegerField(help_text="Payouts sent, not yet confirmed.")
    paid = serializers.IntegerField(help_text="Payouts confirmed.")
    returned = serializers.IntegerField(help_text="Failed payouts not yet re-routed.")
    fees = serializers.IntegerField()
    fx = serializers.IntegerField(help_text="Currency exchange.")

    class Meta:
        ref_name = "AidBalances"


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="The first day of the month.")
    committed = serializers.IntegerField(help_text="Approved in the month. " + MINOR_UNITS)
    paid = serializers.IntegerField(help_text="Confirmed in the month. " + MINOR_UNITS)
    returned = serializers.IntegerField(help_text="Failed or returned in the month. " + MINOR_UNITS)

    class Meta:
        ref_name = "AidMonth"


class ProgrammeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    funder = serializers.CharField(source="funder.name")
    currency = serializers.CharField(help_text="ISO 4217 code.")
    budget = serializers.IntegerField(help_text=MINOR_UNITS)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    supervisor_threshold = serializers.IntegerField(
        help_text="Grants of this total or more are approved by a supervisor. " + MINOR_UNITS
    )
    balances = serializers.SerializerMethodField()

    class Meta:
        ref_name = "AidProgramme"

    @extend_schema_field(BalancesSerializer)
    def get_balances(self, programme: Any) -> dict[str, int]:
        return programme_balances(programme)


class ProgrammeDetailSerializer(ProgrammeSerializer):
    months = MonthSerializer(many=True, help_text="Committed, paid and returned per calendar month.")

    class Meta:
        ref_name = "AidProgrammeDetail"


class ProgrammeListApi(ActorListApi):
    @extend_schema(
        operation_id="aid_programme_list",
        tags=[TAG],
        summary="The organisation's aid programmes (a funder organisation: those it funds), with balances",
        responses={200: ProgrammeSerializer(many=True), **error_responses(404)},  # 404: a page past the end
    )
    def get(self, request: Request) -> Response:
        programmes = programme_list_aggregates(actor=self.actor, programmes=programme_list(actor=self.actor))
        return self.paginated(programmes, ProgrammeSerializer)


class ProgrammeDetailApi(ActorApi):
    @extend_schema(
        operation_id="aid_programme_get",
        tags=[TAG],
        summary="One programme with its balances and its sums per month (what a funder reads)",
        responses={200: ProgrammeDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, programme_id: str) -> Response:
        programme = programme_get(actor=self.actor, programme_id=programme_id)
        aggregates = programme_aggregates(actor=self.actor, programme=programme)
        programme.months = aggregates.months  # type: ignore[attr-defined]
        return Response(ProgrammeDetailSerializer(programme).data)


# --- grants ----------------------------------------------------------------------------------------------


class GrantListApi(ActorListApi):
    @extend_schema(
        operation_id="aid_grant_list",
        tags=[TAG],
        summary="The grants of a programme, newest first (the organisation's staff; a funder sees none)",
        responses={200: GrantSerializer(many=True), **error_responses(404)},  # 404: also a page past the end
    )
    def get(self, request: Request, programme_id: str) -> Response:
        programme = programme_get(actor=self.actor, programme_id=programme_id)
        grants = (
            programme_grants(actor=self.actor, programme=programme)
            .select_related("programme", "proposed_by", "decided_by")
            .prefetch_related("tranches")
            .order_by("-created_at", "id")
        )

        def shown(page: list[Any]) -> None:
            if page:
                audit.record_access(
                    actor=self.actor, target=[g.payee for g in page], categories=CATEGORIES, via=request
                )

        return self.paginated(grants, GrantSerializer, shown=shown)


class GrantProposeApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        case_id = serializers.UUIDField(help_text="The household's case.")
        payee_id = serializers.UUIDField(help_text="A member of the case's household.")

        class Meta:
            ref_name = "AidGrantProposal"

    error_field_names = {"payee": "payee_id", "case": "case_id"}

    @extend_schema(
        operation_id="aid_grant_propose",
        tags=[TAG],
        summary="Propose a grant: the programme's rules compute the amount and tranches, and explain them",
        description="The payee must belong to the case's household (400 on `payee_id` otherwise). The "
        "programme must be running, its rules must give the household something and its remaining budget "
        "must cover the grant (409 otherwise).",
        request=InputSerializer,
        responses={201: GrantSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, programme_id: str) -> Response:
        data = parse_input(self.InputSerializer, request.data)
        grant = services.grant_propose(
            actor=self.actor, programme_id=programme_id, case_id=data["case_id"], payee_id=data["payee_id"]
        )
        audit.record_access(actor=self.actor, target=grant.payee, categories=CATEGORIES, via=request)
        return Response(GrantSerializer(grant).data, status=status.HTTP_201_CREATED)


# --- payouts ---------------------------------------------------------------------------------------------


# Each channel's request names its channel (the discriminator), as its own enum in the schema
# (settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
SEPA_ONLY = [ChannelKind.SEPA.value]
LOCAL_BANK_ONLY = [ChannelKind.LOCAL_BANK.value]
CASH_ONLY = [ChannelKind.CASH.value]
CRYPTO_ONLY = [ChannelKind.CRYPTO.value]
OPERATOR_ONLY = [ChannelKind.OPERATOR.value]
REPORT_KINDS = ["pain.002", "camt.054"]


def _channel(kind: ChannelKind) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=[kind.value], help_text="The payout channel.")


class SepaDetails(serializers.Serializer):
    channel = _channel(ChannelKind.SEPA)
    account_holder = serializers.CharField(max_length=70)
    iban = serializers.CharField(
        max_length=42,
        help_text="An IBAN with a valid checksum (checked with schwifty); the programme pays in EUR.",
    )
    bic = serializers.CharField(
        max_length=11, required=False, default="", allow_blank=True,
        help_text="Valid BIC; may be left out when the IBAN's bank is known.",
    )  # fmt: skip

    class Meta:
        ref_name = "AidSepaChannel"


class LocalBankDetails(serializers.Serializer):
    channel = _channel(ChannelKind.LOCAL_BANK)
    country = serializers.ChoiceField(choices=sorted(LOCAL_BANK_COUNTRIES))
    account_holder = serializers.CharField(max_length=70)
    bank_name = serializers.CharField(max_length=70)
    iban = serializers.CharField(
        max_length=42, required=False, default="", allow_blank=True,
        help_text="Georgia and Kazakhstan: an IBAN of that country with a valid checksum.",
    )  # fmt: skip
    account_number = serializers.RegexField(
        r"^\d{16}$", required=False, default="", allow_blank=True,
        help_text="Armenia: the 16-digit account number.",
    )  # fmt: skip

    class Meta:
        ref_name = "AidLocalBankChannel"


class CashDetails(serializers.Serializer):
    channel = _channel(ChannelKind.CASH)
    recipient = serializers.CharField(
        max_length=140, help_text="Who receives the cash and signs the receipt."
    )
    place = serializers.CharField(max_length=140, required=False, default="", allow_blank=True)

    class Meta:
        ref_name = "AidCashChannel"


class CryptoDetails(serializers.Serializer):
    channel = _channel(ChannelKind.CRYPTO)
    network = serializers.ChoiceField(choices=[n.value for n in Network])
    address = serializers.CharField(
        max_length=140,
        help_text="A USDT address on the network, with a valid checksum (Tron base58, EIP-55).",
    )

    class Meta:
        ref_name = "AidCryptoChannel"


class OperatorDetails(serializers.Serializer):
    channel = _channel(ChannelKind.OPERATOR)
    operator = serializers.CharField(max_length=70, help_text="Korona, Unistream, Wise...")
    recipient = serializers.CharField(max_length=140)
    phone = serializers.RegexField(r"^\+?\d{7,15}$", required=False, default="", allow_blank=True)

    class Meta:
        ref_name = "AidOperatorChannel"


CHANNEL_SERIALIZERS: dict[str, type[serializers.Serializer]] = {
    ChannelKind.SEPA.value: SepaDetails,
    ChannelKind.LOCAL_BANK.value: LocalBankDetails,
    ChannelKind.CASH.value: CashDetails,
    ChannelKind.CRYPTO.value: CryptoDetails,
    ChannelKind.OPERATOR.value: OperatorDetails,
}
PAYOUT_CHANNEL_REQUEST = PolymorphicProxySerializer(
    component_name="AidPayoutChannel",
    serializers=list(CHANNEL_SERIALIZERS.values()),
    resource_type_field_name="channel",
)


def _channel_input(data: Any) -> tuple[str, dict[str, str]]:
    """The channel and its details, checked by the channel's own serializer (then by the domain's channel)."""
    kind = data.get("channel") if isinstance(data, dict) else None
    serializer = CHANNEL_SERIALIZERS.get(kind) if isinstance(kind, str) else None
    if serializer is None:
        message = _("Choose a payout channel.")
        raise Invalid(message, fields={"channel": [message]})
    details = parse_input(serializer, data)
    details.pop("channel")
    return kind, {name: str(value) for name, value in details.items() if value not in ("", None)}


class PayoutSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField(help_text="The end-to-end id a bank file and its status reports carry.")
    grant_id = serializers.UUIDField(source="tranche.grant_id")
    tranche_id = serializers.UUIDField()
    tranche_number = serializers.IntegerField(source="tranche.number", min_value=1)
    amount = serializers.IntegerField(source="tranche.amount", min_value=1, help_text=MINOR_UNITS)
    currency = serializers.CharField(source="tranche.grant.programme.currency")
    channel = serializers.ChoiceField(choices=CHANNEL_CHOICES)
    details = serializers.DictField(child=serializers.CharField(allow_blank=True), help_text="As checked.")
    state = serializers.ChoiceField(choices=PAYOUT_STATE_CHOICES)
    proof = serializers.CharField(help_text="Transaction hash or operator reference; empty otherwise.")
    receipt_id = serializers.UUIDField(allow_null=True, help_text="The signed receipt (evidence), for cash.")
    failure_reason = serializers.CharField(help_text="ISO 20022 reason code of a failure; empty otherwise.")
    rerouted_from_id = serializers.UUIDField(allow_null=True)
    payment_file_id = serializers.UUIDField(allow_null=True)
    sent_on = serializers.DateField(allow_null=True)
    settled_on = serializers.DateField(allow_null=True)

    class Meta:
        ref_name = "AidPayout"


def _payout_response(api: ActorApi, payout: Any, status_code: int = status.HTTP_200_OK) -> Response:
    audit.record_access(
        actor=api.actor, target=payout.tranche.grant.payee, categories=PAYOUT_CATEGORIES, via=api.request
    )
    return Response(PayoutSerializer(payout).data, status=status_code)


class PayoutListApi(ActorListApi):
    @extend_schema(
        operation_id="aid_payout_list",
        tags=[TAG],
        summary="The payouts of a programme, newest first (the organisation's staff; a funder sees none)",
        responses={200: PayoutSerializer(many=True), **error_responses(404)},  # 404: also a page past the end
    )
    def get(self, request: Request, programme_id: str) -> Response:
        programme = programme_get(actor=self.actor, programme_id=programme_id)

        def shown(page: list[Any]) -> None:
            if page:
                audit.record_access(
                    actor=self.actor,
                    target=[p.tranche.grant.payee for p in page],
                    categories=PAYOUT_CATEGORIES,
                    via=request,
                )

        return self.paginated(
            payout_list(actor=self.actor, programme=programme), PayoutSerializer, shown=shown
        )


class PayoutDetailApi(ActorApi):
    @extend_schema(
        operation_id="aid_payout_get",
        tags=[TAG],
        summary="One payout with its channel details, state and proof",
        responses={200: PayoutSerializer, **error_responses(404)},
    )
    def get(self, request: Request, payout_id: str) -> Response:
        return _payout_response(self, payout_get(actor=self.actor, payout_id=payout_id))


CHANNEL_RULES = (
    "The details are checked by the channel: IBAN and BIC checksums (schwifty), a Georgian or Kazakh IBAN "
    "of that country, an Armenian 16-digit account, a USDT address with its network's checksum; SEPA only "
    "for a programme in euro (400 naming the field otherwise)."
)


class PayoutProposeApi(ActorApi):
    error_field_names = {"tranche": "tranche_id"}

    @extend_schema(
        operation_id="aid_payout_propose",
        tags=[TAG],
        summary="Propose a payout of an approved grant's tranche through a channel",
        description=CHANNEL_RULES + " A tranche with a payout under way or paid answers 409.",
        request=PAYOUT_CHANNEL_REQUEST,
        responses={201: PayoutSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, tranche_id: str) -> Response:
        tranche_get(actor=self.actor, tranche_id=tranche_id)  # another organisation's: 404, whatever the role
        channel, details = _channel_input(request.data)
        payout = payout_services.payout_propose(
            actor=self.actor, tranche_id=tranche_id, channel=channel, details=details
        )
        return _payout_response(self, payout, status.HTTP_201_CREATED)


def _move(operation_id: str, summary: str, description: str, request: Any = None) -> Any:
    return extend_schema(
        operation_id=operation_id,
        tags=[TAG],
        summary=summary,
        description=description,
        request=request,
        responses={200: PayoutSerializer, **error_responses(*((400,) if request else ()), 404, 409)},
    )


class PayoutApproveApi(ActorApi):
    @_move(
        "aid_payout_approve",
        "Approve a proposed payout: its payee is screened against the sanctions lists now",
        "An unresolved sanctions match of the payee holds the payout (409, nothing is refused: a compliance "
        "officer decides the match, then it can be approved).",
    )
    def post(self, request: Request, payout_id: str) -> Response:
        payout_get(actor=self.actor, payout_id=payout_id)  # another organisation's: 404, whatever the role
        return _payout_response(self, payout_services.payout_approve(actor=self.actor, payout_id=payout_id))


class PayoutSendApi(ActorApi):
    @_move(
        "aid_payout_send",
        "Mark an approved cash, crypto or operator payout sent (bank transfers leave in a payment file)",
        "Refused with 409 while the payee has an unresolved sanctions match, and for bank transfers.",
    )
    def post(self, request: Request, payout_id: str) -> Response:
        payout_get(actor=self.actor, payout_id=payout_id)  # another organisation's: 404, whatever the role
        return _payout_response(self, payout_services.payout_send(actor=self.actor, payout_id=payout_id))


class PayoutConfirmApi(ActorApi):
    error_field_names = {"receipt": "receipt_id"}

    class InputSerializer(serializers.Serializer):
        proof = serializers.CharField(
            max_length=200, required=False, default="", allow_blank=True,
            help_text="Crypto: the transaction hash; operator: the operator's transfer reference.",
        )  # fmt: skip
        receipt_id = serializers.UUIDField(
            required=False, allow_null=True, default=None,
            help_text="Cash: the receipt signed by the recipient, added as evidence of the grant's case.",
        )  # fmt: skip

        class Meta:
            ref_name = "AidPayoutConfirmation"

    @_move(
        "aid_payout_confirm",
        "Confirm that a sent payout arrived, with the channel's proof",
        "Each channel needs its proof (400 naming `proof` or `receipt_id` otherwise): a signed receipt for "
        "cash, the transaction hash for crypto, the operator's reference; bank transfers are confirmed by the "
        "bank's camt.054.",
        InputSerializer,
    )
    def post(self, request: Request, payout_id: str) -> Response:
        payout_get(actor=self.actor, payout_id=payout_id)  # another organisation's: 404, whatever the role
        data = parse_input(self.InputSerializer, request.data)
        payout = payout_services.payout_confirm(
            actor=self.actor, payout_id=payout_id, proof=data["proof"], receipt_id=data["receipt_id"]
        )
        return _payout_response(self, payout)


class PayoutFailApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        reason = serializers.RegexField(
            r"^[A-Z0-9]{4}$", required=False, default="MS03",
            help_text="ISO 20022 reason code (AC04 closed account, ...); MS03 when not given.",
        )  # fmt: skip

        class Meta:
            ref_name = "AidPayoutFailure"

    @_move(
        "aid_payout_fail",
        "Record that a sent payout failed: its money returns and the caseworker is asked for another channel",
        "Only a sent (or confirmed, then returned) payout can fail (409 otherwise).",
        InputSerializer,
    )
    def post(self, request: Request, payout_id: str) -> Response:
        payout_get(actor=self.actor, payout_id=payout_id)  # another organisation's: 404, whatever the role
        data = parse_input(self.InputSerializer, request.data)
        payout = payout_services.payout_fail(actor=self.actor, payout_id=payout_id, reason=data["reason"])
        return _payout_response(self, payout)


class PayoutRerouteApi(ActorApi):
    @extend_schema(
        operation_id="aid_payout_reroute",
        tags=[TAG],
        summary="Re-route a failed payout's money through another channel: a new proposed payout",
        description=CHANNEL_RULES + " Only a failed payout can be re-routed (409 otherwise).",
        request=PAYOUT_CHANNEL_REQUEST,
        responses={201: PayoutSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, payout_id: str) -> Response:
        payout_get(actor=self.actor, payout_id=payout_id)  # another organisation's: 404, whatever the role
        channel, details = _channel_input(request.data)
        payout = payout_services.payout_reroute(
            actor=self.actor, payout_id=payout_id, channel=channel, details=details
        )
        return _payout_response(self, payout, status.HTTP_201_CREATED)


# --- bank files ------------------------------------------------------------------------------------------


class PaymentFileSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    programme_id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=CHANNEL_CHOICES)
    message_id = serializers.CharField(help_text="The pain.001 message id the bank's status reports name.")
    execution_on = serializers.DateField()
    payout_ids = serializers.ListField(child=serializers.UUIDField(), help_text="The payouts it sends.")

    class Meta:
        ref_name = "AidPaymentFile"


class SepaFileCreateApi(ActorApi):
    @extend_schema(
        operation_id="aid_sepa_file_create",
        tags=[TAG],
        summary="Send the programme's approved SEPA payouts in one pain.001 batch (checked against its XSD)",
        description="409 when no approved SEPA payout is waiting or the programme has no paying account.",
        request=None,
        responses={201: PaymentFileSerializer, **error_responses(404, 409)},
    )
    def post(self, request: Request, programme_id: str) -> Response:
        programme_get(actor=self.actor, programme_id=programme_id)  # another organisation's: 404
        payment_file = payment_files.sepa_file_create(actor=self.actor, programme_id=programme_id)
        payment_file.payout_ids = list(payment_file.payouts.values_list("pk", flat=True))  # type: ignore[attr-defined]
        return Response(PaymentFileSerializer(payment_file).data, status=status.HTTP_201_CREATED)


class PaymentFileContentApi(ActorApi):
    @extend_schema(
        operation_id="aid_payment_file_content",
        tags=[TAG],
        summary="A payment file as the bank gets it: pain.001 XML (SEPA) or the local bank's CSV",
        description="Written again from the payouts' encrypted details each time (files are not stored).",
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.BINARY, description="pain.001.001.03"),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="A local bank's CSV."),
            **error_responses(404),
        },
    )
    def get(self, request: Request, payment_file_id: str) -> HttpResponse:
        payment_file = payment_file_get(actor=self.actor, payment_file_id=payment_file_id)
        payees = [
            p.tranche.grant.payee for p in payment_file_payouts(actor=self.actor, payment_file=payment_file)
        ]
        audit.record_access(actor=self.actor, target=payees, categories=PAYOUT_CATEGORIES, via=request)
        sepa = payment_file.kind == ChannelKind.SEPA
        response = HttpResponse(
            payment_files.payment_file_content(payment_file),
            content_type="application/xml" if sepa else "text/csv",
        )
        extension = "xml" if sepa else "csv"
        response["Content-Disposition"] = f'attachment; filename="{payment_file.message_id}.{extension}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


class StatusReportLineSerializer(serializers.Serializer):
    end_to_end_id = serializers.CharField()
    payout_id = serializers.UUIDField(allow_null=True, help_text="Null: no payout of this organisation.")
    status = serializers.ChoiceField(choices=["accepted", "rejected", "pending"])
    reason = serializers.CharField(help_text="The bank's ISO 20022 reason code, if any.")
    outcome = serializers.ChoiceField(
        choices=["confirmed", "failed", "unchanged", "unmatched"],
        help_text="failed: the payout's money returned, another channel is asked for; unchanged: the line "
        "says nothing new (a pain.002 acceptance only accepts the order).",
    )

    class Meta:
        ref_name = "AidStatusReportLine"


class StatusReportImportApi(ActorApi):
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(
            choices=REPORT_KINDS,
            help_text="pain.002: the bank's payment status report; camt.054: its debit/credit notification.",
        )
        file = serializers.FileField(help_text="The report as the bank sent it (XML).")

        class Meta:
            ref_name = "AidStatusReport"

    class OutputSerializer(serializers.Serializer):
        confirmed = serializers.IntegerField(min_value=0)
        failed = serializers.IntegerField(min_value=0)
        unchanged = serializers.IntegerField(min_value=0)
        unmatched = serializers.ListField(child=serializers.CharField())
        lines = StatusReportLineSerializer(many=True)

        class Meta:
            ref_name = "AidStatusReportResult"

    @extend_schema(
        operation_id="aid_status_report_import",
        tags=[TAG],
        summary="Import a bank status report: each line matched to its payout by end-to-end id",
        description="A rejected line fails exactly its payout; a camt.054 booking confirms a sent one. A "
        "file that is not a report of the chosen kind answers 400 on `file`.",
        request={"multipart/form-data": InputSerializer},
        responses={200: OutputSerializer, **error_responses(400)},
    )
    def post(self, request: Request) -> Response:
        # Refuse before reading the upload: a role that handles no payouts gets 403, not a parser's 415.
        if not can_handle_payouts(self.actor):
            raise PermissionDenied(_("Your role cannot handle payouts."))
        data = parse_input(self.InputSerializer, request.data)
        summary = payment_files.status_report_import(
            actor=self.actor, content=data["file"].read(), kind=data["kind"]
        )
        lines = [
            {"end_to_end_id": line.end_to_end_id, "payout_id": line.payout_id, "status": line.status,
             "reason": line.reason, "outcome": line.outcome}
            for line in summary.lines
        ]  # fmt: skip
        return Response(
            {
                "confirmed": summary.confirmed,
                "failed": summary.failed,
                "unchanged": summary.unchanged,
                "unmatched": list(summary.unmatched),
                "lines": StatusReportLineSerializer(lines, many=True).data,
            }
        )


# --- sanctions matches -----------------------------------------------------------------------------------


class SanctionsHitSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    person_id = serializers.UUIDField()
    source = serializers.ChoiceField(choices=["eu", "un", "ofac"], help_text="The list.")
    entry_id = serializers.CharField(help_text="The list's id of the entry.")
    strength = serializers.ChoiceField(choices=["strong", "possible", "contradicted"])
    holds_payouts = serializers.BooleanField(help_text="Whether the person's payouts wait for a decision.")
    explanation = serializers.SerializerMethodField(help_text="Why the name matched, step by step.")
    decision = serializers.ChoiceField(choices=SanctionsHit.Decision.choices)
    decision_reason = serializers.CharField()
    decided_by = serializers.CharField(source="decided_by.username", allow_null=True, default=None)
    decided_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "AidSanctionsHit"

    def get_explanation(self, hit: object) -> list[str]:
        return hit_steps(hit)


class SanctionsHitListApi(ActorListApi):
    @extend_schema(
        operation_id="aid_sanctions_hit_list",
        tags=[TAG],
        summary="Sanctions matches still to be decided, oldest first (they hold payouts)",
        responses={
            200: SanctionsHitSerializer(many=True),
            **error_responses(404),
        },  # 404: a page past the end
    )
    def get(self, request: Request) -> Response:
        def shown(page: list[Any]) -> None:
            if page:
                audit.record_access(
                    actor=self.actor, target=[h.person for h in page], categories=CATEGORIES, via=request
                )

        return self.paginated(sanctions_hit_list(actor=self.actor), SanctionsHitSerializer, shown=shown)


class SanctionsHitDecideApi(ActorApi):
    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(
            choices=[("clear", "clear"), ("confirm", "confirm")],
            help_text="clear: not the listed person (the payouts may go); confirm: the listed person.",
        )
        reason = serializers.CharField(max_length=2000, help_text="Why: it is kept and audited.")

        class Meta:
            ref_name = "AidSanctionsHitDecision"

    @extend_schema(
        operation_id="aid_sanctions_hit_decide",
        tags=[TAG],
        summary="Decide a sanctions match (a compliance officer), with a reason",
        description="Only the roles that decide sanctions matches may (403); a decided match answers 409.",
        request=InputSerializer,
        responses={200: SanctionsHitSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request, hit_id: str) -> Response:
        sanctions_hit_get(actor=self.actor, hit_id=hit_id)  # another organisation's: 404, whatever the role
        data = parse_input(self.InputSerializer, request.data)
        hit = sanctions_services.sanctions_hit_decide(
            actor=self.actor, hit_id=hit_id, confirm=data["decision"] == "confirm", reason=data["reason"]
        )
        audit.record_access(actor=self.actor, target=hit.person, categories=CATEGORIES, via=request)
        return Response(SanctionsHitSerializer(hit).data)
