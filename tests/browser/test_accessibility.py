"""Accessibility checked by a machine: axe-core, injected into the example site's
pages, finds no serious or critical violation of WCAG 2.2 AA's rules.

Every language of the example site, at desktop and phone widths: the home page,
the index without and with filters, a profile and the search page. The full
report (every violation, of every impact) is saved as
``test-artifacts/screenshots/accessibility-axe.json``, beside the screenshots.

axe-core is the npm package, not part of this repository: ``.ci/run`` installs it
into ``.ci/node/`` (``npm install --prefix .ci/node axe-core``); set
``DEFENDERS_AXE_JS`` to use another copy of ``axe.min.js``. Without it the test
is skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.example_site import ROOT, SCREENSHOTS

pytestmark = pytest.mark.browser

AXE_JS = Path(
    os.environ.get("DEFENDERS_AXE_JS")
    or ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
)
#: WCAG 2.0, 2.1 and 2.2, levels A and AA, as axe-core tags its rules.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
REPORT = SCREENSHOTS / "accessibility-axe.json"
RUN_AXE = """
async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({
            target: node.target,
            html: node.html,
            summary: node.failureSummary,
        })),
    }));
}
"""


def site_pages(content) -> dict[str, dict[str, str]]:
    """The pages to check in each language of the site, by name: their paths."""
    pages = {}
    for language in content.LANGUAGES + content.MORE_LANGUAGES:
        prefix = "" if language == "nl" else f"/{language}"
        index = f"{prefix}/{content.SITE['index_slug'].get(language)}/"
        profile = next(
            data.slug
            for data in content.PROFILES.values()
            if language == "nl" or language in content.profile_languages(data)
        )
        theme = content.THEMES["lgbti"].slug.get(language)
        pages[language] = {
            "home": f"{prefix}/",
            "index": index,
            "index filtered": f"{index}?theme={theme}&country=ml",
            "profile": f"{index}{profile}/",
            "search": f"{prefix}/search/?q={profile}",
        }
    return pages


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_JS.is_file():
        pytest.skip(
            f"axe-core is not installed ({AXE_JS}): "
            "npm install --prefix .ci/node axe-core"
        )
    return AXE_JS


def test_axe_finds_what_it_should(axe_script, browser):
    """A page with a known fault fails, so an empty report means a clean page."""
    tab = browser.new_page()
    try:
        tab.set_content('<html><body><main><img src="x.png"></main></body></html>')
        tab.add_script_tag(path=str(axe_script))
        found = {(v["id"], v["impact"]) for v in tab.evaluate(RUN_AXE, WCAG_22_AA)}
    finally:
        tab.close()
    assert {("image-alt", "critical"), ("html-has-lang", "serious")} <= found


def test_no_serious_or_critical_violation(
    axe_script, example_site, browser, demo_content
):
    report: dict[str, dict] = {}
    failures: list[str] = []
    for language, pages in site_pages(demo_content).items():
        for width_name, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, locale=language)
            context.set_default_timeout(30_000)
            tab = context.new_page()
            try:
                for name, path in pages.items():
                    response = tab.goto(example_site.base_url + path)
                    assert response is not None and response.status == 200, path
                    tab.add_script_tag(path=str(axe_script))
                    violations = tab.evaluate(RUN_AXE, WCAG_22_AA)
                    report[f"{language} {width_name} {name}"] = {
                        "url": path,
                        "violations": violations,
                    }
                    failures.extend(
                        f"{language} {width_name} {name} ({path}): "
                        f"{violation['impact']} {violation['id']}: "
                        f"{violation['help']} at "
                        + ", ".join(
                            " ".join(node["target"]) for node in violation["nodes"]
                        )
                        for violation in violations
                        if violation["impact"] in FAILING_IMPACTS
                    )
            finally:
                context.close()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    assert failures == [], "\n".join(failures)
