from django.http import Http404


# SCAFFOLD: replaced by the contact relay implementation.
def contact_leader(request, *a, **k):
    raise Http404
