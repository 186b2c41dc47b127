"""Plain one-line comments skip the Markdown renderer and come out exactly as it renders them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runwell.comments import rendering
from runwell.comments.rendering import render_comment

PLAIN_CHARACTERS = "abcxyzABCXYZ0123456789 ,.;:?'\"()/%"


def full_render(source: str) -> str:
    return rendering.sanitize_comment_html(rendering._markdown.render(source))


@given(
    st.sampled_from("aZ"),
    st.text(alphabet=PLAIN_CHARACTERS, max_size=80),
    st.sampled_from("z.?)9\"'"),
)
def test_any_plain_line_comes_out_as_the_renderer_makes_it(first, middle, last):
    source = first + middle + last
    assert rendering._PLAIN.fullmatch(source)
    assert render_comment(source) == full_render(source)


@pytest.mark.parametrize(
    "source",
    [
        "Bench comment c3n77: my calves hurt after the long run, any advice?",
        'My physio said "rest", so I did (for 2 weeks).',
        "Ran 10 km at 5:30/km, about 80% effort.",
        "Two  spaces stay two.",
    ],
)
def test_everyday_comments_take_the_short_way_with_the_same_answer(source):
    assert rendering._PLAIN.fullmatch(source)
    assert render_comment(source) == full_render(source)


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("Try *easy* runs", "<em>easy</em>"),
        ("1. Rest", "<ol>"),
        ("- Ice", "<ul>"),
        ("> quoted", "<blockquote>"),
        ("See [this](https://example.org)", 'rel="nofollow ugc noopener"'),
        ("a <script>alert(1)</script>", "&lt;script&gt;"),
        ("Salt & pepper", "&amp;"),
        ("line one  \nline two", "<br>"),
        ("    indented", "<pre>"),
        ("ends with a space ", "<p>ends with a space</p>"),
        ("Café au lait", "<p>Café au lait</p>"),
    ],
)
def test_anything_else_goes_through_the_renderer(source, html):
    assert not rendering._PLAIN.fullmatch(source)
    assert html in render_comment(source)
    assert render_comment(source) == full_render(source)
