"""Media on an S3-compatible server, for the tests that read and write images.

``DEFENDERS_TEST_S3=moto`` starts moto's S3 server on loopback in each test
process (a free port, a thread); ``DEFENDERS_TEST_S3=http://host:port`` uses a
server already running there (MinIO, moto_server). Either way the default file
storage becomes django-storages' ``S3Storage`` on a bucket of this process's
own, so no test can read a file through the local file system by accident.
Unset (the default), the tests keep their media on disk. ``.ci/run`` runs the
image, rendition, faceless, takedown and erasure tests this way.
"""

from __future__ import annotations

import os

#: Credentials moto accepts; no real account is ever used.
ACCESS_KEY = "testing"
SECRET_KEY = "testing"  # noqa: S105
REGION = "us-east-1"

_moto = None


def _endpoint(value: str) -> str:
    global _moto
    if value != "moto":
        return value.rstrip("/")
    if _moto is None:
        import logging

        from moto.server import ThreadedMotoServer

        # One line per request on the test's stderr otherwise.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)

        _moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        _moto.start()
    host, port = _moto.get_host_and_port()
    return f"http://{host}:{port}"


def _create_bucket(endpoint: str, bucket: str) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )
    try:
        client.create_bucket(Bucket=bucket)
    except client.exceptions.BucketAlreadyOwnedByYou:
        pass


def storages() -> dict | None:
    """The ``STORAGES`` setting for ``DEFENDERS_TEST_S3``, or ``None`` when unset."""
    value = os.environ.get("DEFENDERS_TEST_S3")
    if not value:
        return None
    endpoint = _endpoint(value)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    bucket = f"defenders-test-{worker}-{os.getpid()}"
    _create_bucket(endpoint, bucket)
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "region_name": REGION,
                # As docs/how-to/deploy.md advises: a new upload never replaces
                # another file of the same name, and URLs are plain (a public
                # bucket or a CDN in front).
                "file_overwrite": False,
                "querystring_auth": False,
            },
        },
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
