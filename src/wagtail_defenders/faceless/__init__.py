"""Faceless portraits: a new image in which chosen regions (faces, tattoos,
licence plates, landmarks) are pixelated beyond recovery, in place of the
original on every version of a profile.

- :mod:`.regions`: the regions an editor chose, checked, and how strongly each
  is pixelated (pure);
- :mod:`.rendering`: the pixels, built on :mod:`wagtail_defenders.pixelation`,
  and a file that holds nothing else (Pillow only);
- :mod:`.detection`: faces proposed by OpenCV's Haar cascades, with the
  ``faces`` extra (``pip install wagtail-defenders[faces]``); without it the
  editor draws every region;
- :mod:`.replacement`: :func:`~.replacement.make_faceless`, the action;
- :mod:`.views`: the admin tool (registered in ``wagtail_hooks.py``).

For a faceless rendition of a whole picture in a template, without replacing
anything, see the ``pixelate-N`` filter (:mod:`wagtail_defenders.image_operations`).
"""
