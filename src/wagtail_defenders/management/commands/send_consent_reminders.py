"""``manage.py send_consent_reminders``: e-mail the editors of every profile whose
consent review is past due (weekly, from cron).

Who is e-mailed, per profile (:func:`recipients`): its owner and everyone who
saved a revision of it, who is active, has an e-mail address and may still edit
it; when none of them is left, every active user with an e-mail address who may
edit it (administrators included). The e-mail holds the profile's title and the
address of its edit view, nothing else about the defender. The output gives
page ids and counts, never a title.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Revision

from wagtail_defenders.conf import wagtail_setting
from wagtail_defenders.models import DefenderPage
from wagtail_defenders.models.consent import profiles_due_for_review


def _can_edit(user, profile: DefenderPage) -> bool:
    return bool(
        user.is_active and user.email and profile.permissions_for_user(user).can_edit()
    )


def recipients(profile: DefenderPage) -> list[Any]:
    """The editors to remind about ``profile`` (see the module for the rule)."""
    user_model = get_user_model()
    author_ids = set(
        Revision.page_revisions.filter(object_id=str(profile.pk))
        .exclude(user=None)
        .values_list("user_id", flat=True)
    )
    if profile.owner_id:
        author_ids.add(profile.owner_id)
    editors = [
        user
        for user in user_model.objects.filter(pk__in=author_ids).order_by("pk")
        if _can_edit(user, profile)
    ]
    if editors:
        return editors
    return [
        user
        for user in user_model.objects.filter(is_active=True)
        .exclude(email="")
        .order_by("pk")
        if _can_edit(user, profile)
    ]


def _language_of(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") if profile else ""
    return language or settings.LANGUAGE_CODE


class Command(BaseCommand):
    help = (
        "E-mail the editors of every profile whose consent review is past due, "
        "with only the profile's title and admin address."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = (wagtail_setting("WAGTAILADMIN_BASE_URL") or "").rstrip("/")
        profiles = list(profiles_due_for_review().order_by("pk"))
        self.stdout.write(f"{len(profiles)} profile(s) with a consent review due.")
        sent = 0
        for profile in profiles:
            editors = recipients(profile)
            link = base_url + reverse("wagtailadmin_pages:edit", args=[profile.pk])
            for editor in editors:
                with translation.override(_language_of(editor)):
                    send_mail(
                        _("Consent review due: %(title)s") % {"title": profile.title},
                        _(
                            "The consent for the profile “%(title)s” is due for "
                            "review. Check with the defender, then mark it as "
                            "reviewed in the 'Consent reviews due' report, or "
                            "update the consent records:\n\n%(link)s\n"
                        )
                        % {"title": profile.title, "link": link},
                        None,
                        [editor.email],
                    )
                sent += 1
            self.stdout.write(
                f"Profile {profile.pk}: {len(editors)} editor(s) e-mailed."
            )
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder(s) sent."))
