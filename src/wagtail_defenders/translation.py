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
    "PublicTextField",
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


class PublicTextField(TranslatableField):
    """A text field translated only while its object is public (issue 13).

    For the words of an editor's note (a :class:`~wagtail_defenders.models.DefenderUpdate`
    whose ``is_public`` is false): while the object is not public the field is
    no segment, so its words never reach the translation editor, a PO file, the
    translation memory or a machine translator, and it is not overridable
    either (an overridable segment would show it in the editor). Once the object
    is public it is translated like any :class:`TranslatableField`.

    What a write does with a note's words in a translation is
    ``wagtail_defenders.translation_sync``'s rule: a note the translation has
    already keeps its own words (:meth:`keeps_target_value`); a new note is
    copied with the source's words, as wagtail-localize copies every inline.
    """

    def __init__(self, field_name: str, public_flag: str = "is_public") -> None:
        super().__init__(field_name)
        self.public_flag = public_flag

    def is_public(self, obj: models.Model) -> bool:
        return bool(getattr(obj, self.public_flag))

    def is_translated(self, obj: models.Model) -> bool:
        return self.is_public(obj)

    def is_synchronized(self, obj: models.Model) -> bool:
        # A note is copied with its inline (wagtail-localize copies child
        # relations whole); a public text follows TranslatableField's rules.
        return not self.is_public(obj) or super().is_synchronized(obj)

    def is_overridable(self, obj: models.Model) -> bool:
        return False

    def keeps_target_value(self, obj: models.Model) -> bool:
        """Whether an existing translation of ``obj`` keeps its own value."""
        return not self.is_public(obj)

    def __repr__(self) -> str:
        return f"<PublicTextField {self.field_name}>"
