"""The surveys' user-facing refusals."""

from actlocal.errors import ServiceError


class SurveyError(ServiceError):
    """A survey refused a request; the message is for the person who asked."""
