"""Keeping a scope of cached public pages honest from model signals (cache invalidation only).

The directory connects its own models in `directory.receivers`; events and campaigns connect
every model of their app here (`public_cache_connect`), so a saved, deleted or re-linked row of
theirs bumps their scope's version (`directory.cache.public_cache_bump`). Outbox rows (mail
deliveries) are left out: they change all the time and no public page shows them. Writes that
bypass signals (`bulk_create`, `QuerySet.update`) call `public_cache_bump(scope)` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import AppConfig
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from actlocal.models import Delivery

from .cache import public_cache_bump

M2M_WRITES = {"post_add", "post_remove", "post_clear"}


def _bumper(scope: str):
    def on_write(sender, **kwargs) -> None:
        public_cache_bump(scope, using=kwargs.get("using"))

    def on_relation_change(sender, action: str, **kwargs) -> None:
        if action in M2M_WRITES:
            public_cache_bump(scope, using=kwargs.get("using"))

    return on_write, on_relation_change


def public_models(app_config: AppConfig) -> list[type[Model]]:
    """An app's models that public pages may show: all but its outbox rows."""
    return [
        model
        for model in app_config.get_models(include_auto_created=True)
        if not issubclass(model, Delivery)
    ]


def public_cache_connect(*, scope: str, models: Iterable[type[Model]]) -> None:
    """Bump `scope`'s version whenever one of `models` is saved, deleted or re-linked."""
    on_write, on_relation_change = _bumper(scope)
    for model in models:
        uid = f"public-cache-{scope}-{model._meta.label}"
        post_save.connect(on_write, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_write, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
        m2m_changed.connect(on_relation_change, sender=model, weak=False, dispatch_uid=f"{uid}-m2m")
