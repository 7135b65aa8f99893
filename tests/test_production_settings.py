"""The example site's production settings (``example_site.settings.production``):
configured by the environment, refused without what they need, and clean under
``check --deploy --fail-level WARNING``.

Each case runs Django in a process of its own, from ``example_project/``, as a
deployment does; nothing connects to the database or the cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.own_database

EXAMPLE_PROJECT = Path(__file__).resolve().parent.parent / "example_project"

ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "example_site.settings.production",
    "DJANGO_SECRET_KEY": "x7Hq-" + "k2Pz9mW4rT8vB1nC6yL3sD0fG5hJ" * 2,
    "DJANGO_ALLOWED_HOSTS": "defenders.example.org, .example.net",
    "DATABASE_URL": "postgres://site:secret@db.example.org:5432/defenders",
    "REDIS_URL": "redis://cache.example.org:6379/0",
}


def django(*arguments: str, **environment: str | None) -> subprocess.CompletedProcess:
    """``python -m django ARGUMENTS`` with the production settings and
    ``environment`` over :data:`ENVIRONMENT` (``None`` leaves a variable out)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PYTHONPATH"}
        and not key.startswith("DJANGO_")
    }
    for key, value in {**ENVIRONMENT, **environment}.items():
        if value is not None:
            env[key] = value
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "django", *arguments],
        cwd=EXAMPLE_PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def settings_value(expression: str, **environment: str | None) -> str:
    result = django(
        "shell",
        "-c",
        f"from django.conf import settings; print(repr({expression}))",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    # The last line: Django 5.2's shell may first say what it imported.
    return result.stdout.strip().splitlines()[-1]


def test_check_deploy_is_clean():
    result = django("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "name", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
)
def test_a_missing_variable_stops_the_site_and_is_named(name):
    result = django("check", **{name: None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"The environment variable {name} is not set" in result.stderr


def test_only_postgresql():
    result = django("check", DATABASE_URL="sqlite:////tmp/example.sqlite3")
    assert result.returncode != 0
    assert "must name a PostgreSQL database" in result.stderr


def test_a_weak_secret_key_fails_the_deploy_check():
    result = django(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY="short"
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_values_come_from_the_environment():
    values = settings_value(
        "(settings.DEBUG, settings.ALLOWED_HOSTS, settings.CSRF_TRUSTED_ORIGINS,"
        " settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['HOST'],"
        " settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'],"
        " settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE,"
        " settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS,"
        " settings.WAGTAILADMIN_BASE_URL,"
        " getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    assert values == repr(
        (
            False,
            ["defenders.example.org", ".example.net"],
            ["https://defenders.example.org", "https://*.example.net"],
            "django.db.backends.postgresql",
            "db.example.org",
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.example.org:6379/0",
            True,
            True,
            True,
            31536000,
            "https://defenders.example.org",
            None,
        )
    )
    assert settings_value(
        "settings.SECURE_PROXY_SSL_HEADER", DJANGO_SECURE_PROXY_SSL_HEADER="1"
    ) == repr(("HTTP_X_FORWARDED_PROTO", "https"))
