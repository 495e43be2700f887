from django.urls import path

from herzen.intake import notice_views, proposal_views, views

app_name = "intake"

urlpatterns = [
    path("", views.start_view, name="start"),
    path("link/<str:token>/", views.link_view, name="link"),
    path("lost-link/", views.lost_link_view, name="lost-link"),
    path("link-again/", views.link_resend_view, name="link-resend"),
    path("new-link/", views.link_revoke_view, name="link-revoke"),
    path("language/", views.language_view, name="language"),
    path("continue/", views.overview_view, name="overview"),
    path("check/", views.check_view, name="check"),
    path("status/", views.status_view, name="status"),
    path("status/proposals/answer/", proposal_views.proposal_answer_view, name="proposal-answer"),
    path("status/notices/stop/", notice_views.notices_stop_view, name="notices-stop"),
    path("status/notices/start/", notice_views.notices_start_view, name="notices-start"),
    path("status/notices/telegram/", notice_views.notices_telegram_view, name="notices-telegram"),
    path("<slug:step>/", views.step_view, name="step"),
]
