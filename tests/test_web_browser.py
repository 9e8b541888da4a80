"""The web UI in Debian's chromium through Playwright (no browser download): highlighted spans, the
speaker timeline, search filters, and an article full of markup that stays inert. Screenshots go to
build/screenshots/ (git-ignored; CI keeps them as artefacts)."""

from pathlib import Path

import pytest

from tests.api_support import API_KEY, build_store, serving, store_url
from tests.conftest import REPO, requires_model, requires_seed

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "build" / "screenshots"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = [
    requires_model,
    pytest.mark.service,
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium; .ci/run does)"
    ),
]
HOSTILE = (
    "date 2024-06-05\n\n"
    '"<script>window.__pwned = 1; alert(1)</script> is not policy," Mayor Tessa Lund said on Monday.\n\n'
    'Councillor Ida Brandt said <img src=x onerror="window.__pwned = 2; alert(2)"> was a typo.\n'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serving(build_store(store_url("sqlite", tmp_path_factory.mktemp("web"), None))) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    dialogs = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def open_article(page, site, source_id: str) -> None:
    page.goto(f"{site}/articles")
    page.get_by_role("link", name=source_id).click()


def test_article_page_highlights_source_cue_and_content(page, site):
    open_article(page, site, "rate_decision")
    for role in ("source", "cue", "content"):
        assert page.locator(f"article mark.span-{role}").count() > 0
    colours = {
        role: page.locator(f"article mark.span-{role}").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        for role in ("source", "cue", "content")
    }
    assert len(set(colours.values())) == 3
    assert "Petra Lind/Bloomberg" in page.locator("aside.captions").inner_text()
    assert page.locator(".statement-list li").count() == page.locator("article mark[id]").count()
    shot(page, "article")


@requires_seed
def test_speaker_page_lists_variants_titles_and_statements(page, site):
    page.goto(f"{site}/speakers?search=Kirby")
    page.get_by_role("link", name="John Kirby").click()
    assert page.locator("h1").inner_text() == "John Kirby"
    assert "National Security Council" in page.locator("main").inner_text()
    assert page.locator("table.statements tbody tr").count() >= 3
    assert page.locator("#timeline-h").is_visible()
    shot(page, "speaker")


@requires_seed
def test_the_us_government_timeline_shows_its_shift(page, site):
    page.goto(f"{site}/speakers?search=U.S. government")
    page.get_by_role("link", name="U.S. government").first.click()
    assert page.locator("h1").inner_text() == "U.S. government"
    chart = page.locator("svg").filter(has=page.locator("a.shift")).first
    assert chart.is_visible()
    assert "1 shifts" in chart.locator("title").first.text_content()
    pair = page.locator("section.shift-pair").first
    assert "Kirby" in pair.inner_text() and "Kharkiv" in pair.inner_text()
    assert "ATACMS" in pair.inner_text()  # the restriction reported unchanged beside the reversal
    shot(page, "us-government-timeline")


def test_search_filters_narrow_the_results(page, site):
    page.goto(f"{site}/search")
    everything = page.locator("table.statements tbody tr").count()
    page.get_by_label("Kind").select_option("direct")
    page.get_by_role("button", name="Search").click()
    kinds = page.locator("table.statements tbody tr td:nth-child(3)").all_inner_texts()
    assert kinds and set(kinds) == {"direct"} and len(kinds) < everything
    page.get_by_label("Kind").select_option("")
    page.get_by_label("Words").fill("inflation")
    page.get_by_role("button", name="Search").click()
    rows = page.locator("table.statements tbody tr td.content").all_inner_texts()
    assert rows and all("inflation" in row.lower() for row in rows)
    assert "format=csv" in page.get_by_role("link", name="CSV").get_attribute("href")
    shot(page, "search")


def test_markup_in_an_article_stays_inert(page, site, tmp_path):
    page.goto(f"{site}/extract")
    page.get_by_label("Published").fill("2024-06-05")
    page.get_by_label("Article text, one paragraph per line").fill(HOSTILE)
    page.get_by_role("button", name="Extract").click()
    page.wait_for_selector(".statement-list")
    text = page.locator("article.article-text").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text and "onerror=" in text
    assert page.locator("article.article-text script, article.article-text img").count() == 0
    assert page.evaluate("window.__pwned") is None and page.dialogs == []
    shot(page, "paste-xss")


def test_a_stored_hostile_article_is_inert_on_its_own_page(page, site):
    import httpx

    stored = httpx.post(
        f"{site}/api/extract",
        json={"text": HOSTILE, "store": True},
        headers={"X-API-Key": API_KEY},
        timeout=120,
    ).json()["stored"]
    page.goto(f"{site}/articles/{stored['article_id']}")
    assert page.locator("article.article-text mark").count() > 0
    assert page.locator("main script, main img").count() == 0
    assert page.evaluate("window.__pwned") is None and page.dialogs == []
