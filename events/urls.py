from django.urls import path

from .views import (
    checkin,
    cover,
    invitations,
    kits,
    manage,
    manage_charts,
    manage_invite,
    manage_setup,
    messages,
    public,
    rsvp,
)

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("near-part/", public.near_part, name="near_part"),
    path("feed.ics", public.feed_ics, name="feed_ics"),
    path("new/", manage_setup.event_create, name="create"),
    path("kits/", kits.kit_list, name="kit_list"),
    path("kits/<slug:slug>/use/", kits.kit_use, name="kit_use"),
    path(
        "invitations/confirm/<str:token>/",
        invitations.link_answer_confirm,
        name="link_answer_confirm",
    ),
    path("invitations/<str:token>/", invitations.invitation_respond, name="invitation"),
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", public.event_ics, name="event_ics"),
    path("<slug:slug>/rsvp/", rsvp.rsvp_form, name="rsvp"),
    path("<slug:slug>/rsvp/<str:token>/", rsvp.rsvp_manage_link, name="rsvp_link"),
    path("<slug:slug>/sessions/<int:pk>/signup/", rsvp.session_signup, name="session_signup"),
    path("<slug:slug>/nominate/", invitations.nominate, name="nominate"),
    # Organizer pages
    path("<slug:slug>/manage/", manage.dashboard, name="manage"),
    path("<slug:slug>/manage/attendees.csv", manage.attendees_csv, name="attendees_csv"),
    path(
        "<slug:slug>/manage/rsvps-per-day.svg",
        manage_charts.rsvp_sparkline,
        name="rsvp_sparkline",
    ),
    path("<slug:slug>/manage/message/", messages.message_attendees, name="message"),
    path("<slug:slug>/manage/edit/", manage_setup.event_edit, name="edit"),
    path("<slug:slug>/manage/cover/", cover.cover_manage, name="cover_manage"),
    path("<slug:slug>/cover-<str:size>.jpg", cover.cover_file, name="cover"),
    path("<slug:slug>/manage/cancel/", manage_setup.event_cancel, name="cancel"),
    path("<slug:slug>/manage/team/", manage_setup.team, name="team"),
    path("<slug:slug>/manage/agenda/", manage_setup.agenda, name="agenda"),
    path("<slug:slug>/manage/questions/", manage_setup.questions, name="questions"),
    path("<slug:slug>/manage/reminders/", manage_setup.reminders, name="reminders"),
    path("<slug:slug>/manage/followups/", manage_setup.followup_create, name="followup_create"),
    path("<slug:slug>/manage/save-kit/", kits.kit_save, name="kit_save"),
    path("<slug:slug>/manage/invite/", manage_invite.invite_leaders, name="invite_leaders"),
    path("<slug:slug>/manage/invite/emails/", manage_invite.invite_emails, name="invite_emails"),
    path(
        "<slug:slug>/manage/invite/attendees/",
        manage_invite.invite_parent_attendees,
        name="invite_parent_attendees",
    ),
    path("<slug:slug>/manage/invite/links/", manage_invite.invite_links, name="invite_links"),
    path("<slug:slug>/manage/invitations/", manage_invite.invitation_list, name="invitation_list"),
    path(
        "<slug:slug>/manage/invitations/<int:pk>/<str:action>/",
        manage_invite.invitation_action,
        name="invitation_action",
    ),
    path(
        "<slug:slug>/manage/nominations/<int:pk>/<str:decision>/",
        manage_invite.nomination_decide,
        name="nomination_decide",
    ),
    path(
        "<slug:slug>/manage/rsvps/<int:pk>/cancel/",
        manage.rsvp_cancel_by_team,
        name="rsvp_cancel_by_team",
    ),
    # Check-in desk
    path("<slug:slug>/checkin/", checkin.desk, name="checkin"),
    path("<slug:slug>/checkin/search/", checkin.search, name="checkin_search"),
    path("<slug:slug>/checkin/<int:pk>/", checkin.toggle, name="checkin_toggle"),
    path("<slug:slug>/checkin/walk-in/", checkin.walk_in, name="checkin_walk_in"),
    path("<slug:slug>/checkin/counts/", checkin.counts, name="checkin_counts"),
]
