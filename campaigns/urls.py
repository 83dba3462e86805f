from django.urls import path

from .views import (
    find,
    manage,
    manage_local_body,
    manage_meetings,
    manage_ordinance,
    manage_setup,
    manage_stances,
    members,
    public,
    scoreboard,
)

app_name = "campaigns"

urlpatterns = [
    path("", public.campaign_list, name="list"),
    path("find-my-legislator/", find.find_my_legislator, name="find_my_legislator"),
    path("new/", manage_setup.campaign_create, name="create"),
    path("<slug:slug>/", public.campaign_detail, name="detail"),
    path("<slug:slug>/officials/<slug:official>/", public.official_detail, name="official"),
    path("<slug:slug>/join/", members.join, name="join"),
    path("<slug:slug>/leave/", members.leave, name="leave"),
    path("<slug:slug>/meetings/<int:pk>/", members.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/report/", members.meeting_report, name="meeting_report"),
    path("<slug:slug>/scoreboard/", scoreboard.scoreboard, name="scoreboard"),
    path("<slug:slug>/scoreboard.json", scoreboard.scoreboard_json, name="scoreboard_json"),
    path("<slug:slug>/scoreboard.csv", scoreboard.scoreboard_csv, name="scoreboard_csv"),
    path("<slug:slug>/scoreboard.svg", scoreboard.scoreboard_svg, name="scoreboard_svg"),
    # Organizer pages
    path("<slug:slug>/manage/", manage.dashboard, name="manage"),
    path("<slug:slug>/manage/edit/", manage_setup.campaign_edit, name="edit"),
    path("<slug:slug>/manage/team/", manage_setup.team, name="team"),
    path("<slug:slug>/manage/scripts/", manage_setup.scripts, name="scripts"),
    path("<slug:slug>/manage/targets/", manage_setup.targets, name="targets"),
    path(
        "<slug:slug>/manage/targets/members/",
        manage_local_body.member_add,
        name="local_member_add",
    ),
    path(
        "<slug:slug>/manage/targets/members/import/",
        manage_local_body.members_import,
        name="local_members_import",
    ),
    path("<slug:slug>/manage/constituents/", manage_meetings.constituents, name="constituents"),
    path("<slug:slug>/manage/meetings/", manage_meetings.meeting_list, name="meeting_list"),
    path("<slug:slug>/manage/meetings/new/", manage_meetings.meeting_create, name="meeting_create"),
    path(
        "<slug:slug>/manage/meetings/<int:pk>/",
        manage_meetings.meeting_edit,
        name="meeting_edit",
    ),
    path("<slug:slug>/manage/stances/", manage_stances.stance_list, name="stances"),
    path("<slug:slug>/manage/stances/new/", manage_stances.stance_create, name="stance_create"),
    path(
        "<slug:slug>/manage/stances/<int:pk>/<str:decision>/",
        manage_stances.stance_review,
        name="stance_review",
    ),
    path("<slug:slug>/manage/actions/", manage_stances.actions, name="actions"),
    path("<slug:slug>/manage/steps/", manage_ordinance.steps, name="steps"),
    path("<slug:slug>/manage/steps/<int:pk>/", manage_ordinance.step_edit, name="step_edit"),
    path("<slug:slug>/manage/opposition/", manage_ordinance.opposition, name="opposition"),
    path("<slug:slug>/manage/leadership/", manage_ordinance.leadership, name="leadership"),
]
