"""Load the demo content (:mod:`home.demo.content`) into the example site's database.

Everything is created in Dutch first and then translated the way wagtail-localize
translates, so that every demo page and term can be translated and synced from
the admin and wagtail-localize's Translations report lists them: a
``TranslationSource`` of the Dutch object, a ``Translation`` into each language,
the demo's words in that language entered as the translation of each segment
(``StringTranslation``, as a translator types them in the translation editor),
and then ``Translation.save_target()`` writes and publishes the translation.
Terms and pages exist in English; the site's pages, every term and a few
profiles in French and Arabic too.

Every object is found again by a stable identifier: a term by its language and
slug (a country by its ISO code), a page by a ``translation_key`` derived from its
key in the content, an image by its title. An object that exists is left exactly
as it is, so loading twice creates nothing and changes nothing. A translation
made by an older version of the loader (with ``copy_for_translation``, without
wagtail-localize's records) is registered with wagtail-localize, its own words
as its translation, and otherwise left as it is.
"""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django_countries import countries
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from wagtail_defenders.blocks import SectionKind
from wagtail_defenders.models import (
    City,
    Country,
    DefenderIndexPage,
    DefenderPage,
    DefenderPageTheme,
    DefenderRelatedNews,
    DefenderUpdate,
    Status,
    Theme,
)
from wagtail_defenders.models.updates import UPDATE_TEXT_FEATURES
from wagtail_defenders.richtext import clean_rich_text

from . import content
from .portraits import draw_portrait

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "shelter-city-demo"  # noqa: S105  (documented, for the local demo only)
ADMIN_EMAIL = "admin@example.com"

PORTRAIT_COLLECTION = "Demo portraits"
WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"

# Fixed namespace for the translation keys of demo pages and terms: the same key
# in the content always gives the same translation_key.
DEMO_NAMESPACE = uuid.UUID("6f1c1c52-4a0e-4d8e-9b8c-2b7d0c0de5a1")

# The rich text features of the fields the demo writes to (see the models). Rich
# text is trusted when rendered, so what the loader writes is cleaned with the
# editor's rules on the way in (DESIGN.md, "Rich text is trusted at render time").
SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]
INTRODUCTION_FEATURES = ["bold", "italic", "link"]
NEWS_BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

SECTION_KINDS = {
    "about": SectionKind.ABOUT,
    "situation": SectionKind.SITUATION,
    "threats": SectionKind.THREATS,
}


#: Every language of the demo: Dutch, the source, first.
ALL_LANGUAGES = content.LANGUAGES + content.MORE_LANGUAGES


def demo_key(kind: str, key: str) -> uuid.UUID:
    """The stable ``translation_key`` of a demo object."""
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{key}")


def publication_time(day: datetime.date) -> datetime.datetime:
    """Nine in the morning of ``day``, in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def label(model: type) -> str:
    """A model's name for the report, in English whatever language is active."""
    with translation.override("en"):
        return str(model._meta.verbose_name)


def demo_address() -> tuple[str, int]:
    """The host name and port the demo is served at, from ``WAGTAILADMIN_BASE_URL``
    (``dev.py demo``: ``http://127.0.0.1:8000``)."""
    from urllib.parse import urlsplit

    from django.conf import settings

    address = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    if not address.hostname:
        return "127.0.0.1", 8000
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname, address.port or default_port


class DemoLoader:
    """Creates whatever part of the demo content is missing, and reports it."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self.report = report
        self.created = 0

    def created_object(self, message: str) -> None:
        self.created += 1
        self.report(f"  created {message}")

    @transaction.atomic
    def load(self) -> int:
        """Load the demo content; returns how many objects were created."""
        self.locales = {
            language: Locale.objects.get_or_create(language_code=language)[0]
            for language in ALL_LANGUAGES
        }
        self.nl = self.locales["nl"]
        self.en = self.locales["en"]
        newest_page = Page.objects.order_by("-pk").values_list("pk", flat=True).first()
        self.load_terms()
        self.load_pages()
        self.load_admin()
        # Registered last, so it runs after the redirects that Wagtail makes when
        # this transaction commits (on_commit callbacks run in order).
        transaction.on_commit(
            lambda: self.remove_automatic_redirects(newer_than=newest_page or 0)
        )
        return self.created

    def remove_automatic_redirects(self, newer_than: int) -> None:
        """Delete the redirects Wagtail made to the pages this load created.

        wagtail-localize saves a new translation under its source's slug and
        then renames it, so Wagtail's automatic redirects
        (``WAGTAILREDIRECTS_AUTO_CREATE``) lead from paths no visitor was ever
        given (``/en/verdedigers`` to ``/en/defenders/``). A redirect to an
        older page, or one an editor made, is left alone.
        """
        removed, _ = Redirect.objects.filter(
            automatically_created=True, redirect_page__pk__gt=newer_than
        ).delete()
        if removed:
            self.report(
                f"  removed {removed} automatic redirects from the translations' "
                "first slugs"
            )

    # Terms ------------------------------------------------------------------

    def load_terms(self) -> None:
        self.countries: dict[str, dict[str, Country]] = {
            language: {} for language in ALL_LANGUAGES
        }
        for sort_order, code in enumerate(content.country_codes(), start=1):
            self.load_country(code, sort_order)
        self.themes: dict[str, dict[str, Theme]] = {
            language: {} for language in ALL_LANGUAGES
        }
        for key, data in content.THEMES.items():
            self.load_theme(key, data)
        self.cities: dict[str, dict[str, City]] = {
            language: {} for language in ALL_LANGUAGES
        }
        for key, data in content.CITIES.items():
            self.load_city(key, data)
        self.statuses: dict[str, dict[str, Status]] = {
            language: {} for language in ALL_LANGUAGES
        }
        for code, names in content.STATUSES.items():
            self.load_status(code, names)

    def load_status(self, code: str, names: content.Text) -> None:
        """The Dutch status ``code`` (seeded by the package's migration, else
        made in its translation group), translated into every demo language."""
        dutch = Status.objects.filter(locale=self.nl, code=code).first()
        if dutch is None:
            other = Status.objects.filter(code=code).first()
            dutch = Status.objects.create(
                locale=self.nl,
                translation_key=other.translation_key
                if other
                else demo_key("status", code),
                code=code,
                name=names.nl,
                slug=slugify(names.nl),
            )
            self.created_object(f"status {dutch.name} (nl)")
        self.statuses["nl"][code] = dutch
        for language in ALL_LANGUAGES[1:]:
            self.statuses[language][code] = self.localize(
                dutch,
                language,
                # A name in Arabic script has no ASCII slug: the code serves.
                {
                    "name": names.get(language),
                    "slug": slugify(names.get(language)) or code,
                },
                f"status {names.get(language)} ({language})",
            )

    def load_country(self, code: str, sort_order: int) -> None:
        names = {}
        for language in ALL_LANGUAGES:
            with translation.override(language):
                names[language] = str(countries.name(code))
        dutch = Country.objects.filter(locale=self.nl, code=code).first()
        if dutch is None:
            dutch = Country.objects.create(
                locale=self.nl,
                translation_key=demo_key("country", code),
                code=code,
                name=names["nl"],
                slug=slugify(names["nl"]),
                sort_order=sort_order,
            )
            self.created_object(f"country {dutch.name} ({code}, nl)")
        self.countries["nl"][code] = dutch
        for language in ALL_LANGUAGES[1:]:
            # A name in Arabic script has no ASCII slug: the English one serves.
            slug = slugify(names[language]) or slugify(names["en"])
            self.countries[language][code] = self.localize(
                dutch,
                language,
                {"name": names[language], "slug": slug},
                f"country {names[language]} ({code}, {language})",
            )

    def load_term(self, model: type, kind: str, key: str, data, **fields) -> None:
        """Find or create a theme or city in Dutch, and translate it."""
        store = getattr(self, f"{kind}s" if kind != "city" else "cities")
        dutch = model.objects.filter(locale=self.nl, slug=data.slug.nl).first()
        if dutch is None:
            dutch = model.objects.create(
                locale=self.nl,
                translation_key=demo_key(kind, key),
                name=data.name.nl,
                slug=data.slug.nl,
                description=data.description.nl,
                sort_order=data.sort_order,
                **{name: value["nl"] for name, value in fields.items()},
            )
            self.created_object(f"{kind} {dutch.name} (nl)")
        store["nl"][key] = dutch
        for language in ALL_LANGUAGES[1:]:
            if not data.name.has(language):
                continue
            store[language][key] = self.localize(
                dutch,
                language,
                {
                    "name": data.name.get(language),
                    "slug": data.slug.get(language),
                    "description": data.description.get(language),
                },
                f"{kind} {data.name.get(language)} ({language})",
            )

    def load_theme(self, key: str, data: content.ThemeData) -> None:
        self.load_term(Theme, "theme", key, data)

    def load_city(self, key: str, data: content.CityData) -> None:
        # The translations' country follows the source's (wagtail-localize maps it).
        country = {"nl": self.countries["nl"][data.country_code]}
        self.load_term(City, "city", key, data, country=country)

    # Pages ------------------------------------------------------------------

    def load_pages(self) -> None:
        site = content.SITE
        home = self.load_home()
        defender_index = self.load_child(
            home,
            DefenderIndexPage,
            "defender-index",
            lambda language: {
                "title": site["index_title"].get(language),
                "slug": site["index_slug"].get(language),
                "show_in_menus": True,
                "introduction": clean_rich_text(
                    site["index_introduction"].get(language), INTRODUCTION_FEATURES
                ),
            },
        )
        news_index = self.load_child(
            home,
            NewsIndexPage,
            "news-index",
            lambda language: {
                "title": site["news_title"].get(language),
                "slug": site["news_slug"].get(language),
                "show_in_menus": True,
                "introduction": clean_rich_text(
                    site["news_introduction"].get(language), INTRODUCTION_FEATURES
                ),
            },
        )
        news = {
            key: self.load_child(
                news_index,
                NewsPage,
                f"news:{key}",
                lambda language, data=data: {
                    "title": data.title.get(language),
                    "slug": data.slug.get(language),
                    "date": data.date,
                    # Publishing keeps a first publication date that is already set,
                    # so lists that show it give the news item's own date.
                    "first_published_at": publication_time(data.date),
                    "introduction": data.introduction.get(language),
                    "body": clean_rich_text(
                        data.body.get(language), NEWS_BODY_FEATURES
                    ),
                },
                languages=("en",),
            )
            for key, data in content.NEWS.items()
        }
        for key, data in content.NEWS.items():
            # Publishing a translation gives it today as its first publication
            # date; lists that show that date (a profile's related news) must
            # give the news item's own date in every language.
            Page.objects.filter(
                pk__in=[page.pk for page in news[key].values()]
            ).exclude(first_published_at=publication_time(data.date)).update(
                first_published_at=publication_time(data.date)
            )
        self.portrait_collection = self.load_portrait_collection()
        for key, data in content.PROFILES.items():
            self.load_profile(defender_index, key, data, news)

    def load_home(self) -> dict[str, Page]:
        """The home page in every language, the Dutch one the default site's root."""
        site_data = content.SITE
        dutch = HomePage.objects.filter(
            locale=self.nl, translation_key=demo_key("page", "home")
        ).first()
        if dutch is None:
            dutch = HomePage(
                title=site_data["home_title"].nl,
                slug="shelter-city",
                locale=self.nl,
                translation_key=demo_key("page", "home"),
                introduction=clean_rich_text(
                    site_data["home_introduction"].nl, INTRODUCTION_FEATURES
                ),
            )
            Page.get_first_root_node().add_child(instance=dutch)
            dutch.save_revision().publish()
            self.created_object(f"home page {dutch.title!r} (nl)")
        self.load_site(dutch)
        pages: dict[str, Page] = {"nl": dutch}
        for language in ALL_LANGUAGES[1:]:
            pages[language] = self.translate(
                dutch,
                language,
                {
                    "title": site_data["home_title"].get(language),
                    "introduction": clean_rich_text(
                        site_data["home_introduction"].get(language),
                        INTRODUCTION_FEATURES,
                    ),
                },
            )
        return pages

    def load_site(self, home: HomePage) -> None:
        """Make ``home`` the default site's root and drop Wagtail's welcome page.

        The site's address is the one the demo is served at
        (``WAGTAILADMIN_BASE_URL``: ``http://127.0.0.1:8000`` for ``dev.py
        demo``), so the absolute URLs the APIs give (``html_url``,
        ``detail_url``, renditions) can be fetched. Wagtail's own default
        (``localhost:80``) is replaced; an address an administrator chose stays.
        """
        hostname, port = demo_address()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name="Shelter City (demo)",
            )
            self.created_object("the default site")
            return
        if site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = "Shelter City (demo)"
            site.save()
            self.created_object(f"the default site's root page: {home.title!r}")
        if (site.hostname, site.port) == ("localhost", 80) and (
            hostname,
            port,
        ) != ("localhost", 80):
            site.hostname, site.port = hostname, port
            site.save()
            self.created_object(f"the default site's address: {hostname}:{port}")
        welcome = Page.objects.filter(
            depth=2,
            title=WELCOME_PAGE_TITLE,
            content_type=ContentType.objects.get_for_model(Page),
            numchild=0,
        ).exclude(sites_rooted_here__isnull=False)
        for page in welcome:
            page.delete()
            self.report("  removed Wagtail's welcome page")

    def load_child(
        self,
        parent: dict[str, Page],
        model: type[Page],
        key: str,
        fields: Callable[[str], dict],
        languages: tuple[str, ...] = ALL_LANGUAGES[1:],
    ) -> dict[str, Page]:
        """A page below ``parent`` in Dutch and ``languages``; ``fields(language)`` fills it."""
        translation_key = demo_key("page", key)
        dutch = model.objects.filter(
            locale=self.nl, translation_key=translation_key
        ).first()
        if dutch is None:
            dutch = model(
                locale=self.nl, translation_key=translation_key, **fields("nl")
            )
            parent["nl"].add_child(instance=dutch)
            dutch.save_revision().publish()
            self.created_object(f"{label(model)} {dutch.title!r} (nl)")
        pages: dict[str, Page] = {"nl": dutch}
        for language in languages:
            pages[language] = self.translate(dutch, language, fields(language))
        return pages

    def translate(self, source: Page, language: str, fields: dict) -> Page:
        """The translation of ``source`` into ``language``, made and published if missing."""
        title = fields.get("title", source.title)
        page = self.localize(
            source.specific,
            language,
            fields,
            f"{label(type(source.specific))} {title!r} ({language})",
        )
        return page.specific

    # Translating, as wagtail-localize does --------------------------------------

    def localize(self, source, language: str, fields: dict, description: str):
        """``source`` in ``language`` with the words of ``fields``, through wagtail-localize.

        Creates the ``TranslationSource`` and ``Translation``, enters each
        segment's translation from ``fields`` and saves the target (a page
        published, as an editor's Publish in the translation editor does).
        A translation that exists is left as it is (see the module docstring).
        """
        locale = self.locales[language]
        existing = source.get_translation_or_none(locale)
        if existing is not None:
            self.register(source, existing, locale)
            return existing
        translation_source, _created = TranslationSource.get_or_create_from_instance(
            source
        )
        record, _created = Translation.objects.get_or_create(
            source=translation_source, target_locale=locale
        )
        self.enter_translations(
            translation_source, self.in_language(source, fields), locale, strict=True
        )
        is_page = isinstance(source, Page)
        record.save_target(publish=not is_page)
        target = translation_source.get_translated_instance(locale)
        if is_page:
            # Published now (save_target would publish after the commit only).
            target.get_latest_revision().publish()
            self.write_notes(target.specific, fields.get("updates", []))
        self.created_object(description)
        return target

    def write_notes(self, target, updates: list) -> None:
        """Write the translation's editors' notes in its own language, as its editor
        does in the page editor: a note is no segment (its words never go into a
        translation source), so wagtail-localize copied the source's words."""
        words = {u.translation_key: u for u in updates if not u.is_public}
        if not words:
            return
        inline = list(target.updates.all())
        notes = [u for u in inline if u.translation_key in words]
        for note in notes:
            note.heading = words[note.translation_key].heading
            note.text = words[note.translation_key].text
        target.updates = inline  # the revision serialises the inline as set here
        target.save_revision().publish()

    def register(self, source, existing, locale: Locale) -> None:
        """Give a translation made outside wagtail-localize its records, once."""
        translation_source = TranslationSource.objects.get_for_instance_or_none(source)
        if (
            translation_source is not None
            and Translation.objects.filter(
                source=translation_source, target_locale=locale
            ).exists()
        ):
            return
        translation_source, _created = TranslationSource.get_or_create_from_instance(
            source
        )
        Translation.objects.create(source=translation_source, target_locale=locale)
        if isinstance(existing, Page):
            existing = existing.specific
        self.enter_translations(translation_source, existing, locale, strict=False)
        self.report(
            f"  registered {label(type(existing))} {existing} ({locale.language_code}) "
            "with wagtail-localize"
        )

    def in_language(self, source, fields: dict):
        """An unsaved copy of ``source`` with the words of ``fields``.

        The body's blocks keep the source's ids: wagtail-localize finds a
        segment's translation by the block it is in.
        """
        copy = type(source).objects.get(pk=source.pk)
        for name, value in fields.items():
            setattr(copy, name, value)
        if isinstance(copy, DefenderPage):
            for block, source_block in zip(copy.body, source.body, strict=True):
                block.id = source_block.id
        return copy

    def enter_translations(
        self, translation_source, translated, locale: Locale, *, strict: bool
    ) -> None:
        """Enter each segment's translation from ``translated``, by path and position.

        ``strict``: a segment of the source with no counterpart is a mistake in
        the demo's content (the texts' structures differ), not left in Dutch.
        """
        seen: dict[str, int] = {}
        words = {}
        for segment in extract_segments(translated):
            if isinstance(segment, StringSegmentValue):
                index = seen[segment.path] = seen.get(segment.path, -1) + 1
                words[segment.path, index] = segment.string.data
        seen = {}
        for row in (
            StringSegment.objects.filter(source=translation_source)
            .select_related("string", "context")
            .order_by("order")
        ):
            path = row.context.path
            index = seen[path] = seen.get(path, -1) + 1
            data = words.get((path, index))
            if data is None:
                if strict:
                    raise ValueError(
                        f"The demo's {locale.language_code} text of "
                        f"{translation_source.get_source_instance()} has no "
                        f"counterpart for {path!r} ({row.string.data!r})."
                    )
                continue
            StringTranslation.objects.get_or_create(
                translation_of=row.string,
                locale=locale,
                context=row.context,
                defaults={
                    "data": data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )

    # Profiles ---------------------------------------------------------------

    def load_portrait_collection(self) -> Collection:
        collection = Collection.objects.filter(name=PORTRAIT_COLLECTION).first()
        if collection is None:
            collection = Collection.get_first_root_node().add_child(
                name=PORTRAIT_COLLECTION
            )
            self.created_object(f"image collection {PORTRAIT_COLLECTION!r}")
        return collection

    def load_portrait(self, data: content.ProfileData):
        image_model = get_image_model()
        title = f"Demo portrait: {data.name}"
        image = image_model.objects.filter(
            title=title, collection=self.portrait_collection
        ).first()
        if image is None:
            png = draw_portrait(data.slug, data.colours)
            image = image_model(
                title=title,
                collection=self.portrait_collection,
                file=ImageFile(io.BytesIO(png), name=f"demo-portrait-{data.slug}.png"),
            )
            image.save()
            self.created_object(f"image {title!r}")
        return image

    def profile_fields(self, data: content.ProfileData, language: str) -> dict:
        country = self.countries[language][data.country_code]
        body = []
        for part, kind in SECTION_KINDS.items():
            heading = data.headings.get(part, content.DEFAULT_HEADINGS[part])
            body.append(
                (
                    "section",
                    {
                        "kind": kind,
                        "heading": heading.get(language).format(
                            name=data.name, country=country.name
                        ),
                        "text": RichText(
                            clean_rich_text(
                                getattr(data, part).get(language), SECTION_FEATURES
                            )
                        ),
                    },
                )
            )
        for action in data.actions:
            body.append(
                (
                    "action",
                    {
                        "heading": action.heading.get(language),
                        "text": RichText(
                            clean_rich_text(
                                action.text.get(language), ["bold", "italic", "link"]
                            )
                        ),
                        "addressee": action.addressee.get(language),
                        "deadline": action.deadline,
                        "link": action.link,
                        "email": "",
                        "link_text": "",
                    },
                )
            )
        alt = {
            "nl": f"Abstracte illustratie in {data.colour_names.nl}, in plaats van een foto van {data.name}",
            "en": f"Abstract illustration in {data.colour_names.en}, in place of a photo of {data.name}",
            "fr": f"Illustration abstraite en {data.colour_names.fr}, à la place d'une photo de {data.name}",
            "ar": f"رسم تجريدي باللونين {data.colour_names.ar}، بدلًا من صورة {data.name}",
        }
        return {
            "title": data.name,
            "slug": data.slug,
            "introduction": data.introduction.get(language),
            "portrait_alt_text": alt[language],
            "country": country,
            "city": self.cities[language][data.city],
            "year": data.year,
            "body": body,
            "status": self.statuses[language][data.status] if data.status else None,
            "updates": [
                DefenderUpdate(
                    # The same in every language: wagtail-localize matches the
                    # translated update to its source by it.
                    translation_key=demo_key("update", f"{data.slug}:{number}"),
                    locale=self.locales[language],
                    sort_order=number,
                    date=update.date,
                    heading=update.heading.get(language),
                    text=clean_rich_text(
                        update.text.get(language), UPDATE_TEXT_FEATURES
                    ),
                    status=self.statuses[language][update.status]
                    if update.status
                    else None,
                    is_public=update.public,
                )
                for number, update in enumerate(data.updates)
            ],
        }

    def load_profile(
        self,
        index: dict[str, Page],
        key: str,
        data: content.ProfileData,
        news: dict[str, dict[str, Page]],
    ) -> None:
        translation_key = demo_key("page", f"profile:{key}")
        dutch = DefenderPage.objects.filter(
            locale=self.nl, translation_key=translation_key
        ).first()
        if dutch is None:
            dutch = DefenderPage(
                locale=self.nl,
                translation_key=translation_key,
                portrait=self.load_portrait(data),
                **self.profile_fields(data, "nl"),
            )
            dutch.defender_themes = [
                DefenderPageTheme(theme=self.themes["nl"][theme])
                for theme in data.themes
            ]
            dutch.related_news = [
                DefenderRelatedNews(news_page=news[item]["nl"])
                for item in data.related_news
            ]
            index["nl"].add_child(instance=dutch)
            dutch.save_revision().publish()
            self.created_object(f"defender page {dutch.title!r} (nl)")

        for language in content.profile_languages(data):
            self.translate(dutch, language, self.profile_fields(data, language))

    # Admin ------------------------------------------------------------------

    def load_admin(self) -> None:
        user_model = get_user_model()
        if user_model.objects.filter(username=ADMIN_USERNAME).exists():
            self.report(
                f"Admin login: user {ADMIN_USERNAME!r} already exists (its password "
                "was left as it is)."
            )
            return
        user_model.objects.create_superuser(
            username=ADMIN_USERNAME, email=ADMIN_EMAIL, password=ADMIN_PASSWORD
        )
        self.created_object(f"the admin user {ADMIN_USERNAME!r}")
        self.report(
            f"Admin login for this demo only: user {ADMIN_USERNAME!r}, password "
            f"{ADMIN_PASSWORD!r}."
        )
