"""What the admin's profile add form posts: its address and a complete form, for
tests that submit it (``wagtail.test.utils.form_data`` builds the nested parts)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def add_profile_url(index) -> str:
    """The admin's add form for a profile below ``index``."""
    return reverse(
        "wagtailadmin_pages:add", args=["wagtail_defenders", "defenderpage", index.pk]
    )


def profile_form_data(terms, **overrides: Any) -> dict:
    """A valid add form for Alassane (Mali, Den Haag, LHBTI, an empty body, no
    inlines), with ``overrides`` (field name to the value the form sends; a
    ``body`` as :func:`~wagtail.test.utils.form_data.streamfield` makes it)."""
    data = {
        "title": "Alassane",
        "slug": "alassane",
        "introduction": "Een mensenrechtenverdediger uit Mali.",
        "portrait": "",
        "portrait_alt_text": "",
        "country": str(terms["mali"].pk),
        "city": str(terms["den-haag"].pk),
        "year": "2019",
        "naming": "first_name",
        "stay_start_date": "",
        "stay_end_date": "",
        "body": streamfield([]),
        "defender_themes": inline_formset([{"theme": str(terms["lhbti"].pk)}]),
        "related_news": inline_formset([]),
        "consent_records": inline_formset([]),
        "updates": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
