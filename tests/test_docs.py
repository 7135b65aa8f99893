"""The reference documentation names everything a site developer can configure or
override: every setting, template, body block, page field and management command.

A new setting or template without its line in ``docs/reference/`` fails here, so the
reference cannot fall behind the code. The pages are read as text; building them is
``nox -s docs`` (``mkdocs build --strict``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import get_commands

import wagtail_defenders
from wagtail_defenders.blocks import DefenderBodyBlock, SectionKind
from wagtail_defenders.conf import DEFAULTS
from wagtail_defenders.models import (
    City,
    Country,
    DefenderIndexPage,
    DefenderPage,
    Status,
    Theme,
)

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"
PACKAGE = Path(wagtail_defenders.__file__).resolve().parent

pytestmark = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason="docs/ is not part of this checkout"
)


def reference(page: str) -> str:
    return (REFERENCE / page).read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_default():
    settings_page = reference("settings.md")
    for key, default in DEFAULTS.items():
        assert f"## `{key}`" in settings_page, key
        assert f"`{default!r}`".replace("'", '"') in settings_page.replace("'", '"'), (
            f"{key}: default {default!r} not documented"
        )


def test_every_template_is_documented():
    templates_page = reference("templates.md")
    templates = PACKAGE / "templates" / "wagtail_defenders"
    for template in templates.rglob("*.html"):
        name = template.relative_to(templates).as_posix()
        assert f"wagtail_defenders/{name}" in templates_page or (
            name in ("base.html", "defender_index_page.html", "defender_page.html")
            and f"`{name}`" in templates_page
        ), name


def test_every_template_block_is_documented():
    templates_page = reference("templates.md")
    templates = PACKAGE / "templates" / "wagtail_defenders"
    for template in templates.rglob("*.html"):
        for line in template.read_text().split("{% block ")[1:]:
            block = line.split()[0]
            if block in ("content", "extra_css", "extra_js", "titletag", "results"):
                continue  # blocks of the site's or Wagtail's base templates
            if block == "no_results_message":
                continue
            assert f"`{block}`" in templates_page, f"{template.name}: {block}"


def test_every_body_block_and_section_kind_is_documented():
    templates_page = reference("templates.md")
    for name in DefenderBodyBlock.base_blocks:
        assert f"| `{name}` |" in templates_page, name
    for kind, _label in SectionKind.CHOICES:
        assert f"| `{kind}` |" in templates_page, kind


def test_every_field_is_documented():
    models_page = reference("models.md")
    for model in (DefenderIndexPage, DefenderPage):
        own_fields = [
            field.name
            for field in model._meta.get_fields(include_parents=False)
            if field.concrete and not field.name.endswith("_ptr")
        ]
        for name in own_fields:
            assert f"`{name}`" in models_page, f"{model.__name__}.{name}"
    for model in (Theme, Country, City, Status):
        for field in model._meta.get_fields():
            if field.concrete and field.name != "id":
                assert f"`{field.name}`" in models_page, (
                    f"{model.__name__}.{field.name}"
                )


def test_every_management_command_is_documented():
    commands_page = reference("commands.md")
    for name, app in get_commands().items():
        if app == "wagtail_defenders":
            assert f"## `{name}`" in commands_page, name


def test_every_docs_picture_is_a_browser_test_screenshot():
    """``python3 dev.py screenshots`` retakes each picture in docs/images/: the
    copying script names it, and a browser test takes its screenshot."""
    root = REFERENCE.parent.parent
    script = (root / "scripts" / "update_doc_screenshots.py").read_text()
    browser_tests = "".join(
        path.read_text() for path in (root / "tests" / "browser").glob("test_*.py")
    )
    for picture in (root / "docs" / "images").glob("*.png"):
        source = re.search(rf'"([\w-]+)\.png": "{picture.name}"', script)
        assert source, f"scripts/update_doc_screenshots.py does not name {picture.name}"
        assert f'"{source.group(1)}"' in browser_tests, source.group(1)
