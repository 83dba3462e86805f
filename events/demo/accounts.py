"""The demo leader login: a leader of the demo directory who can sign in and answer invitations."""

from __future__ import annotations

from django.db import transaction

from actlocal.models import User
from directory.demo.accounts import DemoLogin, demo_password
from directory.models import Leader

DEMO_LEADER_STATE = "MA"


def demo_leader() -> Leader | None:
    """The directory leader the demo leader login belongs to: the same one on every run."""
    return (
        Leader.objects.filter(
            state=DEMO_LEADER_STATE,
            visibility=Leader.Visibility.PUBLIC,
            email__endswith="@example.org",
        )
        .order_by("slug")
        .first()
    )


@transaction.atomic
def demo_leader_login_ensure(*, leader: Leader) -> DemoLogin:
    """A password login for `leader` (verified email), unless an account with it exists."""
    from allauth.account.models import EmailAddress

    email, password = leader.email, demo_password(leader.email)
    if User.objects.filter(email__iexact=email).exists():
        # Left as it is: someone may have changed its password on purpose.
        return DemoLogin(role="leader", email=email, password=password, created=False)
    user = User.objects.create_user(email=email, password=password, name=leader.name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if leader.user_id is None:
        # update(): the profile's public content is unchanged, no signal or cache bump needed.
        Leader.objects.filter(pk=leader.pk).update(user=user)
        leader.user = user
    return DemoLogin(role="leader", email=email, password=password, created=True)
