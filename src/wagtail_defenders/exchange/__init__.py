"""Profiles in and out: the open-data export and the import from other sites.

- :mod:`~wagtail_defenders.exchange.columns`: the CSV columns, one list for the
  export and the import, so an export imports again;
- :mod:`~wagtail_defenders.exchange.export`: what an export carries, through the
  visibility rule (``manage.py export_defenders``, an index page's
  ``export.csv`` and ``export.json``);
- :mod:`~wagtail_defenders.exchange.importer` and its readers
  (:mod:`~wagtail_defenders.exchange.readers`, :mod:`~wagtail_defenders.exchange.wxr`):
  ``manage.py import_defenders``.
"""
