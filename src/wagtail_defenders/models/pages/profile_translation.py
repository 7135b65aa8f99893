"""How a profile translates (wagtail-localize): ``DefenderPage``'s
``override_translatable_fields`` and ``exclude_fields_in_copy``."""

from __future__ import annotations

from ...translation import (
    LocalizedRelationField,
    NotTranslatedField,
    SynchronizedField,
)

# A translation follows the source's country and city on every sync, mapped to
# the target locale's terms (wagtail_defenders.translation). The themes inline
# and the body are handled by wagtail-localize's defaults: the inline is copied
# and each theme mapped, the body's texts become segments.
override_translatable_fields = [
    LocalizedRelationField("country"),
    LocalizedRelationField("city"),
    LocalizedRelationField("status"),
    # The safety choices and the consent record belong to the person, not to
    # a language: every translation follows the source, and translators never
    # see the consent record as text to translate.
    SynchronizedField("naming", overridable=False),
    SynchronizedField("show_pseudonym_notice", overridable=False),
    SynchronizedField("withhold_portrait", overridable=False),
    SynchronizedField("hide_from_search_engines", overridable=False),
    SynchronizedField("hide_from_api", overridable=False),
    SynchronizedField("consent_given_on", overridable=False),
    SynchronizedField("consent_scope", overridable=False),
    SynchronizedField("consent_review_by", overridable=False),
    # The records stay on the source: never segments, never copied.
    NotTranslatedField("consent_records"),
]
# Nor copied by Wagtail's copy_for_translation (wagtail-localize's first step)
# or a plain copy, which is another profile.
exclude_fields_in_copy = ["consent_records"]
