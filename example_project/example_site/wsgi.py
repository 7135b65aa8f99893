"""WSGI entry point of the example site: a WSGI server runs it with the production
settings unless ``DJANGO_SETTINGS_MODULE`` says otherwise (``runserver`` is
started by ``manage.py``, which picks the development settings)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.production")

application = get_wsgi_application()
