"""API v2, the defenders endpoint: what a listed and a whole profile carry."""

from __future__ import annotations

import json

import pytest
from wagtail.models import Page

from tests.api_v2_support import DEFENDERS, get, titles
from tests.api_world import SECRET
from wagtail_defenders.api.timestamps import format_timestamp

pytestmark = pytest.mark.django_db


# Shapes


def test_listing_items_carry_every_card_field(client, world):
    data = get(client, DEFENDERS)
    assert data["meta"] == {"total_count": 3, "locale": "nl"}
    assert titles(data) == ["Alassane", "Maria", "Gepubliceerd"]  # latest stay first
    alassane = data["items"][0]
    assert alassane["id"] == world.alassane.pk
    published = Page.objects.get(pk=world.alassane.pk).first_published_at
    assert alassane["meta"] == {
        "type": "wagtail_defenders.DefenderPage",
        "detail_url": f"http://localhost/api/v2/defenders/{world.alassane.pk}/",
        "slug": "alassane",
        "locale": "nl",
        "html_url": "http://localhost/defenders/alassane/",
        "first_published_at": format_timestamp(published),
    }
    assert alassane["meta"]["first_published_at"].endswith("Z")
    assert alassane["introduction"].startswith("Alassane verdedigt")
    assert alassane["country"] == {
        "id": world.nl["mali"].pk,
        "name": "Mali",
        "slug": "mali",
        "translation_key": str(world.nl["mali"].translation_key),
        "code": "ML",
    }
    assert alassane["city"]["slug"] == "den-haag"
    assert alassane["city"]["translation_key"] == str(
        world.nl["den-haag"].translation_key
    )
    assert [theme["slug"] for theme in alassane["themes"]] == ["lhbti", "persvrijheid"]
    assert alassane["themes"][0]["name"] == "LHBTI"
    assert alassane["stay"] == {"year": 2024, "start_date": None, "end_date": None}
    for name in ("body", "related_news", "translations"):
        assert name not in alassane


def test_portrait_is_renditions_with_alt_text_never_the_original(client, world):
    data = get(client, DEFENDERS)
    portrait = data["items"][0]["portrait"]
    assert portrait["alt"] == "Alassane bij een bijeenkomst"
    assert set(portrait["renditions"]) == {"card", "profile"}
    card = portrait["renditions"]["card"]
    assert ".fill-400x400" in card["url"] and card["width"] == card["height"] == 40
    detail = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    original = world.alassane.portrait.file.name
    body_original = world.alassane.body[3].value["image"].file.name
    for payload in (data, detail):
        text = json.dumps(payload)
        assert "original_images" not in text
        assert original not in text and body_original not in text
    assert data["items"][1]["portrait"] is None


def test_withheld_portrait_is_never_served(client, world):
    world.alassane.withhold_portrait = True
    world.alassane.save_revision().publish()
    listing = get(client, DEFENDERS)
    detail = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    assert listing["items"][0]["portrait"] is None and detail["portrait"] is None
    # The file's stem may equal the slug ("alassane"), so look for it as a
    # file: the original or any rendition of it ("images/alassane.fill-...").
    name = world.alassane.portrait.file.name.rsplit("/", 1)[-1].split(".")[0]
    text = json.dumps(listing) + json.dumps(detail)
    assert f"images/{name}." not in text and f"images/{name}_" not in text


def test_portrait_sizes_follow_the_setting(client, world, settings):
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "PORTRAIT_RENDITIONS": {
            "card": "fill-20x20",
            "profile": "fill-30x30",
            "hero": "fill-50x20",
        },
    }
    renditions = get(client, DEFENDERS)["items"][0]["portrait"]["renditions"]
    assert list(renditions) == ["card", "profile", "hero"]
    assert (renditions["card"]["width"], renditions["card"]["height"]) == (20, 20)
    assert (renditions["hero"]["width"], renditions["hero"]["height"]) == (50, 20)


def test_detail_carries_body_related_news_and_translations(client, world):
    data = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    assert data["title"] == "Alassane" and data["meta"]["locale"] == "nl"
    assert [block["type"] for block in data["body"]] == [
        "section",
        "section",
        "quote",
        "image",
        "embed",
    ]
    about = data["body"][0]["value"]
    assert about["kind"] == "about" and about["heading"] == "Over Alassane"
    assert f'<a href="{world.news.url}">het nieuws</a>' in about["text"]
    assert "linktype" not in about["text"]
    assert data["body"][1]["value"]["kind"] == "threats"
    assert data["body"][2]["value"] == {
        "quote": "We gaan door.",
        "attribution": "Alassane",
    }
    image = data["body"][3]["value"]
    assert image["alt"] == "Een vergadering" and image["caption"] == "Bamako"
    assert ".width-1000" in image["renditions"]["body"]["url"]
    assert data["body"][4]["value"] == {"url": "https://www.youtube.com/watch?v=abc123"}
    # The draft and the private news item are dropped.
    assert data["related_news"] == [
        {
            "id": world.news.pk,
            "title": "Alassane spreekt in Den Haag",
            "html_url": world.news.get_full_url(),
            "date": "2024-05-01",
        }
    ]
    assert data["translations"] == [
        {
            "id": world.alassane_en.pk,
            "locale": "en",
            "html_url": world.alassane_en.get_full_url(),
        }
    ]
    assert SECRET not in json.dumps(data)


def test_english_profile_links_and_news_are_english(client, world):
    data = get(client, f"{DEFENDERS}{world.alassane_en.pk}/")
    assert data["meta"]["locale"] == "en"
    assert data["meta"]["html_url"].endswith("/en/defenders/alassane/")
    assert [theme["name"] for theme in data["themes"]] == ["LGBTI", "Press freedom"]
    assert data["city"]["name"] == "The Hague"
    assert data["city"]["translation_key"] == str(world.nl["den-haag"].translation_key)
    assert data["body"][0]["value"]["kind_label"] == "About the defender"
    assert f'href="{world.news_en.url}"' in data["body"][0]["value"]["text"]
    assert [news["title"] for news in data["related_news"]] == [
        "Alassane speaks in The Hague"
    ]
    assert data["translations"][0]["locale"] == "nl"


def test_fields_parameter_follows_wagtail_syntax(client, world):
    item = get(client, DEFENDERS, fields="_,title")["items"][0]
    assert set(item) == {"id", "meta", "title"}
    item = get(client, DEFENDERS, fields="-portrait,-introduction")["items"][0]
    assert "portrait" not in item and "introduction" not in item and "themes" in item
    detail = get(client, f"{DEFENDERS}{world.alassane.pk}/", fields="_,body")
    assert set(detail) == {"id", "meta", "body"}
