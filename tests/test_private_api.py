"""The private attributes the package relies on still behave as it expects
(``wagtail_defenders.private_api``), on every supported Django and Wagtail, and
the one Wagtail extension point it overrides, ``Page.route()``, routes as stock."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.db.models.query import ModelIterable
from django.http import Http404
from django.test import RequestFactory
from PIL import Image
from wagtail.images import get_image_model

from tests import factories
from wagtail_defenders.models import DefenderPage
from wagtail_defenders.models.querysets import THEMES_ATTR
from wagtail_defenders.private_api import is_new_upload, yield_with

pytestmark = pytest.mark.django_db


class MarkingIterable(ModelIterable):
    def __iter__(self):
        for instance in super().__iter__():
            instance.marked = True
            yield instance


@pytest.fixture
def alassane(index, terms):
    return factories.alassane(index, terms, themes=[terms["lhbti"], terms["pers"]])


def test_yield_with_changes_what_the_queryset_yields(alassane):
    profiles = yield_with(DefenderPage.objects.all(), MarkingIterable)
    assert [profile.marked for profile in profiles] == [True]
    # Clones keep it: filtering, ordering and slicing after the call.
    assert [p.marked for p in profiles.filter(pk=alassane.pk).order_by("pk")[:1]] == [
        True
    ]
    assert profiles.count() == 1
    assert profiles.first().marked


def test_yield_with_leaves_values_and_specific_alone(alassane):
    values = yield_with(DefenderPage.objects.values("pk"), MarkingIterable)
    assert list(values) == [{"pk": alassane.pk}]
    pages = yield_with(
        factories.Page.objects.filter(pk=alassane.pk).specific(), MarkingIterable
    )
    (page,) = pages
    assert isinstance(page, DefenderPage)
    assert not hasattr(page, "marked")
    # values() after the call replaces the iterable as usual.
    marked = yield_with(DefenderPage.objects.all(), MarkingIterable)
    assert list(marked.values_list("pk", flat=True)) == [alassane.pk]


def test_listing_profiles_carry_their_themes_in_order(alassane, terms):
    (profile,) = DefenderPage.objects.filter(pk=alassane.pk).for_listing()
    assert getattr(profile, THEMES_ATTR) == [terms["lhbti"], terms["pers"]]


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def test_is_new_upload_until_the_file_is_stored():
    image = get_image_model()(title="new")
    assert not is_new_upload(image.file)  # no file yet
    image.file = ContentFile(jpeg(), name="new.jpg")
    assert is_new_upload(image.file)
    image.save()
    assert not is_new_upload(image.file)
    stored = get_image_model().objects.get(pk=image.pk)
    assert not is_new_upload(stored.file)
    assert not is_new_upload(None)


def route(page, *path):
    request = RequestFactory().get("/")
    return page.specific.route(request, list(path))


def test_the_index_routes_profiles_as_wagtail_does(index, alassane, terms):
    """The index page's ``route()`` loads a profile with its one-row relations
    in the same query, and leaves its themes for the uncached fragment that shows
    them; what it routes to, and what it refuses, are Wagtail's."""
    result = route(index, "alassane")
    assert result.page.pk == alassane.pk
    for relation in ("locale", "country", "city", "portrait"):
        assert DefenderPage._meta.get_field(relation).is_cached(result.page), relation
    assert not hasattr(result.page, THEMES_ATTR)
    assert result.page.themes == [terms["lhbti"], terms["pers"]]
    assert route(index).page.pk == index.pk
    for path in (("nobody",), ("alassane", "more")):
        with pytest.raises(Http404):
            route(index, *path)
    draft = factories.profile(
        index,
        "Draft",
        slug="draft",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[],
        live=False,
    )
    assert not draft.live
    with pytest.raises(Http404):
        route(index, "draft")


def test_wagtail_localize_writes_are_wrapped_once():
    """The four steps of wagtail-localize's write are the package's wrappers, once."""
    from wagtail_localize import models as localize_models
    from wagtail_localize.operations import TranslationCreator

    from wagtail_defenders.translation_sync import install

    wrapped = (
        localize_models.TranslationSource.create_or_update_translation,
        localize_models.TranslationSource._get_segments_for_translation,
        localize_models.copy_synchronised_fields,
        TranslationCreator.create_translations,
    )
    for function in wrapped:
        assert function.__module__ == "wagtail_defenders.translation_sync"
        assert not hasattr(function.__wrapped__, "__wrapped__")
    install()
    assert localize_models.TranslationSource.create_or_update_translation is wrapped[0]
    # What the wrappers rely on: create_or_update_translation loads its segments
    # through _get_segments_for_translation and copies with the module's name.
    import inspect

    code = inspect.getsource(wrapped[0].__wrapped__)
    assert "self._get_segments_for_translation(" in code
    assert "copy_synchronised_fields(original, translation)" in code


def test_a_related_object_shown_without_changing_the_stored_key(terms, index):
    """``show_related`` changes what ``page.country`` returns, never what is saved."""
    from wagtail_defenders.models import DefenderPage
    from wagtail_defenders.private_api import cached_related, show_related

    page = factories.profile(
        index, "Shown", country=terms["mali"], city=terms["den-haag"], themes=[]
    )
    page = DefenderPage.objects.select_related("country").get(pk=page.pk)
    plain = DefenderPage.objects.get(pk=page.pk)
    assert cached_related(plain, "country") is None  # not loaded: no query
    assert cached_related(page, "country") == terms["mali"]
    show_related(page, "country", terms["nl"])
    assert page.country == terms["nl"]
    assert page.country_id == terms["mali"].pk
    page.save()
    assert DefenderPage.objects.get(pk=page.pk).country_id == terms["mali"].pk


def test_wagtails_v3_pages_router_reads_the_wrapped_queryset():
    """Every route of Wagtail 8's v3 ``pages/`` router calls the module-level
    ``get_pages_queryset`` at request time, which ``build_api()`` wraps once."""
    from wagtail_defenders.api import v3

    if not v3.AVAILABLE:
        pytest.skip("API v3 needs Wagtail 8")
    import inspect

    from wagtail.api.v3 import querysets
    from wagtail.api.v3.routers import pages

    from wagtail_defenders.private_api import wrap_v3_pages_queryset

    v3.build_api()
    wrapped = pages.get_pages_queryset
    assert wrapped is not querysets.get_pages_queryset
    assert wrapped.__wrapped__ is querysets.get_pages_queryset
    wrap_v3_pages_queryset(lambda original: pytest.fail("wrapped twice"))
    assert pages.get_pages_queryset is wrapped
    # The routes look the name up in the module, not a copy bound at import.
    source = inspect.getsource(pages)
    for route in ("def list_pages", "def find_page", "def get_page("):
        body = source.split(route, 1)[1].split("\n@router", 1)[0]
        assert "get_pages_queryset(request" in body, route
    assert (
        "get_pages_queryset" in pages.PageFilterSchema.get_public_page.__code__.co_names
    )


def test_a_request_given_its_site_is_found_in_it(index):
    """``Site.find_for_request`` answers with the site set on a request without
    matching its host, so a command's request serves any site."""
    from django.http import HttpRequest
    from wagtail.models import Site

    from wagtail_defenders.private_api import set_request_site

    site = Site.objects.create(
        hostname="elsewhere.example", port=8123, root_page=index, is_default_site=False
    )
    request = HttpRequest()
    request.META["HTTP_HOST"] = "not-allowed.example"
    set_request_site(request, site)
    assert Site.find_for_request(request) == site
