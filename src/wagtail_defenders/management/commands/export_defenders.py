"""``manage.py export_defenders``: the live, public profiles of a site as CSV or JSON
(:mod:`wagtail_defenders.exchange.export`).

``--include-drafts`` exports every profile of the site, drafts and private ones
too: refused unless ``--i-know-this-exports-private-data`` says the editor means it.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from wagtail.models import Locale, Site

from wagtail_defenders.exchange.export import (
    FORMATS,
    exported_profiles,
    request_for_site,
    write_export,
)


def find_site(host: str | None) -> Site:
    """The site of ``host`` (``hostname`` or ``hostname:port``), else the default."""
    if not host:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site: name one with --site.")
        return site
    hostname, _, port = host.partition(":")
    sites = Site.objects.filter(hostname=hostname)
    if port:
        if not port.isdigit():
            raise CommandError(f"--site: {host!r} is not hostname or hostname:port.")
        sites = sites.filter(port=int(port))
    found = list(sites[:2])
    if len(found) != 1:
        known = ", ".join(f"{s.hostname}:{s.port}" for s in Site.objects.all())
        raise CommandError(
            f"--site: {'no' if not found else 'more than one'} site has the host "
            f"{host!r}. Sites: {known or 'none'}."
        )
    return found[0]


def find_locale(code: str | None) -> Locale | None:
    if not code:
        return None
    locale = Locale.objects.filter(language_code__iexact=code).first()
    if locale is None:
        known = ", ".join(Locale.objects.values_list("language_code", flat=True))
        raise CommandError(f"--locale: no language {code!r}. Languages: {known}.")
    return locale


class Command(BaseCommand):
    help = (
        "Export the live, public profiles of a site (those the API shows) as CSV "
        "or JSON. The CSV has the columns import_defenders reads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format", choices=FORMATS, default="csv", dest="export_format"
        )
        parser.add_argument(
            "--locale", help="A language code such as nl; default: every language."
        )
        parser.add_argument(
            "--site", help="hostname or hostname:port; default: the default site."
        )
        parser.add_argument(
            "--output", help="A file to write; default: standard output."
        )
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help=(
                "Every profile of the site, drafts, private ones and those kept out "
                "of the API too. Needs --i-know-this-exports-private-data."
            ),
        )
        parser.add_argument(
            "--i-know-this-exports-private-data",
            action="store_true",
            dest="private_data_confirmed",
            help="Confirms --include-drafts.",
        )

    def handle(
        self,
        *args: Any,
        export_format: str = "csv",
        locale: str | None = None,
        site: str | None = None,
        output: str | None = None,
        include_drafts: bool = False,
        private_data_confirmed: bool = False,
        **options: Any,
    ) -> None:
        if include_drafts and not private_data_confirmed:
            raise CommandError(
                "--include-drafts exports drafts and private profiles, which may put "
                "people at risk. Add --i-know-this-exports-private-data to go on."
            )
        the_site = find_site(site)
        the_locale = find_locale(locale)
        profiles = exported_profiles(
            the_site, the_locale, include_drafts=include_drafts
        )
        meta = {
            "site": the_site.hostname,
            "locale": the_locale.language_code if the_locale else None,
            "include_drafts": include_drafts,
        }
        request = request_for_site(the_site)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = write_export(
                    profiles, stream, export_format, request=request, meta=meta
                )
            # On standard error, so that standard output stays the export itself.
            self.stderr.write(f"Exported {count} profile(s) to {output}.")
        else:
            buffer = io.StringIO()
            count = write_export(
                profiles, buffer, export_format, request=request, meta=meta
            )
            self.stdout.write(buffer.getvalue(), ending="")
            self.stderr.write(f"Exported {count} profile(s).")
