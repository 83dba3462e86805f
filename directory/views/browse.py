from django.http import Http404


# SCAFFOLD: replaced by the browse implementation.
def _missing(request, *a, **k):
    raise Http404


overview = leader_list = leader_detail = organization_list = organization_detail = _missing
resource_list = resource_detail = _missing
