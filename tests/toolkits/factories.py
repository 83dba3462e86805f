import factory

from toolkits import services
from toolkits.models import Document, Section, Toolkit


class ToolkitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toolkit
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Toolkit {n}")
    slug = factory.Sequence(lambda n: f"toolkit-{n}")
    summary = "How to do it, step by step."
    kind = Toolkit.Kind.ACTION_GUIDE
    visibility = Toolkit.Visibility.PUBLIC
    status = Toolkit.Status.PUBLISHED

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.add(*extracted)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    toolkit = factory.SubFactory(ToolkitFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    position = factory.Sequence(lambda n: n)


class DocumentFactory(factory.django.DjangoModelFactory):
    """Documents made by the service, so they are rendered and have their first revision."""

    class Meta:
        model = Document

    toolkit = factory.SubFactory(ToolkitFactory)
    section = None
    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    body = "## Why\n\nBecause it works.\n\n## How\n\nOne step at a time.\n"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.document_create(actor=None, **kwargs)
