"""StreamField blocks for the body of a defender profile.

The body is a sequence of sections. A section's ``kind`` tells templates and API
consumers which part of the story it is (about the defender, the human rights
situation in the country, the threats they face, or something else), so a front
end can lay them out or link to them without guessing from headings that change
with every language and editor.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
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


def today() -> datetime.date:
    """The site's date today (its time zone): when a call to action closes.
    Everything that decides whether an action is open asks here."""
    return timezone.localdate()


class ActionValue(blocks.StructValue):
    """An action's value, which knows whether the action is still open."""

    @property
    def is_open(self) -> bool:
        """Open until the end of its deadline's day, in the site's time zone."""
        deadline = self.get("deadline")
        if not isinstance(deadline, datetime.date):
            return True
        return today() <= deadline


class ActionBlock(blocks.StructBlock):
    """A call to action: what to do, whom to address, by when, and where.

    After its deadline it shows no more: the page (and every API) says the
    action has closed instead, without the editor having to remember to take it
    down. A link, an e-mail address or both say where to act.
    """

    heading = blocks.CharBlock(
        max_length=255,
        label=pgettext_lazy("call to action", "What to do"),
        help_text=_("Such as 'Write to the Minister of Justice'."),
    )
    text = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "ol", "ul"],
        label=pgettext_lazy("call to action", "How"),
        help_text=_("Optional. What to ask for, and how to act safely."),
    )
    addressee = blocks.CharBlock(
        required=False,
        max_length=255,
        label=pgettext_lazy("call to action", "Whom to address"),
        help_text=_("Optional. Such as 'The Minister of Justice of Mali'."),
    )
    deadline = blocks.DateBlock(
        label=pgettext_lazy("call to action", "Deadline"),
        help_text=_(
            "The last day to act. After it, the page says the action has closed."
        ),
    )
    link = blocks.URLBlock(
        required=False,
        label=pgettext_lazy("call to action", "Link"),
        help_text=_("Where to act, such as a petition."),
    )
    email = blocks.EmailBlock(
        required=False,
        label=pgettext_lazy("call to action", "E-mail address"),
        help_text=_("Where to write to, if not (only) a link."),
    )
    link_text = blocks.CharBlock(
        required=False,
        max_length=100,
        label=pgettext_lazy("call to action", "Button text"),
        help_text=_("Optional. Such as 'Sign the petition'; default: 'Take action'."),
    )

    class Meta:
        icon = "mail"
        label = pgettext_lazy("call to action", "Call to action")
        template = "wagtail_defenders/blocks/action.html"
        description = _("What readers can do for the defender, until a deadline.")
        value_class = ActionValue
        preview_value = {
            "heading": "Write to the Minister of Justice",
            "addressee": "The Minister of Justice",
            "deadline": datetime.date(2099, 12, 31),
            "link": "https://example.org/petition",
            "link_text": "Sign the petition",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("link") and not value.get("email"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "link": ValidationError(
                        _("Give a link, an e-mail address or both.")
                    )
                }
            )
        return value


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
    action = ActionBlock()


def usual_sections() -> list[dict]:
    """The body a new profile starts with, as raw StreamField data: one section of
    each :attr:`SectionKind.USUAL` kind, in order, with its kind set and an empty
    heading and text for the editor to fill in (or delete)."""
    return [
        {"type": "section", "value": {"kind": kind, "heading": "", "text": ""}}
        for kind in SectionKind.USUAL
    ]
