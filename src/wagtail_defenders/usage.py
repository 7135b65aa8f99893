"""Where taxonomy terms are used, so a term in use (even by a draft) is never deleted."""

from __future__ import annotations

from django.db import models

from .models import City, Country, DefenderPage, TaxonomyTerm, Theme


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
        page for page in drafts if _refers_to(page.latest_revision.content or {}, term)
    ]


def _refers_to(content: dict, term: TaxonomyTerm) -> bool:
    """Whether a profile revision's ``content`` (Wagtail's serialised page) uses ``term``."""
    if isinstance(term, Theme):
        return any(
            isinstance(link, dict) and link.get("theme") == term.pk
            for link in content.get("defender_themes") or []
        )
    if isinstance(term, Country):
        return content.get("country") == term.pk
    if isinstance(term, City):
        return content.get("city") == term.pk
    return False


def term_in_use(term: TaxonomyTerm) -> bool:
    """Whether a profile (saved or as a draft) or a city uses ``term``."""
    return (
        profiles_using(term).exists()
        or cities_using(term).exists()
        or bool(drafts_using(term))
    )


def cities_using(term: TaxonomyTerm) -> models.QuerySet:
    """The cities that belong to ``term`` when it is a country."""
    if isinstance(term, Country):
        return City.objects.filter(country=term)
    return City.objects.none()


def describe_usage(term: TaxonomyTerm, limit: int = 5) -> list[str]:
    """Names of the profiles (saved or drafts) and cities that use ``term``, at
    most ``limit`` of each; a draft is named by its draft title."""
    profiles = [page.title for page in profiles_using(term).order_by("title")[:limit]]
    for page in drafts_using(term):
        if len(profiles) >= limit:
            break
        name = page.latest_revision.content.get("title") or page.draft_title
        if name not in profiles:
            profiles.append(name)
    return profiles + [
        str(city) for city in cities_using(term).order_by("name")[:limit]
    ]
