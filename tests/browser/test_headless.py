"""What a headless consumer opens in a browser: Swagger UI and GraphiQL.

Both pages must work without the Internet. Swagger UI (API v3's ``docs/``)
comes from the site's static files: any request to another host fails the
test. GraphiQL (grapple's ``/graphiql/``) loads its scripts from a CDN; here
those requests are answered from the npm packages ``.ci/run`` fetched
(:mod:`tests.browser.graphiql_assets`), and any other outside request fails.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import graphiql_assets
from wagtail_defenders.api import v3

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def outside_requests(page, answer_from_cdn: bool = False) -> list[str]:
    """Refuse every request to another host; return the list of them, filled
    as the page runs. With ``answer_from_cdn``, GraphiQL's CDN files are served
    from :data:`graphiql_assets.FOLDER` instead."""
    refused: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK or url.startswith(("data:", "blob:")):
            route.continue_()
            return
        local = graphiql_assets.local_file(url) if answer_from_cdn else None
        if local is not None:
            kind = "text/css" if local.suffix == ".css" else "text/javascript"
            route.fulfill(path=str(local), content_type=kind)
            return
        refused.append(url)
        route.abort()

    page.route("**/*", handle)
    return refused


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_swagger_ui_renders_the_schema_offline(example_site, page, screenshot):
    refused = outside_requests(page)
    page.goto(example_site.base_url + "/api/v3/docs/")
    listing = page.locator(".opblock-summary-path", has_text="/api/v3/defenders/")
    # The whole schema is drawn at once: give a loaded machine time.
    listing.first.wait_for(timeout=60_000)
    assert (
        page.locator(".swagger-ui .info .title").inner_text().startswith("Wagtail API")
    )
    # The problem responses are documented: open the listing and read them.
    listing.first.click()
    responses = page.locator(".opblock.is-open .responses-table .response-col_status")
    responses.first.wait_for()
    assert {"200", "400", "404", "422"} <= set(responses.all_inner_texts())
    screenshot(page, "swagger-ui")
    assert refused == []


def test_graphiql_runs_a_query(example_site, page, screenshot):
    left = graphiql_assets.missing()
    if left:
        pytest.skip(
            f"GraphiQL's npm packages are missing ({', '.join(left)}): "
            "python -m tests.browser.graphiql_assets"
        )
    refused = outside_requests(page, answer_from_cdn=True)
    page.goto(example_site.base_url + "/graphiql/")
    editor = page.locator(".graphiql-query-editor .CodeMirror")
    editor.wait_for(timeout=60_000)
    query = '{ defenders(locale: "en") { items { title } } }'
    editor.evaluate("(node, query) => node.CodeMirror.setValue(query)", query)
    # GraphiQL's own introspection query goes to /graphql/ too.
    with page.expect_response(
        lambda r: "/graphql/" in r.url and "defenders" in (r.request.post_data or "")
    ) as answer:
        page.get_by_role("button", name="Execute query (Ctrl-Enter)").click()
    titles = [i["title"] for i in answer.value.json()["data"]["defenders"]["items"]]
    assert len(titles) >= 10, titles  # the demo's English profiles
    # GraphiQL shows the result.
    page.locator(".graphiql-response").filter(has_text=titles[0]).wait_for(
        timeout=30_000
    )
    screenshot(page, "graphiql")
    assert refused == []
