"""/events/<slug>/survey/: an event's survey, mounted under the event by the project's URLs."""

from django.urls import path

from .views import event_survey

app_name = "event_survey"

urlpatterns = [
    path("", event_survey.event_survey, name="manage"),
    path("results/", event_survey.event_survey_results, name="results"),
]
