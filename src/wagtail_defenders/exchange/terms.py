"""Finding, or making, the taxonomy terms an imported profile names.

A term is looked up in the profile's language by name (any case) or slug; a
country also by its ISO 3166-1 alpha-2 code. One that is missing is created in
that language (a country only when its name or code is one django-countries
knows, so that it has its code). What was created is listed for the summary.
Every lookup raises :class:`TermProblem` with what is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries
from wagtail.models import Locale

from ..models import City, Country, Status, TaxonomyTerm, Theme


class TermProblem(ValueError):
    """A term that cannot be found or made; the message says what is accepted."""


@dataclass
class TermFinder:
    """Looks up terms, creating the missing ones, and remembers what it created."""

    created: list[TaxonomyTerm] = field(default_factory=list)

    def _find(self, model, locale: Locale, value: str, **extra) -> TaxonomyTerm | None:
        return (
            model.objects.filter(locale=locale, **extra)
            .filter(Q(name__iexact=value) | Q(slug=slugify(value, allow_unicode=True)))
            .order_by("pk")
            .first()
        )

    def theme(self, value: str, locale: Locale) -> Theme:
        found = self._find(Theme, locale, value)
        if found is None:
            found = Theme.objects.create(name=value[:255], locale=locale)
            self.created.append(found)
        return found

    def country(self, value: str, locale: Locale) -> Country:
        code = _country_code(value, locale.language_code)
        found = None
        if code:
            found = Country.objects.filter(locale=locale, code=code).first()
        if found is None:
            found = self._find(Country, locale, value)
        if found is not None:
            return found
        if not code:
            raise TermProblem(
                f"{value!r} is no country's name, slug or ISO 3166-1 alpha-2 code "
                "(such as ML or Mali)."
            )
        name = value if len(value) > 2 else _country_name(code, locale.language_code)
        found = Country.objects.create(name=name[:255], code=code, locale=locale)
        self.created.append(found)
        return found

    def status(self, value: str, locale: Locale) -> Status:
        """A status by its code, slug or name; never made (the site's vocabulary)."""
        # The vocabulary's code lookups by name: the queryset is typed for the
        # abstract base, which has no code.
        statuses: Any = Status.objects.filter(locale=locale)
        found = statuses.filter(code=value.lower()).first() or self._find(
            Status, locale, value
        )
        if found is None:
            codes = statuses.values_list("code", flat=True)
            raise TermProblem(
                f"no status {value!r} in this language; use one of: "
                f"{', '.join(sorted(codes)) or 'none (add statuses first)'}."
            )
        return found

    def city(self, value: str, locale: Locale, country: Country | None) -> City:
        found = self._find(City, locale, value)
        if found is not None:
            return found
        if country is None:
            raise TermProblem(
                f"no city {value!r} in this language yet; give the country too, "
                "so it can be made."
            )
        found = City.objects.create(name=value[:255], locale=locale, country=country)
        self.created.append(found)
        return found


def _country_code(value: str, language: str) -> str:
    """The ISO code ``value`` is, or names (in ``language`` or English); else ``""``."""
    if len(value) == 2 and value.upper() in dict(countries):
        return value.upper()
    for name_language in dict.fromkeys([language, "en"]):
        code = countries.by_name(value, language=name_language)
        if isinstance(code, str) and code:
            return code
    return ""


def _country_name(code: str, language: str) -> str:
    with translation.override(language):
        return str(countries.name(code)) or code
