"""The API's URLs: `/api/v1/...` (one path per operation), `/api/schema/` (OpenAPI 3) and `/api/docs/`."""

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from herzen.api.docs import DocsView
from herzen.cases import apis as cases
from herzen.evidence import apis as evidence
from herzen.pathways import apis as pathways
from herzen.people.apis import declarations, documents, households, persons, stays
from herzen.retention.apis import PersonExportApi

app_name = "api"


@extend_schema(exclude=True)
class UnknownPathApi(APIView):
    """Any other path under /api/: a JSON 404 like every other API error, not the site's HTML page."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        super().initial(request, *args, **kwargs)
        raise NotFound()


v1 = [
    path("cases/", cases.CaseListApi.as_view(), name="case-list"),
    path("cases/open/", cases.CaseOpenApi.as_view(), name="case-open"),
    path("cases/<uuid:case_id>/", cases.CaseDetailApi.as_view(), name="case-detail"),
    path("cases/<uuid:case_id>/assign/", cases.CaseAssignApi.as_view(), name="case-assign"),
    path("cases/<uuid:case_id>/status/", cases.CaseStatusChangeApi.as_view(), name="case-status"),
    path(
        "cases/<uuid:case_id>/priority/refresh/",
        cases.CasePriorityRefreshApi.as_view(),
        name="case-priority-refresh",
    ),
    path("cases/<uuid:case_id>/notes/", cases.CaseNoteListApi.as_view(), name="case-notes"),
    path("cases/<uuid:case_id>/notes/add/", cases.CaseNoteAddApi.as_view(), name="case-note-add"),
    path("cases/<uuid:case_id>/evidence/", evidence.EvidenceListApi.as_view(), name="evidence-list"),
    path("cases/<uuid:case_id>/evidence/add/", evidence.EvidenceAddApi.as_view(), name="evidence-add"),
    path("evidence/<uuid:evidence_id>/", evidence.EvidenceDetailApi.as_view(), name="evidence-detail"),
    path("evidence/<uuid:evidence_id>/file/", evidence.EvidenceFileApi.as_view(), name="evidence-file"),
    path("evidence/<uuid:evidence_id>/update/", evidence.EvidenceUpdateApi.as_view(), name="evidence-update"),
    path(
        "evidence/<uuid:evidence_id>/corroborate/",
        evidence.EvidenceCorroborateApi.as_view(),
        name="evidence-corroborate",
    ),
    path("evidence/<uuid:evidence_id>/vouch/", evidence.EvidenceVouchApi.as_view(), name="evidence-vouch"),
    path(
        "evidence/<uuid:evidence_id>/flag-fraud/",
        evidence.EvidenceFlagFraudApi.as_view(),
        name="evidence-flag-fraud",
    ),
    path("vouches/<uuid:vouch_id>/withdraw/", evidence.VouchWithdrawApi.as_view(), name="vouch-withdraw"),
    path(
        "applications/<uuid:application_id>/dossier/export/",
        evidence.DossierExportApi.as_view(),
        name="application-dossier-export",
    ),
    path("referrals/export/", evidence.ReferralListExportApi.as_view(), name="referral-list-export"),
    path("referrals/decisions/import/", evidence.DecisionsImportApi.as_view(), name="decisions-import"),
    path("pathways/", pathways.PathwayListApi.as_view(), name="pathway-list"),
    path("regimes/", pathways.PolicyRegimeListApi.as_view(), name="policy-regime-list"),
    path("applications/", pathways.ApplicationListApi.as_view(), name="application-list"),
    path("applications/start/", pathways.ApplicationStartApi.as_view(), name="application-start"),
    path(
        "applications/<uuid:application_id>/",
        pathways.ApplicationDetailApi.as_view(),
        name="application-detail",
    ),
    path(
        "applications/<uuid:application_id>/transition/",
        pathways.ApplicationTransitionApi.as_view(),
        name="application-transition",
    ),
    path("persons/", persons.PersonListApi.as_view(), name="person-list"),
    path("persons/create/", persons.PersonCreateApi.as_view(), name="person-create"),
    path("persons/<uuid:person_id>/", persons.PersonDetailApi.as_view(), name="person-detail"),
    path("persons/<uuid:person_id>/export/", PersonExportApi.as_view(), name="person-export"),
    path("persons/<uuid:person_id>/update/", persons.PersonUpdateApi.as_view(), name="person-update"),
    path(
        "persons/<uuid:person_id>/name-variants/add/",
        persons.NameVariantAddApi.as_view(),
        name="name-variant-add",
    ),
    path(
        "persons/<uuid:person_id>/contact-points/add/",
        persons.ContactPointAddApi.as_view(),
        name="contact-point-add",
    ),
    path(
        "persons/<uuid:person_id>/declarations/",
        declarations.DeclarationListApi.as_view(),
        name="declaration-list",
    ),
    path(
        "declarations/<uuid:declaration_id>/withdrawal/",
        declarations.DeclarationWithdrawApi.as_view(),
        name="declaration-withdraw",
    ),
    path("persons/<uuid:person_id>/documents/", documents.DocumentListApi.as_view(), name="document-list"),
    path("persons/<uuid:person_id>/documents/add/", documents.DocumentAddApi.as_view(), name="document-add"),
    path(
        "documents/<uuid:document_id>/update/", documents.DocumentUpdateApi.as_view(), name="document-update"
    ),
    path("persons/<uuid:person_id>/stays/", stays.StayListApi.as_view(), name="stay-list"),
    path("persons/<uuid:person_id>/stays/add/", stays.StayAddApi.as_view(), name="stay-add"),
    path("stays/<uuid:stay_id>/exit/", stays.StayExitApi.as_view(), name="stay-exit"),
    path("households/create/", households.HouseholdCreateApi.as_view(), name="household-create"),
    path("households/<uuid:household_id>/", households.HouseholdDetailApi.as_view(), name="household-detail"),
    path(
        "households/<uuid:household_id>/members/add/",
        households.HouseholdMemberAddApi.as_view(),
        name="household-member-add",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    # The schema and its docs page describe no one's data, but there is no reason to show them to strangers.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    # [\s\S], not ".": a path with an encoded newline is still an unknown API path, answered in JSON (found by schemathesis).
    re_path(r"^[\s\S]*$", UnknownPathApi.as_view(), name="unknown"),
]
