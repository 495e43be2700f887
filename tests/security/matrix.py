"""The permission matrix: every URL pattern of the URLconf, who may reach it, and with what status.

One row per URL pattern, keyed by its name ("web:case-detail"; the route for unnamed patterns); an API URL
that takes several methods (herzen.core.api.resource) has one row per method ("api:person PATCH"). A new URL
fails `test_every_url_pattern_is_in_the_matrix` until it gets a row here. A row names the path to request
(with {placeholders} for the world's objects, see tests/security/world.py), the method, and the status each
visitor gets:

    anonymous (and applicants, who have no login) | caseworker | supervisor | auditor | org_admin
    (all of the owning organisation) | other_caseworker | other_admin (another organisation's staff).

Page forms are posted empty: a role that may write gets the form back with its errors (200), one that may
not gets 403, and another organisation's staff get 404 (the object does not exist for them). API writes
carry a valid JSON `body` ({placeholders} allowed; {n} is the visitor's number, so that two visitors' writes
do not collide), because the API checks the input before the object;
with an empty body every caller would get the same 400 and the row would prove nothing. `expect(...)`
spells the usual shapes; pass a role's name to override one cell.
"""

from dataclasses import dataclass, field

from tests.security.world import OTHERS, OWN_ROLES


@dataclass(frozen=True)
class Row:
    path: str
    expected: dict[str, int]
    method: str = "GET"
    # A pattern that can never be reached because an earlier one has the same route (kept for reverse()).
    shadowed_by: str = ""
    body: dict = field(default_factory=dict)
    why: str = ""


def expect(anonymous: int, own: int, others: int | None = None, **cells: int) -> dict[str, int]:
    table = {"anonymous": anonymous}
    table.update(dict.fromkeys(OWN_ROLES, own))
    table.update(dict.fromkeys(OTHERS, own if others is None else others))
    table.update(cells)
    return table


LOGIN = 302  # a page sends strangers to the login page
API_ANONYMOUS = 401  # the API answers strangers with 401 and a WWW-Authenticate: Token challenge
NOT_FOUND = 404
FORBIDDEN = 403
NOT_ALLOWED = 405


def get(path: str, expected: dict[str, int], **extra: object) -> Row:
    return Row(path=path, expected=expected, **extra)  # type: ignore[arg-type]


def post(path: str, expected: dict[str, int], **extra: object) -> Row:
    return Row(path=path, expected=expected, method="POST", **extra)  # type: ignore[arg-type]


def patch(path: str, expected: dict[str, int], **extra: object) -> Row:
    return Row(path=path, expected=expected, method="PATCH", **extra)  # type: ignore[arg-type]


def put(path: str, expected: dict[str, int], **extra: object) -> Row:
    return Row(path=path, expected=expected, method="PUT", **extra)  # type: ignore[arg-type]


def delete(path: str, expected: dict[str, int], **extra: object) -> Row:
    """Run in a transaction that is rolled back, so that each visitor finds the record still there."""
    return Row(path=path, expected=expected, method="DELETE", **extra)  # type: ignore[arg-type]


# Who may write case files: caseworkers and supervisors; auditors and organisation admins only read.
WRITERS_ONLY = {"auditor": FORBIDDEN, "org_admin": FORBIDDEN}


# --- login, logout and second factors (django-allauth) ---------------------------------------------------
ACCOUNT_ROWS = {
    "login": get("/login/", expect(200, 302)),
    "account_login": Row("/login/", {}, shadowed_by="login"),
    "logout": get("/logout/", expect(302, 200)),
    "account_logout": Row("/logout/", {}, shadowed_by="logout"),
    "account_reauthenticate": get("/accounts/reauthenticate/", expect(LOGIN, 200)),
    "account_inactive": get("/accounts/inactive/", expect(200, 200)),
    "mfa_index": get("/accounts/2fa/", expect(LOGIN, 200)),
    "mfa_authenticate": get("/accounts/2fa/authenticate/", expect(302, 302)),
    # Nobody here has a second factor of their own yet (the session's record stands in for one): sent on.
    "mfa_reauthenticate": get("/accounts/2fa/reauthenticate/", expect(LOGIN, 302)),
    "mfa_activate_totp": get("/accounts/2fa/totp/activate/", expect(LOGIN, 302)),
    "mfa_deactivate_totp": get("/accounts/2fa/totp/deactivate/", expect(LOGIN, 404)),
    "mfa_view_recovery_codes": get("/accounts/2fa/recovery-codes/", expect(LOGIN, 404)),
    "mfa_generate_recovery_codes": get("/accounts/2fa/recovery-codes/generate/", expect(LOGIN, 302)),
    "mfa_download_recovery_codes": get("/accounts/2fa/recovery-codes/download/", expect(LOGIN, 404)),
    "mfa_list_webauthn": get("/accounts/2fa/webauthn/", expect(LOGIN, 200)),
    "mfa_add_webauthn": get("/accounts/2fa/webauthn/add/", expect(LOGIN, 302)),
    "mfa_reauthenticate_webauthn": get("/accounts/2fa/webauthn/reauthenticate/", expect(LOGIN, 302)),
    "mfa_remove_webauthn": get("/accounts/2fa/webauthn/keys/999999/remove/", expect(LOGIN, 302)),
    # Changing a security key asks for reauthentication before it looks the key up.
    "mfa_edit_webauthn": get("/accounts/2fa/webauthn/keys/999999/edit/", expect(LOGIN, 302)),
    "mfa_login_webauthn": get("/accounts/2fa/webauthn/login/", expect(302, 302)),
    "set_language": post("/i18n/setlang/", expect(302, 302)),
}

# --- caseworker pages ------------------------------------------------------------------------------------
WEB_ROWS = {
    "web:home": get("/", expect(LOGIN, 302)),
    # The rules register: the platform operator's and organisation admins' page (no personal data).
    "web:rules-register": get(
        "/rules/",
        expect(LOGIN, FORBIDDEN, org_admin=200, other_admin=200),
    ),
    "web:rules-register-export": get(
        "/rules/export.csv",
        expect(LOGIN, FORBIDDEN, org_admin=200, other_admin=200),
    ),
    "web:case-list": get("/cases/", expect(LOGIN, 200)),
    "web:person-search": get("/persons/search/?q=Shchukina", expect(LOGIN, 200)),
    # Statistics (issue 21): the public page and its files need no login; releases are the statistics
    # officers' (no world role is one: 403), and the dashboard shows each organisation its own figures.
    "web:statistics": get("/statistics/", expect(200, 200)),
    "web:statistics-download": get(
        "/statistics/00000000-0000-0000-0000-000000000000/open_cases_by_transit_country.csv",
        expect(NOT_FOUND, NOT_FOUND),
        why="no release is public in the world; tests/statistics show a public one is served to anyone",
    ),
    "web:statistics-releases": get("/statistics/releases/", expect(LOGIN, FORBIDDEN)),
    "web:statistics-release": get(
        "/statistics/releases/00000000-0000-0000-0000-000000000000/", expect(LOGIN, FORBIDDEN)
    ),
    "web:statistics-release-review": post(
        "/statistics/releases/00000000-0000-0000-0000-000000000000/review/", expect(LOGIN, FORBIDDEN)
    ),
    "web:statistics-dashboard": get("/statistics/dashboard/", expect(LOGIN, 200)),
    # Figures over the visitor's own organisation's applications (another organisation's staff get their own).
    "web:application-time-in-state": get("/applications/time-in-state/", expect(LOGIN, 200)),
    "web:case-new": get("/cases/new/", expect(LOGIN, 200, **WRITERS_ONLY, other_admin=FORBIDDEN)),
    "web:case-detail": get("/cases/{case}/", expect(LOGIN, 200, NOT_FOUND)),
    "web:case-member-add": post("/cases/{case}/members/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)),
    "web:case-note-add": post("/cases/{case}/notes/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)),
    "web:case-duplicate-dismiss": post(
        "/cases/{case}/duplicates/{possible_duplicate}/dismiss/",
        expect(LOGIN, 302, NOT_FOUND, **WRITERS_ONLY),
    ),
    "web:person-declarations": get("/persons/{person}/declarations/", expect(LOGIN, 200, NOT_FOUND)),
    "web:person-declaration-withdraw": post(
        "/persons/{person}/declarations/{declaration}/withdraw/",
        expect(LOGIN, 302, NOT_FOUND, **WRITERS_ONLY),
    ),
    # Only the assigned caseworker (the case has none) or a supervisor changes the status.
    "web:case-status": post("/cases/{case}/status/", expect(LOGIN, FORBIDDEN, NOT_FOUND, supervisor=200)),
    # Only a supervisor assigns; an empty choice is valid ("nobody"), so it succeeds and redirects.
    "web:case-assign": post("/cases/{case}/caseworker/", expect(LOGIN, FORBIDDEN, NOT_FOUND, supervisor=302)),
    "web:person-detail": get("/persons/{person}/", expect(LOGIN, 200, NOT_FOUND)),
    # Everything held about a person, decrypted: supervisors only (issue 7, retention).
    "web:person-export": post(
        "/persons/{person}/export/", expect(LOGIN, FORBIDDEN, NOT_FOUND, supervisor=200)
    ),
    "web:person-name-variant-add": post(
        "/persons/{person}/name-variants/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-document-add": post(
        "/persons/{person}/documents/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-stay-record": post("/persons/{person}/stays/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)),
    "web:person-stay-exit": post(
        "/persons/{person}/stays/exit/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-stay-registration": post(
        "/persons/{person}/stays/registration/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-entry-refusal-record": post(
        "/persons/{person}/entry-refusals/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-contact-add": post(
        "/persons/{person}/contact-points/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # Corrections: a page of its own per record, for those who may change it.
    "web:person-edit": get("/persons/{person}/edit/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)),
    "web:person-role-edit": get(
        "/persons/{person}/household-role/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-name-variant-edit": get(
        "/persons/{person}/name-variants/{name_variant}/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-document-edit": get(
        "/persons/{person}/documents/{document}/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-contact-edit": get(
        "/persons/{person}/contact-points/{contact_point}/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-stay-edit": get(
        "/persons/{person}/stays/{stay}/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # Removals ask first (GET); the POST removes through the same services as the API's DELETE.
    "web:person-household-remove": get(
        "/persons/{person}/household-role/remove/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-name-variant-remove": get(
        "/persons/{person}/name-variants/{name_variant}/remove/",
        expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY),
    ),
    "web:person-contact-remove": get(
        "/persons/{person}/contact-points/{contact_point}/remove/",
        expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY),
    ),
    # Aid (herzen.aid): programmes and their reports are read by every staff role of the owning organisation;
    # a grant is decided by anyone but its proposer (the world's grant, 300 EUR, was proposed by a caseworker
    # of its own; below the programme's threshold another caseworker may decide), posted without a decision:
    # the page comes back. Auditors only read.
    "web:aid-programme-list": get("/aid/programmes/", expect(LOGIN, 200)),
    "web:aid-programme-detail": get("/aid/programmes/{aid_programme}/", expect(LOGIN, 200, NOT_FOUND)),
    "web:aid-programme-report": get(
        "/aid/programmes/{aid_programme}/report.csv", expect(LOGIN, 200, NOT_FOUND)
    ),
    # Sanctions matches: read by every staff role; decided by a compliance officer alone (no world role is one:
    # 403; herzen/aid/tests/test_pages.py shows the officer posting without a decision gets the page back).
    "web:aid-sanctions-hits": get("/aid/sanctions/", expect(LOGIN, 200)),
    "web:aid-sanctions-hit-decide": post(
        "/aid/sanctions/{aid_hit}/decide/",
        expect(LOGIN, FORBIDDEN, NOT_FOUND),
    ),
    "web:aid-grant-detail": get("/aid/grants/{aid_grant}/", expect(LOGIN, 200, NOT_FOUND)),
    # Proposing a grant starts with choosing a programme and a case of one's own (any staff member may look;
    # the service lets caseworkers and supervisors propose). Payouts are handled by caseworkers and
    # supervisors; auditors and organisation admins only read. The world's payout is a proposed cash payout:
    # confirming it without a receipt brings the grant page back with the error.
    "web:aid-grant-new": get("/aid/grants/new/", expect(LOGIN, 200)),
    "web:aid-payout-new": get(
        "/aid/tranches/{aid_tranche}/payout/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:aid-payout-action": post(
        "/aid/payouts/{aid_payout}/confirm/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # No approved SEPA payout is waiting: the writer is sent back to the programme page with the reason.
    "web:aid-sepa-file-create": post(
        "/aid/programmes/{aid_programme}/sepa-file/", expect(LOGIN, 302, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:aid-payment-file": get(
        "/aid/payment-files/{aid_payment_file}/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:aid-status-report": get(
        "/aid/status-reports/", expect(LOGIN, 200, **WRITERS_ONLY, other_admin=FORBIDDEN)
    ),
    "web:aid-grant-decide": post(
        "/aid/grants/{aid_grant}/decide/",
        expect(LOGIN, 200, NOT_FOUND, auditor=FORBIDDEN),
    ),
    # Consented sharing. The world's person is shared with a third organisation, not with any visitor here:
    # the shared page is a 404 for everyone, the owner's staff included (they have the person page).
    # Resettlement (issue 17). Offers are published to every organisation; runs and needs are the case
    # organisation's. Coordinators (supervisors, organisation admins) run, change and send; caseworkers keep needs.
    "web:resettlement-offers": get("/resettlement/offers/", expect(LOGIN, 200)),
    "web:resettlement-offers-import": post(
        "/resettlement/offers/import/", expect(LOGIN, 200, 200, auditor=FORBIDDEN)
    ),
    "web:resettlement-offer": get("/resettlement/offers/{offer}/", expect(LOGIN, 200, NOT_FOUND)),
    "web:resettlement-offer-close": post(
        "/resettlement/offers/{offer}/close/", expect(LOGIN, 302, NOT_FOUND, auditor=FORBIDDEN)
    ),
    "web:resettlement-weights": get("/resettlement/weights/", expect(LOGIN, 200)),
    "web:resettlement-runs": get("/resettlement/runs/", expect(LOGIN, 200)),
    "web:resettlement-run-detail": get("/resettlement/runs/{match_run}/", expect(LOGIN, 200, NOT_FOUND)),
    "web:resettlement-run-send": post(
        "/resettlement/runs/{match_run}/send/",
        expect(LOGIN, 302, NOT_FOUND, caseworker=FORBIDDEN, auditor=FORBIDDEN),
    ),
    "web:resettlement-proposal-move": post(
        "/resettlement/runs/{match_run}/proposals/{proposal}/move/",
        expect(LOGIN, 302, NOT_FOUND, caseworker=FORBIDDEN, auditor=FORBIDDEN),
    ),
    "web:case-resettlement-needs": post(
        "/cases/{case}/resettlement/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # Placing a newly arrived household at once is a coordinator's (the world's household is not ready: back to
    # its needs page with a message).
    "web:case-resettlement-place": post(
        "/cases/{case}/resettlement/place/",
        expect(LOGIN, 302, NOT_FOUND, caseworker=FORBIDDEN, auditor=FORBIDDEN),
    ),
    "web:shared-list": get("/shared/", expect(LOGIN, 200)),
    "web:shared-person-detail": get("/shared/{person}/", expect(LOGIN, NOT_FOUND)),
    # The merge queue's pages: only caseworkers and supervisors; a decision redirects to the pair's page (a
    # refused one too, with its reason); another organisation's pair does not exist for its staff.
    "web:duplicates": get("/duplicates/", expect(LOGIN, 200, **WRITERS_ONLY, other_admin=FORBIDDEN)),
    "web:duplicates-search": post(
        "/duplicates/search/", expect(LOGIN, 302, **WRITERS_ONLY, other_admin=FORBIDDEN)
    ),
    "web:duplicate-pair": get(
        "/duplicates/{web_pair}/", expect(LOGIN, 200, NOT_FOUND, auditor=NOT_FOUND, org_admin=NOT_FOUND)
    ),
    "web:duplicate-pair-merge": post(
        "/duplicates/{web_pair}/merge/", expect(LOGIN, 302, NOT_FOUND, auditor=NOT_FOUND, org_admin=NOT_FOUND)
    ),
    "web:duplicate-pair-not-same": post(
        "/duplicates/{web_not_same_pair}/not-same/",
        expect(LOGIN, 302, NOT_FOUND, auditor=NOT_FOUND, org_admin=NOT_FOUND),
    ),
    "web:duplicate-merge-undo": post(
        "/duplicates/merges/{web_merge}/undo/",
        expect(LOGIN, 302, NOT_FOUND, auditor=NOT_FOUND, org_admin=NOT_FOUND),
    ),
    "web:person-sharing-consent-record": post(
        "/persons/{person}/sharing/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-sharing-consent-revoke": post(  # posted without a reason: the form comes back
        "/persons/{person}/sharing/{sharing_consent}/revoke/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # Switching to no organisation (or one you are not a member of) is refused.
    "web:organisation-switch": post("/organisation/switch/", expect(LOGIN, FORBIDDEN)),
    # Onboarding: each organisation admin sees their own organisation's staff page; nobody else.
    "web:organisation-staff": get(
        "/organisation/staff/",
        expect(LOGIN, FORBIDDEN, FORBIDDEN, org_admin=200, other_admin=200),
    ),
    # A one-time link that names no invitation, and the password page without one: the same 404 for all.
    "web:staff-welcome": get("/welcome/no-such-invitation/", expect(NOT_FOUND, NOT_FOUND)),
    "web:staff-welcome-password": get("/welcome/", expect(NOT_FOUND, NOT_FOUND)),
}

# --- the API ---------------------------------------------------------------------------------------------
API_WRITE = expect(API_ANONYMOUS, 400, NOT_FOUND, **WRITERS_ONLY)
API_ROWS = {
    "api:cases GET": get("/api/v1/cases/", expect(API_ANONYMOUS, 200)),
    # The household already has a case: writers get 409; others cannot see the household at all (an
    # organisation admin, who may not open cases anywhere, is refused before the household is looked up).
    "api:cases POST": post(
        "/api/v1/cases/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **WRITERS_ONLY, other_admin=FORBIDDEN),
        body={"household_id": "{household}"},
    ),
    "api:case GET": get("/api/v1/cases/{case}/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    "api:case-assignments POST": post(
        "/api/v1/cases/{case}/assignments/",
        expect(API_ANONYMOUS, FORBIDDEN, NOT_FOUND, supervisor=200),
        body={"caseworker_id": None},
    ),
    "api:case-status-changes POST": post(
        "/api/v1/cases/{case}/status-changes/",
        expect(API_ANONYMOUS, FORBIDDEN, NOT_FOUND, supervisor=200),
        body={"status": "on_hold"},
    ),
    "api:case-possible-duplicates GET": get(
        "/api/v1/cases/{case}/possible-duplicates/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:possible-duplicate-dismissals POST": post(  # the supervisor after the caseworker: already dismissed
        "/api/v1/possible-duplicates/{possible_duplicate}/dismissals/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
    ),
    "api:case-notes GET": get("/api/v1/cases/{case}/notes/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    "api:case-notes POST": post(
        "/api/v1/cases/{case}/notes/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY),
        body={"body": "Called back."},
    ),
    "api:persons GET": get("/api/v1/persons/", expect(API_ANONYMOUS, 200)),
    # Anyone who writes creates in their own organisation.
    "api:persons POST": post(
        "/api/v1/persons/",
        expect(API_ANONYMOUS, 201, 201, **WRITERS_ONLY, other_admin=FORBIDDEN),
        body={"surname": "Иванова", "given_name": "Мария", "sex": "F"},
    ),
    "api:person GET": get("/api/v1/persons/{person}/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    "api:person-search GET": get("/api/v1/persons/search/?q=Shchukina", expect(API_ANONYMOUS, 200)),
    "api:person-exports POST": post(
        "/api/v1/persons/{person}/exports/", expect(API_ANONYMOUS, FORBIDDEN, NOT_FOUND, supervisor=200)
    ),
    "api:person PATCH": patch(
        "/api/v1/persons/{person}/", expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "api:person-name-variants POST": post(
        "/api/v1/persons/{person}/name-variants/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY),
        body={"surname": "Shchukina", "given_name": "Anna"},
    ),
    "api:person-contact-points POST": post(
        "/api/v1/persons/{person}/contact-points/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY),
        body={"kind": "signal", "value": "+995 555 01 02 0{n}"},
    ),
    "api:person-documents GET": get(
        "/api/v1/persons/{person}/documents/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:person-documents POST": post(
        "/api/v1/persons/{person}/documents/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY),
        body={"document_type": "internal_passport", "number": "4510 123456"},
    ),
    "api:document PATCH": patch(
        "/api/v1/documents/{document}/", expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "api:person-declarations GET": get(
        "/api/v1/persons/{person}/declarations/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    # The world's person has declared the borders; the caseworker (asked first) records the other declaration,
    # and the supervisor after her finds it already standing (a conflict, not a second record).
    "api:person-declarations POST": post(
        "/api/v1/persons/{person}/declarations/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={"kind": "destalinisation_and_deimperialisation"},
    ),
    # The world's declaration is standing: the caseworker (asked first) withdraws it; the supervisor after
    # her finds it already withdrawn (a conflict, not a second withdrawal).
    "api:declaration-withdrawals POST": post(
        "/api/v1/declarations/{declaration}/withdrawals/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
    ),
    # The merge queue: caseworkers and supervisors decide (the supervisor after the caseworker finds it decided);
    # auditors and organisation admins neither see nor decide pairs; another organisation's staff get 404.
    "api:duplicate-pairs GET": get("/api/v1/duplicate-pairs/", expect(API_ANONYMOUS, 200)),
    "api:duplicate-searches POST": post(
        "/api/v1/duplicate-searches/",
        expect(API_ANONYMOUS, 202, **WRITERS_ONLY, other_admin=FORBIDDEN),
    ),
    "api:duplicate-pair-merges POST": post(
        "/api/v1/duplicate-pairs/{api_merge_pair}/merges/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={"survivor_id": "{api_merge_survivor}"},
    ),
    "api:duplicate-pair-not-same POST": post(
        "/api/v1/duplicate-pairs/{api_not_same_pair}/not-same/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
    ),
    "api:person-merge-undo POST": post(
        "/api/v1/person-merges/{api_merge}/undo/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
    ),
    # Offers are published to every organisation; auditors only read.
    "api:resettlement-offers GET": get("/api/v1/resettlement/offers/", expect(API_ANONYMOUS, 200)),
    "api:resettlement-offers POST": post(
        "/api/v1/resettlement/offers/",
        expect(API_ANONYMOUS, 201, 201, auditor=FORBIDDEN),
        body={
            "kind": "housing",
            "title": "Flat {n}",
            "country": "DE",
            "town": "Leipzig",
            "capacity_persons": 4,
        },
    ),
    # An offer is changed and closed only by its own organisation (another's, even published, is not found).
    "api:resettlement-offer PATCH": patch(
        "/api/v1/resettlement/offers/{offer}/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, auditor=FORBIDDEN),
        body={"title": "Flat {n}"},
    ),
    "api:resettlement-offer-closures POST": post(
        "/api/v1/resettlement/offers/{offer}/closures/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, auditor=FORBIDDEN),
    ),
    # A household's needs: caseworkers and supervisors write (and see medical needs); every own role reads.
    "api:case-resettlement-needs GET": get(
        "/api/v1/cases/{case}/resettlement-needs/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:case-resettlement-needs PUT": put(
        "/api/v1/cases/{case}/resettlement-needs/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY),
        body={"adults": 1, "destination_country": "DE"},
    ),
    # Runs: coordinators start, move and send; another organisation's coordinator may start its own run over
    # offers published to everyone, and finds none of this organisation's runs.
    "api:resettlement-runs GET": get("/api/v1/resettlement/runs/", expect(API_ANONYMOUS, 200)),
    "api:resettlement-runs POST": post(
        "/api/v1/resettlement/runs/",
        expect(API_ANONYMOUS, 201, caseworker=FORBIDDEN, auditor=FORBIDDEN, other_caseworker=FORBIDDEN),
        body={"destination_country": "DE", "offer_ids": ["{offer}"]},
    ),
    "api:resettlement-run GET": get(
        "/api/v1/resettlement/runs/{match_run}/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:resettlement-run-dispatches POST": post(
        "/api/v1/resettlement/runs/{match_run}/dispatches/",
        # the supervisor sends; the organisation admin after them finds it sent
        expect(API_ANONYMOUS, 200, NOT_FOUND, caseworker=FORBIDDEN, auditor=FORBIDDEN, org_admin=409),
    ),
    "api:resettlement-proposal PATCH": patch(
        "/api/v1/resettlement/runs/{match_run}/proposals/{proposal}/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, caseworker=FORBIDDEN, auditor=FORBIDDEN),
        body={"offer_id": "{offer}"},
    ),
    # The world's proposal is not sent yet: those who may record an answer are told so (409).
    "api:resettlement-proposal-answers POST": post(
        "/api/v1/resettlement/runs/{match_run}/proposals/{proposal}/answers/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, auditor=FORBIDDEN),
        body={"accept": True},
    ),
    "api:person-sharing-consents GET": get(
        "/api/v1/persons/{person}/sharing-consents/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    # The caseworker (asked first) records a consent to share with the other organisation; the supervisor after
    # her finds it already in force (a conflict, not a second consent).
    "api:person-sharing-consents POST": post(
        "/api/v1/persons/{person}/sharing-consents/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={
            "grantee_id": "{other_organisation}",
            "parts": ["identity"],
            "valid_until": "2099-12-31",
            "given_how": "signed_form",
        },
    ),
    "api:aid-grant GET": get("/api/v1/aid/grants/{aid_grant}/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    # The first caseworker (not its proposer; 300 EUR is below the threshold) rejects it; then it is decided.
    "api:aid-grant-decisions POST": post(
        "/api/v1/aid/grants/{aid_grant}/decisions/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, auditor=FORBIDDEN, supervisor=409, org_admin=409),
        body={"decision": "reject"},
    ),
    # Aid programmes: aggregates only, read by every role of the owning organisation (another organisation
    # lists none of them). Payouts are handled by caseworkers and supervisors (auditors and admins read):
    # each move is made by the caseworker (asked first) and found already made by the supervisor after her.
    "api:aid-programmes GET": get("/api/v1/aid/programmes/", expect(API_ANONYMOUS, 200)),
    "api:aid-programme GET": get(
        "/api/v1/aid/programmes/{aid_programme}/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:aid-programme-grants GET": get(
        "/api/v1/aid/programmes/{aid_programme}/grants/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    # Writers propose another grant for the world's household (the budget allows it).
    "api:aid-programme-grants POST": post(
        "/api/v1/aid/programmes/{aid_programme}/grants/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY),
        body={"case_id": "{case}", "payee_id": "{person}"},
    ),
    "api:aid-programme-payouts GET": get(
        "/api/v1/aid/programmes/{aid_programme}/payouts/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    # The world's approved SEPA payout went out in a batch already: nothing is waiting.
    "api:aid-programme-sepa-files POST": post(
        "/api/v1/aid/programmes/{aid_programme}/sepa-files/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **WRITERS_ONLY),
    ),
    "api:aid-payment-file-content GET": get(
        "/api/v1/aid/payment-files/{aid_payment_file}/content/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    # JSON instead of the report's multipart upload: writers get 415, readers are refused before the upload.
    "api:aid-status-reports POST": post(
        "/api/v1/aid/status-reports/",
        expect(API_ANONYMOUS, 415, **WRITERS_ONLY, other_admin=FORBIDDEN),
        body={"kind": "pain.002"},
    ),
    "api:aid-tranche-payouts POST": post(
        "/api/v1/aid/tranches/{aid_free_tranche}/payouts/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={"channel": "cash", "recipient": "Вера Орлова"},
    ),
    "api:aid-payout GET": get(
        "/api/v1/aid/payouts/{aid_payout_sent}/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:aid-payout-approvals POST": post(
        "/api/v1/aid/payouts/{aid_payout_proposed}/approvals/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
    ),
    "api:aid-payout-sendings POST": post(
        "/api/v1/aid/payouts/{aid_payout_approved}/sendings/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
    ),
    "api:aid-payout-confirmations POST": post(
        "/api/v1/aid/payouts/{aid_payout_sent}/confirmations/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={"proof": "KORONA-{n}"},
    ),
    "api:aid-payout-failures POST": post(
        "/api/v1/aid/payouts/{aid_payout_to_fail}/failures/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={"reason": "AC04"},
    ),
    "api:aid-payout-reroutes POST": post(
        "/api/v1/aid/payouts/{aid_payout_failed}/reroutes/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={"channel": "cash", "recipient": "Вера Орлова"},
    ),
    # Sanctions matches are read by every staff role and decided by the roles the services' predicate names
    # (can_decide_sanctions_hit): the supervisor clears the match, the organisation admin after her finds it
    # decided.
    "api:aid-sanctions-hits GET": get("/api/v1/aid/sanctions-hits/", expect(API_ANONYMOUS, 200)),
    "api:aid-sanctions-hit-decisions POST": post(
        "/api/v1/aid/sanctions-hits/{aid_api_hit}/decisions/",
        # Only a compliance officer decides a match (none is among the world's roles): everyone else 403.
        expect(API_ANONYMOUS, FORBIDDEN, NOT_FOUND),
        body={"decision": "clear", "reason": "Passport seen: born in Tver"},
    ),
    "api:sharing-consent-revocations POST": post(
        "/api/v1/sharing-consents/{sharing_consent}/revocations/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY, supervisor=409),
        body={"reason": "The person asked to stop sharing."},
    ),
    "api:person-stays GET": get("/api/v1/persons/{person}/stays/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    "api:person-stays POST": post(
        "/api/v1/persons/{person}/stays/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY),
        body={
            "country": "TR",
            "entry_date": "201{n}-01-01",
            "exit_date": "201{n}-01-10",
            "legal_basis": "visa_free",
        },
    ),
    "api:stay PATCH": patch(
        "/api/v1/stays/{stay}/", API_WRITE, body={"exit_date": "1990-01-01"}, why="before entry: 400"
    ),
    # The person already heads a household: writers get a conflict; others cannot see the person.
    "api:households POST": post(
        "/api/v1/households/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **WRITERS_ONLY, other_admin=FORBIDDEN),
        body={"principal_id": "{person}"},
    ),
    "api:household GET": get("/api/v1/households/{household}/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    "api:household-members POST": post(
        "/api/v1/households/{household}/members/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **WRITERS_ONLY),
        body={"person_id": "{person}", "role": "child"},
    ),
    # Corrections. The world's principal cannot be given another role or removed: writers get a conflict.
    "api:household-member PATCH": patch(
        "/api/v1/households/{household}/members/{person}/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **WRITERS_ONLY),
        body={"role": "child"},
    ),
    "api:household-member DELETE": delete(
        "/api/v1/households/{household}/members/{person}/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **WRITERS_ONLY),
    ),
    "api:name-variant PATCH": patch(
        "/api/v1/name-variants/{name_variant}/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY),
        body={"valid_from": "2015-01-01"},
    ),
    "api:name-variant DELETE": delete(
        "/api/v1/name-variants/{name_variant}/", expect(API_ANONYMOUS, 204, NOT_FOUND, **WRITERS_ONLY)
    ),
    "api:contact-point PATCH": patch(
        "/api/v1/contact-points/{contact_point}/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY),
        body={"is_preferred": True},
    ),
    "api:contact-point DELETE": delete(
        "/api/v1/contact-points/{contact_point}/", expect(API_ANONYMOUS, 204, NOT_FOUND, **WRITERS_ONLY)
    ),
    "api:person-entry-refusals GET": get(
        "/api/v1/persons/{person}/entry-refusals/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    # Before the person's birth (17 May 1990): writers get 400 naming the date.
    "api:person-entry-refusals POST": post(
        "/api/v1/persons/{person}/entry-refusals/",
        API_WRITE,
        body={"country": "GE", "refused_on": "1980-01-01"},
    ),
    "api:person-risk-factors GET": get(
        "/api/v1/persons/{person}/risk-factors/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    # A criminal case without its stage: writers get 400 naming it.
    "api:person-risk-factors POST": post(
        "/api/v1/persons/{person}/risk-factors/", API_WRITE, body={"kind": "criminal_case"}
    ),
    "api:risk-factor PATCH": patch(
        "/api/v1/risk-factors/{risk_factor}/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY),
        body={"narrative": "Listed on {n} March."},
    ),
    "api:schema": get("/api/schema/", expect(API_ANONYMOUS, 200)),
    "api:docs": get("/api/docs/", expect(LOGIN, 200)),
    "api:unknown": get("/api/v1/nothing-here/", expect(NOT_FOUND, NOT_FOUND)),
}

# --- priority and risk factors (screening) ---------------------------------------------------------------
SCREENING_ROWS = {
    # Recalculating is a write: writers are sent back to the case's priority.
    "web:case-priority-refresh": post(
        "/cases/{case}/priority/", expect(LOGIN, 302, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:person-risk-record": post(
        "/persons/{person}/risk-factors/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # The edit form is a page of its own, shown only to those who may change it.
    "web:person-risk-edit": get(
        "/persons/{person}/risk-factors/{risk_factor}/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "api:case-priority-refreshes POST": post(
        "/api/v1/cases/{case}/priority-refreshes/", expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
}

# --- evidence and referral files -------------------------------------------------------------------------
# Vouching, withdrawing a vouch and flagging fraud are a supervisor's; files are opened by those who work or
# audit the case, not by an organisation admin.
SUPERVISOR_ONLY = {"caseworker": FORBIDDEN, "auditor": FORBIDDEN, "org_admin": FORBIDDEN}
FILE_READERS_ONLY = {"org_admin": FORBIDDEN}
EVIDENCE_ROWS = {
    "web:case-evidence-add": post("/cases/{case}/evidence/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)),
    "web:evidence-detail": get("/evidence/{evidence}/", expect(LOGIN, 200, NOT_FOUND)),
    "web:evidence-file": get(
        "/evidence/{evidence}/file/", expect(LOGIN, 200, NOT_FOUND, **FILE_READERS_ONLY)
    ),
    "web:evidence-corroborate": post(
        "/evidence/{evidence}/corroborate/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # The organisation already vouches: the supervisor gets the form back saying so.
    "web:evidence-vouch": post(
        "/evidence/{evidence}/vouch/", expect(LOGIN, 200, NOT_FOUND, **SUPERVISOR_ONLY)
    ),
    "web:evidence-flag-fraud": post(
        "/evidence/{evidence}/flag-fraud/", expect(LOGIN, 200, NOT_FOUND, **SUPERVISOR_ONLY)
    ),
    "web:vouch-withdraw": post(
        "/vouches/{vouch}/withdraw/", expect(LOGIN, 200, NOT_FOUND, **SUPERVISOR_ONLY)
    ),
    # A dossier is made by the NGO whose case it is (a download, hence 200).
    # Sealed documents (issue 19): the issuer's and the case NGO's staff read them; only the issuer's staff
    # (not its auditors) change a document's status. The verifier and what it downloads are public.
    "web:application-documents": get("/applications/{application}/documents/", expect(LOGIN, 200, NOT_FOUND)),
    "web:document-detail": get("/documents/{issued_document}/", expect(LOGIN, 200, NOT_FOUND)),
    "web:document-pdf": get("/documents/{issued_document}/pdf/", expect(LOGIN, 200, NOT_FOUND)),
    "web:document-status": post(
        "/documents/{issued_document}/status/", expect(LOGIN, 200, NOT_FOUND, auditor=FORBIDDEN)
    ),
    # An aid receipt: the paying organisation's caseworkers and supervisors ask; the payout here is not
    # confirmed, so the service refuses and the page sends them back to the grant (302).
    "web:aid-payout-receipt": post(
        "/aid/payouts/{aid_payout}/receipt/",
        expect(LOGIN, 302, NOT_FOUND, auditor=FORBIDDEN, org_admin=FORBIDDEN),
    ),
    # Sealed documents by the API: the same rules as the pages. An attestation of its own case is issued by the
    # NGO's caseworkers and supervisors (another NGO cannot see the case: 404); the first caseworker suspends
    # the world's attestation, after which the others get 409 (the same status).
    "api:case-sealed-documents GET": get(
        "/api/v1/cases/{case}/sealed-documents/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:sealed-documents POST": post(
        "/api/v1/sealed-documents/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, auditor=FORBIDDEN, org_admin=FORBIDDEN, other_admin=FORBIDDEN),
        body={"document_type": "ngo_attestation", "case_id": "{case}"},
    ),
    "api:sealed-document GET": get(
        "/api/v1/sealed-documents/{issued_document}/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:sealed-document-pdf GET": get(
        "/api/v1/sealed-documents/{issued_document}/pdf/", expect(API_ANONYMOUS, 200, NOT_FOUND)
    ),
    "api:sealed-document-status-changes POST": post(
        "/api/v1/sealed-documents/{issued_document}/status-changes/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, auditor=FORBIDDEN, supervisor=409, org_admin=409),
        body={"status": "suspended", "reason": "Checking the registration again."},
    ),
    "api:seal-trust-list": get("/api/v1/seals/trust-list/", expect(200, 200)),
    "api:seal-status-list": get("/api/v1/seals/status-lists/revocation/", expect(200, 200)),
    "web:verifier": get("/verify/", expect(200, 200)),
    "web:verifier-worker": get("/verify/sw.js", expect(200, 200)),
    "web:trust-list": get("/.well-known/herzen/trust-list", expect(200, 200)),
    "web:operator-key": get("/.well-known/herzen/operator-key.pem", expect(200, 200)),
    "web:status-list": get("/.well-known/herzen/status/revocation", expect(200, 200)),
    "web:application-dossier": post(
        "/applications/{application}/dossier/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    # An application's evidence file: for those who open the case's files (and, in
    # tests/security/test_authority_access.py, the authority it was referred to).
    "web:application-evidence-file": get(
        "/applications/{application}/evidence/{evidence}/file/",
        expect(LOGIN, 200, NOT_FOUND, **FILE_READERS_ONLY),
    ),
    "web:referrals": get("/referrals/", expect(LOGIN, 200)),
    # Anyone who gathers evidence lists what their own organisation refers (an empty form comes back).
    "web:referral-export": post(
        "/referrals/export/", expect(LOGIN, 200, 200, **WRITERS_ONLY, other_admin=FORBIDDEN)
    ),
    # Decisions are an authority's alone; none of these visitors works for one.
    "web:decisions-import": post("/referrals/import/", expect(LOGIN, FORBIDDEN)),
    "api:case-evidence GET": get("/api/v1/cases/{case}/evidence/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    "api:case-evidence POST": post(
        "/api/v1/cases/{case}/evidence/",
        expect(API_ANONYMOUS, 201, NOT_FOUND, **WRITERS_ONLY),
        body={"kind": "summons", "title": "Summons {n}", "source_kind": "lawyer"},
    ),
    "api:evidence GET": get("/api/v1/evidence/{evidence}/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    "api:evidence-file GET": get(
        "/api/v1/evidence/{evidence}/file/", expect(API_ANONYMOUS, 200, NOT_FOUND, **FILE_READERS_ONLY)
    ),
    "api:evidence PATCH": patch(
        "/api/v1/evidence/{evidence}/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY),
        body={"obtained_from": "From her lawyer ({n})"},
    ),
    "api:evidence-corroborations POST": post(
        "/api/v1/evidence/{evidence}/corroborations/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY),
        body={"source": "ovd_info", "reference": "https://ovd.info/{n}"},
    ),
    # The organisation already vouches: its supervisor gets a conflict.
    "api:evidence-vouches POST": post(
        "/api/v1/evidence/{evidence}/vouches/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **SUPERVISOR_ONLY),
        body={"statement": "We know her."},
    ),
    # Flagging fraud and withdrawing a vouch end things, so these act on the world's spare item and vouch.
    "api:evidence-fraud-flags POST": post(
        "/api/v1/evidence/{evidence_to_flag}/fraud-flags/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **SUPERVISOR_ONLY),
        body={"reason": "The court has no such case number."},
    ),
    "api:vouch-withdrawals POST": post(
        "/api/v1/vouches/{vouch_to_withdraw}/withdrawals/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **SUPERVISOR_ONLY),
        body={"reason": "We could not confirm it after all."},
    ),
    "api:application-dossiers POST": post(
        "/api/v1/applications/{application}/dossiers/",
        expect(API_ANONYMOUS, 200, NOT_FOUND, **WRITERS_ONLY),
    ),
    "api:referral-exports POST": post(
        "/api/v1/referrals/exports/",
        expect(API_ANONYMOUS, 200, 200, **WRITERS_ONLY, other_admin=FORBIDDEN),
        body={"file_format": "csv"},
    ),
    "api:referral-decision-imports POST": post(
        "/api/v1/referrals/decision-imports/", expect(API_ANONYMOUS, FORBIDDEN)
    ),
}

# --- applications (pathways) -----------------------------------------------------------------------------
APPLICATION_ROWS = {
    # An NGO's own applications, or (for an authority's staff) the work page of what was referred to it.
    "web:application-list": get("/applications/", expect(LOGIN, 200)),
    "web:application-start": get(
        "/cases/{case}/applications/new/", expect(LOGIN, 200, NOT_FOUND, **WRITERS_ONLY)
    ),
    "web:application-detail": get("/applications/{application}/", expect(LOGIN, 200, NOT_FOUND)),
    # A decision is never an NGO's move: whoever may read the application is sent back to it, told so.
    "web:application-move": post("/applications/{application}/moves/approve/", expect(LOGIN, 302, NOT_FOUND)),
    "api:pathways GET": get("/api/v1/pathways/", expect(API_ANONYMOUS, 200)),
    "api:regimes GET": get("/api/v1/regimes/", expect(API_ANONYMOUS, 200)),
    "api:applications GET": get("/api/v1/applications/", expect(API_ANONYMOUS, 200)),
    # The case already has an application on this pathway: writers get a conflict. The case is looked up
    # first, so another organisation's admin gets 404 too (unlike opening a case, which no admin may).
    "api:applications POST": post(
        "/api/v1/applications/",
        expect(API_ANONYMOUS, 409, NOT_FOUND, **WRITERS_ONLY),
        body={"case_id": "{case}", "pathway": "de_22_2"},
    ),
    "api:application GET": get("/api/v1/applications/{application}/", expect(API_ANONYMOUS, 200, NOT_FOUND)),
    # A move only a policy change makes (suspension): no person may make it, whatever their role.
    "api:application-transitions POST": post(
        "/api/v1/applications/{application}/transitions/",
        expect(API_ANONYMOUS, FORBIDDEN, NOT_FOUND),
        body={"move": "suspend_by_policy"},
    ),
}

# --- jobs, notices, health (herzen.jobs, herzen.notifications, herzen.operations) --------------------------
# The world's job is the caseworker's finished export: they see it and take its file; the organisation's
# supervisors and admins see it (to follow failures) but not its file; auditors and other organisations not
# at all. It has not failed, so nobody may retry it.
OPS_ROWS = {
    "health": get("/health/", expect(503, 503)),  # no worker beats in the world: down, for everyone alike
    "web:jobs-failed": get(
        "/jobs/failed/",
        expect(LOGIN, FORBIDDEN, supervisor=200, org_admin=200, other_admin=200),
    ),
    "web:job-detail": get("/jobs/{job}/", expect(LOGIN, 200, NOT_FOUND, auditor=NOT_FOUND)),
    "web:job-result": get(
        "/jobs/{job}/file/", expect(LOGIN, FORBIDDEN, NOT_FOUND, caseworker=200, auditor=NOT_FOUND)
    ),
    "web:job-retry": post("/jobs/{job}/retry/", expect(LOGIN, FORBIDDEN, NOT_FOUND, auditor=NOT_FOUND)),
    "api:job GET": get("/api/v1/jobs/{job}/", expect(API_ANONYMOUS, 200, NOT_FOUND, auditor=NOT_FOUND)),
    "api:job-file GET": get(
        "/api/v1/jobs/{job}/file/",
        expect(API_ANONYMOUS, FORBIDDEN, NOT_FOUND, caseworker=200, auditor=NOT_FOUND),
    ),
    "web:inbox": get("/notifications/", expect(LOGIN, 200)),
    "web:inbox-read-all": post("/notifications/read-all/", expect(LOGIN, 302)),
    "web:inbox-settings": post("/notifications/settings/", expect(LOGIN, 302)),
    # A notice is its recipient's alone.
    "web:notice-open": post(
        "/notifications/{notice}/open/", expect(LOGIN, NOT_FOUND, NOT_FOUND, caseworker=302)
    ),
}

# --- the public intake (applicants have no login) ---------------------------------------------------------
# Pages of a draft need the draft bound to the browser's session: without one, everyone is sent to the start.
TO_START = 302
INTAKE_ROWS = {
    "intake:start": get("/apply/", expect(200, 200)),
    "intake:link": get("/apply/link/not-a-token/", expect(NOT_FOUND, NOT_FOUND)),
    "intake:lost-link": get("/apply/lost-link/", expect(200, 200)),
    "intake:link-resend": post("/apply/link-again/", expect(TO_START, TO_START)),
    "intake:link-revoke": post("/apply/new-link/", expect(TO_START, TO_START)),
    "intake:language": get("/apply/language/", expect(TO_START, TO_START)),
    "intake:overview": get("/apply/continue/", expect(TO_START, TO_START)),
    "intake:check": get("/apply/check/", expect(TO_START, TO_START)),
    "intake:status": get("/apply/status/", expect(TO_START, TO_START)),
    "intake:notices-stop": post("/apply/status/notices/stop/", expect(TO_START, TO_START)),
    "intake:proposal-answer": post("/apply/status/proposals/answer/", expect(TO_START, TO_START)),
    "intake:notices-start": post("/apply/status/notices/start/", expect(TO_START, TO_START)),
    "intake:notices-telegram": post("/apply/status/notices/telegram/", expect(TO_START, TO_START)),
    "intake:step": get("/apply/about/", expect(TO_START, TO_START)),
}

# --- the Django admin ------------------------------------------------------------------------------------
# Only Django staff enter it (organisation admins; the platform operator). Anyone else signed in is sent to
# the admin's login, which refuses them (403); strangers are sent to the login page. Organisation admins
# read their own organisation's records and manage its memberships; they add and delete nothing else. An
# object of another organisation is treated by the admin as missing: it redirects to the admin index (302),
# exactly as for an id that does not exist.
NOT_STAFF = 302  # the admin sends signed-in non-staff to its login page, which then answers 403
ADMIN_PAGE = expect(LOGIN, NOT_STAFF, org_admin=200, other_admin=200)
ADMIN_OWN_OBJECT = expect(LOGIN, NOT_STAFF, org_admin=200, other_admin=302)
ADMIN_READ_ONLY = expect(LOGIN, NOT_STAFF, org_admin=FORBIDDEN, other_admin=FORBIDDEN)
ADMIN_ROWS = {
    "admin:index": get("/admin/", ADMIN_PAGE),
    # Django's own admin login form is replaced by Herzen's (second factor): staff are sent on, others refused.
    "admin:login": get("/admin/login/", expect(LOGIN, FORBIDDEN, org_admin=302, other_admin=302)),
    "admin:logout": post("/admin/logout/", expect(302, 302)),
    "admin:password_change": get("/admin/password_change/", ADMIN_PAGE),
    "admin:password_change_done": get("/admin/password_change/done/", ADMIN_PAGE),
    "admin:autocomplete": get("/admin/autocomplete/", ADMIN_READ_ONLY),
    "admin:jsi18n": get("/admin/jsi18n/", ADMIN_PAGE),
    "admin:view_on_site": get("/admin/r/1/1/", expect(LOGIN, NOT_STAFF, org_admin=404, other_admin=404)),
    "admin:app_list": get("/admin/people/", ADMIN_PAGE),
    "admin/(?P<url>.*)$": get(
        "/admin/no-such-page/", expect(LOGIN, NOT_STAFF, org_admin=404, other_admin=404)
    ),
    "admin:auth_user_password_change": get("/admin/accounts/user/{user}/password/", ADMIN_READ_ONLY),
}

# Each registered model's admin pages, for an object of the owning organisation.
ADMIN_MODELS = {
    "accounts/user": "{user}",
    "audit/auditevent": "{audit_event}",
    "organisations/organisation": "{organisation}",
    "organisations/membership": "{membership}",
    "people/person": "{person}",
    "people/household": "{household}",
    "people/identitydocument": "{document}",
    "people/stay": "{stay}",
    "people/entryrefusal": "{refusal}",
    "cases/case": "{case}",
    "audit/accessevent": "{access_event}",
    "evidence/evidenceitem": "{evidence}",
}
# Organisation admins grant and revoke memberships in their own organisation (through the services).
ADMIN_WRITABLE = {"organisations/membership"}


def _admin_model_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for model, object_id in ADMIN_MODELS.items():
        app, name = model.split("/")
        base = f"/admin/{model}/"
        writable = model in ADMIN_WRITABLE
        rows[f"admin:{app}_{name}_changelist"] = get(base, ADMIN_PAGE)
        rows[f"admin:{app}_{name}_add"] = get(f"{base}add/", ADMIN_PAGE if writable else ADMIN_READ_ONLY)
        rows[f"admin:{app}_{name}_history"] = get(f"{base}{object_id}/history/", ADMIN_OWN_OBJECT)
        rows[f"admin:{app}_{name}_delete"] = get(
            f"{base}{object_id}/delete/",
            ADMIN_OWN_OBJECT if writable else expect(LOGIN, NOT_STAFF, org_admin=403, other_admin=403),
        )
        rows[f"admin:{app}_{name}_change"] = get(f"{base}{object_id}/change/", ADMIN_OWN_OBJECT)
        # The bare object URL redirects to its change page (kept for old links).
        rows[f"admin/{model}/<path:object_id>/"] = get(f"{base}{object_id}/", expect(LOGIN, 302))
    # Django's groups are not used by Herzen (roles are memberships); only the platform operator sees them.
    for suffix, path in (
        ("changelist", ""),
        ("add", "add/"),
        ("change", "1/change/"),
        ("delete", "1/delete/"),
    ):
        rows[f"admin:auth_group_{suffix}"] = get(f"/admin/auth/group/{path}", ADMIN_READ_ONLY)
    rows["admin:auth_group_history"] = get("/admin/auth/group/1/history/", expect(LOGIN, 302))
    rows["admin/auth/group/<path:object_id>/"] = get("/admin/auth/group/1/", expect(LOGIN, 302))
    return rows


MATRIX: dict[str, Row] = {
    **ACCOUNT_ROWS,
    **WEB_ROWS,
    **API_ROWS,
    **SCREENING_ROWS,
    **EVIDENCE_ROWS,
    **APPLICATION_ROWS,
    **INTAKE_ROWS,
    **OPS_ROWS,
    **ADMIN_ROWS,
    **_admin_model_rows(),
}
