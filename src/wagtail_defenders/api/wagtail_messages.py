"""Wagtail API's own error messages (v2's, and v3's ``detail``), in the active language.

Wagtail raises ``BadRequestError("limit must be a positive integer")`` and the
like with plain English text, not marked for translation, so no catalogue can
translate them where they are raised. The same for the ``detail`` of v3's problem
responses ("Validation failed", Django's "No Page matches the given query."). The package's viewsets pass each such
message through :func:`translate_wagtail_message`, which recognises Wagtail's
wording and gives the package's translation of it, values kept (a model's
class name becomes its ``verbose_name`` in that language). A message it does not
recognise (a newer Wagtail's) stays as Wagtail wrote it.

A leaf: no REST framework, none of the package's models (the app registry
names a model).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

#: Wagtail's wording (a pattern whose groups are the values) and the msgid the
#: package translates it with. Each msgid reads as Wagtail's message, with named
#: placeholders for the groups.
WAGTAIL_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), msgid)
    for pattern, msgid in (
        (
            r"query parameter is not an operation or a recognised field: (?P<names>.+)",
            gettext_noop(
                "query parameter is not an operation or a recognised field: %(names)s"
            ),
        ),
        (r"unknown fields: (?P<names>.+)", gettext_noop("unknown fields: %(names)s")),
        (
            r"offset must be a positive integer",
            gettext_noop("offset must be a positive integer"),
        ),
        (
            r"limit must be a positive integer",
            gettext_noop("limit must be a positive integer"),
        ),
        (
            r"limit cannot be higher than (?P<max>\d+)",
            gettext_noop("limit cannot be higher than %(max)s"),
        ),
        (
            r"field filter error\. '(?P<value>.*)' is not a valid value for "
            r"(?P<field>[^ ]+) \((?P<reason>.*)\)",
            gettext_noop(
                "field filter error. '%(value)s' is not a valid value for "
                "%(field)s (%(reason)s)"
            ),
        ),
        (
            r"cannot order by '(?P<field>.*)' \(unknown field\)",
            gettext_noop("cannot order by '%(field)s' (unknown field)"),
        ),
        (r"type doesn't exist", gettext_noop("type doesn't exist")),
        (
            r"'(?P<name>.*)' does not support nested fields",
            gettext_noop("'%(name)s' does not support nested fields"),
        ),
        # v3 (wagtail.api.v3.errors, django-ninja, Django's get_object_or_404).
        (r"Validation failed", gettext_noop("Validation failed")),
        (r"Authentication required", gettext_noop("Authentication required")),
        (r"Permission denied", gettext_noop("Permission denied")),
        (r"Not found", gettext_noop("Not found")),
        (r"Unauthorized", gettext_noop("Unauthorized")),
        (
            r"No (?P<model>\w+) matches the given query\.",
            gettext_noop("No %(model)s matches the given query."),
        ),
        # REST framework's 405 (v2); v3 says it in the same words.
        (
            r'Method "(?P<method>[^"]*)" not allowed\.',
            gettext_noop('Method "%(method)s" not allowed.'),
        ),
        (
            r"invalid fields for model (?P<model>\w+): (?P<names>.+)\.",
            gettext_noop("invalid fields for model %(model)s: %(names)s."),
        ),
    )
)


#: The message whose ``model`` is a model's class name (Django's ``object_name``).
NO_MATCH = "No %(model)s matches the given query."


def translate_wagtail_message(message: str) -> str:
    """``message`` in the active language if it is one of Wagtail's known ones."""
    for pattern, msgid in WAGTAIL_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            values = match.groupdict()
            if msgid == NO_MATCH:
                values["model"] = model_name(values["model"])
            return gettext(msgid) % values
    object_name = translated_no_match(message)
    if object_name is not None:
        return gettext(NO_MATCH) % {"model": model_name(object_name)}
    return message


#: Django's own message of ``get_object_or_404``, which names the model by its class.
DJANGO_NO_MATCH = "No %s matches the given query."


def translated_no_match(message: str) -> str | None:
    """The class name in Django's "No Page matches the given query." as Django
    wrote it in the active language, or None when ``message`` is not that.

    Django 6.1 translates that message when it raises it (5.2 and 6.0 raise it in
    English), so on 6.1 it arrives in French as "Aucun objet Page ne correspond à
    cette requête.", still with the class name in it.
    """
    translated = gettext(DJANGO_NO_MATCH)
    if translated == DJANGO_NO_MATCH or translated.count("%s") != 1:
        return None
    before, after = translated.split("%s")
    match = re.fullmatch(
        re.escape(before) + r"(?P<model>\w+)" + re.escape(after), message
    )
    return match["model"] if match else None


def model_name(object_name: str) -> str:
    """The ``verbose_name``, in the active language, of the installed model
    whose class is called ``object_name`` ("Page": "pagina" in Dutch, "page"
    in English); ``object_name`` itself when no model, or several, have that name.

    Django's ``get_object_or_404`` names the model by its class in "No Page
    matches the given query.": a word of no language.
    """
    from django.apps import apps

    named = [
        model for model in apps.get_models() if model._meta.object_name == object_name
    ]
    if len(named) != 1:
        return object_name
    return str(named[0]._meta.verbose_name)
