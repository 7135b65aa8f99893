"""Withdrawing consent acts when the profile is published.

:func:`act_on_consent` runs after every publish of a profile that has consent
records (:mod:`wagtail_defenders.models.consent`), once the publish has
committed:

- consent for the **story** withdrawn: the takedown
  (:func:`~wagtail_defenders.takedown.take_down`) of the profile and every
  translation;
- consent for a **language** withdrawn: the takedown of the translations in
  that language only;
- the switches the records set (the portrait withheld, out of the API, out of
  search engines) are set on every translation at once, without waiting for a
  translation sync; a withheld portrait's renditions are deleted (their files
  go with them).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from . import cache
from .frontend_cache import purge_after_commit
from .models import DefenderPage
from .models.consent import story_withdrawn, withdrawn_languages


def act_on_consent(profile: DefenderPage, user=None) -> None:
    """Carry out what the profile's consent records call for (see the module)."""
    profile = DefenderPage.objects.get(pk=profile.pk)
    records = list(profile.consent_records.all())
    if not records:
        return
    from .takedown import take_down

    if story_withdrawn(records):
        if profile.live or _live_versions(profile, None):
            take_down(profile, user=user)
        return
    switches = profile.consent_reasons()
    if switches:
        versions = DefenderPage.objects.filter(
            translation_key=profile.translation_key
        ).exclude(pk=profile.pk)
        versions.update(**dict.fromkeys(switches, True))
        cache.content_changed()
        purge_after_commit([profile, *versions])
    if "withhold_portrait" in switches and profile.portrait_id:
        for rendition in profile.portrait.renditions.all():
            rendition.delete()
    languages = withdrawn_languages(records)
    if languages and _live_versions(profile, languages):
        take_down(profile, user=user, locale_ids=languages)


def _live_versions(profile: DefenderPage, locale_ids: set[int] | None) -> bool:
    versions = DefenderPage.objects.filter(
        translation_key=profile.translation_key, live=True
    )
    if locale_ids is not None:
        versions = versions.filter(locale_id__in=locale_ids)
    return versions.exists()


def profile_published(sender: type, instance: Any, **kwargs: Any) -> None:
    """Receiver of ``page_published`` for profiles: act once the publish commits."""
    user = getattr(kwargs.get("revision"), "user", None)
    transaction.on_commit(lambda: act_on_consent(instance, user=user))


REVIEWED_ACTION = "wagtail_defenders.consent_reviewed"


def mark_reviewed(profile: DefenderPage, user=None, today=None):
    """Record that the editor checked with the defender: every review past due
    (the profile's ``consent_review_by`` and its records' ``review_on``) moves to
    ``today + REVIEW_PERIOD``, on the profile, its translations (which follow the
    source's ``consent_review_by``) and its latest revision (so publishing that
    draft does not bring the old dates back); the review is logged in the page's
    history. Returns the new review date."""
    import datetime

    from wagtail.log_actions import log

    from .models.consent import REVIEW_PERIOD, due_records

    today = today or datetime.date.today()
    next_review = today + REVIEW_PERIOD
    with transaction.atomic():
        records = due_records(profile.consent_records.all(), today)
        ids = {record.pk for record in records}
        profile.consent_records.model.objects.filter(pk__in=ids).update(
            review_on=next_review
        )
        page_due = profile.consent_review_by and profile.consent_review_by < today
        if page_due:
            DefenderPage.objects.filter(translation_key=profile.translation_key).update(
                consent_review_by=next_review
            )
        revision = profile.latest_revision
        if revision is not None and isinstance(revision.content, dict):
            content = revision.content
            if page_due:
                content["consent_review_by"] = next_review.isoformat()
            # The draft's records may have no ids yet (saved before they were
            # first published): the same rule as due_records, on its data.
            for data in content.get("consent_records") or []:
                review_on = data.get("review_on")
                if (
                    review_on
                    and review_on < today.isoformat()
                    and not data.get("withdrawn_on")
                ):
                    data["review_on"] = next_review.isoformat()
            revision.save(update_fields=["content"])
        log(
            instance=profile,
            action=REVIEWED_ACTION,
            user=user,
            data={"next_review": next_review.isoformat()},
        )
    return next_review
