from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from herzen.accounts.urls import root_urlpatterns as login_urlpatterns
from herzen.operations.views import health_view

# The admin has its own login form, which knows nothing of second factors: send it to Herzen's login.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    *login_urlpatterns,
    path("accounts/", include("herzen.accounts.urls")),
    # Monitoring (herzen.operations.health): up or down for anyone, details for operators.
    path("health/", health_view, name="health"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", include("herzen.api.urls")),
    path("apply/", include("herzen.intake.urls")),
    path("", include("herzen.web.urls")),
]
