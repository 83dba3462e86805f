from django.urls import path

from .views import browse, contact, manage, map_clusters, maps

app_name = "directory"

urlpatterns = [
    path("", browse.overview, name="overview"),
    path("leaders/", browse.leader_list, name="leader_list"),
    path("leaders/<slug:slug>/", browse.leader_detail, name="leader_detail"),
    path("leaders/<slug:slug>/contact/", contact.contact_leader, name="leader_contact"),
    path("organizations/", browse.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", browse.organization_detail, name="organization_detail"),
    path(
        "organizations/<slug:slug>/manage/",
        manage.organization_manage,
        name="organization_manage",
    ),
    path(
        "organizations/<slug:slug>/manage/managers/",
        manage.organization_managers_change,
        name="organization_managers",
    ),
    path("organizations/<slug:slug>/logo.jpg", browse.organization_logo, name="organization_logo"),
    path("resources/", browse.resource_list, name="resource_list"),
    path("resources/<slug:slug>/", browse.resource_detail, name="resource_detail"),
    path("map/", maps.map_page, name="map"),
    path("map.geojson", maps.map_geojson, name="map_geojson"),
    path("map-states.geojson", maps.map_states_geojson, name="map_states_geojson"),
    path("map-clusters.geojson", map_clusters.map_clusters_geojson, name="map_clusters_geojson"),
    path("near/", maps.near, name="near"),
    path("near/resources/", maps.near_resources_part, name="near_resources"),
]
