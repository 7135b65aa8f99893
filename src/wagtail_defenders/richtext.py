"""Clean rich text that code writes, as the Wagtail editor cleans what editors write.

Wagtail trusts rich text when it renders it: cleaning happens only on the way in, in
the editor's converters (and the v3 API's). HTML that an import or the demo loader
writes straight into a ``RichTextField`` or ``RichTextBlock`` skips that step, so a
``<script>`` or an ``onclick`` in the source would reach the public page. Pass such
HTML through :func:`clean_rich_text` first.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from wagtail.admin.rich_text.converters.editor_html import (
    DbWhitelister,
    EditorHTMLConverter,
)
from wagtail.rich_text import features as feature_registry

try:  # Wagtail 8: the v3 API's cleaner for database-format input.
    from wagtail.admin.rich_text.converters.db_html import (
        DbHtmlInputWhitelister as _WagtailInputWhitelister,
    )
except ImportError:  # Wagtail 7
    _WagtailInputWhitelister = None

# Elements whose content is code or widgets, never text a reader should see: they are
# removed whole. Wagtail's whitelister would drop the tag but keep what is inside, so
# a script's source would show up on the page as text.
REMOVED_WITH_CONTENT = (
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "applet",
    "svg",
    "math",
    "canvas",
    "audio",
    "video",
    "head",
    "title",
    "textarea",
    "select",
    "button",
)


def clean_rich_text(html: str, features: list[str] | None = None) -> str:
    """Return ``html`` cleaned for a rich text field with these ``features``.

    ``features`` are Wagtail rich text feature names (``["bold", "italic", "link"]``);
    ``None`` means Wagtail's default features, as for a field declared without them.
    The rules are the editor's own, from Wagtail's feature registry: elements outside
    the features are unwrapped (their text stays), attributes outside them are dropped
    (``onclick``, ``style``, ``class``), ``javascript:`` and other unsafe link targets
    are removed, and comments go. Scripts, styles, frames and other elements in
    :data:`REMOVED_WITH_CONTENT` go with their content.

    The input may use the database format (``<a linktype="page" id="3">``,
    ``<embed embedtype="image" ...>``) or the editor's (``data-linktype``); the output
    is the database format Wagtail stores. Cleaning clean HTML changes nothing.
    """
    if features is None:
        features = feature_registry.get_default_features()
    document = BeautifulSoup(html or "", "html.parser")
    for element in document.find_all(REMOVED_WITH_CONTENT):
        element.decompose()
    for embed in document.find_all("embed"):
        if "embedtype" not in embed.attrs and "data-embedtype" not in embed.attrs:
            embed.decompose()  # a plugin, not one of Wagtail's embeds
    rules = EditorHTMLConverter(features).converter_rules
    if _WagtailInputWhitelister is not None:
        return _WagtailInputWhitelister(rules).clean(str(document))
    return _DatabaseHtmlWhitelister(rules).clean(str(document))


class _DatabaseHtmlWhitelister(DbWhitelister):
    """Wagtail 7: the editor's whitelister, reading database-format links and embeds.

    Wagtail's ``DbWhitelister`` knows links and embeds by their editor attributes
    (``data-linktype``, ``data-id``); database HTML names them without ``data-``.
    """

    def clean_tag_node(self, doc, tag):
        marker = "linktype" if tag.name == "a" else "embedtype"
        if tag.name in ("a", "embed") and marker in tag.attrs:
            tag.attrs = {f"data-{name}": value for name, value in tag.attrs.items()}
        super().clean_tag_node(doc, tag)
