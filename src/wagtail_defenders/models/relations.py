"""Inline relations of a defender profile: its themes and its related news.

Both are translatable orderables (DESIGN.md, decisions 1 and 3): wagtail-localize
copies them into a translation and maps each foreign key onto the target locale's
theme or page, which a many-to-many field would not do.
"""

from __future__ import annotations

from typing import Any

import swapper
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page, TranslatableMixin

from ..conf import defenders_settings
from .visibility import ANY_SITE, Output, visible_pages


def related_news_page_models() -> list[type[models.Model]]:
    """The page models allowed as related news, from ``RELATED_NEWS_PAGE_TYPES``.

    An empty list means any page type.
    """
    return [
        apps.get_model(label) for label in defenders_settings.RELATED_NEWS_PAGE_TYPES
    ]


class RelatedNewsChooserPanel(PageChooserPanel):
    """A page chooser limited to the related news page types set at run time,
    opening at the news (:mod:`wagtail_defenders.news_chooser`)."""

    def get_form_options(self) -> dict:
        options = super().get_form_options()
        from ..news_chooser import RelatedNewsChooser

        options.setdefault("widgets", {})[self.field_name] = RelatedNewsChooser(
            target_models=related_news_page_models() or None
        )
        return options


class DefenderPageTheme(TranslatableMixin, Orderable):
    """One theme of a profile, in the order the editor chose."""

    page = ParentalKey(
        "wagtail_defenders.DefenderPage",
        on_delete=models.CASCADE,
        related_name="defender_themes",
    )
    theme = models.ForeignKey(
        "wagtail_defenders.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="defender_page_links",
    )

    panels = [FieldPanel("theme")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.theme) if self.theme_id else ""


class DefenderRelatedNews(TranslatableMixin, Orderable):
    """A news page shown with a profile, in the order the editor chose.

    At render time and in the API each target is resolved to its version in the
    profile's locale, and targets that are not live or not public are dropped
    (see ``DefenderPage.get_related_news``).
    """

    page = ParentalKey(
        "wagtail_defenders.DefenderPage",
        on_delete=models.CASCADE,
        related_name="related_news",
    )
    news_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("news page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [RelatedNewsChooserPanel("news_page")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("related news")
        verbose_name_plural = _("related news")

    def __str__(self) -> str:
        return str(self.news_page) if self.news_page_id else ""

    def clean(self) -> None:
        super().clean()
        allowed = related_news_page_models()
        if not allowed or not self.news_page_id:
            return
        news_class = self.news_page.specific_class
        if news_class is None or not issubclass(news_class, tuple(allowed)):
            names = ", ".join(str(model._meta.verbose_name) for model in allowed)
            raise ValidationError(
                {
                    "news_page": _("Choose a page of one of these types: %(types)s.")
                    % {"types": names}
                }
            )


def localized_related_news(
    links: list[DefenderRelatedNews], locale_id: int, output: Output
) -> list[Page]:
    """The pages ``links`` point at that a visitor may see in ``output``, each in
    the locale ``locale_id`` when translated, in the links' order (one query).

    A target a visitor may not see (:mod:`~wagtail_defenders.models.visibility`,
    on any site) is dropped; a target with no translation yet is itself.
    """
    targets = [link.news_page for link in links if link.news_page_id]
    if not targets:
        return []
    candidates = visible_pages(
        Page.objects.filter(
            Q(pk__in=[target.pk for target in targets])
            | Q(
                translation_key__in=[target.translation_key for target in targets],
                locale_id=locale_id,
            )
        ),
        site=ANY_SITE,
        output=output,
    )
    localized: dict[Any, Page] = {}
    originals: dict[int, Page] = {}
    for candidate in candidates:
        originals[candidate.pk] = candidate
        if candidate.locale_id == locale_id:
            localized[candidate.translation_key] = candidate
    news: list[Page] = []
    for target in targets:
        page = localized.get(target.translation_key) or originals.get(target.pk)
        if page is not None and page not in news:
            news.append(page)
    return news


def saved_related_news(profile_id: int, locale_id: int, output: Output) -> list[Page]:
    """:func:`localized_related_news` of a saved profile's links, read with
    their pages in one query (not one for the links and one for the pages).

    Each page comes annotated with the editor's position of its link and with
    whether a link chose it (rather than its translation).
    """
    links = DefenderRelatedNews.objects.filter(page_id=profile_id)
    candidates = visible_pages(
        Page.objects.filter(
            Q(pk__in=links.values("news_page_id"))
            | Q(
                translation_key__in=links.values("news_page__translation_key"),
                locale_id=locale_id,
            )
        ),
        site=ANY_SITE,
        output=output,
    ).annotate(
        # The editor's first link to the page (in any language): its position,
        # and its id to order links without one (``sort_order`` is nullable).
        defenders_position=Subquery(
            links.filter(news_page__translation_key=OuterRef("translation_key"))
            .order_by(F("sort_order").asc(nulls_last=True), "pk")
            .values("sort_order")[:1]
        ),
        defenders_link=Subquery(
            links.filter(news_page__translation_key=OuterRef("translation_key"))
            .order_by(F("sort_order").asc(nulls_last=True), "pk")
            .values("pk")[:1]
        ),
        defenders_chosen=Exists(links.filter(news_page_id=OuterRef("pk"))),
    )
    shown: dict[Any, tuple[Any, Page | None]] = {}
    for candidate in candidates:
        first_link = candidate.defenders_position, candidate.defenders_link
        position, page = shown.get(
            candidate.translation_key,
            (
                (first_link[0] is None, first_link[0] or 0, first_link[1] or 0),
                None,
            ),
        )
        if candidate.locale_id == locale_id:
            page = candidate  # its version in the profile's language
        elif page is None and candidate.defenders_chosen:
            page = candidate  # the page chosen, in its own language
        shown[candidate.translation_key] = (position, page)
    ordered = sorted(
        (entry for entry in shown.values() if entry[1] is not None),
        key=lambda entry: entry[0],
    )
    return [page for _position, page in ordered if page is not None]
