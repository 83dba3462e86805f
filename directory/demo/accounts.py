"""Demo logins for `seed_demo`: one staff account and one network organizer."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.crypto import salted_hmac

from actlocal.models import User
from actlocal.permissions import ORGANIZERS_GROUP

STAFF_EMAIL = "staff@actlocal.localhost"
ORGANIZER_EMAIL = "organizer@actlocal.localhost"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    created: bool


def demo_password(email: str) -> str:
    """The demo password of `email`, derived from SECRET_KEY.

    It is the same on every run of one installation, so `seed_demo` can print it again, and it
    cannot be read from the source code the way a literal password could.
    """
    return "demo-" + salted_hmac("actlocal.demo-login", email.lower()).hexdigest()[:12]


def _login_ensure(*, email: str, name: str, staff: bool, group: Group | None) -> DemoLogin:
    from allauth.account.models import EmailAddress

    role = "staff" if staff else "organizer"
    if User.objects.filter(email__iexact=email).exists():
        # Left as it is: someone may have changed its password or permissions on purpose.
        return DemoLogin(role=role, email=email, password=demo_password(email), created=False)
    user = User.objects.create_user(
        email=email,
        password=demo_password(email),
        name=name,
        is_staff=staff,
        is_superuser=staff,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if group is not None:
        user.groups.add(group)
    return DemoLogin(role=role, email=user.email, password=demo_password(email), created=True)


@transaction.atomic
def demo_logins_ensure() -> list[DemoLogin]:
    """Create the demo staff and organizer logins unless they exist; return their credentials.

    The organizers group is normally made by a migration; get_or_create keeps seeding working on
    a database where someone removed it.
    """
    group, _created = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    return [
        _login_ensure(email=STAFF_EMAIL, name="Demo Staff", staff=True, group=None),
        _login_ensure(email=ORGANIZER_EMAIL, name="Demo Organizer", staff=False, group=group),
    ]
