#!/usr/bin/env python3
"""Copy chosen screenshots from the browser tests into the documentation.

    python3 dev.py test tests/browser          # writes test-artifacts/screenshots/
    python3 scripts/update_doc_screenshots.py  # copies the chosen ones to docs/images/

The browser tests drive the example site and its admin in Chromium and save
screenshots under ``test-artifacts/screenshots/`` (not committed). The documentation
shows a few of them; ``SCREENSHOTS`` names which, and under what name in
``docs/images/``. Run this after a change to the templates or the admin, look at the
images, and commit those that changed. Exits non-zero if a chosen screenshot is
missing, so a renamed browser test does not leave the docs with a stale picture.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "test-artifacts" / "screenshots"
TARGET = ROOT / "docs" / "images"

#: Screenshot written by the browser tests -> image name in docs/images/.
SCREENSHOTS = {
    "profile-alassane-en.png": "profile-en.png",
    "index-filtered-lhbti-mali.png": "index-filtered-nl.png",
    "admin-new-profile-content.png": "admin-new-profile-content.png",
    "admin-after-publish.png": "admin-after-publish.png",
}


def main() -> int:
    missing = [name for name in SCREENSHOTS if not (SOURCE / name).is_file()]
    if missing:
        print(
            f"Missing in {SOURCE.relative_to(ROOT)}: {', '.join(missing)}. "
            "Run the browser tests first: python3 dev.py test tests/browser",
            file=sys.stderr,
        )
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    for source_name, target_name in SCREENSHOTS.items():
        source, target = SOURCE / source_name, TARGET / target_name
        if target.is_file() and target.read_bytes() == source.read_bytes():
            print(f"unchanged  docs/images/{target_name}")
            continue
        shutil.copyfile(source, target)
        print(f"updated    docs/images/{target_name}  (from {source_name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
