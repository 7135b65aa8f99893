"""Where each size's benchmark database lives, and how it is made whole.

SQLite (the default): a file per size in ``DEFENDERS_BENCH_DIR`` (the system's
temporary directory unless set). With ``DATABASE_URL`` naming a PostgreSQL
server: a database per size on it, named after ``DATABASE_URL``'s database.
Either is built under a ``-partial`` name and renamed once complete, so an
interrupted build is never measured; a complete one is kept and reused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .build import BUILD_VERSION


def bench_directory() -> Path:
    directory = Path(os.environ.get("DEFENDERS_BENCH_DIR", tempfile.gettempdir()))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def server_url() -> str | None:
    """``DATABASE_URL`` when it names a PostgreSQL server, else ``None``."""
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in ("postgres", "postgresql", "pgsql") else None


def engine() -> str:
    return "PostgreSQL" if server_url() else "SQLite"


class Database:
    """One size's database: its URL, whether it is complete, and its build."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.name = f"defenders_bench_{BUILD_VERSION}_{size}"
        self.media = bench_directory() / f"defenders-bench-media-{BUILD_VERSION}-{size}"
        self.server = server_url()

    # SQLite --------------------------------------------------------------
    def _file(self, partial: bool = False) -> Path:
        return bench_directory() / (
            self.name + ("-partial" if partial else "") + ".sqlite3"
        )

    # PostgreSQL ----------------------------------------------------------
    def _database_name(self, partial: bool = False) -> str:
        assert self.server  # noqa: S101
        base = urlsplit(self.server).path.lstrip("/") or "defenders"
        return f"{base}_{BUILD_VERSION}_{self.size}" + ("_partial" if partial else "")

    def _admin(self):
        """An autocommit connection to the server's ``postgres`` database."""
        import psycopg

        assert self.server  # noqa: S101
        parts = urlsplit(self.server)
        admin = urlunsplit(("postgresql", parts.netloc, "/postgres", "", ""))
        return psycopg.connect(admin, autocommit=True)

    def _exists(self, name: str) -> bool:
        with self._admin() as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
        return found is not None

    # ---------------------------------------------------------------------
    def url(self, partial: bool = False) -> str:
        if not self.server:
            return f"sqlite:///{self._file(partial)}"
        parts = urlsplit(self.server)
        path = "/" + self._database_name(partial)
        return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))

    def complete(self) -> bool:
        if not self.server:
            return self._file().exists()
        return self._exists(self._database_name())

    def start_build(self) -> str:
        """An empty partial database (a leftover one dropped); its URL."""
        shutil.rmtree(self.media, ignore_errors=True)
        if not self.server:
            self._file(partial=True).unlink(missing_ok=True)
        else:
            name = self._database_name(partial=True)
            with self._admin() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(partial=True)

    def finish_build(self) -> None:
        """The partial database, complete, under its final name."""
        if not self.server:
            os.replace(self._file(partial=True), self._file())
            return
        with self._admin() as connection:
            connection.execute(
                f'ALTER DATABASE "{self._database_name(partial=True)}" '
                f'RENAME TO "{self._database_name()}"'
            )

    def environment(self, partial: bool = False) -> dict[str, str]:
        """The child process's environment for this database."""
        return {
            **os.environ,
            "DATABASE_URL": self.url(partial),
            "DEFENDERS_BENCH_MEDIA": str(self.media),
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        }
