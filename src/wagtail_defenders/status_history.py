"""A profile's status changes, recorded in the page's history.

Publishing a profile whose status changed (by the editor, or from its newest
public update: :meth:`~wagtail_defenders.models.DefenderPage.apply_updates`)
adds a ``wagtail_defenders.status_changed`` entry to the page's history, with
the statuses before and after, by the user the admin's log context names.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

STATUS_CHANGED_ACTION = "wagtail_defenders.status_changed"


def record_status_change(sender: type, instance: Any, **kwargs: Any) -> None:
    """``page_published`` receiver: log the status change the publish saved."""
    change = getattr(instance, "status_change", None)
    if not change:
        return
    before_id, after_id = change
    from .models import Status

    names = dict(
        Status.objects.filter(pk__in=[pk for pk in change if pk]).values_list(
            "pk", "name"
        )
    )
    log(
        instance=instance,
        action=STATUS_CHANGED_ACTION,
        revision=kwargs.get("revision"),
        data={
            "status": {
                "old": names.get(before_id, ""),
                "new": names.get(after_id, ""),
                "old_id": before_id,
                "new_id": after_id,
            }
        },
    )
    instance.status_change = None


class StatusChangedFormatter(LogFormatter):
    """How the history names a status change: "Status: Detained → Released"."""

    label = _("Change the defender's status")

    def format_message(self, log_entry) -> str:
        status = (log_entry.data or {}).get("status", {})
        old, new = status.get("old") or "", status.get("new") or ""
        none = pgettext("defender's situation", "none")
        return gettext("Status changed from “%(old)s” to “%(new)s”.") % {
            "old": old or none,
            "new": new or none,
        }
