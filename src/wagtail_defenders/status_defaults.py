"""The default statuses, and seeding them into a language.

Migration ``0006_defender_status`` seeds the list in every language a site has
when it runs; a language added later gets the list when its ``Locale`` is
created (:func:`wagtail_defenders.signal_handlers.locale_added`), so a site
made in English and given Dutch next year has Dutch statuses to file profiles
under, named in Dutch, without an editor translating twelve snippets first.

Model-free on purpose: the migration passes its historical models.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.text import slugify

#: The default statuses: (code, names by language). Aligned with what the
#: organisations in the field record: Amnesty's urgent actions (detained,
#: charged, sentenced, released), Front Line Defenders' cases, the HRD Memorial
#: (killed), OHCHR's SDG 16.10.1 data (disappeared, detained) and Shelter City's
#: own cohort (relocated, returned home). Editors rename, reorder and extend it.
DEFAULT_STATUSES: list[tuple[str, dict[str, str]]] = [
    ("at-risk", {"en": "At risk", "nl": "In gevaar", "fr": "En danger", "es": "En riesgo", "ar": "في خطر"}),
    ("threatened", {"en": "Threatened", "nl": "Bedreigd", "fr": "Sous la menace", "es": "Bajo amenaza", "ar": "تحت التهديد"}),
    ("detained", {"en": "Detained", "nl": "Gedetineerd", "fr": "En détention", "es": "En detención", "ar": "قيد الاحتجاز"}),
    ("charged", {"en": "Charged", "nl": "Aangeklaagd", "fr": "Inculpation", "es": "Acusación formal", "ar": "توجيه اتهامات"}),
    ("on-trial", {"en": "On trial", "nl": "Proces loopt", "fr": "Procès en cours", "es": "En juicio", "ar": "قيد المحاكمة"}),
    ("sentenced", {"en": "Sentenced", "nl": "Veroordeeld", "fr": "Condamnation", "es": "Condena", "ar": "صدور حكم"}),
    ("released", {"en": "Released", "nl": "Vrijgelaten", "fr": "Libération", "es": "Liberación", "ar": "الإفراج"}),
    ("relocated", {"en": "Relocated", "nl": "Tijdelijke relocatie", "fr": "Relocalisation temporaire", "es": "Reubicación temporal", "ar": "نقل مؤقت"}),
    ("returned-home", {"en": "Returned home", "nl": "Teruggekeerd", "fr": "Retour au pays", "es": "Regreso al país", "ar": "العودة إلى الوطن"}),
    ("in-exile", {"en": "In exile", "nl": "In ballingschap", "fr": "En exil", "es": "En el exilio", "ar": "في المنفى"}),
    ("disappeared", {"en": "Disappeared", "nl": "Verdwenen", "fr": "Disparition", "es": "Desaparición", "ar": "اختفاء"}),
    ("killed", {"en": "Killed", "nl": "Gedood", "fr": "Assassinat", "es": "Asesinato", "ar": "مقتل"}),
]  # fmt: skip


def default_name(names: dict[str, str], language_code: str) -> str:
    """The name for a language code (by its first part: ``pt-br`` is ``pt``),
    else the English one."""
    language = language_code.split("-")[0].split("_")[0].lower()
    return names.get(language, names["en"])


def seed_locale(status_model: Any, locale: Any, seed_missing: bool) -> int:
    """Create the default statuses in ``locale``; return how many were made.

    A default status another language already has joins its translation group
    (its ``translation_key``) and its place in the list (its ``sort_order``, as
    the editors left it). A default status no language has is made only when
    ``seed_missing``: the migration's first seeding, never a later language,
    since none having it means the editors deleted it. A status the language
    already has (by code) is left alone; a name whose slug is taken there gets
    the code as its slug.
    """
    made = 0
    for position, (code, names) in enumerate(DEFAULT_STATUSES, start=1):
        if status_model.objects.filter(locale=locale, code=code).exists():
            continue
        group = status_model.objects.filter(code=code).order_by("locale_id").first()
        if group is None and not seed_missing:
            continue
        name = default_name(names, locale.language_code)
        slug = slugify(name, allow_unicode=True) or code
        if status_model.objects.filter(locale=locale, slug=slug).exists():
            slug = code
        status_model.objects.create(
            locale=locale,
            translation_key=group.translation_key if group else uuid.uuid4(),
            code=code,
            name=name,
            slug=slug,
            sort_order=group.sort_order if group else position * 10,
        )
        made += 1
    return made
