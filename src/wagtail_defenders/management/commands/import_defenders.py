"""``manage.py import_defenders PATH``: profiles from a CSV file, a JSON export
(or API v2 output) or a WordPress export (WXR), as drafts unless ``--publish``
(:mod:`wagtail_defenders.exchange.importer`).

The output names rows and source ids, never a defender's name: it ends up in
shell histories and job logs. The exit code is 1 when any row failed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wagtail_defenders.exchange.importer import Importer, Outcome
from wagtail_defenders.exchange.readers import SourceError, read_csv, read_json
from wagtail_defenders.models import DefenderIndexPage

FORMATS = {".csv": "csv", ".json": "json", ".xml": "wxr", ".wxr": "wxr"}


def find_index(page_id: int | None) -> DefenderIndexPage:
    if page_id is not None:
        index = DefenderIndexPage.objects.filter(pk=page_id).first()
        if index is None:
            raise CommandError(f"--index: no defender index page has the id {page_id}.")
        return index
    # One index page per language version counts as one.
    indexes = list(
        DefenderIndexPage.objects.order_by("pk").values_list("pk", "translation_key")
    )
    keys = {key for _pk, key in indexes}
    if not indexes:
        raise CommandError("There is no defender index page: make one first.")
    if len(keys) > 1:
        ids = ", ".join(str(pk) for pk, _key in indexes)
        raise CommandError(
            f"There is more than one index page: choose one with --index ({ids})."
        )
    return DefenderIndexPage.objects.get(pk=indexes[0][0])


class Command(BaseCommand):
    help = (
        "Import defender profiles from a CSV file, a JSON export or a WordPress "
        "export (WXR). Imported profiles are drafts unless --publish."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--format",
            choices=sorted(set(FORMATS.values())),
            dest="source_format",
            help="Default: from the file's extension (.csv, .json, .xml).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what is imported (default: drafts).",
        )
        parser.add_argument(
            "--source",
            help="A name for where the profiles come from; the same name again "
            "updates what it imported. Default: the file's name.",
        )
        parser.add_argument(
            "--index",
            type=int,
            dest="index_id",
            help="The id of the index page that receives the profiles.",
        )
        parser.add_argument(
            "--images",
            type=Path,
            help="A folder of image files (a copy of wp-content/uploads), matched by file name.",
        )
        wxr = parser.add_argument_group("WordPress (WXR)")
        wxr.add_argument("--post-type", default="post", help="Default: post.")
        wxr.add_argument(
            "--category",
            help="Only the posts in these categories (slugs, separated by commas).",
        )
        wxr.add_argument(
            "--theme-taxonomies",
            default="category,post_tag",
            help="Taxonomies whose terms become themes. Default: category,post_tag.",
        )
        wxr.add_argument(
            "--country-taxonomy", default="country", help="Default: country."
        )
        wxr.add_argument("--city-taxonomy", default="city", help="Default: city.")
        wxr.add_argument("--status-taxonomy", default="status", help="Default: status.")
        wxr.add_argument(
            "--locale",
            help="The language of posts that WPML or Polylang did not mark. Default: the index page's.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        source_format = options["source_format"] or FORMATS.get(path.suffix.lower())
        if source_format is None:
            raise CommandError(
                f"Cannot tell the format of {path.name}: give --format csv, json or wxr."
            )
        images = options["images"]
        if images is not None and not images.is_dir():
            raise CommandError(f"--images: no folder {images}.")
        index = find_index(options["index_id"])
        source = options["source"] or path.name
        try:
            records = list(self.read(path, source_format, index, options))
        except SourceError as error:
            raise CommandError(str(error)) from error
        importer = Importer(
            source=source,
            index=index,
            publish=options["publish"],
            dry_run=options["dry_run"],
            images=images,
        )
        total = len(records)
        on_terminal = self.stdout.isatty()
        done = 0

        def progress(outcome: Outcome) -> None:
            nonlocal done
            done += 1
            if on_terminal:
                filled = 30 * done // max(total, 1)
                bar = "#" * filled + "." * (30 - filled)
                self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
                if done == total:
                    self.stdout.write("")
            elif options["verbosity"] >= 1:
                self.stdout.write(f"{done}/{total}")

        outcomes = importer.run(records, progress)
        self.report(outcomes, options["dry_run"], source)

    def read(self, path: Path, source_format: str, index, options):
        if source_format == "csv":
            return read_csv(path)
        if source_format == "json":
            return read_json(path)
        from wagtail_defenders.exchange.wxr import WxrOptions, read_wxr

        return read_wxr(
            path,
            WxrOptions(
                post_type=options["post_type"],
                categories=tuple(
                    slug.strip()
                    for slug in (options["category"] or "").split(",")
                    if slug.strip()
                ),
                theme_taxonomies=tuple(
                    name.strip()
                    for name in options["theme_taxonomies"].split(",")
                    if name.strip()
                ),
                country_taxonomy=options["country_taxonomy"],
                city_taxonomy=options["city_taxonomy"],
                status_taxonomy=options["status_taxonomy"],
                default_locale=(options["locale"] or index.locale.language_code),
            ),
        )

    def report(self, outcomes: list[Outcome], dry_run: bool, source: str) -> None:
        would = "would be " if dry_run else ""
        for outcome in outcomes:
            row = f"row {outcome.row}" if outcome.row.isdigit() else outcome.row
            where = (
                f"{row} (source id {outcome.source_id or '?'}, {outcome.locale or '?'})"
            )
            if outcome.action == "failed":
                self.stderr.write(self.style.ERROR(f"{where}: not imported"))
                for problem in outcome.problems:
                    self.stderr.write(f"  {problem.column}: {problem.message}")
            else:
                page = (
                    f", page {outcome.page_id}"
                    if outcome.page_id and not dry_run
                    else ""
                )
                self.stdout.write(f"{where}: {would}{outcome.action}{page}")
            for note in outcome.notes:
                self.stdout.write(f"  {note}")
        counts = Counter(outcome.action for outcome in outcomes)
        summary = (
            f"{'Dry run, nothing changed. ' if dry_run else ''}Source {source!r}: "
            f"{counts['created']} {would}created, {counts['updated']} {would}updated, "
            f"{counts['unchanged']} unchanged, {counts['skipped']} skipped, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
