"""The profile's edit form: Wagtail's, with a slug error that says where the slug
is in use, and the host city and stay optional where the site says so
(``REQUIRE_HOST_CITY``).

Wagtail 8 autosaves an add form as a draft page as soon as the editor types, so
an abandoned add form leaves a draft profile behind, holding its slug. The next
add form for the same defender then failed with Wagtail's "The slug 'alassane'
is already in use within the parent page", which does not say that a draft
holds it, nor where. :class:`DefenderPageForm` names the page that holds the
slug, says whether it is a draft, and links to it (Wagtail 7 has no autosave,
but a draft saved and forgotten holds a slug the same way).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from .conf import defenders_settings

#: What a profile needs only where ``REQUIRE_HOST_CITY`` is on: the host city
#: and the year of the stay (Shelter City's shape, not every organisation's).
HOST_CITY_FIELDS = ("city", "year")


class DefenderPageForm(WagtailAdminPageForm):
    """A profile's add and edit form.

    The host city and the year of the stay are required unless the site turns
    ``REQUIRE_HOST_CITY`` off (``DefenderPage.full_clean`` agrees).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not defenders_settings.REQUIRE_HOST_CITY:
            for name in HOST_CITY_FIELDS:
                if name in self.fields:
                    self.fields[name].required = False

    def clean(self):
        cleaned_data = super().clean()
        slug = self.data.get(self.add_prefix("slug"), "") if self.data else ""
        if "slug" in self.errors and slug and self.parent_page is not None:
            holder = (
                Page.objects.child_of(self.parent_page)
                .filter(slug=slug)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if holder is not None:
                self.errors["slug"] = self.error_class([slug_holder_message(holder)])
        return cleaned_data


def slug_holder_message(holder: Page) -> str:
    """Which page holds a slug, whether it is a draft, and a link to edit it."""
    url = reverse("wagtailadmin_pages:edit", args=[holder.pk])
    title = holder.get_admin_display_title()
    if holder.live:
        return format_html(
            _(
                "The slug '{slug}' is used by the published page “{title}”. "
                '<a href="{url}">Open it</a>, or choose another slug.'
            ),
            slug=holder.slug,
            title=title,
            url=url,
        )
    saved = holder.latest_revision_created_at
    return format_html(
        _(
            "The slug '{slug}' is held by the draft “{title}”, saved on {saved}. "
            '<a href="{url}">Open the draft</a> to carry on with it or delete it, '
            "or choose another slug."
        ),
        slug=holder.slug,
        title=title,
        saved=date_format(localtime(saved), "DATETIME_FORMAT") if saved else "—",
        url=url,
    )
