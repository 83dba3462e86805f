"""One exception for "the message is safe to show": every service refusal is a ServiceError."""

import pytest

from actlocal.errors import ServiceError
from campaigns.geography import PlaceError
from campaigns.services.actions import PressureActionError
from campaigns.services.campaigns import CampaignError
from campaigns.services.meetings import MeetingError
from campaigns.services.members import JoinError
from campaigns.services.ordinance import OrdinanceError
from campaigns.services.stances import StanceError
from directory.duplicates.merge import MergeError
from directory.importexport.cells import CellError
from directory.importexport.headers import ImportFileError
from events.services.agenda import SetupError
from events.services.checkin import CheckInError
from events.services.events import EventError
from events.services.invitations import InvitationError
from events.services.nominations import NominationError
from events.services.rsvps import RSVPError
from events.services.sessions import SessionError
from events.services.team import TeamError

SERVICE_ERRORS = [
    PlaceError,
    PressureActionError,
    CampaignError,
    MeetingError,
    JoinError,
    OrdinanceError,
    StanceError,
    MergeError,
    CellError,
    ImportFileError,
    SetupError,
    CheckInError,
    EventError,
    InvitationError,
    NominationError,
    RSVPError,
    SessionError,
    TeamError,
]


@pytest.mark.parametrize("error", SERVICE_ERRORS, ids=lambda error: error.__name__)
def test_each_service_error_is_caught_as_a_service_error(error):
    with pytest.raises(ServiceError, match="Pick another day"):
        raise error("Pick another day")


def test_a_place_error_is_still_a_value_error_for_the_parsers_that_expect_one():
    assert issubclass(PlaceError, ValueError)
