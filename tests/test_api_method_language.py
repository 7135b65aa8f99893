"""A method a URL does not take, and an id that matches nothing, in the language asked for.

Through the real endpoints (``tests/api_urls.py``), for each of the five languages,
asked for with ``locale=`` and with ``Accept-Language`` (the test site's default
language is Dutch, so English asked for is English answered). A 405 is REST
framework's ``detail`` on v2 and a problem with ``Allow`` on v3, Wagtail's routes
included; a 404 names the model by its ``verbose_name`` in that language.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import Locale

from tests.api_world import FIVE_LANGUAGES, clear_caches
from wagtail_defenders.api import v3
from wagtail_defenders.api.wagtail_messages import model_name

pytestmark = pytest.mark.django_db

#: Wagtail's catalogue's word for its Page model (its verbose_name).
PAGE = {"en": "page", "nl": "pagina", "fr": "page", "es": "página", "ar": "صفحة"}
#: The package's catalogue: REST framework's 405 and the 404 of an unknown id.
NOT_ALLOWED = {
    "en": 'Method "%(method)s" not allowed.',
    "nl": 'Methode "%(method)s" is niet toegestaan.',
    "fr": "La méthode « %(method)s » n’est pas autorisée.",
    "es": "El método «%(method)s» no está permitido.",
    "ar": "الطريقة «%(method)s» غير مسموح بها.",
}
NO_MATCH = {
    "en": "No %(model)s matches the given query.",
    "nl": "Geen %(model)s komt overeen met de opgegeven query.",
    "fr": "Aucun objet de type « %(model)s » ne correspond à la requête.",
    "es": "Ningún elemento de tipo «%(model)s» coincide con la consulta.",
    "ar": "لا يوجد عنصر من نوع «%(model)s» يطابق الاستعلام.",
}
TITLE = {
    "en": "Method Not Allowed",
    "nl": "Methode niet toegestaan",
    "fr": "Méthode non autorisée",
    "es": "Método no permitido",
    "ar": "الطريقة غير مسموح بها",
}
CASES = [
    pytest.param(language, via, id=f"{language}-{via}")
    for language, _name in FIVE_LANGUAGES
    for via in ("locale", "header")
]
needs_v3 = pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")


@pytest.fixture(autouse=True)
def five_languages(home):
    # pages/ reads ?locale= as the content's language too: one of each.
    for code, _name in FIVE_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    clear_caches()
    with override_settings(LANGUAGES=FIVE_LANGUAGES):
        yield


def ask(client, method: str, url: str, language: str, via: str):
    if via == "locale":
        return getattr(client, method)(f"{url}?locale={language}")
    return getattr(client, method)(url, HTTP_ACCEPT_LANGUAGE=language)


def test_the_expected_texts_are_the_catalogues():
    for language, _name in FIVE_LANGUAGES:
        with translation.override(language):
            assert (
                translation.gettext('Method "%(method)s" not allowed.')
                == (NOT_ALLOWED[language])
            )
            assert (
                translation.gettext("No %(model)s matches the given query.")
                == (NO_MATCH[language])
            )
            assert (
                translation.pgettext("HTTP status", "Method Not Allowed")
                == (TITLE[language])
            )
            assert model_name("Page") == PAGE[language]


@pytest.mark.parametrize(("language", "via"), CASES)
def test_v2_method_not_allowed(client, language, via):
    for url in ("/api/v2/defenders/", "/api/v2/defenders/1/", "/api/v2/pages/"):
        response = ask(client, "post", url, language, via)
        assert response.status_code == 405, url
        assert response["Content-Type"] == "application/json"
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.json() == {
            "detail": NOT_ALLOWED[language] % {"method": "POST"}
        }, url


@needs_v3
@pytest.mark.parametrize(("language", "via"), CASES)
def test_v3_method_not_allowed_is_a_problem(client, language, via):
    for method, url, allowed in (
        ("post", "/api/v3/defenders/", "GET"),
        ("put", "/api/v3/defenders/1/", "GET"),
        ("delete", "/api/v3/themes/", "GET"),
        # Wagtail's own routes, as build_api() mounts them.
        ("put", "/api/v3/pages/", "GET, POST"),
        ("put", "/api/v3/pages/1/", "DELETE, GET, PATCH"),
    ):
        response = ask(client, method, url, language, via)
        assert response.status_code == 405, url
        assert response["Content-Type"] == "application/problem+json"
        assert response["Allow"] == allowed, url
        assert response.json() == {
            "type": "about:blank",
            "title": TITLE[language],
            "status": 405,
            "detail": NOT_ALLOWED[language] % {"method": method.upper()},
        }, url


@needs_v3
def test_v3_405_keeps_the_views_csrf_exemption():
    # Wrapping each URL's view must not lose django-ninja's csrf_exempt, or a
    # POST would be refused (403) for its missing token instead.
    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v3/defenders/?locale=fr")
    assert response.status_code == 405
    assert response.json()["title"] == TITLE["fr"]


@pytest.mark.parametrize(("language", "via"), CASES)
def test_no_page_matches_in_the_pages_own_word(client, language, via):
    urls = ["/api/v2/pages/999999/", "/api/v2/pages/0/"]
    if v3.AVAILABLE:
        urls.append("/api/v3/pages/999999/")
    expected = NO_MATCH[language] % {"model": PAGE[language]}
    for url in urls:
        response = ask(client, "get", url, language, via)
        assert response.status_code == 404, url
        body = response.json()
        if url.startswith("/api/v3/"):
            assert response["Content-Type"] == "application/problem+json"
            assert body["detail"] == expected
        else:
            assert response["Content-Type"] == "application/json"
            assert body == {"message": expected}


def test_english_names_the_page_as_the_package_names_a_profile(client):
    response = client.get("/api/v2/pages/999999/?locale=en")
    assert response.json() == {"message": "No page matches the given query."}
    response = client.get("/api/v2/defenders/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"message": "No profile matches the given query."}


def test_a_class_name_no_model_has_stays():
    assert model_name("NoSuchModel") == "NoSuchModel"


@pytest.mark.parametrize("language", [code for code, _name in FIVE_LANGUAGES])
def test_django_s_own_translation_of_no_match_is_recognised(language):
    """Django 6.1 raises get_object_or_404's message already translated (5.2 and
    6.0 in English): in either form it becomes the package's sentence."""
    from django.utils.translation import gettext

    from wagtail_defenders.api.wagtail_messages import translate_wagtail_message

    with translation.override(language):
        as_django_wrote_it = gettext("No %s matches the given query.") % "Page"
        if language != "en" and as_django_wrote_it.startswith("No Page"):
            pytest.skip("this Django has no translation of its message")
        expected = NO_MATCH[language] % {"model": PAGE[language]}
        assert translate_wagtail_message(as_django_wrote_it) == expected
        english = "No Page matches the given query."
        assert translate_wagtail_message(english) == expected
