"""The wagtail-defenders example site: configuration, URLs and the site templates."""
