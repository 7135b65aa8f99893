"""GraphiQL's scripts for the browser tests, from the npm registry, never a CDN.

grapple's GraphiQL page (``/graphiql/``) loads GraphiQL, React and a fetch
polyfill from a CDN, which the tests cannot reach. ``.ci/run`` fetches those
npm packages, at the versions the page asks for, into ``.ci/node/cdn/``
(ignored by git) before the tests run::

    python -m tests.browser.graphiql_assets

and ``tests/browser/test_headless.py`` answers the page's CDN requests from
those files (Playwright's ``page.route``). Nothing is downloaded while a test
runs, and no third-party script is committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / ".ci" / "node" / "cdn"
#: What grapple's template (grapple/templates/grapple/graphiql.html) loads.
PACKAGES = {
    "graphiql": "2.4.7",
    "react": "18.2.0",
    "react-dom": "18.2.0",
    "whatwg-fetch": "3.6.2",
}
#: The CDN grapple's template names.
CDN_HOST = "unpkg.com"


def package_folder(name: str, version: str) -> Path:
    return FOLDER / f"{name}@{version}"


def missing() -> list[str]:
    """The packages not yet in :data:`FOLDER`, as ``name@version``."""
    return [
        f"{name}@{version}"
        for name, version in PACKAGES.items()
        if not (package_folder(name, version) / "package.json").exists()
    ]


def install() -> None:
    """Fetch the missing packages' tarballs (``npm pack``, no dependencies) and
    unpack each into :data:`FOLDER`. Quick, and nothing when all are there."""
    wanted = missing()
    if not wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("npm is missing: the GraphiQL browser test will skip", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(  # noqa: S603
            [npm, "pack", "--silent", "--pack-destination", scratch, *wanted],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        for spec in wanted:
            name, _at, version = spec.rpartition("@")
            (tarball,) = Path(scratch).glob(f"{name}-{version}.tgz")
            target = package_folder(name, version)
            unpacked = Path(scratch) / spec
            with tarfile.open(tarball) as archive:
                # The "data" filter refuses links and paths out of the folder.
                archive.extractall(unpacked, filter="data")
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(unpacked / "package"), target)


def local_file(url: str) -> Path | None:
    """The file in :data:`FOLDER` for a CDN address such as
    ``https://unpkg.com/react@18.2.0/umd/react.production.min.js``."""
    parts = urlsplit(url)
    if parts.hostname != CDN_HOST:
        return None
    spec, _slash, path = parts.path.lstrip("/").partition("/")
    name, _at, version = spec.rpartition("@")
    candidate = (package_folder(name, version) / path).resolve()
    if FOLDER.resolve() not in candidate.parents or not candidate.is_file():
        return None
    return candidate


if __name__ == "__main__":
    install()
    left = missing()
    print("GraphiQL assets: " + (f"missing {', '.join(left)}" if left else "ready"))
