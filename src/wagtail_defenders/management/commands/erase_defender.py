"""``manage.py erase_defender PAGE_ID``: erase a profile for good
(:func:`wagtail_defenders.erasure.erase_profile`).

Asks for confirmation unless ``--no-input``. Prints the number of pages and
images that went, never a title, so the command's output (often kept in a
shell history or a job log) names no one.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wagtail_defenders.erasure import erase_profile, plan_erasure
from wagtail_defenders.models import DefenderPage


class Command(BaseCommand):
    help = (
        "Erase a defender profile for good: the page, its translations and aliases, "
        "revisions, history, portraits and search entries. Cannot be undone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("page_id", type=int, help="The id of the profile page.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(
        self, *args: Any, page_id: int, interactive: bool = True, **options: Any
    ) -> None:
        profile = DefenderPage.objects.filter(pk=page_id).first()
        if profile is None:
            raise CommandError(f"No defender profile has the id {page_id}.")
        plan = plan_erasure(profile)
        self.stdout.write(
            f"This erases {len(plan.pages)} page(s), {plan.revision_count} revision(s) "
            f"and {len(plan.images)} image(s); {len(plan.kept_images)} image(s) "
            "stay because another page uses them."
        )
        if interactive:
            answer = input("Type 'erase' to erase the profile for good: ")
            if answer.strip() != "erase":
                raise CommandError("Nothing was erased.")
        plan = erase_profile(profile)
        self.stdout.write(
            self.style.SUCCESS(
                f"Erased {len(plan.pages)} page(s) and {len(plan.images)} image(s)."
            )
        )
        for image in plan.kept_images:
            self.stdout.write(f"Kept image {image.pk}: another page uses it.")
