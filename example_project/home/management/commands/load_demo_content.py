"""``manage.py load_demo_content``: fill an empty example site with demo content."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from home.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Create the demo content of the example site in Dutch and English: host and "
        "partner cities, themes, countries, defender profiles, news and an admin "
        "login. Safe to run again: what exists is left as it is."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write("Loading the demo content:")
        created = DemoLoader(report=self.stdout.write).load()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Done: created {created} objects."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Nothing to do: the demo content is already there.")
            )
