"""Where taxonomy terms are used, so a term in use (even by a draft or a scheduled
revision) is never deleted.

A term only older revisions use may be deleted: those revisions still load
without it (:mod:`wagtail_defenders.models.revision_content`).
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext
from wagtail.models import Revision

from .models import City, Country, DefenderPage, TaxonomyTerm
from .models.revision_content import refers_to


def profiles_using(term: TaxonomyTerm) -> models.QuerySet:
    """Every profile (any locale, live or draft) that refers to ``term``."""
    return DefenderPage.objects.referring_to(term)


def drafts_using(term: TaxonomyTerm) -> list[DefenderPage]:
    """The profiles whose unpublished changes refer to ``term``.

    A draft lives in the profile's latest revision, not in its row, so
    :func:`profiles_using` (and Wagtail's reference index) miss a term that only
    a draft chose. Deleting it would leave a draft that can no longer be
    published. Only profiles with unpublished changes are read.
    """
    drafts = DefenderPage.objects.filter(
        has_unpublished_changes=True, latest_revision__isnull=False
    ).select_related("latest_revision")
    return [
        page for page in drafts if refers_to(page.latest_revision.content or {}, term)
    ]


def scheduled_using(term: TaxonomyTerm) -> list[Revision]:
    """The profile revisions scheduled to go live (approved, with a go-live time)
    that refer to ``term``.

    ``publish_scheduled`` publishes such a revision later, whatever was saved
    after it: deleting its term would publish the profile without it. Only
    scheduled revisions of profiles are read.
    """
    profile_models = [
        model for model in apps.get_models() if issubclass(model, DefenderPage)
    ]
    content_types = ContentType.objects.get_for_models(*profile_models).values()
    scheduled = Revision.objects.filter(
        approved_go_live_at__isnull=False, content_type__in=list(content_types)
    ).order_by("approved_go_live_at")
    return [revision for revision in scheduled if refers_to(revision.content, term)]


def term_in_use(term: TaxonomyTerm) -> bool:
    """Whether a profile (saved, as a draft or scheduled) or a city uses ``term``."""
    return (
        profiles_using(term).exists()
        or cities_using(term).exists()
        or bool(drafts_using(term))
        or bool(scheduled_using(term))
    )


def cities_using(term: TaxonomyTerm) -> models.QuerySet:
    """The cities that belong to ``term`` when it is a country."""
    if isinstance(term, Country):
        return City.objects.filter(country=term)
    return City.objects.none()


def describe_usage(term: TaxonomyTerm, limit: int = 5) -> list[str]:
    """Names of the profiles (saved, drafts or scheduled) and cities that use
    ``term``, at most ``limit`` of each; a draft is named by its draft title, a
    scheduled revision by its title and that it is scheduled."""
    profiles = [page.title for page in profiles_using(term).order_by("title")[:limit]]
    for page in drafts_using(term):
        if len(profiles) >= limit:
            break
        name = page.latest_revision.content.get("title") or page.draft_title
        if name not in profiles:
            profiles.append(name)
    for revision in scheduled_using(term):
        if len(profiles) >= limit:
            break
        name = gettext("%(title)s (scheduled to go live)") % {
            "title": revision.content.get("title") or revision.object_str
        }
        if name not in profiles:
            profiles.append(name)
    return profiles + [
        str(city) for city in cities_using(term).order_by("name")[:limit]
    ]
