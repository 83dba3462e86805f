"""The one exception whose message is safe to show to the person who asked.

Services raise a ServiceError (or an app's subclass of it, which names the domain) when they
refuse a request for a reason the user can act on; the message is written for them and already
translated. Views catch ServiceError and show `str(exc)` as it is (a form error, a message, a
400 page). Anything else a service raises is a bug and must not be shown.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal with a user-facing, translated message."""
