"""GraphQL object types of the package's schema: profiles, terms, pages of a listing.

The graphene types the root fields of :mod:`.graphql_queries` answer with, and
the nodes their resolvers read: a :class:`ProfileNode` (a profile, the request
and its card, computed once) and the :class:`ListedProfiles` of a listing
(what a node needs beyond its card, loaded once for the whole page).

Every field is filled from :mod:`wagtail_defenders.api.serializers`, the
presenters API v2 and v3 use, so GraphQL shows what they show and nothing more:
an image only as renditions (:class:`DefenderRendition`), never its original
file; only public updates; links to pages a visitor may not see as plain text.

Importing this module registers nothing; :mod:`wagtail_defenders.api.graphql`
(the public module, which re-exports every name here) adds the queries to
grapple's schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import graphene

from ..models import Output
from ..models.detail_loading import load_public_updates
from ..models.profile_details import load_link_targets
from . import serializers


class DefenderRendition(graphene.ObjectType):
    """An image rendition: never the original file."""

    name = graphene.String(required=True)
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


def _renditions(renditions: dict[str, dict] | None) -> list[dict] | None:
    if renditions is None:
        return None
    return [{"name": name, **rendition} for name, rendition in renditions.items()]


class DefenderPortrait(graphene.ObjectType):
    alt = graphene.String(required=True)
    renditions = graphene.List(graphene.NonNull(DefenderRendition), required=True)

    @staticmethod
    def resolve_renditions(parent: dict, info) -> list[dict] | None:
        return _renditions(parent["renditions"])


class DefenderTermFields:
    id = graphene.Int(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    translation_key = graphene.UUID(
        required=True, description="The same in every language: match terms with it."
    )


class DefenderTerm(DefenderTermFields, graphene.ObjectType):
    """A theme or city as a profile carries it."""


class DefenderCountry(DefenderTermFields, graphene.ObjectType):
    code = graphene.String(required=True, description="ISO 3166-1 alpha-2.")


class DefenderStatus(DefenderTermFields, graphene.ObjectType):
    """A defender's situation, such as detained or released."""

    code = graphene.String(
        required=True, description="The same in every language, such as detained."
    )


class DefenderTermEntryFields(DefenderTermFields):
    locale = graphene.String(required=True)
    description = graphene.String(required=True)
    sort_order = graphene.Int(required=True)
    profile_count = graphene.Int(
        required=True, description="Live, public profiles of the site and language."
    )


class DefenderThemeEntry(DefenderTermEntryFields, graphene.ObjectType):
    pass


class DefenderCountryEntry(DefenderTermEntryFields, graphene.ObjectType):
    code = graphene.String(required=True)


class DefenderCityEntry(DefenderTermEntryFields, graphene.ObjectType):
    country = graphene.Field(DefenderCountry)


class DefenderStatusEntry(DefenderTermEntryFields, graphene.ObjectType):
    code = graphene.String(required=True)


class DefenderStay(graphene.ObjectType):
    year = graphene.Int()
    start_date = graphene.Date()
    end_date = graphene.Date()


class DefenderSectionBlock(graphene.ObjectType):
    id = graphene.String()
    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)
    heading = graphene.String(required=True)
    text = graphene.String(required=True, description="HTML with links expanded.")


class DefenderQuoteBlock(graphene.ObjectType):
    id = graphene.String()
    quote = graphene.String(required=True)
    attribution = graphene.String(required=True)


class DefenderImageBlock(graphene.ObjectType):
    id = graphene.String()
    alt = graphene.String(required=True)
    caption = graphene.String(required=True)
    renditions = graphene.List(graphene.NonNull(DefenderRendition))

    @staticmethod
    def resolve_renditions(parent: dict, info) -> list[dict] | None:
        return _renditions(parent["renditions"])


class DefenderEmbedBlock(graphene.ObjectType):
    id = graphene.String()
    url = graphene.String(required=True)


class DefenderActionBlock(graphene.ObjectType):
    """A call to action; after its deadline ``isOpen`` is false and only the
    heading and deadline are given (the action has closed)."""

    id = graphene.String()
    heading = graphene.String(required=True)
    deadline = graphene.Date()
    is_open = graphene.Boolean(required=True)
    text = graphene.String(required=True, description="HTML with links expanded.")
    addressee = graphene.String(required=True)
    link = graphene.String()
    email = graphene.String()
    link_text = graphene.String(required=True)


BLOCK_TYPES = {
    "section": DefenderSectionBlock,
    "quote": DefenderQuoteBlock,
    "image": DefenderImageBlock,
    "embed": DefenderEmbedBlock,
    "action": DefenderActionBlock,
}


class DefenderBodyBlockUnion(graphene.Union):
    """One block of a profile's body: the GraphQL union ``DefenderBodyBlock``."""

    class Meta:
        name = "DefenderBodyBlock"
        types = tuple(BLOCK_TYPES.values())

    @classmethod
    def resolve_type(cls, instance: dict, info):
        return BLOCK_TYPES[instance["block_type"]]


class DefenderNews(graphene.ObjectType):
    id = graphene.Int(required=True)
    title = graphene.String(required=True)
    html_url = graphene.String()
    date = graphene.Date()


class DefenderUpdate(graphene.ObjectType):
    """A public dated update of a profile, newest first."""

    id = graphene.Int(required=True)
    date = graphene.Date(required=True)
    heading = graphene.String(required=True)
    text = graphene.String(required=True, description="HTML with links expanded.")
    status = graphene.Field(DefenderStatus)


class DefenderTranslation(graphene.ObjectType):
    id = graphene.Int(required=True)
    locale = graphene.String(required=True)
    html_url = graphene.String()


class ListedProfiles:
    """The page of profiles a listing gives: what one of its nodes needs beyond
    its card (its updates) is loaded and rendered for the whole page at once,
    only when a query asks for it."""

    def __init__(self, profiles: list, request) -> None:
        self.profiles = profiles
        self.request = request
        self._updates: dict[int, list[serializers.UpdateData]] | None = None

    def updates_of(self, profile) -> list[serializers.UpdateData]:
        """``profile``'s public updates: one query for the whole page, and one
        for the pages their texts link to."""
        if self._updates is None:
            load_public_updates(self.profiles)
            load_link_targets(self.profiles, Output.API)
            self._updates = {
                p.pk: serializers.updates_data(p, self.request) for p in self.profiles
            }
        return self._updates[profile.pk]


class ProfileNode:
    """A profile and the request, with its card computed once (and, in a
    listing, the page of profiles it came with)."""

    def __init__(self, profile, request, listed: ListedProfiles | None = None) -> None:
        self.profile = profile
        self.request = request
        self.listed = listed
        self.card: Mapping[str, Any] = serializers.profile_card_data(profile, request)

    def updates(self) -> list[serializers.UpdateData]:
        if self.listed is not None:
            return self.listed.updates_of(self.profile)
        return serializers.updates_data(self.profile, self.request)

    @property
    def last_updated(self):
        if self.listed is not None:
            load_public_updates(self.listed.profiles)
        return self.profile.last_updated


class Defender(graphene.ObjectType):
    """A human rights defender's profile."""

    id = graphene.Int(required=True)
    title = graphene.String(required=True, description="The public name.")
    slug = graphene.String(required=True)
    locale = graphene.String(required=True)
    html_url = graphene.String()
    first_published_at = graphene.DateTime()
    introduction = graphene.String(required=True)
    portrait = graphene.Field(DefenderPortrait)
    country = graphene.Field(DefenderCountry)
    city = graphene.Field(DefenderTerm)
    status = graphene.Field(DefenderStatus)
    themes = graphene.List(graphene.NonNull(DefenderTerm), required=True)
    stay = graphene.Field(DefenderStay, required=True)
    body = graphene.List(graphene.NonNull(DefenderBodyBlockUnion), required=True)
    updates = graphene.List(graphene.NonNull(DefenderUpdate), required=True)
    last_updated = graphene.Date(description="The date of the newest public update.")
    related_news = graphene.List(graphene.NonNull(DefenderNews), required=True)
    translations = graphene.List(graphene.NonNull(DefenderTranslation), required=True)

    @staticmethod
    def resolve_body(parent: ProfileNode, info) -> list[dict]:
        return [
            {**block["value"], "id": block["id"], "block_type": block["type"]}
            for block in serializers.body_data(parent.profile, parent.request)
        ]

    @staticmethod
    def resolve_updates(parent: ProfileNode, info) -> list[serializers.UpdateData]:
        return parent.updates()

    @staticmethod
    def resolve_last_updated(parent: ProfileNode, info):
        return parent.last_updated

    @staticmethod
    def resolve_related_news(parent: ProfileNode, info) -> list[serializers.NewsData]:
        return serializers.related_news_data(parent.profile, parent.request)

    @staticmethod
    def resolve_translations(
        parent: ProfileNode, info
    ) -> list[serializers.TranslationData]:
        return serializers.translations_data(parent.profile, parent.request)


def _card_resolver(name: str):
    def resolve(parent: ProfileNode, info) -> Any:
        return parent.card[name]

    return staticmethod(resolve)


for _name in serializers.ProfileCardData.__annotations__:
    setattr(Defender, f"resolve_{_name}", _card_resolver(_name))


class DefenderPagination(graphene.ObjectType):
    total = graphene.Int(required=True)
    count = graphene.Int(required=True)
    per_page = graphene.Int(required=True)
    current_page = graphene.Int(required=True)
    prev_page = graphene.Int()
    next_page = graphene.Int()
    total_pages = graphene.Int(required=True)


class DefenderList(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(Defender), required=True)
    pagination = graphene.Field(DefenderPagination, required=True)
