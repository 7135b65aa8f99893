"""The example site's date formats, where Django's own for a language are not the
site's (``FORMAT_MODULE_PATH``): one format per language, on every page."""
