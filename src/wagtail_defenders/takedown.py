"""Taking a profile down: the one action for when a defender's safety demands it."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from wagtail.log_actions import log
from wagtail.search import index

from .models import DefenderPage

TAKEDOWN_ACTION = "wagtail_defenders.take_down"


def take_down(profile: DefenderPage, user=None) -> None:
    """Unpublish ``profile`` and remove every trace a visitor could still reach.

    In one transaction: unpublishes the page, removes it from the search index,
    deletes its portrait's renditions (their files go with them), and records the
    takedown, with ``user`` and the time, in Wagtail's audit log. After the commit
    it purges the page and its index page from the frontend cache when the site
    uses ``wagtail.contrib.frontend_cache``. Permission checks are the caller's.
    """
    with transaction.atomic():
        if profile.live:
            profile.unpublish(user=user, log_action=True)
        if profile.portrait_id:
            for rendition in profile.portrait.renditions.all():
                rendition.delete()
        log(instance=profile, action=TAKEDOWN_ACTION, user=user)
        transaction.on_commit(lambda: index.remove_object(profile))
        transaction.on_commit(lambda: _purge_frontend_cache(profile))


def _purge_frontend_cache(profile: DefenderPage) -> None:
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    pages = [profile]
    parent = profile.get_parent()
    if parent is not None:
        pages.append(parent.specific)
    purge_pages_from_cache(pages)
