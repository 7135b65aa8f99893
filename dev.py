#!/usr/bin/env python3
"""The project's two commands, for a fresh machine with only Python 3.10+.

    python3 dev.py test [pytest arguments]   run the whole test suite (in parallel;
                                             -n 0 for one process)
    python3 dev.py demo                      run the example site on 127.0.0.1:8000
    python3 dev.py bench [--sizes 1000,10000] [--server]
                                             time pages and API at 10, 100, 1,000 profiles
                                             (on PostgreSQL when DATABASE_URL names one;
                                             --server: under gunicorn, with wrk)
    python3 dev.py screenshots               retake the docs' screenshots
                                             (docs/images/) from the example site
    python3 dev.py fuzz [--requests N] [--seed S]
                                             fuzz every endpoint of the example site
                                             (10,000 requests by default; a release
                                             step): no request may answer 5xx

Each makes the virtual environment ``.venv`` when it is missing and installs what
it needs into it (again when ``pyproject.toml`` changes). ``DATABASE_URL`` picks
the test database; SQLite is the default. The fuzz makes a fresh database from
``DATABASE_URL`` (PostgreSQL at postgres://postgres@127.0.0.1:5432/defenders_fuzz
by default; it is dropped first) and prints a fresh seed to repeat a run with.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEFENDERS_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def run(*command: str | Path, **kwargs) -> None:
    subprocess.run([str(part) for part in command], check=True, **kwargs)  # noqa: S603


def ensure_environment(extras: str) -> None:
    """Create ``.venv`` and install the package with ``extras``, if not done yet."""
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    fingerprint = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    ).hexdigest()
    stamp = VENV / f".installed-{extras.replace(',', '-')}"
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    say(f"Installing wagtail-defenders[{extras}] and its dependencies")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extras}]")
    stamp.write_text(fingerprint)


def parallel_arguments(arguments: list[str]) -> list[str]:
    """pytest-xdist's arguments for one worker per CPU, unless ``arguments`` choose.

    ``-n 0`` (or ``-p no:xdist``) runs the suite in one process. The browser tests
    share one example site, so ``loadgroup`` keeps them on one worker.
    """
    chosen = any(
        argument in ("-n", "--numprocesses", "no:xdist")
        or argument.startswith(("-n", "--numprocesses="))
        for argument in arguments
    )
    return [] if chosen else ["-n", "auto", "--dist", "loadgroup"]


def test(arguments: list[str]) -> int:
    ensure_environment("test")
    database = os.environ.get("DATABASE_URL", "SQLite in memory")
    say(f"Running the test suite on {database}")
    command = [str(PYTHON), "-m", "pytest", *parallel_arguments(arguments), *arguments]
    return subprocess.call(command, cwd=ROOT)  # noqa: S603


def demo(arguments: list[str]) -> int:
    ensure_environment("demo")
    manage = [str(PYTHON), str(ROOT / "example_project" / "manage.py")]
    say("Migrating the example site's SQLite database")
    run(*manage, "migrate", "--no-input")
    say("Loading the demo content")
    run(*manage, "load_demo_content")
    say("Starting the example site: open http://127.0.0.1:8000/ (admin: /admin/)")
    return subprocess.call([*manage, "runserver", "127.0.0.1:8000", *arguments])  # noqa: S603


def bench(arguments: list[str]) -> int:
    ensure_environment("test,bench" if "--server" in arguments else "test")
    say("Benchmarking the pages and the API (tests/bench/run.py)")
    return subprocess.call([str(PYTHON), "-m", "tests.bench.run", *arguments], cwd=ROOT)  # noqa: S603


def screenshots(arguments: list[str]) -> int:
    """Run the browser tests that take the docs' screenshots, then copy them into
    ``docs/images/`` (``scripts/update_doc_screenshots.py`` names which)."""
    ensure_environment("test")
    say("Taking the screenshots (browser tests of the visitor and the editor)")
    tests = ["tests/browser/test_visitor.py", "tests/browser/test_editor.py"]
    command = [str(PYTHON), "-m", "pytest", "-n", "0", "-p", "no:cacheprovider"]
    failed = subprocess.call([*command, *tests, *arguments], cwd=ROOT)  # noqa: S603
    if failed:
        return failed
    say("Copying them into docs/images/: look at them before you commit")
    script = ROOT / "scripts" / "update_doc_screenshots.py"
    return subprocess.call([str(PYTHON), str(script)], cwd=ROOT)  # noqa: S603


def fuzz(arguments: list[str]) -> int:
    ensure_environment("test,fuzz")
    say("Fuzzing the example site's endpoints (tests/fuzz/run.py)")
    return subprocess.call([str(PYTHON), "-m", "tests.fuzz.run", *arguments], cwd=ROOT)  # noqa: S603


COMMANDS = {
    "test": test,
    "demo": demo,
    "bench": bench,
    "screenshots": screenshots,
    "fuzz": fuzz,
}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__)
        return 2
    if sys.version_info < (3, 10):  # noqa: UP036  (dev.py runs on any python3)
        print("wagtail-defenders needs Python 3.10 or newer.", file=sys.stderr)
        return 2
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
