"""The profile's editor: its panels and its tabs (``DefenderPage.edit_handler``).

Kept apart from the model so the fields and the editor's layout read on their
own. The lists stay class attributes of ``DefenderPage`` (``content_panels``,
``taxonomy_panels``, ``case_panels``, ``safety_panels``, ``related_news_panels``)
for subclasses to extend (docs/how-to/extend-models.md).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page

from ...panels import NamedTab

#: The identifier of a profile's Safety tab: ``<edit URL>#tab-safety`` opens it.
SAFETY_TAB = "safety"

content_panels = Page.content_panels + [
    FieldPanel("introduction"),
    MultiFieldPanel(
        [FieldPanel("portrait"), FieldPanel("portrait_alt_text")],
        heading=_("Portrait"),
    ),
    FieldPanel("body"),
]
taxonomy_panels = [
    FieldPanel("country"),
    FieldPanel("city"),
    MultipleChooserPanel(
        "defender_themes",
        chooser_field_name="theme",
        heading=_("Themes"),
        label=_("Theme"),
        min_num=1,
    ),
    MultiFieldPanel(
        [
            FieldPanel("year"),
            FieldRowPanel([FieldPanel("stay_start_date"), FieldPanel("stay_end_date")]),
        ],
        heading=_("Stay"),
    ),
]
case_panels = [
    FieldPanel("status"),
    InlinePanel(
        "updates",
        heading=pgettext_lazy("defender update", "Updates"),
        label=pgettext_lazy("defender update", "Update"),
        help_text=_(
            "What happened, day by day: an arrest, a hearing, a release. Public "
            "updates show on the profile, newest first; the others are notes "
            "for editors only."
        ),
    ),
]
safety_panels = [
    MultiFieldPanel(
        [FieldPanel("naming"), FieldPanel("show_pseudonym_notice")],
        heading=pgettext_lazy("safety settings", "Name"),
    ),
    # In a group of its own: a lone boolean FieldPanel heads its section with
    # Wagtail's "ticked" icon, which reads as "on" beside an unticked box.
    MultiFieldPanel(
        [
            FieldPanel("withhold_portrait"),
            HelpPanel(template="wagtail_defenders/admin/faceless_panel.html"),
        ],
        heading=_("Portrait"),
    ),
    MultiFieldPanel(
        [FieldPanel("hide_from_search_engines"), FieldPanel("hide_from_api")],
        heading=pgettext_lazy("safety settings", "Visibility"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("consent_given_on"),
            FieldPanel("consent_scope"),
            FieldPanel("consent_review_by"),
        ],
        heading=_("Consent (editors only)"),
    ),
    InlinePanel(
        "consent_records",
        heading=_("Consent per use (editors only)"),
        label=pgettext_lazy("consent record", "Consent"),
        help_text=_(
            "One line per use the defender agreed to: the story and name, the "
            "portrait, partner sites and apps, search engines, each language. "
            "Once there is a line, a use without consent in force keeps the "
            "portrait withheld, or the profile out of the API or search engines."
        ),
    ),
]
related_news_panels = [
    MultipleChooserPanel(
        "related_news",
        chooser_field_name="news_page",
        heading=_("Related news"),
        label=_("News page"),
        help_text=_(
            "News about this defender. Only published pages that everyone may "
            "see are shown to visitors."
        ),
    ),
]

edit_handler = TabbedInterface(
    [
        ObjectList(
            content_panels,
            heading=pgettext_lazy("defender page editor tab", "Content"),
        ),
        ObjectList(taxonomy_panels, heading=_("Taxonomy")),
        ObjectList(
            case_panels, heading=pgettext_lazy("defender page editor tab", "Case")
        ),
        ObjectList(related_news_panels, heading=_("Related news")),
        # Named "safety" in every admin language: the consent report links
        # to it (SAFETY_TAB).
        NamedTab(safety_panels, heading=_("Safety"), tab_name=SAFETY_TAB),
        ObjectList(
            Page.promote_panels,
            heading=pgettext_lazy("defender page editor tab", "Promote"),
        ),
        ObjectList(
            Page.settings_panels,
            heading=pgettext_lazy("defender page editor tab", "Settings"),
        ),
    ]
)
