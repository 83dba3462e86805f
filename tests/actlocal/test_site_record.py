import pytest
from django.contrib.sites.models import Site


@pytest.mark.django_db
def test_site_record_is_named_after_the_platform():
    site = Site.objects.get_current()
    assert site.name == "ActLocal"
    assert site.domain != "example.com"
