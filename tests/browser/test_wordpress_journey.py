"""A reader follows an old WordPress link to an imported article and its discussion."""

import re

import pytest
from playwright.sync_api import Page, expect

from runwell.wordpress.tests.helpers import run_import
from runwell.wordpress.tests.samples import C, P, write, wxr

pytestmark = pytest.mark.django_db(transaction=True)

THREAD = [
    C(1, content="Top comment"),
    C(2, parent=1, content="Second level"),
    C(3, parent=2, content="Third level"),
    C(4, parent=3, content="Fourth level"),
    C(5, type="pingback", content="Somebody linked here"),
]
BODY = (
    "Easy miles first.\n\n"
    '[caption id="a" width="300"]<img src="https://blog.example.org/wp-content/uploads/'
    '2020/01/hill.jpg" alt="A steep hill"> The hill on mile three[/caption]'
)

# How deep in the document each comment's text sits; a reply sits deeper than its parent.
TEXT_DEPTHS = """(texts) => texts.map((text) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (walker.currentNode.textContent.includes(text)) {
      let depth = 0;
      for (let n = walker.currentNode; n; n = n.parentNode) depth++;
      return depth;
    }
  }
  return null;
})"""


def test_an_old_link_leads_to_the_imported_article_and_its_thread(
    page: Page, site: str, axe_check, foreign_requests, tmp_path
):
    export = wxr(
        P(12, title="Back pain and hills", slug="back-pain", content=BODY, comments=THREAD,
          link="https://blog.example.org/2020/01/back-pain/"),
    )  # fmt: skip
    run_import(write(tmp_path, export))

    page.goto(f"{site}/2020/01/back-pain/")
    expect(page).to_have_url(re.compile(r"/articles/back-pain/$"))
    expect(page.get_by_role("heading", level=1, name="Back pain and hills")).to_be_visible()
    expect(page.get_by_role("figure")).to_contain_text("The hill on mile three")
    expect(page.get_by_text("image not imported: A steep hill")).to_be_visible()
    axe_check(page)

    page.goto(f"{site}/?p=12")
    expect(page).to_have_url(re.compile(r"/articles/back-pain/$"))

    comments = page.locator("#comments")
    expect(comments).to_be_visible()
    depths = page.evaluate(TEXT_DEPTHS, ["Top comment", "Second level", "Third level",
                                         "Fourth level"])  # fmt: skip
    assert None not in depths
    assert depths == sorted(depths) and len(set(depths)) == 4, depths
    expect(comments).not_to_contain_text("Somebody linked here")
    assert foreign_requests == []


EMBEDS = (
    "Before the video.\n\n"
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123"'
    ' title="Hill repeats, explained"></iframe>\n\n'
    "https://vimeo.com/22439234\n\n"
    "[audio https://blog.example.org/wp-content/uploads/2020/01/cadence.mp3]\n\n"
    '[sourcecode language="python"]\ndef pace(km, minutes):\n\tif km < 1:\n\n'
    "\t\treturn None\n\treturn minutes / km\n[/sourcecode]"
)


def test_embeds_are_link_cards_and_code_keeps_its_indentation(
    page: Page, site: str, axe_check, foreign_requests, tmp_path
):
    run_import(write(tmp_path, wxr(P(20, title="Cadence", slug="cadence", content=EMBEDS))))
    page.goto(f"{site}/articles/cadence/")
    watch = page.get_by_role("link", name="Watch on YouTube")
    expect(watch).to_have_attribute("href", "https://www.youtube.com/watch?v=abc123")
    expect(page.get_by_text("Hill repeats, explained")).to_be_visible()
    expect(page.get_by_role("link", name="Watch on Vimeo")).to_be_visible()
    expect(page.get_by_role("link", name="Listen on blog.example.org")).to_be_visible()
    code = page.locator("pre code")
    assert (
        code.inner_text()
        == "def pace(km, minutes):\n\tif km < 1:\n\n\t\treturn None\n\treturn minutes / km"
    )
    assert page.locator("iframe, audio, video").count() == 0
    axe_check(page)
    assert foreign_requests == []
