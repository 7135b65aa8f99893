"""Faceless portraits, the admin tool: a faceless copy of a portrait is a new
image, its file holds nothing but pixels, it replaces the original on every
version of the profile, and the tool checks who asks and what they send."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import PageLogEntry, Revision

from tests import factories
from tests.faceless_pictures import (
    assert_only_pixels,
    jpeg_with_metadata,
    noisy_picture,
    synthetic_face,
)
from wagtail_defenders.faceless import detection
from wagtail_defenders.faceless.regions import (
    MAX_REGIONS,
    Region,
    block_size_for,
)
from wagtail_defenders.faceless.rendering import (
    BLUR,
    PIXELATE,
)
from wagtail_defenders.faceless.replacement import FACELESS_ACTION
from wagtail_defenders.models import DefenderPage

Image_ = get_image_model()


@pytest.fixture
def portrait(db):
    picture = noisy_picture(600, 600, seed=11)
    picture.paste(synthetic_face(150), (0, 0))
    # Stored as uploaded, metadata and all, as a site without stripping keeps it.
    with override_settings(WAGTAIL_DEFENDERS={"STRIP_IMAGE_METADATA": False}):
        image = Image_.objects.create(
            title="Portrait of Amina",
            file=ImageFile(
                io.BytesIO(jpeg_with_metadata(picture)), name="amina-gps.jpg"
            ),
        )
    return image


@pytest.fixture
def amina(index, terms, portrait):
    profile = factories.profile(
        index,
        "Amina",
        slug="amina",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        portrait=portrait,
    )
    en = factories.locale("en")
    with TestCase.captureOnCommitCallbacks(execute=True):
        index.copy_for_translation(en, copy_parents=True).save_revision().publish()
        translation = profile.copy_for_translation(en)
        translation.save_revision().publish()
        alias = profile.copy_for_translation(
            factories.locale("fr"), copy_parents=True, alias=True
        )
    # A draft of the source that still holds the portrait.
    profile.introduction = "A draft."
    profile.save_revision()
    return {"profile": profile, "translation": translation, "alias": alias}


FACE = [{"x": 20, "y": 30, "width": 260, "height": 240}]


def url(name: str, image) -> str:
    return reverse(name, args=[image.pk])


def apply(client, image, regions=FACE, **fields):
    data = {"regions": json.dumps(regions) if not isinstance(regions, str) else regions}
    data.update({"block_size": 16, "style": PIXELATE, "delete_original": "on"})
    data.update(fields)
    return client.post(url("wagtail_defenders_faceless", image), data)


def test_the_tool_proposes_detected_faces(amina, portrait, editor, client):
    response = client.get(
        url("wagtail_defenders_faceless", portrait) + f"?profile={amina['profile'].pk}"
    )
    assert response.status_code == 200
    regions = json.loads(response.context["form"].initial["regions"])
    if detection.available():
        assert any(
            r["x"] <= 50 and r["y"] <= 50 and r["x"] + r["width"] >= 250
            for r in regions
        )
        assert b"already marked" in response.content
    else:
        assert regions == []
        assert b"draw every region yourself" in response.content
    assert Rendition.objects.filter(image=portrait).count() == 0, (
        "no rendition for the tool"
    )


def test_the_tool_without_detection(amina, portrait, editor, client, monkeypatch):
    monkeypatch.setattr(detection, "cv2", None)
    response = client.get(url("wagtail_defenders_faceless", portrait))
    assert json.loads(response.context["form"].initial["regions"]) == []
    assert b"draw every region yourself" in response.content


def test_making_faceless_replaces_the_portrait_everywhere(
    amina, portrait, editor, client
):
    original_pk, original_file = portrait.pk, portrait.file.name
    storage = portrait.file.storage
    portrait.get_rendition("fill-100x100")  # a rendition made before
    images_before = Image_.objects.count()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = apply(client, portrait, **{"next": ""})
    assert response.status_code == 302
    assert Image_.objects.count() == images_before, "one made, the original deleted"
    faceless = Image_.objects.exclude(pk=original_pk).latest("pk")
    assert not Image_.objects.filter(pk=original_pk).exists()
    assert not storage.exists(original_file)
    assert not Rendition.objects.filter(image_id=original_pk).exists()
    assert "amina" not in faceless.file.name and faceless.title == "Portrait of Amina"

    pages = DefenderPage.objects.filter(
        translation_key=amina["profile"].translation_key
    )
    assert pages.count() == 3
    assert set(pages.values_list("portrait_id", flat=True)) == {faceless.pk}
    profile_revisions = Revision.page_revisions.filter(
        object_id__in=[str(p.pk) for p in pages]
    )
    assert all(r.content.get("portrait") == faceless.pk for r in profile_revisions)
    assert all(
        PageLogEntry.objects.filter(page=page, action=FACELESS_ACTION).exists()
        for page in pages
    )

    with faceless.open_file() as stored:
        content = stored.read()
    assert_only_pixels(content)
    with Image.open(io.BytesIO(content)) as opened:
        result = opened.convert("RGB")
    region = Region(**FACE[0])
    # Flat within JPEG's rounding: each block's spread stays tiny next to noise.
    pixels = result.load()
    size = block_size_for(region, 16)
    for top in range(region.y + 2, region.y + region.height - size, size):
        for left in range(region.x + 2, region.x + region.width - size, size):
            block = [
                pixels[x, y]
                for x in range(left + 4, left + size - 4)
                for y in range(top + 4, top + size - 4)
            ]
            spread = max(
                max(c[i] for c in block) - min(c[i] for c in block) for i in range(3)
            )
            assert spread < 40, (left, top, spread)

    # Every output now serves the faceless image.
    response = client.get(amina["profile"].url)
    assert response.status_code == 200
    assert not Rendition.objects.filter(image_id=original_pk).exists()


def test_keeping_the_original_deletes_its_renditions(amina, portrait, editor, client):
    portrait.get_rendition("fill-100x100")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = apply(client, portrait, delete_original="")
    assert response.status_code == 302
    portrait.refresh_from_db()
    assert not Rendition.objects.filter(image=portrait).exists()
    assert not DefenderPage.objects.filter(portrait=portrait).exists()
    client.get(amina["profile"].url)
    assert not Rendition.objects.filter(image=portrait).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("still in the image library" in m for m in messages)


def test_every_output_serves_the_faceless_image_when_the_original_is_kept(
    amina, portrait, editor, client
):
    """The profile page, API v2 (listing and detail) and GraphQL make and serve
    renditions of the faceless image only, even with the original still stored."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        apply(client, portrait, delete_original="")
    profile = amina["profile"]
    faceless = DefenderPage.objects.get(pk=profile.pk).portrait
    client.logout()
    outputs = [
        client.get(profile.url),
        client.get("/api/v2/defenders/"),
        client.get(f"/api/v2/defenders/{profile.pk}/"),
        client.get(f"/api/v2/pages/{profile.pk}/"),
        client.post(
            "/graphql/",
            {"query": "{ defenders { items { portrait { renditions { url } } } } }"},
            content_type="application/json",
        ),
    ]
    assert [response.status_code for response in outputs] == [200] * 5
    graphql = outputs[4].json()
    assert "errors" not in graphql and graphql["data"]["defenders"]["items"]
    renditions = Rendition.objects.filter(image__in=[portrait, faceless])
    assert renditions.filter(image=faceless).exists()
    assert not renditions.filter(image=portrait).exists()
    original_name = portrait.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for response in outputs:
        assert original_name.encode() not in response.content


def test_an_erasure_finds_a_kept_original(amina, portrait, editor, client):
    from wagtail_defenders.erasure import erase_profile, plan_erasure

    with TestCase.captureOnCommitCallbacks(execute=True):
        apply(client, portrait, delete_original="")
    assert Image_.objects.filter(pk=portrait.pk).exists()
    profile = DefenderPage.objects.get(pk=amina["profile"].pk)
    assert portrait.pk in {image.pk for image in plan_erasure(profile).images}
    with TestCase.captureOnCommitCallbacks(execute=True):
        erase_profile(profile)
    assert not Image_.objects.filter(pk=portrait.pk).exists()


def test_an_original_used_elsewhere_is_kept(
    amina, portrait, editor, client, index, terms
):
    """A body image of another profile is not a portrait: it keeps the original,
    and the original stays (the editor is told what uses it)."""
    factories.profile(
        index,
        "Other",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        body=[("image", {"image": portrait, "alt_text": "A meeting", "caption": ""})],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = apply(client, portrait)
    assert Image_.objects.filter(pk=portrait.pk).exists()
    assert not DefenderPage.objects.filter(portrait=portrait).exists()
    assert not Rendition.objects.filter(image=portrait).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(
        "was kept: it is still used by “Other” (defender page)" in m for m in messages
    )


def test_the_stored_translation_source_follows(amina, portrait, editor, client):
    from wagtail_localize.models import TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(amina["profile"])
    assert json.loads(source.content_json)["portrait"] == portrait.pk
    with TestCase.captureOnCommitCallbacks(execute=True):
        apply(client, portrait)
    source.refresh_from_db()
    assert json.loads(source.content_json)["portrait"] != portrait.pk


@pytest.mark.parametrize(
    ("regions", "message"),
    [
        ([{"x": 590, "y": 0, "width": 20, "height": 20}], b"outside the picture"),
        ([{"x": "a", "y": 0, "width": 20, "height": 20}], b"must be a number"),
        ([{"x": 0, "y": 0, "width": 5, "height": 5}] * (MAX_REGIONS + 1), b"Too many"),
        ("{broken", b"not readable"),
        ([], b"at least one region"),
    ],
)
def test_bad_regions_change_nothing(amina, portrait, editor, client, regions, message):
    images_before = Image_.objects.count()
    response = apply(client, portrait, regions=regions)
    assert response.status_code == 400
    assert message in response.content
    assert Image_.objects.count() == images_before
    assert DefenderPage.objects.filter(portrait=portrait).count() == 3

    preview = client.post(
        url("wagtail_defenders_faceless_preview", portrait),
        {
            "regions": json.dumps(regions) if not isinstance(regions, str) else regions,
            "block_size": 16,
            "style": PIXELATE,
        },
    )
    assert preview.status_code == 400
    assert message.decode() in " ".join(preview.json()["errors"])


@pytest.mark.parametrize(
    "field", [{"block_size": "x"}, {"block_size": 1}, {"style": "swirl"}]
)
def test_bad_choices_change_nothing(amina, portrait, editor, client, field):
    response = apply(client, portrait, **field)
    assert response.status_code == 400
    assert DefenderPage.objects.filter(portrait=portrait).count() == 3


def test_preview_and_picture_store_nothing(amina, portrait, editor, client):
    images_before = Image_.objects.count()
    preview = client.post(
        url("wagtail_defenders_faceless_preview", portrait),
        {"regions": json.dumps(FACE), "block_size": 16, "style": BLUR},
    )
    picture = client.get(url("wagtail_defenders_faceless_picture", portrait))
    for response in (preview, picture):
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert "no-store" in response["Cache-Control"]
        assert_only_pixels(response.content)
    assert Image_.objects.count() == images_before
    assert not Rendition.objects.filter(image=portrait).exists()
    assert (
        client.get(url("wagtail_defenders_faceless_preview", portrait)).status_code
        == 405
    )


def user_in(group_name: str):
    user = get_user_model().objects.create_user(
        group_name.lower(), f"{group_name}@example.org", "pw"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    "name", ["wagtail_defenders_faceless", "wagtail_defenders_faceless_picture"]
)
def test_who_may_use_the_tool(client, amina, portrait, name):
    target = url(name, portrait)
    assert reverse("wagtailadmin_login") in client.get(target).url
    # Editors may edit the profiles but not publish them: the change would
    # reach the live pages at once. The admin answers a refusal with its home
    # page and a message.
    client.force_login(user_in("Editors"))
    assert refused(client.get(target))
    client.force_login(
        get_user_model().objects.create_user("nobody", "n@example.org", "pw")
    )
    assert client.get(target).status_code == 302
    client.force_login(user_in("Moderators"))
    assert client.get(target).status_code == 200


def refused(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_editors_are_refused_on_apply(client, amina, portrait):
    client.force_login(user_in("Editors"))
    assert refused(apply(client, portrait))
    assert DefenderPage.objects.filter(portrait=portrait).count() == 3


def test_a_post_without_the_csrf_token_is_refused(amina, portrait, editor):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert apply(strict, portrait).status_code == 403
    assert DefenderPage.objects.filter(portrait=portrait).count() == 3


def test_the_tool_is_reachable_from_the_profile_and_the_image(
    amina, portrait, editor, client
):
    profile = amina["profile"]
    target = url("wagtail_defenders_faceless", portrait) + f"?profile={profile.pk}"
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk]))
    assert target.encode() in edit.content.replace(b"&amp;", b"&")
    image_edit = client.get(reverse("wagtailimages:edit", args=[portrait.pk]))
    assert url("wagtail_defenders_faceless", portrait).encode() in image_edit.content


def test_after_applying_the_editor_returns_to_the_profile(
    amina, portrait, editor, client
):
    profile = amina["profile"]
    target = url("wagtail_defenders_faceless", portrait) + f"?profile={profile.pk}"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            target,
            {
                "regions": json.dumps(FACE),
                "block_size": 16,
                "style": PIXELATE,
                "delete_original": "on",
            },
        )
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[profile.pk])
