from django.urls import path

from herzen.web.views import applications, cases, persons, session

app_name = "web"

urlpatterns = [
    path("", session.home_view, name="home"),
    path("cases/", cases.case_list_view, name="case-list"),
    path("cases/new/", cases.case_new_view, name="case-new"),
    path("cases/<uuid:case_id>/", cases.case_detail_view, name="case-detail"),
    path("cases/<uuid:case_id>/members/", cases.case_member_add_view, name="case-member-add"),
    path("cases/<uuid:case_id>/notes/", cases.case_note_add_view, name="case-note-add"),
    path("cases/<uuid:case_id>/status/", cases.case_status_view, name="case-status"),
    path("cases/<uuid:case_id>/caseworker/", cases.case_assign_view, name="case-assign"),
    path(
        "cases/<uuid:case_id>/applications/new/",
        applications.application_start_view,
        name="application-start",
    ),
    path("applications/", applications.application_list_view, name="application-list"),
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
    path(
        "persons/<uuid:person_id>/name-variants/",
        persons.name_variant_add_view,
        name="person-name-variant-add",
    ),
    path("persons/<uuid:person_id>/documents/", persons.document_add_view, name="person-document-add"),
    path("persons/<uuid:person_id>/stays/", persons.stay_record_view, name="person-stay-record"),
    path("persons/<uuid:person_id>/stays/exit/", persons.stay_exit_view, name="person-stay-exit"),
    path(
        "persons/<uuid:person_id>/entry-refusals/",
        persons.entry_refusal_record_view,
        name="person-entry-refusal-record",
    ),
    path(
        "persons/<uuid:person_id>/contact-points/", persons.contact_point_add_view, name="person-contact-add"
    ),
    path("organisation/switch/", session.organisation_switch_view, name="organisation-switch"),
]
