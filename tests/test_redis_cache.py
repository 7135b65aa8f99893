"""The cache generation and the whole-response cache on Redis, shared by two
processes (two app servers): an edit made in one is a miss in the other at once.

Runs when a Redis answers (``DEFENDERS_TEST_REDIS``, or 127.0.0.1:6379 database
15); skips when none does. The other process (``tests/redis_peer.py``) serves
the same database: on PostgreSQL the test's own, on SQLite a copy of it made
before the edit (an in-memory database is not shared), so there it can only
tell a miss (it queried the database) from a hit.
"""

from __future__ import annotations

import json
import os
import select
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.db import connection

from tests import factories
from tests.redis_cache import reachable_redis, redis_caches

REDIS = reachable_redis()
ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    # serialized_rollback: the flush after the test would take Wagtail's root
    # page and default locale (made by migrations) from the tests after it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        REDIS is None, reason="no Redis at 127.0.0.1:6379 (DEFENDERS_TEST_REDIS)"
    ),
]


class Peer:
    """The other process: ``get(path)`` is its answer, with its query count."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "tests.redis_peer"],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._answer()["ready"]

    def _answer(self) -> dict:
        ready, _, _ = select.select([self.process.stdout], [], [], 300)
        assert ready, "the other process did not answer"
        line = self.process.stdout.readline()
        assert line, f"the other process stopped ({self.process.wait()})"
        return json.loads(line)

    def get(self, path: str) -> dict:
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        answer = self._answer()
        assert answer["status"] == 200, (path, answer["status"])
        return answer

    def warm(self, path: str) -> None:
        """Learned, stored, then answered from the shared cache."""
        for _ in range(2):
            self.get(path)
        assert self.get(path)["queries"] == 0

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def _database_url(tmp_path: Path) -> tuple[str, bool]:
    """The other process's ``DATABASE_URL``, and whether it is this database."""
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(database["USER"] or "")
        if database["PASSWORD"]:
            credentials += ":" + quote(database["PASSWORD"])
        host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
        return f"postgres://{credentials}@{host}/{database['NAME']}", True
    if connection.vendor != "sqlite":
        pytest.skip("the other process needs PostgreSQL or a copy of SQLite")
    copy = tmp_path / "peer.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}", False


@pytest.fixture
def shared_cache(settings):
    """This process's default cache on Redis, under a prefix the peer shares."""
    prefix = f"defenders-test-peer-{uuid.uuid4().hex}"
    settings.CACHES = redis_caches(REDIS, prefix=prefix)
    settings.WAGTAIL_DEFENDERS = {**settings.WAGTAIL_DEFENDERS, "CACHE_TIMEOUT": 300}
    yield prefix
    caches["default"].clear()


def test_an_edit_in_one_process_is_a_miss_in_the_other_at_once(
    shared_cache, index, terms, tmp_path
):
    common = {"country": terms["mali"], "city": terms["den-haag"]}
    alassane = factories.profile(index, "Alassane", themes=[terms["lhbti"]], **common)
    maria = factories.profile(index, "Maria", themes=[terms["pers"]], **common)
    database_url, same_database = _database_url(tmp_path)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEFENDERS_TEST_S3", "PYTEST_ADDOPTS")
    }
    environment.update(
        DATABASE_URL=database_url,
        DEFENDERS_TEST_REDIS=REDIS,
        DEFENDERS_TEST_REDIS_PREFIX=shared_cache,
        DJANGO_SETTINGS_MODULE="tests.settings_redis_peer",
        PYTHONPATH=os.pathsep.join(sys.path),
    )
    peer = Peer(environment)
    try:
        listing = "/api/v2/defenders/"
        for path in (alassane.url, maria.url, index.url, listing):
            peer.warm(path)

        # Published here: the other process's next request for what shows the
        # profile misses, what does not show it stays warm.
        alassane.title = "Alassane Dicko"
        alassane.save_revision().publish()
        for path in (alassane.url, index.url, listing):
            answer = peer.get(path)
            assert answer["queries"] > 0, path
            if same_database:
                assert "Alassane Dicko" in answer["content"], path
        assert peer.get(maria.url)["queries"] == 0

        # A term edit starts a new generation, seen there too: everything misses.
        terms["pers"].name = "Persvrijheid en journalistiek"
        terms["pers"].save()
        answer = peer.get(maria.url)
        assert answer["queries"] > 0
        if same_database:
            assert "Persvrijheid en journalistiek" in answer["content"]
    finally:
        peer.close()
