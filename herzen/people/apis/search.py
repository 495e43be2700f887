"""JSON API of the people search: one box for a name in any spelling or an identifier, ranked, with reasons."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from herzen import audit
from herzen.core.api import ActorApi, error_responses, parse_input
from herzen.people.choices import Sex
from herzen.people.search import MatchReason, SearchHit, person_search

TAG = "persons"


class PersonSearchApi(ActorApi):
    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(
            max_length=200,
            help_text=(
                "A name in any script or spelling (Щукина, Shchukina, Chtchoukina, Szczukina, Ščukinová), a pasted "
                "machine-readable line (SURNAME<<GIVEN<PATRONYMIC or the whole 44-character line), optionally "
                "with a date of birth (02.03.1985 or 1985-03-02); or an identifier on its own: a document number "
                "(with or without spaces), a phone number in any format, an e-mail address, a Telegram handle "
                "(@handle or t.me/handle) or a date of birth."
            ),
        )
        near = serializers.BooleanField(
            required=False,
            default=True,
            help_text="Include near misses (one letter different on the phonetic form), ranked last. Default true.",
        )
        limit = serializers.IntegerField(
            required=False, default=50, min_value=1, max_value=100, help_text="At most this many results."
        )

        class Meta:
            ref_name = "PersonSearchFilter"

    class OutputSerializer(serializers.Serializer):
        id = serializers.UUIDField(source="person.pk")
        surname = serializers.CharField(source="person.surname")
        given_name = serializers.CharField(source="person.given_name")
        patronymic = serializers.CharField(source="person.patronymic")
        sex = serializers.ChoiceField(source="person.sex", choices=Sex.choices)
        date_of_birth = serializers.DateField(source="person.date_of_birth", allow_null=True)
        rank = serializers.IntegerField(
            min_value=0,
            max_value=2,
            help_text="0: exact or passport-scheme spelling, or an identifier; 1: phonetic or another "
            "language's spelling; 2: near miss. Results come in this order.",
        )
        reasons = serializers.ListField(
            child=serializers.ChoiceField(choices=MatchReason.choices),
            help_text="Why the person matched, strongest first.",
        )
        reason_labels = serializers.SerializerMethodField(help_text="The reasons in the request's language.")

        @extend_schema_field(serializers.ListField(child=serializers.CharField()))
        def get_reason_labels(self, hit: SearchHit) -> list[str]:
            return [str(reason.label) for reason in hit.reasons]

        class Meta:
            ref_name = "PersonSearchResult"

    @extend_schema(
        operation_id="person_search",
        tags=[TAG],
        summary="Search persons by name in any spelling or by identifier, ranked with reasons",
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), **error_responses(400)},
    )
    def get(self, request: Request) -> Response:
        filters = parse_input(self.FilterSerializer, request.query_params.dict(), query=True)
        hits = person_search(
            actor=self.actor, query=filters["q"], near=filters["near"], limit=filters["limit"]
        )
        audit.record_access(
            actor=self.actor, target=[hit.person for hit in hits], categories=["identity"], via=request
        )
        return Response(self.OutputSerializer(hits, many=True).data)
