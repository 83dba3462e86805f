from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import jsi18n, language_views, views
from .admin_site import rate_limited_admin_login

admin.site.site_header = _("ActLocal staff")
admin.site.site_title = _("ActLocal staff")
admin.site.login = rate_limited_admin_login(admin.site.login)

urlpatterns = [
    # The portal composes the apps: the home page and /me/ (included by name: the core imports
    # none of the apps).
    path("", include("portal.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("i18n/setlang/", language_views.language_switch, name="set_language"),
    path("jsi18n/", jsi18n.javascript_catalog, name="javascript_catalog"),
    path("accounts/", include("allauth.urls")),
    path("directory/", include("directory.urls")),
    # Before events' own URLs: /events/<slug>/survey/ belongs to the surveys app built on events.
    path("events/<slug:event_slug>/survey/", include("surveys.event_urls")),
    path("events/", include("events.urls")),
    path("surveys/", include("surveys.urls")),
    # Before campaigns' own URLs, for the same reason: a campaign's surveys belong to surveys.
    path("campaigns/<slug:campaign_slug>/surveys/", include("surveys.campaign_urls")),
    path("campaigns/", include("campaigns.urls")),
    path("toolkits/", include("toolkits.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "actlocal.error_pages.server_error"
