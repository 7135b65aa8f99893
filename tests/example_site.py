"""Run the example site (``example_project/``) from tests: a fresh SQLite database
in a temporary directory, the demo content, and ``runserver`` on a free loopback port.

The site runs in its own processes with its own settings, exactly as
``python3 dev.py demo`` runs it; nothing here imports the example site's code.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import wagtail_defenders

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "example_project" / "manage.py"
SETTINGS = "example_site.settings.dev"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


class ExampleSite:
    """The example site in ``directory``: its database and media live there."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.database = self.directory / "db.sqlite3"
        self.media = self.directory / "media"
        self.server: subprocess.Popen | None = None
        self.base_url = ""

    @property
    def environment(self) -> dict[str, str]:
        environment = {
            key: value
            for key, value in os.environ.items()
            # The test suite's own settings must not leak into the site.
            if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH"}
        }
        environment.update(
            # The package this test run imports (a work tree's src/, or the
            # installed wheel), not whichever copy the interpreter would find.
            PYTHONPATH=str(Path(wagtail_defenders.__file__).resolve().parent.parent),
            DJANGO_SETTINGS_MODULE=SETTINGS,
            EXAMPLE_SITE_DATABASE=str(self.database),
            EXAMPLE_SITE_MEDIA_ROOT=str(self.media),
            PYTHONUNBUFFERED="1",
        )
        return environment

    def manage(self, *arguments: str) -> str:
        """Run a ``manage.py`` command; returns its output, raises if it fails."""
        result = subprocess.run(  # noqa: S603
            [sys.executable, str(MANAGE), *arguments],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def prepare(self) -> str:
        """Migrate a fresh database and load the demo content; returns the loader's output."""
        self.manage("migrate", "--no-input", "-v", "0")
        return self.manage("load_demo_content")

    def copy(self, directory: Path) -> ExampleSite:
        """A copy of this site's database and media in ``directory``, not started."""
        copy = ExampleSite(directory)
        shutil.copy2(self.database, copy.database)
        if self.media.exists():
            shutil.copytree(self.media, copy.media)
        return copy

    def start(self) -> str:
        """Start ``runserver`` on a free loopback port; returns the base URL."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.log = (self.directory / "server.log").open("w")
        self.server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(MANAGE),
                "runserver",
                "--noreload",
                f"127.0.0.1:{port}",
            ],
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(
                    "The example site did not start:\n"
                    + (self.directory / "server.log").read_text()
                )
            try:
                with urllib.request.urlopen(self.base_url + "/", timeout=2):  # noqa: S310
                    return self.base_url
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("The example site did not answer within 60 seconds.")

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
            self.server = None
            self.log.close()
