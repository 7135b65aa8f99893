"""The package's migrations run on the lowest supported Wagtail (7.0).

``makemigrations`` on a newer Wagtail adds a dependency on that Wagtail's newest
migration (Wagtail 8's ``wagtailcore.0098_apitoken``, say), which a site on Wagtail
7.0 does not have: its ``migrate`` then fails with NodeNotFoundError.
"""

import pytest
from django.db.migrations.loader import MigrationLoader

# The newest migration of each app the package may depend on, in its lowest
# supported release (Wagtail 7.0, wagtail-localize 1.x as the test extra installs).
NEWEST_AT_THE_LOWEST = {
    "wagtailcore": 94,
    "wagtailimages": 27,
    "wagtaildocs": 14,
}


@pytest.mark.django_db
def test_dependencies_exist_in_the_lowest_supported_wagtail():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    too_new = []
    for (app, name), migration in loader.disk_migrations.items():
        if app != "wagtail_defenders":
            continue
        for dep_app, dep_name in migration.dependencies:
            if dep_app in NEWEST_AT_THE_LOWEST and dep_name[:4].isdigit():
                if int(dep_name[:4]) > NEWEST_AT_THE_LOWEST[dep_app]:
                    too_new.append(f"{name} -> {dep_app}.{dep_name}")
    assert not too_new, too_new
