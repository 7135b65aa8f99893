"""StreamField blocks for the body of a defender profile.

The body is a sequence of sections. A section's ``kind`` tells templates and API
consumers which part of the story it is (about the defender, the human rights
situation in the country, the threats they face, or something else), so a front
end can lay them out or link to them without guessing from headings that change
with every language and editor.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class SectionKind:
    """The kinds of section, as stored in the ``kind`` value of a section block."""

    ABOUT = "about"
    SITUATION = "situation"
    THREATS = "threats"
    OTHER = "other"

    #: The sections of most profiles, in their usual order: a new profile starts
    #: with one of each (:func:`usual_sections`).
    USUAL = (ABOUT, SITUATION, THREATS)

    CHOICES = [
        (ABOUT, _("About the defender")),
        (SITUATION, _("Human rights situation in the country")),
        (THREATS, _("Threats")),
        (OTHER, pgettext_lazy("section kind", "Other")),
    ]


class SectionBlock(blocks.StructBlock):
    """A titled part of the profile: a heading, rich text and the section's kind."""

    kind = blocks.ChoiceBlock(
        choices=SectionKind.CHOICES,
        default=SectionKind.OTHER,
        label=_("Kind of section"),
        help_text=_(
            "What this section is about. Visitors do not see this; it lets the site "
            "and apps place the section."
        ),
    )
    heading = blocks.CharBlock(max_length=255, label=_("Heading"))
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
        label=pgettext_lazy("profile body block", "Text"),
    )

    class Meta:
        icon = "doc-full"
        label = pgettext_lazy("profile body block", "Section")
        template = "wagtail_defenders/blocks/section.html"
        description = _("A heading with text, such as 'Threats'.")
        preview_value = {
            "kind": SectionKind.ABOUT,
            "heading": "About Alassane",
            "text": "<p>Alassane coordinates an LGBTI rights organisation.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation, optionally with who said it."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Attribution"),
        help_text=_("Optional. Who said it."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_defenders/blocks/quote.html"
        description = _("A quotation, set apart from the text.")
        preview_value = {
            "quote": "We keep working, because someone has to.",
            "attribution": "Alassane",
        }


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alternative text and an optional caption."""

    image = ImageChooserBlock(label=pgettext_lazy("profile body block", "Image"))
    alt_text = blocks.CharBlock(
        max_length=255,
        label=_("Alternative text"),
        help_text=_(
            "Describe the image for people who cannot see it. Do not name people "
            "who are not already named on the page."
        ),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=255,
        label=pgettext_lazy("profile body block", "Caption"),
    )

    class Meta:
        icon = "image"
        label = pgettext_lazy("profile body block", "Image")
        template = "wagtail_defenders/blocks/image.html"
        description = _("A picture with a caption.")


class DefenderBodyBlock(blocks.StreamBlock):
    """The blocks a profile's body may hold."""

    section = SectionBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        help_text=_("A link to a video or audio page, such as a YouTube address."),
        icon="media",
        template="wagtail_defenders/blocks/embed.html",
    )


def usual_sections() -> list[dict]:
    """The body a new profile starts with, as raw StreamField data: one section of
    each :attr:`SectionKind.USUAL` kind, in order, with its kind set and an empty
    heading and text for the editor to fill in (or delete)."""
    return [
        {"type": "section", "value": {"kind": kind, "heading": "", "text": ""}}
        for kind in SectionKind.USUAL
    ]
