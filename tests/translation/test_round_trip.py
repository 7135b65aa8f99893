"""A profile translated through the admin and kept in step with its source:
terms that fall back until translated, and sync after the source changes."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from tests import factories
from tests.translation.workflow import (
    fresh,
    publish_changes,
    start_translation,
    submit,
    sync,
    term,
    theme_names,
    translate,
    translated,
)
from wagtail_defenders.models import (
    DefenderPage,
    DefenderPageTheme,
)

# -- a full round trip --------------------------------------------------------------


def test_round_trip_through_the_admin(client, alassane, terms, en):
    """Submit in the admin, translate the segments, publish: everything is English."""
    news_translated, news_untranslated = (
        link.news_page for link in alassane.related_news.all()
    )
    submit(news_translated, en)
    translate(news_translated, en)

    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[alassane.pk]),
            {"locales": [en.pk]},
        )
    assert response.status_code == 302
    client.logout()

    # Submitting the page submitted its terms too: translate those first.
    for dutch_term in (
        terms["lhbti"],
        terms["pers"],
        terms["mali"],
        terms["den-haag"],
    ):
        translate(dutch_term, en)
    translate(alassane, en)

    page = translated(alassane, en)
    assert page.live
    assert page.locale == en
    assert term(page.country) == ("Mali", "en")
    assert page.country.code == "ML"
    assert term(page.city) == ("The Hague", "en")
    assert page.city.slug == "the-hague"
    assert theme_names(page) == [("LGBTI", "en"), ("Press freedom", "en")]
    assert page.introduction == "A defender of LGBTI rights from Mali."
    sections = [
        (block.value["kind"], block.value["heading"])
        for block in page.body
        if block.block_type == "section"
    ]
    assert sections == [
        ("about", "About Alassane"),
        ("threats", "Threats and harassment"),
    ]
    assert page.body[1].value["text"].source == (
        "<p>He is threatened because of his work.</p>"
    )
    assert page.body[2].value["quote"] == "We carry on."
    # Related news: the English version where there is one, the Dutch page otherwise.
    english_news = news_translated.get_translation(en)
    assert page.get_related_news() == [english_news, news_untranslated]

    html = client.get(page.url).content.decode()
    assert page.url.startswith("/en/")
    assert "Threats and harassment" in html
    assert "LGBTI" in html
    assert "The Hague" in html
    assert english_news.title in html


# -- fallback and re-sync ------------------------------------------------------------


def test_untranslated_terms_fall_back_and_are_picked_up_on_sync(alassane, terms, en):
    """A term without a translation keeps the source term until a later sync."""
    start_translation(alassane, en)
    translate(alassane, en)
    page = translated(alassane, en)
    assert theme_names(page) == [("LHBTI", "nl"), ("Persvrijheid", "nl")]
    assert term(page.country) == ("Mali", "nl")
    assert term(page.city) == ("Den Haag", "nl")

    # The terms get translated through the same flow; the page follows on its next sync.
    for dutch_term in (terms["lhbti"], terms["mali"], terms["den-haag"]):
        submit(dutch_term, en)
        translate(dutch_term, en)
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("LGBTI", "en"), ("Persvrijheid", "nl")]
    assert term(page.country) == ("Mali", "en")
    assert term(page.city) == ("The Hague", "en")
    # The page's own texts stay translated through the sync.
    assert page.body[1].value["heading"] == "Threats and harassment"


def test_sync_after_the_source_changes_its_terms_leaves_nothing_stale(
    alassane, terms, en
):
    """Replacing or removing themes, country and city on the source reaches the translation."""
    submit(alassane, en)
    for dutch_term in (terms["lhbti"], terms["pers"], terms["mali"], terms["den-haag"]):
        translate(dutch_term, en)
    translate(alassane, en)
    utrecht = terms["utrecht"]
    submit(utrecht, en)
    translate(utrecht, en)
    senegal = factories.country("Senegal", "SN")  # no English version yet
    expression = factories.theme("Vrijheid van meningsuiting")  # idem

    source = DefenderPage.objects.get(pk=alassane.pk)
    publish_changes(
        source, themes=[expression, terms["lhbti"]], country=senegal, city=utrecht
    )
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("Vrijheid van meningsuiting", "nl"), ("LGBTI", "en")]
    assert term(page.country) == ("Senegal", "nl")  # the source's, not the old Mali
    assert term(page.city) == ("Utrecht", "en")
    assert DefenderPageTheme.objects.filter(page=page).count() == 2

    # Removing a theme removes it from the translation.
    source = DefenderPage.objects.get(pk=alassane.pk)
    publish_changes(source, themes=[expression])
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("Vrijheid van meningsuiting", "nl")]

    # Once the new terms are translated, the next sync picks them up.
    for dutch_term in (senegal, expression):
        submit(dutch_term, en)
        translate(dutch_term, en)
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("Freedom of expression", "en")]
    assert term(page.country) == ("Senegal", "en")
    # What visitors see is the published revision: it agrees.
    live = page.get_latest_revision_as_object()
    assert [link.theme.name for link in live.defender_themes.all()] == [
        "Freedom of expression"
    ]
    assert live.country_id == page.country_id


def test_why_country_and_city_are_localized_relation_fields(
    monkeypatch, alassane, terms, en
):
    """With wagtail-localize's default field, the sync above would leave Mali behind."""
    monkeypatch.setattr(DefenderPage, "override_translatable_fields", [])
    submit(alassane, en)
    translate(terms["mali"], en)
    translate(alassane, en)
    source = fresh(alassane)
    publish_changes(source, country=factories.country("Senegal", "SN"))
    sync(alassane)
    assert term(translated(alassane, en).country) == ("Mali", "en")  # stale
