"""The editor's side: creating pages and terms in the admin, the page tree rules,
the related news chooser, and the refusal to delete a term in use."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from tests import factories
from tests.testapp.models import HomePage, NewsPage
from wagtail_defenders.models import (
    City,
    Country,
    DefenderIndexPage,
    DefenderPage,
    Theme,
)
from wagtail_defenders.usage import profiles_using


def english_superuser(username: str):
    """A superuser whose admin is in English, so messages can be compared."""
    user = get_user_model().objects.create_superuser(
        username, f"{username}@example.org", "pw"
    )
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    return user


class PageTreeRulesTests(WagtailPageTestCase):
    def test_only_profiles_under_an_index(self):
        self.assertAllowedSubpageTypes(DefenderIndexPage, {DefenderPage})
        self.assertAllowedParentPageTypes(DefenderPage, {DefenderIndexPage})
        self.assertCanNotCreateAt(HomePage, DefenderPage)
        self.assertCanNotCreateAt(DefenderIndexPage, NewsPage)
        self.assertCanNotCreateAt(DefenderPage, DefenderPage)
        self.assertCanCreateAt(HomePage, DefenderIndexPage)
        self.assertCanCreateAt(DefenderIndexPage, DefenderPage)


class AdminCreationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.site_with_home()
        cls.index = factories.index_page(cls.home)
        cls.mali = factories.country("Mali", "ML")
        cls.nederland = factories.country("Nederland", "NL")
        cls.den_haag = factories.city("Den Haag", cls.nederland)
        cls.lhbti = factories.theme("LHBTI")
        cls.pers = factories.theme("Persvrijheid")
        cls.news = factories.news(cls.home, "Alassane spreekt in Den Haag")
        cls.user = english_superuser("editor")

    def setUp(self):
        self.client.force_login(self.user)

    def profile_form_data(self, **overrides):
        data = {
            "title": "Alassane",
            "slug": "alassane",
            "introduction": "Een jonge mensenrechtenverdediger uit Mali.",
            "portrait": "",
            "portrait_alt_text": "",
            "country": str(self.mali.pk),
            "city": str(self.den_haag.pk),
            "year": "2019",
            "naming": "first_name",
            "stay_start_date": "2019-03-01",
            "stay_end_date": "2019-05-31",
            "body": streamfield(
                [
                    (
                        "section",
                        {
                            "kind": "threats",
                            "heading": "Bedreigingen",
                            "text": rich_text("<p>Hij werkt onder grote druk.</p>"),
                        },
                    )
                ]
            ),
            "defender_themes": inline_formset(
                [{"theme": str(self.lhbti.pk)}, {"theme": str(self.pers.pk)}]
            ),
            "updates": inline_formset([]),
            "related_news": inline_formset([{"news_page": str(self.news.pk)}]),
            "consent_records": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_creates_an_index_page(self):
        self.assertCanCreate(
            self.home,
            DefenderIndexPage,
            nested_form_data(
                {
                    "title": "Verdedigers",
                    "slug": "verdedigers",
                    "introduction": rich_text(""),
                }
            ),
        )

    def test_editor_creates_and_publishes_a_complete_profile(self):
        self.assertCanCreate(self.index, DefenderPage, self.profile_form_data())
        profile = DefenderPage.objects.get(slug="alassane")
        assert profile.live
        assert profile.country == self.mali
        assert profile.city == self.den_haag
        assert profile.themes == [self.lhbti, self.pers]
        assert [link.news_page_id for link in profile.related_news.all()] == [
            self.news.pk
        ]
        assert profile.body[0].value["kind"] == "threats"
        response = self.client.get(profile.url)
        assert b"Hij werkt onder grote druk." in response.content

    def test_a_published_profile_needs_a_theme(self):
        data = self.profile_form_data(
            defender_themes=inline_formset([], min=1), **{"action-publish": "publish"}
        )
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:add",
                args=["wagtail_defenders", "defenderpage", self.index.pk],
            ),
            data,
        )
        assert response.status_code == 200
        assert not DefenderPage.objects.filter(slug="alassane").exists()

    def test_end_before_start_is_refused_with_a_message(self):
        data = self.profile_form_data(
            stay_end_date="2019-01-01", **{"action-publish": "publish"}
        )
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:add",
                args=["wagtail_defenders", "defenderpage", self.index.pk],
            ),
            data,
        )
        assert response.status_code == 200
        assert (
            "The end of the stay cannot be before its start."
            in response.content.decode()
        )
        assert not DefenderPage.objects.filter(slug="alassane").exists()

    def test_edit_view_has_the_editor_tabs(self):
        self.assertCanCreate(self.index, DefenderPage, self.profile_form_data())
        profile = DefenderPage.objects.get(slug="alassane")
        html = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[profile.pk])
        ).content.decode()
        headings = [tab.heading for tab in DefenderPage.edit_handler.children]
        with translation.override("en"):  # the editor's admin language
            for heading in headings[:4]:
                assert str(heading) in html, heading

    def test_related_news_chooser_is_limited_to_the_configured_page_types(self):
        form_class = DefenderPage.get_edit_handler().get_form_class()
        related_news_form = form_class.formsets["related_news"].form
        widget = related_news_form.base_fields["news_page"].widget
        assert widget.target_models == [NewsPage]

    def test_editor_creates_terms_through_the_snippet_admin(self):
        locale = str(factories.locale("nl").pk)
        cases = [
            (
                Theme,
                {
                    "name": "Vrijheid van meningsuiting",
                    "slug": "",
                    "description": "",
                    "sort_order": "0",
                },
            ),
            (
                Country,
                {
                    "name": "Kenia",
                    "code": "KE",
                    "slug": "",
                    "description": "",
                    "sort_order": "0",
                },
            ),
            (
                City,
                {
                    "name": "Utrecht",
                    "country": str(self.nederland.pk),
                    "slug": "",
                    "description": "",
                    "sort_order": "0",
                },
            ),
        ]
        for model, data in cases:
            url = reverse(model.snippet_viewset.get_url_name("add")) + "?locale=nl"
            response = self.client.post(url, {**data, "locale": locale})
            assert response.status_code == 302, response.content.decode()[:2000]
            term = model.objects.get(name=data["name"])
            assert term.slug  # made from the name

    def test_snippet_listings_search_and_filter(self):
        url = reverse(City.snippet_viewset.get_url_name("list"))
        response = self.client.get(url, {"q": "Den"})
        assert response.status_code == 200
        assert "Den Haag" in response.content.decode()
        response = self.client.get(url, {"country": str(self.mali.pk)})
        assert response.status_code == 200
        assert "Den Haag" not in response.content.decode()

    def test_taxonomies_share_one_admin_menu(self):
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Defender taxonomies" in html


@pytest.mark.django_db
class TestDeleteProtection:
    @pytest.fixture
    def admin_client(self, client):
        client.force_login(english_superuser("admin"))
        return client

    @pytest.fixture
    def alassane(self, index, terms):
        return factories.profile(
            index,
            "Alassane",
            country=terms["mali"],
            city=terms["den-haag"],
            themes=[terms["lhbti"]],
        )

    @pytest.mark.parametrize("term_name", ["lhbti", "mali", "den-haag", "nl"])
    def test_deleting_a_term_in_use_is_refused_with_where_it_is_used(
        self, admin_client, alassane, terms, term_name
    ):
        term = terms[term_name]
        url = reverse(type(term).snippet_viewset.get_url_name("delete"), args=[term.pk])
        for method in (admin_client.get, admin_client.post):
            response = method(url)
            assert response.status_code == 302
            messages = [str(message) for message in get_messages(response.wsgi_request)]
            assert any("cannot be deleted" in message for message in messages)
        expected_user = "Den Haag" if term_name == "nl" else "Alassane"
        assert any(expected_user in message for message in messages)
        assert type(term).objects.filter(pk=term.pk).exists()

    @pytest.mark.parametrize("term_name", ["pers", "nl", "utrecht"])
    def test_a_term_only_a_draft_uses_is_not_deleted(
        self, admin_client, alassane, terms, term_name
    ):
        # The live profile uses lhbti, Mali and Den Haag; its unpublished
        # changes switch to the term under test.
        draft = Page.objects.get(pk=alassane.pk).specific
        if term_name == "pers":
            draft.defender_themes = [
                type(draft.defender_themes.first())(theme=terms["pers"], sort_order=0)
            ]
        elif term_name == "nl":
            draft.country = terms["nl"]
        else:
            draft.city = terms["utrecht"]
        draft.title = "Alassane (concept)"
        draft.save_revision()
        term = terms[term_name]
        if term_name == "nl":  # a city belongs to it too: leave only the draft
            City.objects.filter(country=term).update(country=terms["mali"])
        url = reverse(type(term).snippet_viewset.get_url_name("delete"), args=[term.pk])
        response = admin_client.post(url)
        assert response.status_code == 302
        messages = [str(message) for message in get_messages(response.wsgi_request)]
        assert any(
            "cannot be deleted" in message and "Alassane (concept)" in message
            for message in messages
        ), messages
        assert type(term).objects.filter(pk=term.pk).exists()
        # The draft still publishes, and then the page itself uses the term.
        Page.objects.get(pk=alassane.pk).specific.get_latest_revision().publish()
        assert profiles_using(term).filter(pk=alassane.pk).exists()

    def test_bulk_delete_of_a_term_in_use_is_refused(
        self, admin_client, alassane, terms
    ):
        url = reverse(
            "wagtail_bulk_action", args=["wagtail_defenders", "theme", "delete"]
        )
        response = admin_client.post(
            f"{url}?id={terms['lhbti'].pk}&id={terms['pers'].pk}", {}
        )
        assert response.status_code == 302
        assert Theme.objects.filter(pk=terms["lhbti"].pk).exists()
        assert Theme.objects.filter(pk=terms["pers"].pk).exists()

    def test_unused_term_can_be_deleted(self, admin_client, alassane, terms):
        url = reverse(
            Theme.snippet_viewset.get_url_name("delete"), args=[terms["pers"].pk]
        )
        response = admin_client.post(url)
        assert response.status_code == 302
        assert not Theme.objects.filter(pk=terms["pers"].pk).exists()

    def test_database_protects_terms_in_use_too(self, alassane, terms):
        from django.db.models import ProtectedError

        with pytest.raises(ProtectedError):
            terms["lhbti"].delete()
        with pytest.raises(ProtectedError):
            terms["mali"].delete()

    def test_deleting_a_profile_keeps_its_terms(self, alassane, terms):
        Page.objects.get(pk=alassane.pk).delete()
        assert Theme.objects.filter(pk=terms["lhbti"].pk).exists()
