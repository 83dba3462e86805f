import factory
from django.utils import timezone

from actlocal.geo import zip_place
from directory.models import Affiliation, Leader, Organization, Resource, Scope


def _lat(obj):
    place = zip_place(obj.zip_code)
    return place.lat if place else None


def _lng(obj):
    place = zip_place(obj.zip_code)
    return place.lng if place else None


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader
        skip_postgeneration_save = True

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"leader-{n}")
    email = factory.Sequence(lambda n: f"leader{n}@private.example.org")
    phone = factory.Sequence(lambda n: f"617-555-{n % 10000:04d}")
    city = "Cambridge"
    state = "MA"
    zip_code = "02139"
    latitude = factory.LazyAttribute(_lat)
    longitude = factory.LazyAttribute(_lng)
    area_type = "urban"
    area_lean = "blue"
    bio = factory.Faker("sentence")
    visibility = Leader.Visibility.PUBLIC
    # A public profile needs its person's recorded consent (a database constraint).
    consent_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.visibility == Leader.Visibility.PUBLIC else None
    )

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.add(*extracted)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.roles.add(*extracted)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Neighbors United {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = Organization.Kind.LOCAL_GROUP
    scope = Scope.LOCAL
    city = "Cambridge"
    state = "MA"
    zip_code = "02139"
    latitude = factory.LazyAttribute(_lat)
    longitude = factory.LazyAttribute(_lng)
    website = factory.Sequence(lambda n: f"https://group{n}.example.org")
    website_domain = factory.Sequence(lambda n: f"group{n}.example.org")
    description = factory.Faker("paragraph")
    public_email = factory.Sequence(lambda n: f"hello@group{n}.example.org")
    verified = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.add(*extracted)


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    leader = factory.SubFactory(LeaderFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role_title = "Member"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Organizing guide {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = Resource.Kind.TOOLKIT
    scope = Scope.NATIONAL
    url = factory.Sequence(lambda n: f"https://resources.example.org/{n}")
    description = factory.Faker("paragraph")

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.add(*extracted)
