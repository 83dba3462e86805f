"""allauth signal receivers that keep the leader profile in step with the account, connected in
DirectoryConfig.ready().

They only call account services; the work itself lives in directory.accounts.
"""

from __future__ import annotations

from allauth.account.signals import email_changed, email_confirmed, user_logged_in
from django.dispatch import receiver

from .accounts import account_email_sync, leader_for_account_ensure


@receiver(email_confirmed, dispatch_uid="directory.leader_on_email_confirmed")
def leader_on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    """A confirmed address is proof of mailbox control: claim or create the leader profile."""
    user = email_address.user
    if email_address.email.lower() == user.email.lower():
        leader_for_account_ensure(user=user)


@receiver(user_logged_in, dispatch_uid="directory.leader_on_login")
def leader_on_login(sender, request, user, **kwargs) -> None:
    """People who signed up before profiles existed, or were imported, get one on sign-in."""
    leader_for_account_ensure(user=user)


@receiver(email_changed, dispatch_uid="directory.leader_email_on_change")
def leader_email_on_change(sender, request, user, from_email_address, to_email_address, **kwargs):
    """The profile's private email follows the account's primary address."""
    account_email_sync(user=user)
