"""The API's URLs: `/api/v1/...` (collections and items, one operation class per method), `/api/schema/`
(OpenAPI 3) and `/api/docs/`."""

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from herzen.aid import apis as aid
from herzen.api.docs import DocsView
from herzen.cases import apis as cases
from herzen.cases import duplicate_apis as duplicates
from herzen.core.api import resource
from herzen.documents import apis as sealed_documents
from herzen.evidence import apis as evidence
from herzen.identity import apis as identity
from herzen.jobs import apis as jobs
from herzen.pathways import apis as pathways
from herzen.people.apis import (
    contacts,
    declarations,
    documents,
    households,
    names,
    persons,
    risk_factors,
    search,
    stays,
)
from herzen.resettlement import apis as resettlement
from herzen.retention.apis import PersonExportApi
from herzen.sharing import apis as sharing

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
    # Collections take GET (a page of the list) and POST (a new record); items GET, PATCH (send only what
    # changes) and DELETE where deletion makes sense. A state change, an export or an import is a POST to a
    # sub-collection named for the event (`/transitions/`, `/assignments/`, `/exports/`), so every URL is a
    # noun and every method one operation class (herzen.core.api.resource).
    path("cases/", resource(get=cases.CaseListApi, post=cases.CaseOpenApi), name="cases"),
    path("cases/<uuid:case_id>/", resource(get=cases.CaseDetailApi), name="case"),
    # Sealed documents (issue 19): "sealed-documents", as "documents" are a person's identity papers.
    path(
        "cases/<uuid:case_id>/sealed-documents/",
        resource(get=sealed_documents.CaseDocumentListApi),
        name="case-sealed-documents",
    ),
    path("sealed-documents/", resource(post=sealed_documents.DocumentIssueApi), name="sealed-documents"),
    path(
        "sealed-documents/<uuid:document_id>/",
        resource(get=sealed_documents.DocumentApi),
        name="sealed-document",
    ),
    path(
        "sealed-documents/<uuid:document_id>/pdf/",
        resource(get=sealed_documents.DocumentPdfApi),
        name="sealed-document-pdf",
    ),
    path(
        "sealed-documents/<uuid:document_id>/status-changes/",
        resource(post=sealed_documents.DocumentStatusChangeApi),
        name="sealed-document-status-changes",
    ),
    path("seals/trust-list/", sealed_documents.TrustListApi.as_view(), name="seal-trust-list"),
    path(
        "seals/status-lists/<str:purpose>/", sealed_documents.StatusListApi.as_view(), name="seal-status-list"
    ),
    path("cases/<uuid:case_id>/assignments/", resource(post=cases.CaseAssignApi), name="case-assignments"),
    path(
        "cases/<uuid:case_id>/status-changes/",
        resource(post=cases.CaseStatusChangeApi),
        name="case-status-changes",
    ),
    path(
        "cases/<uuid:case_id>/priority-refreshes/",
        resource(post=cases.CasePriorityRefreshApi),
        name="case-priority-refreshes",
    ),
    path(
        "cases/<uuid:case_id>/notes/",
        resource(get=cases.CaseNoteListApi, post=cases.CaseNoteAddApi),
        name="case-notes",
    ),
    path(
        "cases/<uuid:case_id>/possible-duplicates/",
        resource(get=duplicates.PossibleDuplicateListApi),
        name="case-possible-duplicates",
    ),
    path(
        "possible-duplicates/<uuid:duplicate_id>/dismissals/",
        resource(post=duplicates.PossibleDuplicateDismissApi),
        name="possible-duplicate-dismissals",
    ),
    path("duplicate-pairs/", resource(get=identity.DuplicatePairListApi), name="duplicate-pairs"),
    path("duplicate-searches/", resource(post=identity.DuplicateSearchStartApi), name="duplicate-searches"),
    path(
        "duplicate-pairs/<uuid:pair_id>/merges/",
        resource(post=identity.PairMergeApi),
        name="duplicate-pair-merges",
    ),
    path(
        "duplicate-pairs/<uuid:pair_id>/not-same/",
        resource(post=identity.PairNotSameApi),
        name="duplicate-pair-not-same",
    ),
    path(
        "person-merges/<uuid:merge_id>/undo/", resource(post=identity.MergeUndoApi), name="person-merge-undo"
    ),
    path(
        "cases/<uuid:case_id>/evidence/",
        resource(get=evidence.EvidenceListApi, post=evidence.EvidenceAddApi),
        name="case-evidence",
    ),
    path(
        "evidence/<uuid:evidence_id>/",
        resource(get=evidence.EvidenceDetailApi, patch=evidence.EvidenceUpdateApi),
        name="evidence",
    ),
    path("evidence/<uuid:evidence_id>/file/", resource(get=evidence.EvidenceFileApi), name="evidence-file"),
    path(
        "evidence/<uuid:evidence_id>/corroborations/",
        resource(post=evidence.EvidenceCorroborateApi),
        name="evidence-corroborations",
    ),
    path(
        "evidence/<uuid:evidence_id>/vouches/",
        resource(post=evidence.EvidenceVouchApi),
        name="evidence-vouches",
    ),
    path(
        "evidence/<uuid:evidence_id>/fraud-flags/",
        resource(post=evidence.EvidenceFlagFraudApi),
        name="evidence-fraud-flags",
    ),
    path(
        "vouches/<uuid:vouch_id>/withdrawals/",
        resource(post=evidence.VouchWithdrawApi),
        name="vouch-withdrawals",
    ),
    path(
        "applications/<uuid:application_id>/dossiers/",
        resource(post=evidence.DossierExportApi),
        name="application-dossiers",
    ),
    path("referrals/exports/", resource(post=evidence.ReferralListExportApi), name="referral-exports"),
    path(
        "referrals/decision-imports/",
        resource(post=evidence.DecisionsImportApi),
        name="referral-decision-imports",
    ),
    path("jobs/<uuid:job_id>/", resource(get=jobs.JobApi), name="job"),
    path("jobs/<uuid:job_id>/file/", resource(get=jobs.JobFileApi), name="job-file"),
    path("pathways/", resource(get=pathways.PathwayListApi), name="pathways"),
    path("regimes/", resource(get=pathways.PolicyRegimeListApi), name="regimes"),
    path(
        "applications/",
        resource(get=pathways.ApplicationListApi, post=pathways.ApplicationStartApi),
        name="applications",
    ),
    path(
        "applications/<uuid:application_id>/",
        resource(get=pathways.ApplicationDetailApi),
        name="application",
    ),
    path(
        "applications/<uuid:application_id>/transitions/",
        resource(post=pathways.ApplicationTransitionApi),
        name="application-transitions",
    ),
    path("persons/", resource(get=persons.PersonListApi, post=persons.PersonCreateApi), name="persons"),
    path("persons/search/", resource(get=search.PersonSearchApi), name="person-search"),
    path(
        "persons/<uuid:person_id>/",
        resource(get=persons.PersonDetailApi, patch=persons.PersonUpdateApi),
        name="person",
    ),
    path("persons/<uuid:person_id>/exports/", resource(post=PersonExportApi), name="person-exports"),
    path(
        "persons/<uuid:person_id>/name-variants/",
        resource(post=names.NameVariantAddApi),
        name="person-name-variants",
    ),
    path(
        "name-variants/<uuid:variant_id>/",
        resource(patch=names.NameVariantUpdateApi, delete=names.NameVariantRemoveApi),
        name="name-variant",
    ),
    path(
        "persons/<uuid:person_id>/declarations/",
        resource(get=declarations.DeclarationListApi, post=declarations.DeclarationRecordApi),
        name="person-declarations",
    ),
    path(
        "declarations/<uuid:declaration_id>/withdrawals/",
        resource(post=declarations.DeclarationWithdrawApi),
        name="declaration-withdrawals",
    ),
    path(
        "resettlement/offers/",
        resource(get=resettlement.OfferListApi, post=resettlement.OfferCreateApi),
        name="resettlement-offers",
    ),
    path(
        "resettlement/offers/<uuid:offer_id>/",
        resource(patch=resettlement.OfferUpdateApi),
        name="resettlement-offer",
    ),
    path(
        "resettlement/offers/<uuid:offer_id>/closures/",
        resource(post=resettlement.OfferCloseApi),
        name="resettlement-offer-closures",
    ),
    path(
        "cases/<uuid:case_id>/resettlement-needs/",
        resource(get=resettlement.NeedsGetApi, put=resettlement.NeedsPutApi),
        name="case-resettlement-needs",
    ),
    path(
        "resettlement/runs/",
        resource(get=resettlement.RunListApi, post=resettlement.RunStartApi),
        name="resettlement-runs",
    ),
    path(
        "resettlement/runs/<uuid:run_id>/", resource(get=resettlement.RunDetailApi), name="resettlement-run"
    ),
    path(
        "resettlement/runs/<uuid:run_id>/dispatches/",
        resource(post=resettlement.RunSendApi),
        name="resettlement-run-dispatches",
    ),
    path(
        "resettlement/runs/<uuid:run_id>/proposals/<uuid:proposal_id>/",
        resource(patch=resettlement.ProposalMoveApi),
        name="resettlement-proposal",
    ),
    path(
        "resettlement/runs/<uuid:run_id>/proposals/<uuid:proposal_id>/answers/",
        resource(post=resettlement.ProposalAnswerApi),
        name="resettlement-proposal-answers",
    ),
    path(
        "persons/<uuid:person_id>/sharing-consents/",
        resource(get=sharing.SharingConsentListApi, post=sharing.SharingConsentRecordApi),
        name="person-sharing-consents",
    ),
    path("aid/programmes/", resource(get=aid.ProgrammeListApi), name="aid-programmes"),
    path("aid/programmes/<uuid:programme_id>/", resource(get=aid.ProgrammeDetailApi), name="aid-programme"),
    path(
        "aid/programmes/<uuid:programme_id>/grants/",
        resource(get=aid.GrantListApi, post=aid.GrantProposeApi),
        name="aid-programme-grants",
    ),
    path(
        "aid/programmes/<uuid:programme_id>/payouts/",
        resource(get=aid.PayoutListApi),
        name="aid-programme-payouts",
    ),
    path(
        "aid/programmes/<uuid:programme_id>/sepa-files/",
        resource(post=aid.SepaFileCreateApi),
        name="aid-programme-sepa-files",
    ),
    path(
        "aid/payment-files/<uuid:payment_file_id>/content/",
        resource(get=aid.PaymentFileContentApi),
        name="aid-payment-file-content",
    ),
    path("aid/status-reports/", resource(post=aid.StatusReportImportApi), name="aid-status-reports"),
    path(
        "aid/tranches/<uuid:tranche_id>/payouts/",
        resource(post=aid.PayoutProposeApi),
        name="aid-tranche-payouts",
    ),
    path("aid/payouts/<uuid:payout_id>/", resource(get=aid.PayoutDetailApi), name="aid-payout"),
    path(
        "aid/payouts/<uuid:payout_id>/approvals/",
        resource(post=aid.PayoutApproveApi),
        name="aid-payout-approvals",
    ),
    path(
        "aid/payouts/<uuid:payout_id>/sendings/", resource(post=aid.PayoutSendApi), name="aid-payout-sendings"
    ),
    path(
        "aid/payouts/<uuid:payout_id>/confirmations/",
        resource(post=aid.PayoutConfirmApi),
        name="aid-payout-confirmations",
    ),
    path(
        "aid/payouts/<uuid:payout_id>/failures/", resource(post=aid.PayoutFailApi), name="aid-payout-failures"
    ),
    path(
        "aid/payouts/<uuid:payout_id>/reroutes/",
        resource(post=aid.PayoutRerouteApi),
        name="aid-payout-reroutes",
    ),
    path("aid/sanctions-hits/", resource(get=aid.SanctionsHitListApi), name="aid-sanctions-hits"),
    path(
        "aid/sanctions-hits/<uuid:hit_id>/decisions/",
        resource(post=aid.SanctionsHitDecideApi),
        name="aid-sanctions-hit-decisions",
    ),
    path("aid/grants/<uuid:grant_id>/", resource(get=aid.GrantApi), name="aid-grant"),
    path(
        "aid/grants/<uuid:grant_id>/decisions/",
        resource(post=aid.GrantDecisionApi),
        name="aid-grant-decisions",
    ),
    path(
        "sharing-consents/<uuid:consent_id>/revocations/",
        resource(post=sharing.SharingConsentRevokeApi),
        name="sharing-consent-revocations",
    ),
    path(
        "persons/<uuid:person_id>/contact-points/",
        resource(post=contacts.ContactPointAddApi),
        name="person-contact-points",
    ),
    path(
        "contact-points/<uuid:contact_point_id>/",
        resource(patch=contacts.ContactPointUpdateApi, delete=contacts.ContactPointRemoveApi),
        name="contact-point",
    ),
    path(
        "persons/<uuid:person_id>/documents/",
        resource(get=documents.DocumentListApi, post=documents.DocumentAddApi),
        name="person-documents",
    ),
    path("documents/<uuid:document_id>/", resource(patch=documents.DocumentUpdateApi), name="document"),
    path(
        "persons/<uuid:person_id>/stays/",
        resource(get=stays.StayListApi, post=stays.StayAddApi),
        name="person-stays",
    ),
    path("stays/<uuid:stay_id>/", resource(patch=stays.StayUpdateApi), name="stay"),
    path(
        "persons/<uuid:person_id>/entry-refusals/",
        resource(get=stays.EntryRefusalListApi, post=stays.EntryRefusalRecordApi),
        name="person-entry-refusals",
    ),
    path(
        "persons/<uuid:person_id>/risk-factors/",
        resource(get=risk_factors.RiskFactorListApi, post=risk_factors.RiskFactorRecordApi),
        name="person-risk-factors",
    ),
    path(
        "risk-factors/<uuid:risk_factor_id>/",
        resource(patch=risk_factors.RiskFactorUpdateApi),
        name="risk-factor",
    ),
    path("households/", resource(post=households.HouseholdCreateApi), name="households"),
    path("households/<uuid:household_id>/", resource(get=households.HouseholdDetailApi), name="household"),
    path(
        "households/<uuid:household_id>/members/",
        resource(post=households.HouseholdMemberAddApi),
        name="household-members",
    ),
    path(
        "households/<uuid:household_id>/members/<uuid:person_id>/",
        resource(patch=households.HouseholdMemberUpdateApi, delete=households.HouseholdMemberRemoveApi),
        name="household-member",
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
