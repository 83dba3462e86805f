"""/campaigns/<slug>/surveys/: a campaign's surveys, mounted under the campaign by the
project's URLs."""

from django.urls import path

from .views import campaign_survey

app_name = "campaign_survey"

urlpatterns = [
    path("new/", campaign_survey.campaign_survey_new, name="new"),
    path("<slug:slug>/manage/", campaign_survey.campaign_survey_manage, name="manage"),
]
