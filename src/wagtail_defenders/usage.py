"""Where taxonomy terms are used, so a term in use is never deleted."""

from __future__ import annotations

from django.db import models

from .models import City, Country, DefenderPage, TaxonomyTerm, Theme


def profiles_using(term: TaxonomyTerm) -> models.QuerySet:
    """Every profile (any locale, live or draft) that refers to ``term``."""
    if isinstance(term, Theme):
        return DefenderPage.objects.filter(defender_themes__theme=term).distinct()
    if isinstance(term, Country):
        return DefenderPage.objects.filter(country=term)
    if isinstance(term, City):
        return DefenderPage.objects.filter(city=term)
    return DefenderPage.objects.none()


def cities_using(term: TaxonomyTerm) -> models.QuerySet:
    """The cities that belong to ``term`` when it is a country."""
    if isinstance(term, Country):
        return City.objects.filter(country=term)
    return City.objects.none()


def describe_usage(term: TaxonomyTerm, limit: int = 5) -> list[str]:
    """Names of the profiles and cities that use ``term`` (at most ``limit`` each)."""
    names = [page.title for page in profiles_using(term).order_by("title")[:limit]]
    names += [str(city) for city in cities_using(term).order_by("name")[:limit]]
    return names
