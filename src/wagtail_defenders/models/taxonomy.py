"""Editor-managed, translatable taxonomy terms: themes, countries, cities and statuses.

Each term has a per-locale ``slug`` (used in that locale's URLs) and a stable
cross-locale identity, ``translation_key`` (and for a country its ISO code), that
API consumers can rely on across languages (DESIGN.md, decision 5).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from ..collation import sort_key
from ..translation import (
    LocalizedRelationField,
    SynchronizedField,
    TranslatableField,
)
from .lookups import is_possible_id
from .relations import DefenderPageTheme


class TaxonomyTermQuerySet(models.QuerySet):
    """Queryset of a taxonomy (``Theme.objects``, ``Country.objects``, ``City.objects``).

    Reads as what a listing of terms asks for::

        Theme.objects.in_locale(locale).with_profile_counts(profiles).in_use()
    """

    def in_locale(self, locale: Locale | int) -> TaxonomyTermQuerySet:
        """The terms of one language (a ``Locale`` or its id)."""
        return self.filter(locale_id=getattr(locale, "pk", locale))

    def for_listing(self) -> TaxonomyTermQuerySet:
        """In display order, with what an entry shows (its locale; a city's country)."""
        related = ["locale", "country"] if self.model is City else ["locale"]
        return self.select_related(*related).order_by("sort_order", "name", "pk")

    def in_alphabetical_order(
        self,
        language: str | None,
        *,
        sort_order_first: bool = True,
        descending: bool = False,
    ) -> TaxonomyTermQuerySet:
        """Ordered by name as a reader of ``language`` expects it
        (:mod:`wagtail_defenders.collation`), after the editors' sort order
        unless ``sort_order_first`` is false; ``descending`` reverses the names.

        The database's own ``ORDER BY name`` is byte or server order. The names
        are read in one query and sorted in Python; the queryset stays a
        queryset (filtered, paginated, annotated as before), ordered by each
        term's place.
        """
        rows = list(self.order_by().values_list("pk", "sort_order", "name"))
        if not rows:
            return self.order_by("pk")
        name_key = sort_key(language)
        rows.sort(key=lambda row: (name_key(row[2]), row[0]), reverse=descending)
        if sort_order_first:
            rows.sort(key=lambda row: row[1])  # stable: names stay in order
        place = Case(
            *[When(pk=row[0], then=Value(number)) for number, row in enumerate(rows)],
            default=Value(len(rows)),
            output_field=models.IntegerField(),
        )
        return self.order_by(place, "pk")

    def with_profile_counts(self, profiles: models.QuerySet) -> TaxonomyTermQuerySet:
        """Each term with ``profile_count``: how many of ``profiles`` in the term's
        own language use it.

        Matched by ``translation_key``, so a profile whose translation still points
        at the source language's term counts for this language's term. One
        subquery in the terms' query, no query of its own.
        """
        if self.model is Theme:
            used = (
                DefenderPageTheme.objects.filter(
                    page__in=profiles.order_by().values("pk"),
                    page__locale_id=OuterRef("locale_id"),
                    theme__translation_key=OuterRef("translation_key"),
                )
                .order_by()
                .values("theme__translation_key")
                .annotate(count=Count("page_id", distinct=True))
                .values("count")
            )
        else:
            relation = {Country: "country", City: "city", Status: "status"}[self.model]
            used = (
                profiles.model.objects.filter(
                    pk__in=profiles.order_by().values("pk"),
                    locale_id=OuterRef("locale_id"),
                    **{f"{relation}__translation_key": OuterRef("translation_key")},
                )
                .order_by()
                .values("locale_id")
                .annotate(count=Count("pk"))
                .values("count")
            )
        return self.annotate(
            profile_count=Coalesce(
                Subquery(used, output_field=models.IntegerField()), Value(0)
            )
        )

    def in_use(self) -> TaxonomyTermQuerySet:
        """The terms at least one profile uses (after :meth:`with_profile_counts`)."""
        return self.filter(profile_count__gt=0)

    def entries(
        self, profiles: models.QuerySet, *, include_unused: bool = False
    ) -> TaxonomyTermQuerySet:
        """The terms as the taxonomy listings of every API show them: in display
        order with what an entry shows (:meth:`for_listing`), each with its
        ``profile_count`` among ``profiles`` (:meth:`with_profile_counts`), and
        only those in use unless ``include_unused``. One query for a page."""
        terms = self.for_listing().with_profile_counts(profiles)
        return terms if include_unused else terms.in_use()

    def detail(self, pk: int) -> Any:
        """The term ``pk`` of this queryset, or ``None``; an id no row can have
        (:func:`~.lookups.is_possible_id`) asks the database nothing."""
        return self.filter(pk=pk).first() if is_possible_id(pk) else None


def _reject_code_clash(term: Any, message: str | Promise) -> None:
    """Raise ``message`` on the ``code`` field when another term of ``term``'s
    kind and language has its code: the form's clear error before the
    database's unique constraint refuses the row."""
    if not term.code:
        return
    clash = type(term).objects.filter(locale_id=term.locale_id, code=term.code)
    if clash.exclude(pk=term.pk).exists():
        raise ValidationError({"code": message})


class TaxonomyTerm(index.Indexed, TranslatableMixin, models.Model):
    """Abstract base of the taxonomy snippets.

    Subclasses get a name, a per-locale slug (filled from the name when left
    empty), an optional description and a sort order, and a uniqueness
    constraint on ``(locale, slug)``.
    """

    name = models.CharField(pgettext_lazy("taxonomy term", "name"), max_length=255)
    slug = models.SlugField(
        pgettext_lazy("taxonomy term", "slug"),
        max_length=255,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "Used in web addresses and filters, such as ?theme=lgbti. "
            "Leave empty to make one from the name."
        ),
    )
    description = models.TextField(
        pgettext_lazy("taxonomy term", "description"),
        blank=True,
        help_text=_("Optional. A sentence or two that explains this term to visitors."),
    )
    sort_order = models.IntegerField(
        _("sort order"),
        default=0,
        help_text=_("Lower numbers come first in lists and filters."),
    )

    objects = TaxonomyTermQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
        # The admin's listing sorts search results by its columns.
        index.FilterField("name"),
        index.FilterField("slug"),
        index.FilterField("sort_order"),
    ]

    # What wagtail-localize translates (see wagtail_defenders.translation): the
    # words, including the per-locale slug; the order is shared by all languages.
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("slug"),
        TranslatableField("description"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.slug = self._normalised_slug()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.slug = self._normalised_slug()
        if not self.slug:
            raise ValidationError(
                {"slug": _("Enter a slug, or a name that a slug can be made from.")}
            )
        if self.locale_id is None:
            self.locale = self.get_default_locale()
        clash = (
            type(self)
            .objects.filter(locale_id=self.locale_id, slug=self.slug)
            .exclude(pk=self.pk)
        )
        if clash.exists():
            raise ValidationError(
                {
                    "slug": _(
                        "Another %(term)s in this language already uses this slug."
                    )
                    % {"term": self._meta.verbose_name}
                }
            )

    def _normalised_slug(self) -> str:
        return slugify(self.slug or self.name, allow_unicode=True)[:255]


class Theme(TaxonomyTerm):
    """A human rights theme a defender works on, such as LGBTI rights or press freedom."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_defenders_theme_unique_slug"
            ),
        ]


class Country(TaxonomyTerm):
    """A defender's country, identified across languages by its ISO 3166-1 alpha-2 code."""

    code = CountryField(
        _("country code"),
        help_text=_("The ISO 3166-1 country this term stands for."),
    )

    search_fields = TaxonomyTerm.search_fields + [index.FilterField("code")]

    # The ISO code is the country's identity across languages: copied, never
    # translated, and not open to a translator's override.
    override_translatable_fields = TaxonomyTerm.override_translatable_fields + [
        SynchronizedField("code", overridable=False),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_defenders_country_unique_slug"
            ),
            models.UniqueConstraint(
                fields=["locale", "code"], name="wagtail_defenders_country_unique_code"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        _reject_code_clash(self, _("This country already exists in this language."))


class City(TaxonomyTerm):
    """A city: a host city of the programme or a partner city abroad."""

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="cities",
        help_text=_("The country this city is in."),
    )

    # A translated city lies in the target locale's version of the source city's
    # country (the source's country until that is translated), never a stale one.
    override_translatable_fields = TaxonomyTerm.override_translatable_fields + [
        LocalizedRelationField("country"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_defenders_city_unique_slug"
            ),
        ]


class Status(TaxonomyTerm):
    """A defender's situation, such as detained, released or in exile.

    A profile's current status (``DefenderPage.status``) and the status a dated
    update records (``DefenderUpdate.status``) come from this vocabulary. Its
    ``code`` is the status's identity across languages and sites (``detained``,
    ``released``): the package seeds a default list aligned with what
    organisations in the field record (Amnesty's urgent actions, Front Line
    Defenders, HRD Memorial, OHCHR's SDG 16.10.1 data), which editors may rename,
    reorder, translate or extend.
    """

    code = models.SlugField(
        pgettext_lazy("defender's situation", "code"),
        max_length=50,
        help_text=_(
            "A stable name for this status, the same in every language, such as "
            "detained. API consumers match statuses with it."
        ),
    )

    search_fields = TaxonomyTerm.search_fields + [index.FilterField("code")]

    # Like a country's ISO code: copied into every translation, never translated.
    override_translatable_fields = TaxonomyTerm.override_translatable_fields + [
        SynchronizedField("code", overridable=False),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = pgettext_lazy("defender's situation", "status")
        verbose_name_plural = pgettext_lazy("defender's situation", "statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="wagtail_defenders_status_unique_slug"
            ),
            models.UniqueConstraint(
                fields=["locale", "code"], name="wagtail_defenders_status_unique_code"
            ),
        ]

    def clean(self) -> None:
        super().clean()
        _reject_code_clash(self, _("This status already exists in this language."))


# Each taxonomy's slug help names its own filter parameter. Set on the subclass's
# copy of the inherited field: redeclaring ``slug`` in a subclass would move it
# to the end of the snippet's form.
Country._meta.get_field("slug").help_text = _(
    "Used in web addresses and filters, such as ?country=mali (a country is also "
    "found by its ISO code, ?country=ML). Leave empty to make one from the name."
)
City._meta.get_field("slug").help_text = _(
    "Used in web addresses and filters, such as ?city=utrecht. "
    "Leave empty to make one from the name."
)
Status._meta.get_field("slug").help_text = _(
    "Used in web addresses and filters, such as ?status=detained. "
    "Leave empty to make one from the name."
)
