import factory

from campaigns.models import (
    Body,
    Campaign,
    CampaignMember,
    CampaignOfficial,
    CampaignRole,
    District,
    DistrictArea,
    Meeting,
    Official,
    StanceReport,
)
from campaigns.normalize import district_key, municipality_key
from tests.actlocal.factories import UserFactory
from tests.directory.factories import LeaderFactory


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ["slug"]

    name = "Massachusetts House of Representatives"
    slug = "ma-house"
    kind = Body.Kind.STATE_LOWER
    state = "MA"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"{n + 1}th Hampden")
    name_key = factory.LazyAttribute(lambda o: district_key(o.name))


class DistrictAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictArea

    district = factory.SubFactory(DistrictFactory)
    state = "MA"
    municipality = "Springfield"
    municipality_key = factory.LazyAttribute(lambda o: municipality_key(o.municipality))
    ward = "1"
    precinct = factory.Sequence(lambda n: str(n + 1))


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"official-{n}")
    party = "Democratic"
    district = factory.SubFactory(DistrictFactory)
    body = factory.LazyAttribute(lambda o: o.district.body)
    email = factory.Sequence(lambda n: f"rep{n}@statehouse.example.gov")
    phone = "617-722-2000"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    kind = Campaign.Kind.LEGISLATIVE
    title = factory.Sequence(lambda n: f"Open Committee Votes {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    target_body = factory.SubFactory(BodyFactory)
    ask = "Will you vote to make every committee vote public?"
    meeting_goal = 100
    votes_needed = 81
    status = Campaign.Status.ACTIVE


class CampaignRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignRole

    campaign = factory.SubFactory(CampaignFactory)
    user = factory.SubFactory(UserFactory)
    role = CampaignRole.Role.LEAD


class CampaignMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignMember
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    leader = factory.SubFactory(LeaderFactory)
    municipality = "Springfield"

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.districts.add(*extracted)


class CampaignOfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignOfficial

    campaign = factory.SubFactory(CampaignFactory)
    official = factory.SubFactory(OfficialFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    campaign = factory.SubFactory(CampaignFactory)
    official = factory.SubFactory(OfficialFactory)
    status = Meeting.Status.REQUESTED


class StanceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StanceReport

    campaign = factory.SubFactory(CampaignFactory)
    official = factory.SubFactory(OfficialFactory)
    stance = "supports"
    source = StanceReport.Source.STATEMENT
