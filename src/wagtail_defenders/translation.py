"""How wagtail-localize translates the package's models (DESIGN.md, decisions 1 and 2).

wagtail-localize derives what to translate from each model's fields. Two of its
defaults do not fit a profile or a city, so the models declare
``override_translatable_fields`` with the field types of this module.

A foreign key to a translatable snippet (a profile's ``country`` and ``city``, a
city's ``country``) is by default a ``TranslatableField``: on each sync the
translation points at the target locale's version of the term. When that version
does not exist yet, wagtail-localize (``fallback=True``, which the admin's
"translate" and "sync translated pages" actions use) skips the field and keeps
whatever the translation already had. On the first sync that is the source's term,
as wanted; on a later sync after the source changed its country to one that is not
translated yet, it is the *old* country: a stale term that no longer matches the
source. :class:`LocalizedRelationField` closes that gap by copying the source's
choice first and then mapping it to the target locale when it can, the way
wagtail-localize already treats child relations such as the themes inline.

The module imports only ``wagtail_localize.fields``, which needs no installed app,
so a single-language site without wagtail-localize in ``INSTALLED_APPS`` can still
import the models.
"""

from __future__ import annotations

from django.db import models
from wagtail_localize.fields import (
    BaseTranslatableField,
    SynchronizedField,
    TranslatableField,
)

__all__ = [
    "LocalizedRelationField",
    "NotTranslatedField",
    "SynchronizedField",
    "TranslatableField",
]


class LocalizedRelationField(TranslatableField):
    """A foreign key to a translatable model that follows the source's choice.

    On every sync the translation gets the target locale's version of the related
    object the source points at, or, while that version does not exist, the
    source's own object. It is never left pointing at an object the source no
    longer uses. A translator has nothing to translate here: the segment only
    tells wagtail-localize which object to look up in the target locale.
    """

    def is_synchronized(self, obj: models.Model) -> bool:
        # Copying the source's value before the segments are ingested gives the
        # fallback; ingesting the related-object segment then replaces it with
        # the target locale's object when one exists.
        return True

    def is_overridable(self, obj: models.Model) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<LocalizedRelationField {self.field_name}>"


class NotTranslatedField(BaseTranslatableField):
    """A field or inline wagtail-localize leaves alone: neither translated nor
    copied on a sync. For what belongs to the source page only (the consent
    records: a translation follows the switches they set, not the records)."""

    def is_translated(self, obj: models.Model) -> bool:
        return False

    def is_synchronized(self, obj: models.Model) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<NotTranslatedField {self.field_name}>"
