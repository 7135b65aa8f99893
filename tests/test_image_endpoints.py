"""No image endpoint a site mounts by following the README lists a hidden portrait.

The URLs are the test project's (``tests/api_urls.py``), which register the APIs
exactly as the README does: API v2 with the package's endpoints, API v3 through
``defenders_v3.build_api()`` and grapple's ``/graphql/``. A withheld portrait, and
the portraits of a draft, a private and a taken-down profile, must appear nowhere
by title, file name or original URL; a visible profile's portrait appears (as
renditions), so a collector that sees nothing fails.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest
from django.apps import apps
from django.core.files.images import ImageFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests import factories
from wagtail_defenders.api import v3 as defenders_v3
from wagtail_defenders.takedown import take_down

pytestmark = pytest.mark.django_db

HIDDEN_KINDS = ("withheld", "draft", "private", "taken-down")


@dataclass
class Portraits:
    visible_marker: str
    hidden: dict[str, list[str]]  # kind -> title, file name stem, original URL
    profile_ids: list[int]
    image_ids: list[int]


def _portrait(title: str, stem: str):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (30, 90, 160)).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title=title,
        description=f"description of {title}",
        file=ImageFile(buffer, name=f"{stem}.jpg"),
    )


def _markers(image) -> list[str]:
    return [image.title, PurePosixPath(image.file.name).stem, image.file.url]


@pytest.fixture
def portraits(index, terms) -> Portraits:
    place = {
        "country": terms["mali"],
        "city": terms["den-haag"],
        "themes": [terms["lhbti"]],
    }
    visible_image = _portrait("Zichtbaar portret", "zzvisibleportraitzz")
    visible = factories.profile(index, "Zichtbaar", portrait=visible_image, **place)
    images = {
        kind: _portrait(f"TITLE-{kind}-portrait", f"zz{kind.replace('-', '')}filezz")
        for kind in HIDDEN_KINDS
    }
    withheld = factories.profile(
        index, "Achtergehouden", portrait=images["withheld"], **place
    )
    withheld.withhold_portrait = True
    withheld.save_revision().publish()
    draft = factories.profile(
        index, "Concept", portrait=images["draft"], live=False, **place
    )
    private = factories.profile(index, "Besloten", portrait=images["private"], **place)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    taken_down = factories.profile(
        index, "Verwijderd", portrait=images["taken-down"], **place
    )
    take_down(taken_down)
    return Portraits(
        visible_marker=PurePosixPath(visible_image.file.name).stem,
        hidden={kind: _markers(image) for kind, image in images.items()},
        profile_ids=[visible.pk, withheld.pk, draft.pk, private.pk, taken_down.pk],
        image_ids=[image.pk for image in [visible_image, *images.values()]],
    )


def _text(client, url: str, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code < 500, (url, response.content[:300])
    return response.content.decode()


def assert_hidden_portraits_absent(output: str, text: str, portraits: Portraits):
    assert portraits.visible_marker in text, f"{output} shows no portrait at all"
    leaks = [
        f"{kind}: {marker!r}"
        for kind, markers in portraits.hidden.items()
        for marker in markers
        if marker in text
    ]
    assert not leaks, f"{output} shows " + ", ".join(leaks)


def test_api_v2(client, portraits):
    for path in (
        "images/",
        "documents/",
        *(f"images/{i}/" for i in portraits.image_ids),
    ):
        assert client.get(f"/api/v2/{path}").status_code == 404, path
    text = _text(client, "/api/v2/defenders/?fields=*")
    text += _text(client, "/api/v2/pages/?type=wagtail_defenders.DefenderPage&fields=*")
    for profile_id in portraits.profile_ids:
        text += _text(client, f"/api/v2/defenders/{profile_id}/?fields=*")
        text += _text(client, f"/api/v2/pages/{profile_id}/")
    assert_hidden_portraits_absent("API v2", text, portraits)


@pytest.mark.skipif(not defenders_v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_api_v3_mounts_no_image_document_or_redirect_route(client, portraits):
    for route in defenders_v3.LEFT_OUT_ROUTES:
        assert client.get(f"/api/v3/{route}/").status_code == 404, route
    for image_id in portraits.image_ids:
        assert client.get(f"/api/v3/images/{image_id}/").status_code == 404
    schema = json.loads(_text(client, "/api/v3/openapi.json"))
    for path in schema["paths"]:
        assert not path.startswith(
            tuple(f"/api/v3/{route}/" for route in defenders_v3.LEFT_OUT_ROUTES)
        ), path
    # What the package's API keeps of Wagtail's own.
    assert "/api/v3/pages/" in schema["paths"]
    assert "/api/v3/sites/" in schema["paths"]


@pytest.mark.skipif(not defenders_v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_api_v3(client, portraits):
    text = _text(client, "/api/v3/defenders/")
    text += _text(client, "/api/v3/pages/?type=wagtail_defenders.DefenderPage")
    for profile_id in portraits.profile_ids:
        text += _text(client, f"/api/v3/defenders/{profile_id}/")
        text += _text(client, f"/api/v3/pages/{profile_id}/")
    assert_hidden_portraits_absent("API v3", text, portraits)


def _graphql(client, query: str) -> dict:
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    )
    assert response.status_code < 500, response.content[:300]
    return response.json()


@pytest.fixture
def graphql(db):
    if not apps.is_installed("grapple"):
        pytest.skip("the graphql extra is not installed")


def test_graphql_root_query_lists_no_image_document_or_redirect(
    client, graphql, portraits
):
    schema = _graphql(client, "{ __schema { queryType { fields { name } } } }")
    root_fields = {f["name"] for f in schema["data"]["__schema"]["queryType"]["fields"]}
    assert "defenders" in root_fields and "pages" in root_fields
    left_out = {"image", "images", "imageType", "document", "documents", "redirects"}
    assert not left_out & root_fields
    for query in (
        "{ images { id title url file } }",
        f"{{ image(id: {portraits.image_ids[1]}) {{ title url }} }}",
        "{ documents { id title url } }",
        "{ redirects { oldPath } }",
    ):
        answer = _graphql(client, query)
        assert answer.get("errors") and not answer.get("data"), query


def test_graphql(client, graphql, portraits):
    card = "id title portrait { alt renditions { name url } }"
    text = json.dumps(_graphql(client, f"{{ defenders {{ items {{ {card} }} }} }}"))
    for profile_id in portraits.profile_ids:
        text += json.dumps(
            _graphql(client, f"{{ defender(id: {profile_id}) {{ {card} }} }}")
        )
    text += json.dumps(
        _graphql(
            client,
            '{ pages { id title url } search(query: "portrait") { __typename } }',
        )
    )
    assert_hidden_portraits_absent("GraphQL", text, portraits)


def test_the_test_urls_are_the_readmes():
    """Each line of the README's URL configuration is in ``tests/api_urls.py``."""
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = next(
        block
        for block in readme.split("```python")[1:]
        if "register_endpoints(api_router)" in block
    ).split("```")[0]
    ours = {
        line.strip()
        for line in (root / "tests" / "api_urls.py").read_text().splitlines()
    }
    code = [
        line.strip()
        for line in block.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert 'urlpatterns.append(path("api/v3/", defenders_v3.build_api().urls))' in {
        line.split("  #")[0] for line in code
    }
    missing = [line for line in code if line not in ours]
    assert not missing, missing


def _warnings() -> list:
    from wagtail_defenders.checks import check_image_endpoints

    return check_image_endpoints()


def test_system_check_finds_no_image_listing_in_the_readmes_urls():
    assert _warnings() == []


@pytest.mark.skipif(not defenders_v3.AVAILABLE, reason="API v3 needs Wagtail 8")
@override_settings(ROOT_URLCONF="tests.unsafe_api_urls")
def test_system_check_warns_about_wagtails_image_listings():
    (warning,) = _warnings()
    assert warning.id == "wagtail_defenders.W011"
    for route in (
        "api/v2/images/",
        "api/v3/images/",
        "api/v3/documents/",
        "api/v3/redirects/",
    ):
        assert route in warning.msg, route
    assert "api/v3/pages/" not in warning.msg
