from django.http import Http404


# SCAFFOLD: replaced by the /me/ implementation.
def _missing(request, *a, **k):
    raise Http404


profile = data_download = delete_account = _missing
