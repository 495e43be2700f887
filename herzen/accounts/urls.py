"""The parts of django-allauth that Herzen uses, and nothing else.

allauth's full URLconf also offers sign-up, password reset by e-mail, e-mail management and password change;
Herzen has none of them (accounts and passwords are managed by the platform operator through the audited
account services), so they are not routed at all rather than merely hidden.
"""

from allauth.account import views as account_views
from django.urls import include, path

# `login` and `logout` are Herzen's names (LOGIN_URL, templates); allauth reverses its own names, which
# point to the same paths (the second pattern of each pair only ever serves `reverse`).
root_urlpatterns = [
    path("login/", account_views.login, name="login"),
    path("login/", account_views.login, name="account_login"),
    path("logout/", account_views.logout, name="logout"),
    path("logout/", account_views.logout, name="account_logout"),
]

urlpatterns = [
    path("reauthenticate/", account_views.reauthenticate, name="account_reauthenticate"),
    path("inactive/", account_views.account_inactive, name="account_inactive"),
    path("2fa/", include("allauth.mfa.urls")),
]
