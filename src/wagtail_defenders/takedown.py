"""Taking a profile down: the one action for when a defender's safety demands it."""

from __future__ import annotations

from django.db import transaction
from wagtail.log_actions import LogContext, log
from wagtail.search import index

from . import cache
from .models import DefenderPage

TAKEDOWN_ACTION = "wagtail_defenders.take_down"


def pages_to_take_down(profile: DefenderPage) -> list[DefenderPage]:
    """``profile`` and every other version of it: its translations in every locale
    and the aliases of synchronised trees (they all share its ``translation_key``).

    A takedown that left the English translation live would not protect anyone.
    """
    others = DefenderPage.objects.filter(
        translation_key=profile.translation_key
    ).exclude(pk=profile.pk)
    return [profile, *others.select_related("portrait").order_by("path")]


def take_down(
    profile: DefenderPage, user=None, *, locale_ids: set[int] | None = None
) -> list[DefenderPage]:
    """Unpublish ``profile`` and its translations, and remove every trace a visitor
    could still reach. Returns the pages taken down.

    In one transaction, for each page of :func:`pages_to_take_down`: unpublishes
    it, deletes its portrait's renditions (their files go with them), and records
    the takedown, with ``user`` and the time, in Wagtail's audit log: each page's
    entries (its unpublish and its takedown) under a UUID of their own, because
    Wagtail's history view shows one entry per UUID and action across all pages,
    so a UUID shared by the translations would leave the takedown in the
    history of only one of them. With ``locale_ids``, only the versions in those
    locales (a language whose consent was withdrawn). After the
    commit it removes the pages from the search index. Unpublishing purges the
    pages, their index pages and the API listings from the front-end cache, as
    every unpublish does (:mod:`wagtail_defenders.signal_handlers`). Permission
    checks are the caller's.
    """
    pages = pages_to_take_down(profile)
    if locale_ids is not None:
        pages = [page for page in pages if page.locale_id in locale_ids]
    with transaction.atomic():
        for page in pages:
            # A log context per page: its entries get their own UUID (see above).
            with LogContext(user=user):
                if page.live:
                    page.unpublish(user=user, log_action=True)
                if page.portrait_id:
                    for rendition in page.portrait.renditions.all():
                        rendition.delete()
                log(instance=page, action=TAKEDOWN_ACTION, user=user)
        forget(pages)
    return pages


def forget(pages: list[DefenderPage]) -> None:
    """Start every cache again and, after the commit, remove ``pages`` from the
    search index: what a takedown and an erasure do last, in their transaction.

    Everything cached, not only what an unpublish bumps: a profile taken down
    must not live on anywhere it was shown.
    """
    cache.content_changed()
    transaction.on_commit(lambda: _remove_from_search(pages))


def _remove_from_search(pages: list[DefenderPage]) -> None:
    for page in pages:
        index.remove_object(page)
