"""Right to left: the templates take ``dir`` from the active language, and the
stylesheets use logical properties only, so Arabic mirrors the layout.

The browser test ``tests/browser/test_rtl.py`` checks the mirrored layout itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from tests import factories

ROOT = Path(__file__).resolve().parent.parent
STYLESHEETS = [
    ROOT / "src/wagtail_defenders/static/wagtail_defenders/css/defenders.css",
    ROOT / "example_project/example_site/static/css/site.css",
]

#: Properties and values that name a physical side, which does not mirror.
PHYSICAL = re.compile(
    r"""(?x)
    \b(?:margin|padding|border|inset)-(?:left|right)\b   # margin-left, border-right-width
    | (?<![-\w])(?:left|right)\s*:                        # left: 0
    | \b(?:float|clear|text-align|justify-self|justify-items)\s*:\s*(?:left|right)\b
    | \bborder-(?:top|bottom)-(?:left|right)-radius\b
    """
)


def physical_declarations(css: str) -> list[str]:
    """The declarations of ``css`` that name left or right (comments ignored)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [match.group(0) for match in PHYSICAL.finditer(css)]


@pytest.mark.parametrize(
    "stylesheet", STYLESHEETS, ids=[path.name for path in STYLESHEETS]
)
def test_stylesheets_use_logical_properties(stylesheet):
    if not stylesheet.exists():
        pytest.skip(f"{stylesheet.name} is not part of this checkout")
    assert physical_declarations(stylesheet.read_text(encoding="utf-8")) == []


def test_the_check_finds_physical_sides():
    css = """
        /* margin-left in a comment is fine */
        .a { margin-left: 1rem; padding-inline-start: 1rem; }
        .b { left: 0; inset-inline-start: 0; text-align: right; text-align: start; }
        .c { border-right: 1px solid; float: left; border-top-left-radius: 2px; }
        .d { grid-template-columns: 1fr 20rem; margin-inline: auto; }
    """
    assert physical_declarations(css) == [
        "margin-left",
        "left:",
        "text-align: right",
        "border-right",
        "float: left",
        "border-top-left-radius",
    ]


ARABIC = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
]


def root_element(response, css_class: str):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(f".{css_class}")


@pytest.mark.django_db
@override_settings(LANGUAGES=ARABIC)
def test_the_package_pages_are_right_to_left_in_arabic(client, index, terms):
    profile = factories.alassane(index, terms)
    # Arabic as the interface language: /ar/ serves the default language's pages.
    arabic_index = root_element(client.get("/ar" + index.url), "defenders-index")
    assert arabic_index["dir"] == "rtl"
    arabic_profile = root_element(client.get("/ar" + profile.url), "defender-profile")
    assert arabic_profile["dir"] == "rtl"
    assert arabic_profile.select_one(".defender-profile__kicker").get_text() == (
        "مدافع(ة) عن حقوق الإنسان"
    )
    assert root_element(client.get(index.url), "defenders-index")["dir"] == "ltr"
    assert root_element(client.get(profile.url), "defender-profile")["dir"] == "ltr"
