"""A second app server for tests/test_redis_cache.py, in a process of its own.

Reads one path a line on standard input, requests it through Django's test
client and writes one JSON line: the status, the number of database queries
and the content. ``DJANGO_SETTINGS_MODULE`` is ``tests.settings_redis_peer``.
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(line.strip())
        answer = {
            "status": response.status_code,
            "queries": len(queries),
            "content": response.content.decode(),
        }
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
