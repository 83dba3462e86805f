from django.urls import path

from . import me_views, organizing_views

urlpatterns = [
    path("", me_views.profile, name="me"),
    path("organizing/", organizing_views.my_organizing, name="my_organizing"),
    path("language/", me_views.language, name="me_language"),
    path("data.json", me_views.data_download, name="me_data"),
    path("delete/", me_views.delete_account, name="me_delete"),
]
