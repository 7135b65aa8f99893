"""The year index serves the listings' order with the profiles without a year last.

On PostgreSQL the index is rebuilt as ``(year DESC NULLS LAST)``: its ``(year DESC)``
keeps NULL first and could not serve ``ORDER BY year DESC NULLS LAST``. SQLite,
MariaDB and MySQL get the same ``(year DESC)`` back (NullsLastIndex).
"""

import wagtail_defenders.models.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_defenders", "0009_defender_year_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="defenderpage",
            name="wagtail_defenders_year_desc",
        ),
        migrations.AddIndex(
            model_name="defenderpage",
            index=wagtail_defenders.models.indexes.NullsLastIndex(
                fields=["-year"], name="wagtail_defenders_year_desc"
            ),
        ),
    ]
