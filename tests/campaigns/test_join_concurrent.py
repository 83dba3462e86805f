"""Two joins by the same leader at the same moment (double click, two tabs) make one membership."""

import threading

import pytest
from django.db import connections

from campaigns.models import CampaignMember
from campaigns.services.members import Place, member_join
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory

from .factories import CampaignFactory, DistrictAreaFactory, DistrictFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_joins_make_one_membership():
    campaign = CampaignFactory()
    district = DistrictFactory(body=campaign.target_body, name="7th Hampden")
    DistrictAreaFactory(district=district, municipality="Ludlow", ward="", precinct="1")
    user = UserFactory(email="twice@example.org")
    LeaderFactory(user=user, email=user.email)
    barrier = threading.Barrier(4)
    errors = []

    def join():
        try:
            barrier.wait()
            member_join(campaign=campaign, user=user, place=Place(municipality="Ludlow"))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=join) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    member = CampaignMember.objects.get()
    assert list(member.districts.all()) == [district]
