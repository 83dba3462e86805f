from django.contrib import admin
from django.urls import include, path

from . import views
from .admin_site import rate_limited_admin_login

admin.site.site_header = "ActLocal staff"
admin.site.site_title = "ActLocal staff"
admin.site.login = rate_limited_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("actlocal.me_urls")),
    path("directory/", include("directory.urls")),
    path("events/", include("events.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("toolkits/", include("toolkits.urls")),
    path("admin/", admin.site.urls),
]
