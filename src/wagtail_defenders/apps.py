from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class WagtailDefendersAppConfig(AppConfig):
    """Profiles of human rights defenders: page types, taxonomies and their admin."""

    name = "wagtail_defenders"
    label = "wagtail_defenders"
    verbose_name = _("Human rights defenders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        if apps.is_installed("wagtail_localize"):
            from .translation_sync import install

            install()  # editors' words survive wagtail-localize's writes
