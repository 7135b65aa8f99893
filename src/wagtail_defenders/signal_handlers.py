"""The package's receivers, connected by :func:`register_signal_handlers` from
``AppConfig.ready()``, each for the models it concerns (a ``sender``).

What they do after an edit:

- **cache generation** (:func:`wagtail_defenders.cache.content_changed`): a new
  one when anything a cached fragment or API response shows may have changed: a
  page other than a profile is published or unpublished, any page is deleted,
  moved or renamed, a page's privacy changes, a theme, country, city, status or
  image is saved or deleted, or a site or locale is saved or deleted. Coarse on purpose:
  a missed case would show a visitor a profile that was taken down. A profile
  published or unpublished bumps only the cache tags of what shows it
  (:func:`wagtail_defenders.cache_tags.profile_tags`), so every other page stays
  warm; a takedown starts a new generation too.
- **front-end cache** (:func:`wagtail_defenders.frontend_cache.purge_after_commit`):
  the profile, every index page and the API listings; the profiles showing a
  renamed term or a changed image; the profiles below a page whose privacy
  changed, or linking to news below it. A published or unpublished page itself
  is purged by Wagtail's own receivers.
- **no redirects to a profile**: Wagtail makes none
  (:meth:`~wagtail_defenders.models.DefenderPage.get_route_paths`); the
  automatic redirects to a profile made before (by an earlier version of the
  package) are deleted when it is published, renamed or moved again.
- **a new profile's sections**: the admin's add form for a profile opens with the
  three usual sections (:func:`wagtail_defenders.blocks.usual_sections`).
- **consent**: after a profile is published, what its consent records call for
  (:mod:`wagtail_defenders.consent`): a withdrawn story or language taken down,
  the switches set on every translation.
- **a new language's statuses**: a language added to the site gets the default
  statuses the others have, named in it (:mod:`wagtail_defenders.status_defaults`).
- **status history**: a publish that changed a profile's status is recorded in
  its history (:mod:`wagtail_defenders.status_history`).
- **image metadata**: every image (and every image upload the multiple uploader
  parks) is cleaned before it is stored (:mod:`wagtail_defenders.images.cleaning`),
  unless ``STRIP_IMAGE_METADATA`` is off.
"""

from __future__ import annotations

import copy
from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site, UploadedFile
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

try:  # Wagtail 8 moved the add view's signal from wagtail.admin.signals
    from wagtail.signals import init_new_page
except ImportError:  # Wagtail 7
    from wagtail.admin.signals import init_new_page

from .blocks import usual_sections
from .cache import content_changed
from .cache_tags import profile_tags
from .conf import defenders_settings
from .consent import profile_published
from .frontend_cache import frontend_cache_enabled, purge_after_commit
from .images.cleaning import clean_before_save
from .models import City, Country, DefenderIndexPage, DefenderPage, Status, Theme
from .status_defaults import seed_locale
from .status_history import record_status_change

DISPATCH_UID = "wagtail_defenders"


def _shows_profiles(page: Page) -> bool:
    return isinstance(page, DefenderPage | DefenderIndexPage)


def page_published_or_unpublished(sender: type, instance: Page, **kwargs: Any) -> None:
    """A profile: what shows it (:func:`~.cache_tags.profile_tags`); any other
    page: a new generation (it may be in any page's menu). A profile or index:
    purge the index pages and the API (Wagtail's receiver purges the page
    itself)."""
    if isinstance(instance, DefenderPage):
        content_changed(tags=profile_tags(instance))
    else:
        content_changed()
    if _shows_profiles(instance):
        purge_after_commit()


def page_renamed(
    sender: type, instance: Page, instance_before: Page, **kwargs: Any
) -> None:
    """A page's slug changed: its old and new URLs show something else now."""
    content_changed()
    if _shows_profiles(instance):
        purge_after_commit([instance, instance_before])


def page_moved(
    sender: type, instance: Page, url_path_before: str, **kwargs: Any
) -> None:
    """A page moved: its old and new URLs show something else now."""
    content_changed()
    if _shows_profiles(instance):
        before = copy.copy(instance)
        before.url_path = url_path_before
        purge_after_commit([instance, before])


def new_profile_opened(sender: type, page: Page, parent: Page, **kwargs: Any) -> None:
    """The add form of a profile opens: its body starts with the usual sections,
    kinds set, so the editor fills them in rather than assembles them.

    Sent only before the add view's first form (``init_new_page``), never when a
    submitted form is shown again, so nothing the editor removed comes back.
    """
    if isinstance(page, DefenderPage) and not page.body:
        page.body = usual_sections()


def page_deleted(sender: type, instance: Page, **kwargs: Any) -> None:
    """A page was deleted. A live page was unpublished first (Wagtail does that,
    and the purge with it)."""
    content_changed()


def profile_redirects_removed(sender: type, instance: Page, **kwargs: Any) -> None:
    """A profile was published, renamed or moved: delete the redirects Wagtail
    made to it automatically before the package stopped them (an old slug, often
    a real name, answering with the profile). Redirects an editor made by hand
    are the editor's choice and stay."""
    if not apps.is_installed("wagtail.contrib.redirects"):
        return
    # By app label: wagtail.contrib.redirects is optional, its models may not load.
    redirect_model = apps.get_model("wagtailredirects", "Redirect")
    redirect_model.objects.filter(
        redirect_page_id=instance.pk, automatically_created=True
    ).delete()


def term_saved(
    sender: type, instance: Any, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    """A theme, country, city or image changed: the live profiles showing it."""
    content_changed()
    if frontend_cache_enabled() and not raw:
        shown_by = DefenderPage.objects.none()
        if not created:
            shown_by = DefenderPage.objects.live().referring_to(instance)
        purge_after_commit(shown_by)


def term_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    """A theme, country, city or image was deleted (no profile used it)."""
    content_changed()
    purge_after_commit()


def restriction_changed(
    sender: type, instance: PageViewRestriction, raw: bool = False, **kwargs: Any
) -> None:
    """A page's privacy changed: what is below it may no longer be shown, or may be.

    The profiles at or below the page, and those linking to news at or below
    it, are purged too: a CDN must not keep serving the public copy of a
    profile that was just put behind a login.
    """
    content_changed()
    if frontend_cache_enabled() and not raw:
        purge_after_commit(
            DefenderPage.objects.live().affected_by_privacy_of(instance.page_id)
        )


def site_changed(sender: type, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A site or language was added, changed or removed: which profiles a site
    serves, and in which language by default, may have changed."""
    content_changed()
    if not raw:
        purge_after_commit()


def locale_added(
    sender: type,
    instance: Locale,
    created: bool = False,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """A language was added: the default statuses the site's other languages
    have, in this one, each joining its translation group."""
    if created and not raw:
        seed_locale(Status, instance, seed_missing=False)


def image_about_to_be_saved(
    sender: type,
    instance: Any,
    raw: bool = False,
    update_fields: Any = None,
    **kwargs: Any,
) -> None:
    """An image, or an image upload parked for the multiple uploader: clean its
    file before it is stored (a save that leaves the file alone: nothing)."""
    if raw or not defenders_settings.STRIP_IMAGE_METADATA:
        return
    if update_fields is not None and "file" not in update_fields:
        return
    clean_before_save(sender, instance)


def register_signal_handlers() -> None:
    """Connect every receiver of the package, each with its ``sender``."""
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        uid = f"{DISPATCH_UID}.{model._meta.label_lower}"
        page_published.connect(
            page_published_or_unpublished, sender=model, dispatch_uid=f"{uid}.pub"
        )
        page_unpublished.connect(
            page_published_or_unpublished, sender=model, dispatch_uid=f"{uid}.unpub"
        )
        page_slug_changed.connect(page_renamed, sender=model, dispatch_uid=uid)
        post_page_move.connect(page_moved, sender=model, dispatch_uid=uid)
    for model in page_models:
        if issubclass(model, DefenderPage):
            uid = f"{DISPATCH_UID}.redirects.{model._meta.label_lower}"
            for signal in (page_published, page_slug_changed, post_page_move):
                signal.connect(
                    profile_redirects_removed, sender=model, dispatch_uid=uid
                )
            page_published.connect(
                profile_published, sender=model, dispatch_uid=f"{uid}.consent"
            )
            page_published.connect(
                record_status_change, sender=model, dispatch_uid=f"{uid}.status"
            )
    from wagtail.admin.views.pages.create import CreateView

    init_new_page.connect(
        new_profile_opened, sender=CreateView, dispatch_uid=DISPATCH_UID
    )

    # Every page has a row in Page's table: its delete is sent once, for Page.
    post_delete.connect(page_deleted, sender=Page, dispatch_uid=DISPATCH_UID)

    for model in (Theme, Country, City, Status, get_image_model()):
        uid = f"{DISPATCH_UID}.{model._meta.label_lower}"
        post_save.connect(term_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(term_deleted, sender=model, dispatch_uid=uid)
    for model in (PageViewRestriction, Site, Locale):
        uid = f"{DISPATCH_UID}.{model._meta.label_lower}"
        receiver = restriction_changed if model is PageViewRestriction else site_changed
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid)
    post_save.connect(
        locale_added, sender=Locale, dispatch_uid=f"{DISPATCH_UID}.statuses"
    )

    for model in apps.get_models():
        if issubclass(model, AbstractImage | UploadedFile):
            pre_save.connect(
                image_about_to_be_saved,
                sender=model,
                dispatch_uid=f"{DISPATCH_UID}.strip_metadata.{model._meta.label_lower}",
            )
