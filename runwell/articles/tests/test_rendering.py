import re

import pytest

from runwell.articles.rendering import render_article, render_body
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
