"""Test clients for requests whose work continues after the commit (the outbox's kick)."""

from __future__ import annotations

from django.test import Client, TestCase


class CommittingClient(Client):
    """Runs each request's on-commit callbacks when the request ends, as a real commit would.

    Tests run inside a transaction that is rolled back, so callbacks registered with
    transaction.on_commit (the task that sends a delivery row right away) would never run.
    """

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)
