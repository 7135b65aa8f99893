#!/usr/bin/env python3
"""Check what ships: the wheel and sdist in a directory (``dist/`` by default).

    python scripts/check_distributions.py [dist]

The wheel must hold every template, static file, translation catalogue (``.po`` and a
compiled ``.mo`` that loads) and migration under ``src/wagtail_defenders/``, and
nothing from ``tests/`` or ``example_project/``; the sdist must hold the licence, the
README, the changelog and the tests. Exits non-zero with a list of what is wrong.
Uses the standard library only.
"""

from __future__ import annotations

import gettext
import io
import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wagtail_defenders"

# Package data a site needs at run time, as (directory under the package, pattern).
PACKAGE_DATA = [
    ("templates", "**/*.html"),
    ("static", "**/*.*"),
    ("locale", "**/*.po"),
    ("locale", "**/*.mo"),
    ("migrations", "*.py"),
]
# Files that must be present whatever else changes.
ALWAYS = [
    "wagtail_defenders/templates/wagtail_defenders/defender_page.html",
    "wagtail_defenders/templates/wagtail_defenders/defender_index_page.html",
    "wagtail_defenders/static/wagtail_defenders/css/defenders.css",
    "wagtail_defenders/locale/nl/LC_MESSAGES/django.po",
    "wagtail_defenders/locale/nl/LC_MESSAGES/django.mo",
    "wagtail_defenders/migrations/0001_initial.py",
]
SDIST_FILES = [
    "LICENSE",
    "README.md",
    "CHANGELOG.md",
    "pyproject.toml",
    "tests/settings.py",
]


def expected_package_data() -> set[str]:
    """The package data in the source tree, as paths inside the wheel."""
    expected = set(ALWAYS)
    for directory, pattern in PACKAGE_DATA:
        for path in (PACKAGE / directory).glob(pattern):
            if path.is_file() and "__pycache__" not in path.parts:
                expected.add(
                    f"wagtail_defenders/{path.relative_to(PACKAGE).as_posix()}"
                )
    return expected


def check_wheel(wheel: Path) -> list[str]:
    problems = []
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for missing in sorted(expected_package_data() - names):
            problems.append(f"{wheel.name}: missing {missing}")
        for name in sorted(names):
            top = PurePosixPath(name).parts[0]
            if top in {"tests", "example_project", "docs", "scripts"}:
                problems.append(f"{wheel.name}: should not ship {name}")
        for name in sorted(n for n in names if n.endswith(".mo")):
            try:
                gettext.GNUTranslations(io.BytesIO(archive.read(name)))
            except OSError as error:
                problems.append(
                    f"{wheel.name}: {name} is not a valid catalogue: {error}"
                )
    return problems


def check_sdist(sdist: Path) -> list[str]:
    with tarfile.open(sdist) as archive:
        # Members are "<name>-<version>/<path>".
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    return [
        f"{sdist.name}: missing {name}" for name in SDIST_FILES if name not in names
    ]


def main() -> int:
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist")
    wheels = sorted(dist.glob("wagtail_defenders-*.whl"))
    sdists = sorted(dist.glob("wagtail_defenders-*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"expected one wheel and one sdist in {dist}, found {wheels + sdists}")
        return 1
    problems = check_wheel(wheels[0]) + check_sdist(sdists[0])
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{wheels[0].name} and {sdists[0].name} hold what a site needs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
