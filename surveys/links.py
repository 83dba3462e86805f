"""Personal survey links: signed (survey, leader) pairs, so answering needs no sign-in.

The signature binds the link to one survey and one person; a tampered or foreign link is
refused with a plain page, never a 500. The link lives as long as the survey is open, and
opening it again is how a respondent edits their answers.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

SALT = "surveys.personal-link"


def survey_link_token(*, survey_pk: int, leader_pk: int) -> str:
    return signing.dumps([survey_pk, leader_pk], salt=SALT, compress=False)


def survey_link_path(*, survey_slug: str, survey_pk: int, leader_pk: int) -> str:
    token = survey_link_token(survey_pk=survey_pk, leader_pk=leader_pk)
    return reverse("surveys:answer_link", kwargs={"slug": survey_slug, "token": token})


def survey_link_read(*, token: str, survey_pk: int) -> int | None:
    """The leader pk a valid link for this survey names, or None for anything else."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(part, int) for part in value)
        or value[0] != survey_pk
    ):
        return None
    return value[1]
