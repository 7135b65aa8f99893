from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_defenders", "0008_call_to_action"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="defenderpage",
            index=models.Index(fields=["-year"], name="wagtail_defenders_year_desc"),
        ),
    ]
