"""Generated site states: every output shows what the visibility rule allows, no more.

A hypothesis state machine builds small sites step by step, the way editors and
locale synchronisation build them: profiles live or draft, unpublished changes,
login, password and group restrictions (on a profile, an index or an alias; before
and after aliasing), aliases made as locale synchronisation makes them (and
aliases of aliases), moved and renamed profiles, takedowns, a second site, two
languages, withheld portraits, profiles kept out of the API or of search engines,
related news (and English translations and aliases of news pages, live, draft or
private) and rich text links to any page.

After each run every output is read as a visitor reads it: the index pages' HTML,
each profile page (related news, links), API v2 (listing, detail, ``pages/``), API
v3 (Wagtail 8: ``defenders/`` and Wagtail's ``pages/``), GraphQL (``defenders``,
``defender`` with its related news, grapple's ``search``, ``pages``, ``page`` and a
site's ``pages``), the example site's search view and the sitemap
(:mod:`tests.visibility_outputs`). Related news is checked exactly, in order,
against :meth:`Tree.related_news`. Each output must show exactly the pages the
rule of :class:`~tests.visibility_reference.Tree` allows, and no marker of anything
else. That rule is written in plain Python (:mod:`tests.visibility_reference`),
independent of the package's SQL, and is checked against Wagtail's own
``Page.get_view_restrictions()``: it may be stricter, never more open.

Every page carries a marker (``zq0001zq``) in its title, slug and introduction, so
a leak shows as a marker where it does not belong. A withheld portrait's file
carries its own (``pic0001pic``). The number of examples keeps a run to a couple of
minutes; CI runs them with the ``ci`` profile's fixed seed.
"""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    rule,
    run_state_machine_as_test,
)
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.api_world import clear_caches, translated_page
from tests.testapp.models import HomePage, NewsPage
from tests.visibility_outputs import EveryOutputCheck
from tests.visibility_reference import (
    KINDS,
    OTHER_HOST,
    marker,
)
from wagtail_defenders.models import (
    DefenderIndexPage,
    DefenderPage,
    DefenderRelatedNews,
)
from wagtail_defenders.takedown import take_down

pytestmark = pytest.mark.django_db


class VisibilityStates(EveryOutputCheck, RuleBasedStateMachine):
    """Small sites built step by step; the check runs at the end of each run."""

    profiles = Bundle("profiles")
    news_pages = Bundle("news_pages")
    restrictions = Bundle("restrictions")

    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        clear_caches()

    def teardown(self) -> None:
        try:
            if hasattr(self, "indexes"):
                self.check()
        finally:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            clear_caches()

    @initialize()
    def build_sites(self) -> None:
        home = factories.site_with_home()
        nl_index = factories.index_page(home, "Defenders", "defenders")
        second = factories.index_page(home, "Archief", "archief")
        en_home = translated_page(home, "en", title="Home EN")
        english_archive = DefenderIndexPage(
            title="Archive", slug="archive", locale=en_home.locale
        )
        en_home.add_child(instance=english_archive)
        self.homes = {"nl": home, "en": en_home}
        self.indexes = {
            "nl": nl_index,
            "nl2": second,
            "en": translated_page(nl_index, "en", title="Defenders EN"),
            "en2": english_archive,
        }
        other_home = HomePage(title="Other", slug="other", locale=home.locale)
        Page.get_first_root_node().add_child(instance=other_home)
        Site.objects.create(hostname=OTHER_HOST, port=80, root_page=other_home)
        self.homes["other"] = other_home
        self.indexes["other"] = factories.index_page(other_home, "Others", "others")
        nl = factories.country("Nederland", "NL", "nederland")
        self.terms = {
            "country": nl,
            "city": factories.city("Utrecht", nl, "utrecht"),
            "themes": [factories.theme("Milieu", "milieu")],
        }

    # Building content

    @rule(
        target=profiles,
        where=st.sampled_from(["nl", "nl", "nl2", "en", "other"]),
        live=st.booleans(),
        portrait=st.booleans(),
    )
    def add_profile(self, where: str, live: bool, portrait: bool):
        token = marker()
        return factories.profile(
            self.indexes[where],
            f"Dossier {token}",
            slug=f"dossier-{token}",
            introduction=f"Intro {token}",
            portrait=factories.image(f"pic{token[2:6]}pic", size=(8, 8))
            if portrait
            else None,
            live=live,
            **self.terms,
        )

    @rule(target=news_pages, live=st.booleans(), private=st.booleans())
    def add_news(self, live: bool, private: bool):
        news = factories.news(self.homes["nl"], f"Dossier news {marker()}", live=live)
        if private:
            PageViewRestriction.objects.create(page=news, restriction_type="login")
        return news

    @rule(
        target=news_pages,
        news=news_pages,
        alias=st.booleans(),
        live=st.booleans(),
        private=st.booleans(),
    )
    def translate_news(self, news, alias: bool, live: bool, private: bool):
        """An English version of a Dutch news page: the alias locale
        synchronisation makes, or a translation (live or a draft) with a marker
        of its own; private or not."""
        news = NewsPage.objects.get(pk=news.pk)
        english = self.homes["en"].locale
        if (
            news.locale_id == english.pk
            or NewsPage.objects.filter(
                translation_key=news.translation_key, locale=english
            ).exists()
        ):
            return news
        if alias:
            version = news.copy_for_translation(english, alias=True)
        else:
            version = news.copy_for_translation(english)
            version.title = f"Dossier news {marker()}"
            version.save()
            if live:
                version.save_revision().publish()
        if private:
            PageViewRestriction.objects.create(page=version, restriction_type="login")
        return version.specific

    @rule(target=profiles, profile=profiles)
    def alias(self, profile):
        """An English alias made as wagtail-localize's locale synchronisation makes
        it (same ``translation_key``, parents aliased too where untranslated)."""
        profile = DefenderPage.objects.get(pk=profile.pk)
        english = self.indexes["en"].locale
        if DefenderPage.objects.filter(
            translation_key=profile.translation_key, locale=english
        ).exists():
            return profile
        return profile.copy_for_translation(
            english, copy_parents=True, alias=True
        ).specific

    @rule(target=profiles, profile=profiles)
    def alias_again(self, profile):
        """An alias of an English page (an alias itself, maybe) in another index."""
        profile = DefenderPage.objects.get(pk=profile.pk)
        archive = self.indexes["en2"]
        if (
            profile.locale_id != archive.locale_id
            or archive.get_children().filter(slug=profile.slug).exists()
        ):
            return profile
        return profile.create_alias(parent=archive).specific

    @rule(
        target=restrictions,
        profile=profiles,
        on=st.sampled_from(["profile", "profile", "nl", "nl2", "en", "en2", "other"]),
        kind=st.sampled_from(KINDS),
    )
    def restrict(self, profile, on: str, kind: str):
        page = profile if on == "profile" else self.indexes[on]
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type=kind,
            password="letmein" if kind == "password" else "",
        )
        if kind == "groups":
            restriction.groups.set([Group.objects.get_or_create(name="Editors")[0]])
        return restriction

    @rule(restriction=consumes(restrictions))
    def lift_restriction(self, restriction):
        PageViewRestriction.objects.filter(pk=restriction.pk).delete()

    # Editing a source profile (aliases follow their source)

    def source(self, profile) -> DefenderPage | None:
        page = DefenderPage.objects.filter(pk=profile.pk).first()
        return page if page is not None and page.alias_of_id is None else None

    @rule(profile=profiles)
    def unpublished_changes(self, profile):
        page = self.source(profile)
        if page is None:
            return
        page = page.get_latest_revision_as_object()
        token = marker()
        page.title, page.introduction = f"Dossier {token}", f"Intro {token}"
        page.save_revision()

    @rule(profile=profiles)
    def publish(self, profile):
        page = self.source(profile)
        if page is not None and page.latest_revision is not None:
            page.latest_revision.publish()

    @rule(profile=profiles)
    def unpublish(self, profile):
        page = self.source(profile)
        if page is not None and page.live:
            page.unpublish()

    @rule(profile=profiles)
    def take_down(self, profile):
        page = self.source(profile)
        if page is not None:
            take_down(page)

    @rule(profile=profiles, to=st.sampled_from(["nl", "nl2", "other"]))
    def move(self, profile, to: str):
        page = self.source(profile)
        if page is not None and page.locale_id == self.indexes[to].locale_id:
            # The target's tree fields afresh: Wagtail 7.0's treebeard trusts a
            # stale numchild and finds no last child.
            page.move(Page.objects.get(pk=self.indexes[to].pk), pos="last-child")

    @rule(profile=profiles)
    def rename(self, profile):
        page = self.source(profile)
        if page is None:
            return
        page = page.get_latest_revision_as_object()
        token = marker()
        page.title, page.slug = f"Dossier {token}", f"dossier-{token}"
        page.introduction = f"Intro {token}"
        page.save_revision().publish()

    @rule(
        profile=profiles,
        setting=st.sampled_from(
            ["hide_from_api", "hide_from_search_engines", "withhold_portrait"]
        ),
        value=st.booleans(),
    )
    def safety(self, profile, setting: str, value: bool):
        page = self.source(profile)
        if page is None:
            return
        page = page.get_latest_revision_as_object()
        setattr(page, setting, value)
        page.save_revision().publish()

    @rule(profile=profiles, news=news_pages)
    def relate_news(self, profile, news):
        page = self.source(profile)
        if page is None:
            return
        page = page.get_latest_revision_as_object()
        page.related_news.add(DefenderRelatedNews(news_page=news))
        page.save_revision().publish()

    @rule(profile=profiles, linked=profiles)
    def link(self, profile, linked):
        """A body section linking another profile (or alias) by id."""
        page = self.source(profile)
        if page is None:
            return
        page = page.get_latest_revision_as_object()
        text = f'<p>See <a linktype="page" id="{linked.pk}">this</a>.</p>'
        page.body = [
            *((child.block_type, child.value) for child in page.body),
            ("section", {"kind": "about", "heading": "H", "text": text}),
        ]
        page.save_revision().publish()


def test_every_output_agrees_with_the_rule():
    run_state_machine_as_test(
        VisibilityStates,
        settings=settings(
            max_examples=int(os.environ.get("VISIBILITY_EXAMPLES", 12)),
            # The suite's examples are fixed, so a CI run is reproducible;
            # VISIBILITY_RANDOM=1 (with more VISIBILITY_EXAMPLES) explores.
            derandomize=not os.environ.get("VISIBILITY_RANDOM"),
            stateful_step_count=12,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_wagtail_pages_listing_shows_related_news_a_visitor_may_see():
    """Found by a random run on PostgreSQL: Wagtail's v2 ``pages/`` with
    ``fields=*`` shows each profile's related news (``api_fields``), which the
    check took for a leak. The news is live and public: the listing may show it,
    and shows exactly the related news of the reference (the regression is a
    check that was too narrow, not a leak)."""
    state = VisibilityStates()
    try:
        state.build_sites()
        state.add_news(live=False, private=False)
        news = state.add_news(live=True, private=False)
        profile = state.add_profile(where="nl", live=False, portrait=False)
        state.publish(profile)
        state.relate_news(profile, news)
        state.add_news(live=False, private=True)
        state.rename(profile)
        state.safety(profile, "hide_from_search_engines", True)
        state.move(profile, "nl")
    finally:
        state.teardown()
