from django.urls import path

from .views import answer, index, network_survey, results, segments

app_name = "surveys"

urlpatterns = [
    path("", index.survey_index, name="index"),
    path("reports/<slug:slug>/", results.report, name="report"),
    path(
        "reports/<slug:slug>/chart-<int:question_pk>.svg",
        results.report_chart,
        name="report_chart",
    ),
    path("segments/<slug:leader_slug>/", segments.lean_override, name="lean_override"),
    path("new/", network_survey.network_survey_new, name="new"),
    path("audience-count/", network_survey.audience_preview, name="audience_count"),
    path("<slug:slug>/manage/", network_survey.network_survey_manage, name="manage"),
    path("<slug:slug>/", answer.answer, name="answer"),
    path("<slug:slug>/answer/<str:token>/", answer.answer_link, name="answer_link"),
    path("<slug:slug>/results/", results.results, name="results"),
    path("<slug:slug>/results.csv", results.results_csv, name="results_csv"),
    path("<slug:slug>/responses.csv", results.responses_export, name="responses_export"),
    path("<slug:slug>/publish/", results.publish, name="publish"),
    path("<slug:slug>/needs/", results.needs, name="needs"),
]
