"""graphql-core's and graphene-django's error messages, in the active language.

graphql-core writes its syntax, validation and coercion errors in English
("Cannot query field 'idd' on type 'Defender'. Did you mean 'id'?"), and so does
graphene-django for a request it cannot read ("Must provide query string."):
nothing marked for translation. :func:`translate_graphql_message` recognises their
wording (graphql-core 3.2's templates, below) and gives the package's
translation, the values (names, types, values as printed) kept as they were. A
suggestion ("Did you mean 'id' or 'title'?") is translated apart, so every
message that can carry one keeps it. A message it does not know (the package's
own, already in the requested language; a newer graphql-core's) stays as it is.

A leaf: no graphql-core, no Django models.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop, ngettext

__all__ = ["GRAPHQL_MESSAGES", "translate_graphql_message"]

_NAME = r"'(?P<{}>[^']*)'"


def _names(*names: str) -> dict[str, str]:
    return {name: _NAME.format(name) for name in names}


_GROUPS = _names(
    "field", "type", "argument", "directive", "variable", "operation", "name",
    "expected", "fragment",
)  # fmt: skip

#: graphql-core's wording (a pattern whose groups are the values) and the msgid
#: the package translates it with, with the same names as placeholders. A group
#: named ``reason`` holds another message, translated in turn.
GRAPHQL_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern.format(**_GROUPS), re.DOTALL), msgid)
    for pattern, msgid in (
        # Syntax (graphql.language.parser and lexer).
        (
            r"Syntax Error: Expected (?P<expected>.+?), found (?P<found>.+)\.",
            gettext_noop("Syntax Error: Expected %(expected)s, found %(found)s."),
        ),
        (
            r"Syntax Error: Unexpected character: (?P<found>.+)\.",
            gettext_noop("Syntax Error: Unexpected character: %(found)s."),
        ),
        (
            r"Syntax Error: Invalid character: (?P<found>.+)\.",
            gettext_noop("Syntax Error: Invalid character: %(found)s."),
        ),
        (
            r"Syntax Error: Invalid character within String: (?P<found>.+)\.",
            gettext_noop("Syntax Error: Invalid character within String: %(found)s."),
        ),
        (
            r"Syntax Error: Unterminated string\.",
            gettext_noop("Syntax Error: Unterminated string."),
        ),
        (
            r"Syntax Error: Invalid number, expected digit but got: (?P<found>.+)\.",
            gettext_noop(
                "Syntax Error: Invalid number, expected digit but got: %(found)s."
            ),
        ),
        (
            r"Syntax Error: Unexpected single quote character \('\), did you mean "
            r"to use a double quote \(\"\)\?",
            gettext_noop(
                "Syntax Error: Unexpected single quote character ('), did you mean "
                'to use a double quote (")?'
            ),
        ),
        (
            r"Syntax Error: Unexpected variable '(?P<variable>[^']*)' in constant "
            r"value\.",
            gettext_noop(
                "Syntax Error: Unexpected variable '%(variable)s' in constant value."
            ),
        ),
        (
            r"Syntax Error: Document contains more than (?P<count>\d+) tokens\. "
            r"Parsing aborted\.",
            gettext_noop(
                "Syntax Error: Document contains more than %(count)s tokens. "
                "Parsing aborted."
            ),
        ),
        (
            r"Syntax Error: Document is nested too deeply\. Parsing aborted\.",
            gettext_noop(
                "Syntax Error: Document is nested too deeply. Parsing aborted."
            ),
        ),
        (
            r"Syntax Error: Unexpected (?P<found>(?!description,).+)\.",
            gettext_noop("Syntax Error: Unexpected %(found)s."),
        ),
        # Validation (graphql.validation.rules).
        (
            r"Cannot query field {field} on type {type}\.",
            gettext_noop("Cannot query field '%(field)s' on type '%(type)s'."),
        ),
        (
            r"Unknown argument {argument} on field {field}\.",
            gettext_noop("Unknown argument '%(argument)s' on field '%(field)s'."),
        ),
        (
            r"Unknown argument {argument} on directive {directive}\.",
            gettext_noop(
                "Unknown argument '%(argument)s' on directive '%(directive)s'."
            ),
        ),
        (
            r"Field {field} argument {argument} of type {type} is required, but it "
            r"was not provided\.",
            gettext_noop(
                "Field '%(field)s' argument '%(argument)s' of type '%(type)s' is "
                "required, but it was not provided."
            ),
        ),
        (
            r"Directive {directive} argument {argument} of type {type} is required, "
            r"but it was not provided\.",
            gettext_noop(
                "Directive '%(directive)s' argument '%(argument)s' of type "
                "'%(type)s' is required, but it was not provided."
            ),
        ),
        (
            r"Field {field} must not have a selection since type {type} has no "
            r"subfields\.",
            gettext_noop(
                "Field '%(field)s' must not have a selection since type '%(type)s' "
                "has no subfields."
            ),
        ),
        (
            r"Field {field} of type {type} must have a selection of subfields\. "
            r"Did you mean '(?P=field) \{{ \.\.\. \}}'\?",
            gettext_noop(
                "Field '%(field)s' of type '%(type)s' must have a selection of "
                "subfields. Did you mean '%(field)s { ... }'?"
            ),
        ),
        (
            r"Field {field} of type {type} must have a selection of subfields\.",
            gettext_noop(
                "Field '%(field)s' of type '%(type)s' must have a selection of "
                "subfields."
            ),
        ),
        (
            r"Field {field} of required type {type} was not provided\.",
            gettext_noop(
                "Field '%(field)s' of required type '%(type)s' was not provided."
            ),
        ),
        (
            r"Field {field} is not defined by type {type}\.",
            gettext_noop("Field '%(field)s' is not defined by type '%(type)s'."),
        ),
        (
            r"Field {field} must be non-null\.",
            gettext_noop("Field '%(field)s' must be non-null."),
        ),
        (
            r"Expected value of type {type}, found (?P<value>.*?); (?P<reason>.+)",
            gettext_noop(
                "Expected value of type '%(type)s', found %(value)s; %(reason)s"
            ),
        ),
        (
            r"Expected value of type {type}, found (?P<value>.*)\.",
            gettext_noop("Expected value of type '%(type)s', found %(value)s."),
        ),
        (r"Unknown type {type}\.", gettext_noop("Unknown type '%(type)s'.")),
        (
            r"Unknown directive {directive}\.",
            gettext_noop("Unknown directive '%(directive)s'."),
        ),
        (
            r"Directive {directive} may not be used on (?P<location>[A-Z_]+)\.",
            gettext_noop("Directive '%(directive)s' may not be used on %(location)s."),
        ),
        (
            r"Unknown fragment {fragment}\.",
            gettext_noop("Unknown fragment '%(fragment)s'."),
        ),
        (
            r"Variable {variable} is not defined by operation {operation}\.",
            gettext_noop(
                "Variable '%(variable)s' is not defined by operation '%(operation)s'."
            ),
        ),
        (
            r"Variable {variable} is not defined\.",
            gettext_noop("Variable '%(variable)s' is not defined."),
        ),
        (
            r"Variable {variable} is never used in operation {operation}\.",
            gettext_noop(
                "Variable '%(variable)s' is never used in operation '%(operation)s'."
            ),
        ),
        (
            r"Variable {variable} is never used\.",
            gettext_noop("Variable '%(variable)s' is never used."),
        ),
        (
            r"Variable {variable} of type {type} used in position expecting type "
            r"{expected}\.",
            gettext_noop(
                "Variable '%(variable)s' of type '%(type)s' used in position "
                "expecting type '%(expected)s'."
            ),
        ),
        (
            r"Variable {variable} cannot be non-input type {type}\.",
            gettext_noop(
                "Variable '%(variable)s' cannot be non-input type '%(type)s'."
            ),
        ),
        (
            r"There can be only one argument named {name}\.",
            gettext_noop("There can be only one argument named '%(name)s'."),
        ),
        (
            r"There can be only one variable named {name}\.",
            gettext_noop("There can be only one variable named '%(name)s'."),
        ),
        (
            r"There can be only one operation named {name}\.",
            gettext_noop("There can be only one operation named '%(name)s'."),
        ),
        (
            r"There can be only one fragment named {name}\.",
            gettext_noop("There can be only one fragment named '%(name)s'."),
        ),
        (
            r"There can be only one input field named {name}\.",
            gettext_noop("There can be only one input field named '%(name)s'."),
        ),
        (
            r"This anonymous operation must be the only defined operation\.",
            gettext_noop(
                "This anonymous operation must be the only defined operation."
            ),
        ),
        (
            r"Cannot spread fragment {fragment} within itself\.",
            gettext_noop("Cannot spread fragment '%(fragment)s' within itself."),
        ),
        (
            r"Fragment {fragment} cannot be spread here as objects of type {type} "
            r"can never be of type {expected}\.",
            gettext_noop(
                "Fragment '%(fragment)s' cannot be spread here as objects of type "
                "'%(type)s' can never be of type '%(expected)s'."
            ),
        ),
        # Scalars (graphql.type.scalars), alone or as a reason.
        (
            r"Int cannot represent non-integer value: (?P<value>.*)",
            gettext_noop("Int cannot represent non-integer value: %(value)s"),
        ),
        (
            r"Int cannot represent non 32-bit signed integer value: (?P<value>.*)",
            gettext_noop(
                "Int cannot represent non 32-bit signed integer value: %(value)s"
            ),
        ),
        (
            r"Float cannot represent non numeric value: (?P<value>.*)",
            gettext_noop("Float cannot represent non numeric value: %(value)s"),
        ),
        (
            r"String cannot represent a non string value: (?P<value>.*)",
            gettext_noop("String cannot represent a non string value: %(value)s"),
        ),
        (
            r"Boolean cannot represent a non boolean value: (?P<value>.*)",
            gettext_noop("Boolean cannot represent a non boolean value: %(value)s"),
        ),
        (
            r"ID cannot represent a non-string and non-integer value: (?P<value>.*)",
            gettext_noop(
                "ID cannot represent a non-string and non-integer value: %(value)s"
            ),
        ),
        # Variables and arguments at execution (graphql.execution.values).
        (
            r"Variable {variable} of required type {type} was not provided\.",
            gettext_noop(
                "Variable '%(variable)s' of required type '%(type)s' was not provided."
            ),
        ),
        (
            r"Variable {variable} of non-null type {type} must not be null\.",
            gettext_noop(
                "Variable '%(variable)s' of non-null type '%(type)s' must not be null."
            ),
        ),
        (
            r"Variable {variable} got invalid value (?P<value>.*?) at '(?P<path>[^']*)'; "
            r"(?P<reason>.+)",
            gettext_noop(
                "Variable '%(variable)s' got invalid value %(value)s at '%(path)s'; "
                "%(reason)s"
            ),
        ),
        (
            r"Variable {variable} got invalid value (?P<value>.*?); (?P<reason>.+)",
            gettext_noop(
                "Variable '%(variable)s' got invalid value %(value)s; %(reason)s"
            ),
        ),
        (
            r"Expected non-nullable type {type} not to be None\.",
            gettext_noop("Expected non-nullable type '%(type)s' not to be None."),
        ),
        (
            r"Expected type {type} to be a mapping\.",
            gettext_noop("Expected type '%(type)s' to be a mapping."),
        ),
        (
            r"Argument {argument} of required type {type} was not provided\.",
            gettext_noop(
                "Argument '%(argument)s' of required type '%(type)s' was not provided."
            ),
        ),
        (
            r"Argument {argument} of non-null type {type} must not be null\.",
            gettext_noop(
                "Argument '%(argument)s' of non-null type '%(type)s' must not be null."
            ),
        ),
        (
            r"Argument {argument} has invalid value (?P<value>.*)\.",
            gettext_noop("Argument '%(argument)s' has invalid value %(value)s."),
        ),
        # Results (graphql.execution.execute).
        (
            r"Cannot return null for non-nullable field (?P<field>[\w.]+)\.",
            gettext_noop("Cannot return null for non-nullable field %(field)s."),
        ),
        (
            r"Expected value of type {type} but got: (?P<value>.*)\.",
            gettext_noop("Expected value of type '%(type)s' but got: %(value)s."),
        ),
        # A request graphene-django cannot read (graphene_django.views).
        (r"Must provide query string\.", gettext_noop("Must provide query string.")),
        (
            r"POST body sent invalid JSON\.",
            gettext_noop("POST body sent invalid JSON."),
        ),
        (r"Variables are invalid JSON\.", gettext_noop("Variables are invalid JSON.")),
        (
            r"GraphQL only supports GET and POST requests\.",
            gettext_noop("GraphQL only supports GET and POST requests."),
        ),
        (
            r"Can only perform a (?P<operation>\w+) operation from a POST request\.",
            gettext_noop(
                "Can only perform a %(operation)s operation from a POST request."
            ),
        ),
    )
)

#: graphql-core's suggestion at the end of a message (``did_you_mean``): one to
#: five quoted names, optionally after "to use an inline fragment on".
_SUGGESTION = re.compile(
    r"(?P<message>.+?) Did you mean (?P<fragment>to use an inline fragment on )?"
    r"(?P<names>'[^']*'(?:(?:, or |, | or )'[^']*'){0,4})\?",
    re.DOTALL,
)


def _suggestion(fragment: bool, names: list[str]) -> str:
    quoted = ", ".join(f"'{name}'" for name in names)
    if fragment:
        return ngettext(
            "Did you mean to use an inline fragment on %(names)s?",
            "Did you mean to use an inline fragment on one of %(names)s?",
            len(names),
        ) % {"names": quoted}
    return ngettext(
        "Did you mean %(names)s?", "Did you mean one of %(names)s?", len(names)
    ) % {"names": quoted}


def _translate(message: str) -> str | None:
    for pattern, msgid in GRAPHQL_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            values = match.groupdict()
            if values.get("reason") is not None:
                values["reason"] = translate_graphql_message(values["reason"])
            return gettext(msgid) % values
    return None


def translate_graphql_message(message: str) -> str:
    """``message`` in the active language if graphql-core or graphene-django
    wrote it (in a wording :data:`GRAPHQL_MESSAGES` knows); else unchanged."""
    translated = _translate(message)
    if translated is not None:
        return translated
    suggestion = _SUGGESTION.fullmatch(message)
    if suggestion:
        translated = _translate(suggestion["message"])
        if translated is not None:
            names = re.findall(r"'([^']*)'", suggestion["names"])
            return f"{translated} {_suggestion(bool(suggestion['fragment']), names)}"
    return message
