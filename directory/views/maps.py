from django.http import Http404


# SCAFFOLD: replaced by the map implementation.
def _missing(request, *a, **k):
    raise Http404


map_page = map_geojson = near = _missing
