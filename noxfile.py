"""The support matrix: every tested combination of Python, Django, Wagtail and database.

    nox -s build                  build the sdist and wheel, check them (twine, contents)
    nox -s tests                  the whole matrix, each against the installed wheel
    nox -t ci                     the subset that ``.ci/matrix`` runs
    nox -s docs                   build the documentation with ``--strict``
    nox -l                        list every session

Every ``tests`` session installs the wheel from ``dist/`` (building it when there is
none), never the source tree, and runs the repository's ``tests/`` against it: a
template, static file, translation or migration missing from the package data fails
there. ``MATRIX`` is the single statement of what is supported; the ``build`` session
refuses classifiers in ``pyproject.toml`` that say anything else.

Databases: SQLite runs in memory; ``DEFENDERS_POSTGRES_URL`` and ``DEFENDERS_MARIADB_URL``
override the local servers' addresses used for PostgreSQL and MariaDB.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox
import tomllib

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"

nox.options.sessions = ["build", "tests", "docs"]
nox.options.error_on_missing_interpreters = True

DATABASE_URLS = {
    "sqlite": None,
    "postgres": os.environ.get(
        "DEFENDERS_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
    ),
    "mariadb": os.environ.get(
        "DEFENDERS_MARIADB_URL", "mysql://root@127.0.0.1:3306/test"
    ),
}

# Which Django each Wagtail release supports, from its wheel's classifiers; Django 6.x
# needs Python 3.12 or newer.
WAGTAIL_DJANGO = {"7.0": ["5.2"], "7.4": ["5.2", "6.0"], "8.0": ["5.2", "6.0", "6.1"]}
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


def _combinations() -> list[tuple[str, str, str, str]]:
    """Every Python x Django x Wagtail combination on SQLite; PostgreSQL and MariaDB
    with the lowest, a middle (latest Wagtail 7.x, Django 6.0) and the newest."""
    combinations = [
        (python, django, wagtail, "sqlite")
        for python in PYTHONS
        for wagtail, djangos in WAGTAIL_DJANGO.items()
        for django in djangos
        if not (django.startswith("6.") and python < "3.12")
    ]
    ends = [("3.10", "5.2", "7.0"), ("3.12", "6.0", "7.4"), ("3.13", "6.1", "8.0")]
    for database in ("postgres", "mariadb"):
        combinations += [(*versions, database) for versions in ends]
    return combinations


MATRIX = _combinations()

# What CI runs: the newest combination on PostgreSQL (``nox -t ci-postgres``, the
# PostgreSQL step of .ci/run), then in .ci/matrix the lowest combination and MariaDB
# once, with the latest Wagtail 7.x and Django 6.0, so each Django and Wagtail line
# is exercised in CI as well (``nox -t ci``).
CI = {
    ("3.10", "5.2", "7.0", "sqlite"),
    ("3.12", "6.0", "7.4", "mariadb"),
}
CI_POSTGRES = {("3.13", "6.1", "8.0", "postgres")}
assert CI | CI_POSTGRES <= set(MATRIX), "the CI subset must be part of the matrix"  # noqa: S101


def _next(version: str) -> str:
    major, minor = version.split(".")
    return f"{major}.{int(minor) + 1}"


def _wheel(session: nox.Session) -> Path:
    """The one wheel in ``dist/``, built first when there is none."""
    wheels = sorted(DIST.glob("wagtail_defenders-*.whl"))
    if not wheels:
        session.log("No wheel in dist/: building one")
        session.install("build")
        session.run(
            "python", "-m", "build", "--wheel", "--outdir", str(DIST), str(ROOT)
        )
        wheels = sorted(DIST.glob("wagtail_defenders-*.whl"))
    if len(wheels) != 1:
        session.error(f"expected one wheel in dist/, found {[w.name for w in wheels]}")
    return wheels[0]


def _check_classifiers(session: nox.Session) -> None:
    """The trove classifiers state exactly the tested Python, Django and Wagtail lines."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    tested = {
        "Programming Language :: Python :: ": {python for python, *_ in MATRIX},
        "Framework :: Django :: ": {django for _, django, *_ in MATRIX},
        "Framework :: Wagtail :: ": {
            wagtail.split(".")[0] for *_, wagtail, _ in MATRIX
        },
    }
    for prefix, versions in tested.items():
        declared = {
            classifier.removeprefix(prefix)
            for classifier in project["classifiers"]
            # "Python :: 3" (the major alone) and "Python :: 3 :: Only" are not versions.
            if classifier.startswith(prefix)
            and classifier.removeprefix(prefix) != "3"
            and "::" not in classifier.removeprefix(prefix)
        }
        if declared != versions:
            session.error(
                f"classifiers {prefix}{sorted(declared)} differ from the tested "
                f"{sorted(versions)}: change MATRIX or pyproject.toml"
            )
    session.log("Classifiers match the tested matrix")


def _extra(name: str) -> list[str]:
    """The requirements of one of pyproject.toml's extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["optional-dependencies"][name]


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist and wheel into dist/ and check them."""
    _check_classifiers(session)
    session.install("build", "twine")
    shutil.rmtree(DIST, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(DIST), str(ROOT))
    session.run("python", "-m", "twine", "check", "--strict", *map(str, DIST.iterdir()))
    session.run("python", str(ROOT / "scripts" / "check_distributions.py"), str(DIST))


@nox.session
@nox.parametrize(
    ["python", "django", "wagtail", "database"],
    [
        nox.param(
            *combination,
            id="py{}-django{}-wagtail{}-{}".format(*combination),
            tags=(
                ["ci"]
                if combination in CI
                else ["ci-postgres"]
                if combination in CI_POSTGRES
                else []
            ),
        )
        for combination in MATRIX
    ],
)
def tests(session: nox.Session, django: str, wagtail: str, database: str) -> None:
    """Run the suite (browser tests aside) against the installed wheel; arguments
    after ``--`` go to pytest (a later ``-m`` replaces this one)."""
    wheel = _wheel(session)
    extras = "test,mysql" if database == "mariadb" else "test"
    session.install(
        f"{wheel}[{extras}]",
        f"Django>={django},<{_next(django)}",
        f"wagtail>={wagtail},<{_next(wagtail)}",
    )
    # The version does not change between builds: always put this wheel's files in.
    session.install("--force-reinstall", "--no-deps", str(wheel))

    environment = {"PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    if DATABASE_URLS[database]:
        environment["DATABASE_URL"] = DATABASE_URLS[database]
    session.run(
        "python",
        "-c",
        "import django, wagtail, wagtail_defenders, sys;"
        "location = wagtail_defenders.__file__;"
        "print('wagtail_defenders from', location);"
        "print('Django', django.__version__, 'Wagtail', wagtail.__version__);"
        f"sys.exit(0 if location.startswith({session.virtualenv.location!r}) else 1)",
        env=environment,
    )
    # Migrations do not depend on the database; on PostgreSQL, Django 6's system
    # checks would also want django.contrib.postgres, which the test settings leave out.
    session.run(
        "python",
        "-m",
        "django",
        "makemigrations",
        "--check",
        "--dry-run",
        env={**environment, "DATABASE_URL": "sqlite:///:memory:"},
    )
    session.run(
        "python",
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-m",
        "not browser",
        "-q",
        "-n",
        "auto",
        *session.posargs,
        env=environment,
    )


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation into site/, failing on any warning."""
    session.install(*_extra("docs"))
    session.run(
        "python",
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--site-dir",
        "site",
        env={"NO_MKDOCS_2_WARNING": "1"},
    )
