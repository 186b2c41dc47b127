import re

import pytest

from runwell.articles.rendering import article_callouts, render_article, render_body
from runwell.lib.text import plain_text


def test_a_titled_image_alone_in_a_paragraph_becomes_a_figure_with_a_caption():
    html = render_body('![A runner](/static/a.svg "Easy pace on grass")', "markdown")
    assert "<figure><img" in html
    assert "<figcaption>Easy pace on grass</figcaption></figure>" in html
    assert "<p><figure>" not in html


def test_an_image_without_a_title_stays_a_plain_lazy_image():
    html = render_body("Look ![a map](/m.png) here", "markdown")
    assert "<figure>" not in html
    assert 'loading="lazy"' in html


def test_every_image_is_lazy_loaded_in_both_formats():
    for source, fmt in [('![x](/x.png "c")', "markdown"), ('<img src="/x.png" alt="">', "html")]:
        assert 'loading="lazy"' in render_body(source, fmt)


def test_headings_get_unique_ids_that_never_clash_with_the_page():
    html = render_body("## Main\n\n## Main\n\n### Comments", "markdown")
    assert '<h2 id="main-2">' in html
    assert '<h2 id="main-3">' in html
    assert '<h3 id="comments-2">' in html


def test_long_articles_get_a_table_of_contents_and_short_ones_do_not():
    long = render_article("## One\n\n### One a\n\n## Two\n\n## Three", "markdown")
    assert [h["id"] for h in long.toc] == ["one", "one-a", "two", "three"]
    assert render_article("## Only\n\n## Two", "markdown").toc == []


def test_the_sources_section_is_wrapped_for_styling():
    html = render_body("## Why\n\nText.\n\n## Sources\n\n- NICE NG59\n", "markdown")
    assert (
        '<section class="sources" aria-labelledby="sources"><h2 id="sources">Sources</h2>' in html
    )
    assert html.rstrip().endswith("</section>")
    assert "Text." not in html.split('<section class="sources"')[1]


def test_the_sources_section_ends_at_the_next_heading():
    html = render_body("## Sources\n\n- A\n\n## Afterword\n\nB", "markdown")
    section = html.split('<section class="sources"')[1].split("</section>")[0]
    assert "Afterword" not in section
    assert '<h2 id="afterword">' in html


def test_external_links_are_noopener():
    html = render_body("[NICE](https://www.nice.org.uk/guidance/ng59)", "markdown")
    assert 'rel="noopener"' in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "![x](javascript:alert(1))",
        '<iframe src="https://evil.example"></iframe>',
    ],
)
@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_raw_html_scripts_and_javascript_urls_are_neutralised(source, body_format):
    html = render_body(source, body_format)
    assert "<script" not in html
    assert "<iframe" not in html
    assert 'href="javascript:' not in html
    assert 'src="javascript:' not in html
    assert not re.search(r"<[a-z]+[^>]*\son\w+=", html)


def test_author_ids_and_classes_are_dropped_from_html_bodies():
    html = render_body('<h2 id="main" class="x">Hi</h2>', "html")
    assert html == '<h2 id="hi">Hi</h2>'


def test_plain_text_ends_headings_as_sentences_and_unescapes():
    html = render_body("## How it feels\n\nBurning & sharp.\n\n## Why?\n\nX", "markdown")
    assert plain_text(html) == "How it feels. Burning & sharp. Why? X"


@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_images_on_other_hosts_become_links_so_pages_make_no_foreign_requests(body_format):
    source = (
        '![A map](https://tracker.example/pixel.png "Route")'
        if body_format == "markdown"
        else '<img src="//tracker.example/pixel.png" alt="A map">'
    )
    html = render_body(source, body_format)
    assert "<img" not in html
    assert "tracker.example/pixel.png" in html and "A map (external image)" in html


def test_images_on_the_site_itself_stay_images(settings):
    settings.SITE_URL = "https://runwell.example"
    html = render_body("![x](https://runwell.example/media/a.jpg)", "markdown")
    assert "<img" in html


@pytest.mark.parametrize("body_format", ["markdown", "html"])
def test_alt_text_of_a_foreign_image_cannot_inject_markup(body_format):
    source = (
        "![<script>alert(1)</script>](https://x.example/a.png)"
        if body_format == "markdown"
        else '<img src="https://x.example/a.png" alt="<script>alert(1)</script>">'
    )
    html = render_body(source, body_format)
    assert "<script" not in html


# --- callouts ---------------------------------------------------------------------------

EMERGENCY = """> [!EMERGENCY] Go to A&E now if *any one* of these
> - New trouble peeing. {sign: bladder_bowel_change=yes}
> - Numbness in **both** legs. {sign: leg_numbness=both_legs}
"""


@pytest.mark.parametrize(
    ("marker", "kind", "label"),
    [
        ("EMERGENCY", "emergency", "Emergency"),
        ("urgent", "urgent", "Urgent"),
        ("Note", "note", "Note"),
    ],
)
def test_each_callout_marker_becomes_a_labelled_box_with_an_icon(marker, kind, label):
    html = render_body(f"> [!{marker}] Title here\n> Body text.", "markdown")
    assert f'<aside class="callout callout-{kind}" role="note" aria-labelledby="callout-1">' in html
    assert '<p class="callout-title" id="callout-1"><svg class="callout-icon"' in html
    assert 'aria-hidden="true"' in html
    title = f'<span class="callout-text"><span class="callout-label">{label}</span>: Title here'
    assert f"{title}</span></p>" in html
    assert '<div class="callout-body">\n<p>Body text.</p>\n</div></aside>' in html
    assert "[!" not in html


def test_a_callout_without_a_title_is_labelled_by_its_kind_alone():
    html = render_body("> [!NOTE]\n>\n> Only a body.", "markdown")
    assert '<span class="callout-text"><span class="callout-label">Note</span></span></p>' in html
    assert "<p>Only a body.</p>" in html


def test_sign_tags_are_never_shown_to_readers():
    html = render_body(EMERGENCY, "markdown")
    assert "{sign" not in html and "bladder_bowel_change" not in html
    assert "<li>New trouble peeing.</li>" in html
    assert "<li>Numbness in <strong>both</strong> legs.</li>" in html
    assert "<em>any one</em>" in html


def test_callouts_and_their_signs_can_be_read_back_from_the_source():
    (callout,) = article_callouts("Intro.\n\n" + EMERGENCY)
    assert callout.kind == "emergency"
    assert callout.title == "Go to A&E now if *any one* of these"
    assert [(i.text, i.sign) for i in callout.items] == [
        ("New trouble peeing.", "bladder_bowel_change=yes"),
        ("Numbness in **both** legs.", "leg_numbness=both_legs"),
    ]


def test_ordinary_blockquotes_and_unknown_markers_stay_blockquotes():
    html = render_body("> A quote\n\n> [!WARNING] not ours", "markdown")
    assert html.count("<blockquote>") == 2
    assert "callout" not in html
    assert "[!WARNING] not ours" in html


def test_a_callout_nested_in_a_quote_closes_in_the_right_place():
    html = render_body("> Quoted\n> > [!URGENT] Inner\n> > text\n>\n> after", "markdown")
    assert html.index("<blockquote>") < html.index('<aside class="callout callout-urgent"')
    assert html.index("</div></aside>") < html.index("<p>after</p>") < html.index("</blockquote>")


def test_callout_ids_never_clash_with_heading_ids():
    html = render_body("> [!NOTE] A note\n\n## Callout 1\n\nText", "markdown")
    assert 'id="callout-1"' in html
    assert '<h2 id="callout-1-2">' in html


def test_a_callout_cannot_smuggle_markup_or_attributes():
    html = render_body(
        "> [!EMERGENCY] <script>x</script> [a](javascript:alert(1))\n> body", "markdown"
    )
    assert "<script" not in html and 'href="javascript:' not in html
    raw = render_body('<blockquote data-callout="x" onclick="y"><p>t</p></blockquote>', "html")
    assert raw == "<blockquote><p>t</p></blockquote>"


def test_an_html_body_may_use_a_callout_too():
    html = render_body(
        '<blockquote data-callout="urgent"><p>See a doctor today</p></blockquote>', "html"
    )
    assert '<aside class="callout callout-urgent"' in html
    assert ": See a doctor today</span></p>" in html
