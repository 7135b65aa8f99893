"""Images: what the package does to keep them safe and cheap to show.

- :mod:`~wagtail_defenders.images.metadata`: keeping only what rendering needs in
  an image file (pure: bytes in, bytes out), with
  :mod:`~wagtail_defenders.images.containers` (the allow-list of each format's
  parts) and :mod:`~wagtail_defenders.images.svg` (the SVG sanitiser);
- :mod:`~wagtail_defenders.images.cleaning`: cleaning the files of image models on
  their way into the storage and in it (the ``pre_save`` receiver and the
  ``strip_image_metadata`` command use it);
- :mod:`~wagtail_defenders.images.forms`: the image form base that turns an
  unreadable upload into a form error (``WAGTAILIMAGES_IMAGE_FORM_BASE``);
- :mod:`~wagtail_defenders.images.renditions`: the named portrait sizes and
  reading prefetched renditions.
"""
