"""A profile's body from what an import reads: HTML (a CSV cell, a WordPress post)
or the API's blocks (a JSON export).

HTML is split into sections at each ``<h2>``: the heading becomes the section's
heading, what follows up to the next ``<h2>`` its text, and the section's kind is
guessed from the heading's words (:func:`guess_kind`; editors can change it). A
``<blockquote>`` between sections becomes a quote block. Every text goes through
:func:`wagtail_defenders.richtext.clean_rich_text` with the section's features:
rich text written through the ORM is never cleaned by Wagtail (DESIGN.md).
WordPress shortcodes (``[caption ...]``, ``[gallery]``) are dropped, their names
reported; text between an opening and a closing shortcode stays.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from ..blocks import SectionBlock, SectionKind
from ..richtext import clean_rich_text

#: The rich text features of a section's text.
SECTION_FEATURES: list[str] = list(SectionBlock.base_blocks["text"].features)

SHORTCODE_RE = re.compile(r"\[(/?)([A-Za-z_][\w-]*)(?:\s[^\[\]]*)?/?\]")
BLOCK_TAG_RE = re.compile(r"<(p|div|ul|ol|h[1-6]|blockquote|table)\b", re.I)

#: Words of a heading that tell a section's kind, in the package's languages.
KIND_WORDS = {
    SectionKind.THREATS: (
        "threat",
        "harass",
        "risk",
        "danger",
        "bedreig",
        "intimidatie",
        "risico",
        "gevaar",
        "menace",
        "amenaza",
    ),
    SectionKind.SITUATION: (
        "situation",
        "human rights",
        "context",
        "situatie",
        "mensenrechten",
        "droits",
        "derechos",
    ),
    SectionKind.ABOUT: ("about", "over ", "who is", "wie is", "à propos", "sobre"),
}


@dataclass
class Body:
    """A body as StreamField raw data, and what was dropped on the way."""

    blocks: list[dict[str, Any]] = field(default_factory=list)
    dropped_shortcodes: list[str] = field(default_factory=list)


def guess_kind(heading: str) -> str:
    """The section kind a heading's words suggest, else ``other``."""
    words = f" {heading.lower()} "
    for kind, hints in KIND_WORDS.items():
        if any(hint in words for hint in hints):
            return kind
    return SectionKind.OTHER


def drop_shortcodes(html: str) -> tuple[str, list[str]]:
    """``html`` without WordPress shortcodes, and the names of those dropped."""
    names: list[str] = []

    def drop(match: re.Match) -> str:
        if match.group(2) not in names:
            names.append(match.group(2))
        return ""

    return SHORTCODE_RE.sub(drop, html), names


def paragraphs(html: str) -> str:
    """WordPress stores paragraphs as blank lines (its ``wpautop``): make them ``<p>``."""
    if BLOCK_TAG_RE.search(html):
        return html
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", html) if chunk.strip()]
    return "".join(f"<p>{chunk}</p>" for chunk in chunks)


def _block(block_type: str, value: Any) -> dict[str, Any]:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _section(heading: str, html: str) -> dict[str, Any]:
    return _block(
        "section",
        {
            "kind": guess_kind(heading),
            "heading": heading[:255],
            "text": clean_rich_text(html, SECTION_FEATURES),
        },
    )


def body_from_html(html: str, first_heading: str = "") -> Body:
    """The body of ``html``: a section per ``<h2>``. Text before the first ``<h2>``
    is a section headed ``first_heading`` (editors rename it). A quote inside a
    section follows that section's text (rich text cannot hold a quote)."""
    text, dropped = drop_shortcodes(html or "")
    document = BeautifulSoup(text, "html.parser")
    body = Body(dropped_shortcodes=dropped)
    heading: str | None = None
    pending: list[str] = []
    quotes: list[dict[str, Any]] = []

    def flush() -> None:
        content = paragraphs("".join(pending).strip())
        pending.clear()
        has_text = BeautifulSoup(content, "html.parser").get_text(strip=True)
        if heading is not None or has_text:
            body.blocks.append(
                _section(first_heading if heading is None else heading, content)
            )
        body.blocks.extend(quotes)
        quotes.clear()

    for node in list(document.children):
        if isinstance(node, Tag) and node.name == "h2":
            flush()
            heading = node.get_text(" ", strip=True)
        elif isinstance(node, Tag) and node.name == "blockquote":
            footer = node.find(["footer", "cite"])
            attribution = footer.get_text(" ", strip=True) if footer else ""
            if footer:
                footer.extract()
            quote = node.get_text(" ", strip=True)
            if quote:
                quotes.append(
                    _block("quote", {"quote": quote, "attribution": attribution[:255]})
                )
        elif isinstance(node, NavigableString | Tag):
            pending.append(str(node))
    flush()
    return body


def body_from_api(blocks: list[dict[str, Any]]) -> Body:
    """The body of an API v2 profile's ``body``: sections, quotes and embeds
    (images are not imported: an export carries renditions, not files)."""
    body = Body()
    for block in blocks or []:
        if not isinstance(block, dict):
            continue
        value = block.get("value")
        if block.get("type") == "section" and isinstance(value, dict):
            kind = value.get("kind")
            if kind not in dict(SectionKind.CHOICES):
                kind = SectionKind.OTHER
            body.blocks.append(
                _block(
                    "section",
                    {
                        "kind": kind,
                        "heading": str(value.get("heading") or "")[:255],
                        "text": clean_rich_text(
                            str(value.get("text") or ""), SECTION_FEATURES
                        ),
                    },
                )
            )
        elif block.get("type") == "quote" and isinstance(value, dict):
            body.blocks.append(
                _block(
                    "quote",
                    {
                        "quote": str(value.get("quote") or ""),
                        "attribution": str(value.get("attribution") or "")[:255],
                    },
                )
            )
        elif block.get("type") == "embed" and isinstance(value, dict):
            url = str(value.get("url") or "")
            if url.startswith(("https://", "http://")):
                body.blocks.append(_block("embed", url))
    return body
