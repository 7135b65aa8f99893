"""Which cached pages and answers an edit of one profile touches.

:mod:`wagtail_defenders.cache` keys cached data on cache tags: ``page:<id>``
for what a profile or index page shows (and a profile's API detail), ``api`` for
every other API answer. Publishing
or unpublishing a profile bumps only :func:`profile_tags` (see
:mod:`wagtail_defenders.signal_handlers`); every other cached page stays warm.
Term edits, privacy changes, takedowns, moves and renames, and any other page's
publishing start a new generation instead: they may change what any page shows.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page

from .cache import API_TAG, page_tag
from .models import DefenderPage, DefenderRelatedNews


def profile_tags(profile: DefenderPage) -> set[str]:
    """The tags of what shows ``profile``: the profile and its other versions
    (translations, aliases), the index pages listing them, the profiles that
    link to any of them as related news, and the API. Three queries."""
    versions = list(
        Page.objects.filter(
            Q(pk=profile.pk)
            | Q(translation_key=profile.translation_key)
            | Q(alias_of=profile.pk)
            | Q(pk=profile.alias_of_id or profile.pk)
        ).values_list("pk", "path", "translation_key")
    )
    page_ids = {pk for pk, _path, _key in versions}
    steplen = Page.steplen
    parent_paths = {path[:-steplen] for _pk, path, _key in versions}
    keys = {key for _pk, _path, key in versions}
    # The index pages listing them, and the profiles linking to them (related
    # news resolves to the linking profile's language: by translation key).
    page_ids.update(
        Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True)
    )
    page_ids.update(
        DefenderRelatedNews.objects.filter(
            Q(news_page_id__in=page_ids) | Q(news_page__translation_key__in=keys)
        ).values_list("page_id", flat=True)
    )
    return {API_TAG, *(page_tag(pk) for pk in page_ids)}
