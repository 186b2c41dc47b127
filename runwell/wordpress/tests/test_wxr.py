"""The pure WXR reader: versions, namespaces, fields, and damaged files."""

import io
import re
import tracemalloc
from datetime import UTC, datetime

import pytest

from runwell.wordpress import wxr
from runwell.wordpress.tests.samples import C, P
from runwell.wordpress.tests.samples import wxr as make_wxr
from runwell.wordpress.wxr import repair


def parse(text: str) -> wxr.Export:
    return wxr.parse(io.BytesIO(text.encode()))


def parse_bytes(data: bytes) -> wxr.Export:
    return wxr.parse(io.BytesIO(data))


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


# -- what WordPress' own importer accepts, Runwell accepts too (issue 14, #1) --------


def test_a_control_character_in_a_post_is_dropped_and_counted():
    export = parse(make_wxr(P(1, title="Tab\x0bbed", content="Hill\x0b repeats &#11;x")))
    item = export.items[0]
    assert (item.title, item.content) == ("Tabbed", "Hill repeats &#11;x")
    # In the title (written twice more: link and slug) and in the content's CDATA.
    assert export.repairs == {"control_characters": 4}


def test_a_forbidden_character_reference_outside_cdata_is_dropped():
    export = parse(make_wxr(P(1, title="Vertical &#11;tab &#x1F; end")))
    assert export.items[0].title == "Vertical tab  end"
    assert export.repairs["control_characters"] >= 2


def test_a_blank_line_and_a_byte_order_mark_before_the_declaration_are_tolerated():
    data = b"\xef\xbb\xbf\n\n  " + make_wxr(P(1, title="Hello")).encode()
    export = wxr.parse(io.BytesIO(data))
    assert [i.title for i in export.items] == ["Hello"]
    assert export.repairs == {"byte_order_mark": 1, "leading_whitespace": 1}


def test_html_entities_and_bare_ampersands_outside_cdata_are_mended():
    text = make_wxr(P(1, title="Hills", slug="hills")).replace(
        "<title>Hills</title>", "<title>Hills&nbsp;&amp; dales & more&hellip; &bogus;</title>"
    )
    export = parse(text)
    assert export.items[0].title == "Hills\xa0& dales & more… &bogus;"
    assert export.repairs == {"undefined_entities": 3, "bare_ampersands": 1}


def test_entities_inside_cdata_and_comments_are_left_as_they_are():
    text = make_wxr(P(1, content="Fish &chips; & more")).replace(
        "<channel>", "<channel><!-- Tools & Import -->"
    )
    export = parse(text)
    assert export.items[0].content == "Fish &chips; & more"
    assert export.repairs == {}


def test_an_export_with_wp_fields_on_its_items_but_no_channel_version_is_read():
    text = re.sub(r"<wp:(wxr_version|base_site_url|base_blog_url)>[^<]*</wp:\1>", "",
                  make_wxr(P(1, title="Hello")))  # fmt: skip
    text = re.sub(r"<wp:author>.*?</wp:author>", "", text, flags=re.DOTALL)
    export = parse(text)
    assert [i.title for i in export.items] == ["Hello"]
    assert export.repairs == {"missing_wxr_version": 1}


def test_a_file_in_its_declared_latin_1_is_read_and_bad_bytes_are_replaced():
    latin = make_wxr(P(1, title="Café")).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    assert parse_bytes(latin.encode("latin-1")).items[0].title == "Café"
    broken = make_wxr(P(1, title="Bad", slug="bad")).encode().replace(b">Bad<", b">B\xffd<")
    export = parse_bytes(broken)
    assert export.items[0].title == "B\ufffdd"
    assert export.repairs == {"invalid_bytes": 1}


def test_an_external_entity_is_still_refused():
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<rss><channel><title>&x;</title></channel></rss>"
    )
    with pytest.raises(wxr.WXRError, match="forbidden"):
        parse(xxe)


@pytest.mark.parametrize("chunk", [7, 64, 4096])
def test_mending_holds_whatever_the_chunk_boundaries(monkeypatch, chunk):
    text = "\n" + make_wxr(
        P(1, title="A &nbsp; B & C", content="x\x0by ]] z", comments=[C(1, content="&amp;")]),
        P(2, title="Two &hellip;", content="<!-- wp:paragraph --><p>&bogus;</p>"),
    )
    whole = parse(text)
    monkeypatch.setattr(repair, "CHUNK_BYTES", chunk)
    assert parse(text) == whole


def test_a_scan_reads_all_but_the_bodies_and_the_items_then_stream_one_by_one():
    attachment = P(50, title="hill", type="attachment", status="inherit",
                   meta=[("_wp_attachment_image_alt", "A hill")],
                   attachment_url="https://b.example/wp-content/uploads/hill.jpg")  # fmt: skip
    text = make_wxr(P(1, comments=[C(1), C(2)]), P(2, type="page"), attachment)
    survey = wxr.scan(io.BytesIO(text.encode()))
    assert survey.items == {"post": 1, "page": 1, "attachment": 1}
    assert (survey.total_items, survey.comments) == (3, 2)
    assert survey.attachments[50].alt == "A hill"
    assert [a.login for a in survey.authors] == ["alice"]
    items = wxr.iter_items(io.BytesIO(text.encode()))
    assert next(items).wp_id == 1
    assert [i.wp_id for i in items] == [2, 50]


def test_a_number_no_database_holds_is_no_id():
    assert wxr.to_id("12") == 12
    assert wxr.to_id("") == 0
    assert wxr.to_id("9" * 30) is None
    assert wxr.to_id("-3") is None
    item = parse(make_wxr(P(1)).replace("<wp:post_id>1<", f"<wp:post_id>{'9' * 30}<")).items[0]
    assert item.wp_id is None and item.raw_id == "9" * 30


def test_the_epoch_a_draft_is_dated_with_is_no_date():
    text = make_wxr(P(1, status="draft", date_gmt="1970-01-01 00:00:00")).replace(
        "Wed, 01 Jan 2020 09:30:00 +0000", "Thu, 01 Jan 1970 00:00:00 +0000"
    )
    item = parse(text).items[0]
    assert (item.date_gmt, item.pub_date) == (None, None)


def test_streaming_holds_a_small_part_of_a_big_file(tmp_path):
    # About 12 MB of comments: reading never holds the file, let alone twice.
    big = make_wxr(*[P(n, content="x" * 2000, comments=[C(m, content="y" * 400) for m in range(40)])
                     for n in range(1, 301)])  # fmt: skip
    path = tmp_path / "big.xml"
    path.write_text(big)
    tracemalloc.start()
    with path.open("rb") as handle:
        count = sum(len(item.comments) for item in wxr.iter_items(handle))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 12_000
    assert peak < path.stat().st_size / 3, (peak, path.stat().st_size)
