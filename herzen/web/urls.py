from django.urls import path

from herzen.web.views import (
    applications,
    cases,
    corrections,
    declarations,
    evidence,
    jobs,
    notifications,
    persons,
    referrals,
    retention,
    rules,
    session,
    sharing,
    staff,
    statistics,
)

app_name = "web"

urlpatterns = [
    path("", session.home_view, name="home"),
    path("rules/", rules.rules_register_view, name="rules-register"),
    path(
        "rules/export.<str:format>",
        rules.rules_register_export_view,
        name="rules-register-export",
    ),
    path("statistics/", statistics.public_statistics_view, name="statistics"),
    path(
        "statistics/<uuid:release_id>/<slug:name>.<str:format>",
        statistics.public_statistics_download_view,
        name="statistics-download",
    ),
    path("statistics/releases/", statistics.release_list_view, name="statistics-releases"),
    path("statistics/releases/<uuid:release_id>/", statistics.release_detail_view, name="statistics-release"),
    path(
        "statistics/releases/<uuid:release_id>/review/",
        statistics.release_review_view,
        name="statistics-release-review",
    ),
    path("statistics/dashboard/", statistics.dashboard_view, name="statistics-dashboard"),
    path("jobs/failed/", jobs.failed_jobs_view, name="jobs-failed"),
    path("jobs/<uuid:job_id>/", jobs.job_detail_view, name="job-detail"),
    path("jobs/<uuid:job_id>/file/", jobs.job_result_view, name="job-result"),
    path("jobs/<uuid:job_id>/retry/", jobs.job_retry_view, name="job-retry"),
    path("notifications/", notifications.inbox_view, name="inbox"),
    path("notifications/read-all/", notifications.notices_read_all_view, name="inbox-read-all"),
    path("notifications/settings/", notifications.notice_settings_view, name="inbox-settings"),
    path("notifications/<uuid:notification_id>/open/", notifications.notice_open_view, name="notice-open"),
    path("cases/", cases.case_list_view, name="case-list"),
    path("cases/new/", cases.case_new_view, name="case-new"),
    path("cases/<uuid:case_id>/", cases.case_detail_view, name="case-detail"),
    path("cases/<uuid:case_id>/members/", cases.case_member_add_view, name="case-member-add"),
    path("cases/<uuid:case_id>/notes/", cases.case_note_add_view, name="case-note-add"),
    path("cases/<uuid:case_id>/status/", cases.case_status_view, name="case-status"),
    path("cases/<uuid:case_id>/caseworker/", cases.case_assign_view, name="case-assign"),
    path("cases/<uuid:case_id>/priority/", cases.case_priority_refresh_view, name="case-priority-refresh"),
    path("cases/<uuid:case_id>/evidence/", evidence.case_evidence_add_view, name="case-evidence-add"),
    path(
        "cases/<uuid:case_id>/duplicates/<uuid:duplicate_id>/dismiss/",
        cases.possible_duplicate_dismiss_view,
        name="case-duplicate-dismiss",
    ),
    path("evidence/<uuid:evidence_id>/", evidence.evidence_detail_view, name="evidence-detail"),
    path("evidence/<uuid:evidence_id>/file/", evidence.evidence_file_view, name="evidence-file"),
    path(
        "evidence/<uuid:evidence_id>/corroborate/",
        evidence.evidence_corroborate_view,
        name="evidence-corroborate",
    ),
    path("evidence/<uuid:evidence_id>/vouch/", evidence.evidence_vouch_view, name="evidence-vouch"),
    path(
        "evidence/<uuid:evidence_id>/flag-fraud/",
        evidence.evidence_flag_fraud_view,
        name="evidence-flag-fraud",
    ),
    path("vouches/<uuid:vouch_id>/withdraw/", evidence.vouch_withdraw_view, name="vouch-withdraw"),
    path(
        "applications/<uuid:application_id>/dossier/",
        referrals.application_dossier_view,
        name="application-dossier",
    ),
    path(
        "applications/<uuid:application_id>/evidence/<uuid:evidence_id>/file/",
        referrals.application_evidence_file_view,
        name="application-evidence-file",
    ),
    path("referrals/", referrals.referrals_view, name="referrals"),
    path("referrals/export/", referrals.referral_export_view, name="referral-export"),
    path("referrals/import/", referrals.decisions_import_view, name="decisions-import"),
    path(
        "cases/<uuid:case_id>/applications/new/",
        applications.application_start_view,
        name="application-start",
    ),
    path("applications/", applications.application_list_view, name="application-list"),
    path(
        "applications/time-in-state/",
        applications.application_time_in_state_view,
        name="application-time-in-state",
    ),
    path(
        "applications/<uuid:application_id>/",
        applications.application_detail_view,
        name="application-detail",
    ),
    path(
        "applications/<uuid:application_id>/moves/<slug:move>/",
        applications.application_move_view,
        name="application-move",
    ),
    path("persons/<uuid:person_id>/", persons.person_detail_view, name="person-detail"),
    path("persons/<uuid:person_id>/export/", retention.person_export_view, name="person-export"),
    path(
        "persons/<uuid:person_id>/declarations/",
        declarations.person_declarations_view,
        name="person-declarations",
    ),
    path(
        "persons/<uuid:person_id>/declarations/<uuid:declaration_id>/withdraw/",
        declarations.declaration_withdraw_view,
        name="person-declaration-withdraw",
    ),
    path(
        "persons/<uuid:person_id>/sharing/",
        sharing.sharing_consent_record_view,
        name="person-sharing-consent-record",
    ),
    path(
        "persons/<uuid:person_id>/sharing/<uuid:consent_id>/revoke/",
        sharing.sharing_consent_revoke_view,
        name="person-sharing-consent-revoke",
    ),
    path("shared/", sharing.shared_list_view, name="shared-list"),
    path("shared/<uuid:person_id>/", sharing.shared_person_view, name="shared-person-detail"),
    path(
        "persons/<uuid:person_id>/name-variants/",
        persons.name_variant_add_view,
        name="person-name-variant-add",
    ),
    path("persons/<uuid:person_id>/documents/", persons.document_add_view, name="person-document-add"),
    path("persons/<uuid:person_id>/stays/", persons.stay_record_view, name="person-stay-record"),
    path("persons/<uuid:person_id>/stays/exit/", persons.stay_exit_view, name="person-stay-exit"),
    path(
        "persons/<uuid:person_id>/stays/registration/",
        persons.stay_registration_view,
        name="person-stay-registration",
    ),
    path(
        "persons/<uuid:person_id>/entry-refusals/",
        persons.entry_refusal_record_view,
        name="person-entry-refusal-record",
    ),
    path(
        "persons/<uuid:person_id>/risk-factors/", persons.risk_factor_record_view, name="person-risk-record"
    ),
    path(
        "persons/<uuid:person_id>/risk-factors/<uuid:risk_factor_id>/",
        persons.risk_factor_edit_view,
        name="person-risk-edit",
    ),
    path(
        "persons/<uuid:person_id>/contact-points/", persons.contact_point_add_view, name="person-contact-add"
    ),
    # Corrections: each record's "Change" link on the person page leads to a page of its own.
    path("persons/<uuid:person_id>/edit/", corrections.person_edit_view, name="person-edit"),
    path(
        "persons/<uuid:person_id>/household-role/",
        corrections.member_role_edit_view,
        name="person-role-edit",
    ),
    path(
        "persons/<uuid:person_id>/name-variants/<uuid:variant_id>/",
        corrections.name_variant_edit_view,
        name="person-name-variant-edit",
    ),
    path(
        "persons/<uuid:person_id>/documents/<uuid:document_id>/",
        corrections.document_edit_view,
        name="person-document-edit",
    ),
    path(
        "persons/<uuid:person_id>/contact-points/<uuid:contact_point_id>/",
        corrections.contact_point_edit_view,
        name="person-contact-edit",
    ),
    path(
        "persons/<uuid:person_id>/stays/<uuid:stay_id>/", corrections.stay_edit_view, name="person-stay-edit"
    ),
    path("organisation/switch/", session.organisation_switch_view, name="organisation-switch"),
    path("organisation/staff/", staff.staff_view, name="organisation-staff"),
    path("welcome/<str:token>/", staff.staff_welcome_link_view, name="staff-welcome"),
    path("welcome/", staff.staff_welcome_view, name="staff-welcome-password"),
]
