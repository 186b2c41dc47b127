"""The pure WXR reader: versions, namespaces, fields, and damaged files."""

import io
from datetime import UTC, datetime

import pytest

from runwell.wordpress import wxr
from runwell.wordpress.tests.samples import C, P
from runwell.wordpress.tests.samples import wxr as make_wxr


def parse(text: str) -> wxr.Export:
    return wxr.parse(io.BytesIO(text.encode()))


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_it_reads_every_wxr_version_with_either_scheme(version, scheme):
    export = parse(make_wxr(P(1, title="Hello"), version=version, scheme=scheme))
    assert export.site.wxr_version == version
    assert [i.title for i in export.items] == ["Hello"]
    assert export.items[0].content == "Hello.\n\nSecond paragraph."
    assert export.authors[0].login == "alice"
    assert export.authors[0].wp_id == 7


def test_it_reads_an_items_fields_and_comments():
    post = P(
        5,
        password="secret",
        comment_status="closed",
        terms=[("category", "knees", "Knees"), ("post_tag", "hills", "Hills")],
        comments=[C(10), C(11, parent=10, approved="0", type="pingback", ip="2001:db8::1")],
    )
    item = parse(make_wxr(post)).items[0]
    assert item.wp_id == 5
    assert item.password == "secret"
    assert item.comment_status == "closed"
    assert item.date_gmt == datetime(2020, 1, 1, 9, 30, tzinfo=UTC)
    assert [(t.domain, t.slug, t.name) for t in item.terms] == [
        ("category", "knees", "Knees"),
        ("post_tag", "hills", "Hills"),
    ]
    first, reply = item.comments
    assert (first.wp_id, first.parent_id, first.comment_type) == (10, 0, "comment")
    assert (reply.parent_id, reply.approved, reply.comment_type) == (10, "0", "pingback")
    assert reply.author_ip == "2001:db8::1"


def test_a_zero_date_means_no_date():
    item = parse(make_wxr(P(1, status="draft", date_gmt="0000-00-00 00:00:00"))).items[0]
    assert item.date_gmt is None


def test_wxr_1_0_tag_domain_and_bare_categories_are_understood():
    text = make_wxr(
        P(1, terms=[("category", "knees", "Knees"), ("tag", "hills", "Hills")]), version="1.0"
    ).replace("<wp:is_sticky>0</wp:is_sticky>", "<wp:is_sticky>0</wp:is_sticky>"
              "<category><![CDATA[Knees]]></category>")  # fmt: skip
    terms = parse(text).items[0].terms
    assert [(t.domain, t.slug) for t in terms] == [("category", "knees"), ("post_tag", "hills")]


def test_nested_categories_keep_their_parent():
    cats = (
        "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>injuries"
        "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>"
        "<![CDATA[Injuries]]></wp:cat_name></wp:category>"
        "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>back"
        "</wp:category_nicename><wp:category_parent>injuries</wp:category_parent>"
        "<wp:cat_name><![CDATA[Back]]></wp:cat_name></wp:category>"
    )
    export = parse(make_wxr(categories=cats))
    assert [(c.slug, c.parent_slug) for c in export.categories] == [
        ("injuries", ""),
        ("back", "injuries"),
    ]


def test_a_truncated_file_is_a_clear_error_with_line_and_column():
    text = make_wxr(P(1), P(2))
    with pytest.raises(wxr.WXRError, match=r"line \d+, column \d+.*truncated"):
        parse(text[: len(text) // 2])


def test_an_rss_feed_that_is_not_an_export_is_refused():
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    with pytest.raises(wxr.WXRError, match="not a WordPress export"):
        parse(feed)


def test_entity_expansion_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        "<rss><channel>&b;</channel></rss>"
    )
    with pytest.raises(wxr.WXRError, match="forbidden"):
        parse(bomb)


def test_text_that_only_looks_like_a_number_is_read_as_no_number():
    text = make_wxr(P(1, meta=[("_thumbnail_id", "--5")])).replace(
        "<wp:post_parent>0</wp:post_parent>", "<wp:post_parent>²</wp:post_parent>"
    )
    item = parse(text).items[0]
    assert item.parent_id == 0
    assert wxr.to_int(item.meta("_thumbnail_id")) is None
