"""The pure body converter: paragraphs, blocks, code, embeds, shortcodes and images."""

import html

import pytest

from runwell.wordpress.content import (
    GalleryImage,
    autop,
    convert,
    upload_candidates,
    upload_path,
)

NO_COPY = lambda url: None  # noqa: E731


def test_blank_lines_become_paragraphs_and_single_newlines_breaks():
    assert autop("One\ntwo\n\nThree") == "<p>One<br />\ntwo</p>\n\n<p>Three</p>"


def test_block_level_html_and_preformatted_text_are_left_alone():
    source = "Intro\n<ul>\n<li>a</li>\n</ul>\n\n<pre>x\n\ny</pre>"
    assert autop(source) == "<p>Intro</p>\n\n<ul>\n\n<li>a</li>\n\n</ul>\n\n<pre>x\n\ny</pre>"


def test_text_after_a_block_gets_its_own_paragraph():
    assert autop('<p><img src="a.jpg"></p>\nThe image above') == (
        '<p><img src="a.jpg"></p>\n\n<p>The image above</p>'
    )


def test_autop_leaves_its_own_output_unchanged():
    once = convert("A\nB\n\n[caption caption='c']<img src='/media/x.jpg' alt='x'>[/caption]",
                   NO_COPY).html  # fmt: skip
    assert convert(once, NO_COPY).html == once


def test_block_editor_comments_go_and_their_html_stays():
    source = (
        "<!-- wp:paragraph -->\n<p>Run easy.</p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:heading {"level":3} -->\n<h3>Hills</h3>\n<!-- /wp:heading -->'
    )
    assert convert(source, NO_COPY).html == "<p>Run easy.</p>\n<h3>Hills</h3>"


def test_a_caption_becomes_a_figure_with_its_caption():
    source = (
        '[caption id="attachment_1" width="300"]<img src="/media/wordpress/a.jpg" alt="Knee">'
        " The knee, from the side[/caption]"
    )
    html = convert(source, lambda url: url).html
    assert html.replace("\n", "") == (
        '<figure><img src="/media/wordpress/a.jpg" alt="Knee">'
        "<figcaption>The knee, from the side</figcaption></figure>"
    )


def test_the_old_caption_attribute_form_works_too():
    html = convert('[caption caption="Old style"]<img src="x.jpg" alt="">[/caption]', NO_COPY)
    assert "<figcaption>Old style</figcaption>" in html.html


def test_other_shortcodes_are_removed_and_counted_keeping_their_text():
    result = convert('[slideshow id="4"]\n\n[aside]Run easy[/aside] and [Note]', NO_COPY)
    assert "slideshow" not in result.html
    assert "<p>Run easy and [Note]</p>" in result.html
    assert result.shortcodes_removed == {"slideshow": 1, "aside": 1}


def test_an_escaped_shortcode_stays_as_text():
    assert "&#91;gallery&#93;" in convert("Write [[gallery]] to show one.", NO_COPY).html


def test_without_a_local_copy_an_image_becomes_a_note_and_nothing_points_off_site():
    result = convert('<img src="https://old.example/wp-content/uploads/a.jpg" alt="Hill">', NO_COPY)
    assert "<img" not in result.html
    assert "image not imported: Hill" in result.html
    assert result.images_dropped == 1


def test_with_a_local_copy_the_image_and_its_link_point_at_it():
    old = "https://old.example/wp-content/uploads/2020/01/a.jpg"
    result = convert(f'<a href="{old}"><img src="{old}" alt="A" srcset="x 2x"></a>',
                     lambda url: "/media/wordpress/2020/01/a.jpg")  # fmt: skip
    assert result.html == (
        '<p><a href="/media/wordpress/2020/01/a.jpg">'
        '<img src="/media/wordpress/2020/01/a.jpg" alt="A"></a></p>'
    )
    assert result.images_copied == 1


def test_upload_paths_are_found_on_self_hosted_and_wordpress_com_blogs():
    assert upload_path("https://b.example/wp-content/uploads/2020/01/a%20b.jpg") == (
        "2020/01/a b.jpg"
    )
    assert upload_path("https://b.files.wordpress.com/2008/06/c.jpg") == "2008/06/c.jpg"
    assert upload_path("https://cdn.example/c.jpg") is None
    assert upload_candidates("2020/01/a-300x200.jpg") == ["2020/01/a-300x200.jpg", "2020/01/a.jpg"]


def test_a_body_h1_becomes_an_h2_below_the_title():
    assert convert("<h1>Big</h1>", NO_COPY).html == "<h2>Big</h2>"


# -- code keeps its text byte for byte (issue 14, #4) --------------------------------

CODE = 'def pace(km, minutes):\n\tif km < 1:\n\n\t\treturn "[gallery]"\n    return minutes / km'


@pytest.mark.parametrize("name", ["sourcecode", "code", "php", "python"])
def test_a_code_shortcode_keeps_its_text_and_indentation(name):
    result = convert(f'Before\n\n[{name} language="python"]\n{CODE}\n[/{name}]\n\nAfter', NO_COPY)
    assert f"<pre><code>{html.escape(CODE, quote=False)}</code></pre>" in result.html
    assert "<br" not in result.html.split("<pre>")[1].split("</pre>")[0]
    assert result.converted == {"code": 1}
    assert result.shortcodes_removed == {}


def test_a_pre_block_in_a_classic_post_is_left_exactly_as_it_was():
    block = "<pre>  first\n\n\tsecond [caption]x[/caption]\n  third</pre>"
    result = convert(f"Intro line\nstill intro\n\n{block}\n\nOutro", NO_COPY)
    assert block in result.html
    assert result.html.count("<p>") == 2


def test_code_the_visual_editor_stored_as_entities_is_decoded_once():
    result = convert("[code]if (a &lt; b &amp;&amp; c) {}[/code]", NO_COPY)
    assert "<pre><code>if (a &lt; b &amp;&amp; c) {}</code></pre>" in result.html


def test_an_escaped_code_shortcode_is_shown_as_written():
    result = convert("Write [[code]x = 1[/code]] to show code.", NO_COPY)
    assert "&#91;code&#93;x = 1&#91;/code&#93;" in result.html
    assert "<pre>" not in result.html


# -- embeds, audio, video, galleries: link cards, nothing from another host (#3) ----


def _no_foreign_loads(html_text):
    return "<iframe" not in html_text and "<audio" not in html_text and "<video" not in html_text


def test_a_youtube_iframe_becomes_a_card_with_its_title_and_a_watch_link():
    result = convert(
        '<iframe width="560" src="https://www.youtube.com/embed/abc123?feature=oembed"'
        ' title="Hill repeats, explained"></iframe>',
        NO_COPY,
    )
    assert "<strong>Hill repeats, explained</strong>" in result.html
    assert '<a href="https://www.youtube.com/watch?v=abc123">Watch on YouTube</a>' in result.html
    assert _no_foreign_loads(result.html)
    assert result.converted == {"embed": 1}


@pytest.mark.parametrize(
    ("source", "address", "link"),
    [
        ("[youtube https://www.youtube.com/watch?v=x1]", "https://www.youtube.com/watch?v=x1",
         "Watch on YouTube"),
        ("[youtube=http://www.youtube.com/watch?v=JaNH56Vpg-A&w=640&h=385]",
         "http://www.youtube.com/watch?v=JaNH56Vpg-A", "Watch on YouTube"),
        ("[vimeo 22439234]", "https://vimeo.com/22439234", "Watch on Vimeo"),
        ('<iframe src="https://player.vimeo.com/video/22439234"></iframe>',
         "https://vimeo.com/22439234", "Watch on Vimeo"),
        ("[embed width=\"500\"]https://soundcloud.com/a/b[/embed]", "https://soundcloud.com/a/b",
         "Listen on SoundCloud"),
        ("Intro\n\nhttps://twitter.com/a/status/1\n\nOutro", "https://twitter.com/a/status/1",
         "View on X"),
        ("https://blog.example.net/a-post/", "https://blog.example.net/a-post/",
         "Open on blog.example.net"),
    ],
)  # fmt: skip
def test_every_kind_of_embed_keeps_its_address_as_a_link(source, address, link):
    result = convert(source, NO_COPY)
    assert f'<a href="{html.escape(address)}">{link}</a>' in result.html
    assert result.converted == {"embed": 1}


def test_an_embed_block_becomes_a_card_with_its_caption():
    source = (
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=SQEQr7c0-dw","type":"video",'
        '"providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed"><div class='
        '"wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=SQEQr7c0-dw\n</div>'
        "<figcaption>Easy pace</figcaption></figure>\n<!-- /wp:embed -->\n\n"
        "<!-- wp:paragraph --><p>After</p><!-- /wp:paragraph -->"
    )
    result = convert(source, NO_COPY)
    assert "<strong>Easy pace</strong>" in result.html
    assert 'href="https://www.youtube.com/watch?v=SQEQr7c0-dw"' in result.html
    assert result.html.endswith("<p>After</p>")


def test_a_bare_address_inside_a_sentence_is_left_alone():
    result = convert("See https://www.youtube.com/watch?v=x1 for more.", NO_COPY)
    assert result.converted == {}
    assert "<figure" not in result.html


def test_an_iframe_without_an_address_leaves_a_note_and_is_counted():
    result = convert('<iframe src="javascript:alert(1)"></iframe> <iframe></iframe>', NO_COPY)
    assert result.html.count("embedded content not imported") == 2
    assert result.converted == {"embed_without_address": 2}


def test_audio_and_video_become_cards_linking_to_their_files():
    source = (
        "[audio https://b.example/wp-content/uploads/st-louis-blues.mp3]\n\n"
        '[video width="640" mp4="https://b.example/wp-content/uploads/run.mp4"][/video]\n\n'
        '<video controls><source src="https://b.example/clip.webm"></video>'
    )
    result = convert(source, NO_COPY)
    assert "<strong>st-louis-blues.mp3</strong>" in result.html
    assert "Audio file: <a" in result.html and "Listen on b.example" in result.html
    assert result.html.count("Video file: <a") == 2
    assert _no_foreign_loads(result.html)
    assert result.converted == {"audio": 1, "video": 2}


def test_a_gallery_becomes_a_list_of_the_images_that_are_here():
    images = [GalleryImage("https://b.example/wp-content/uploads/a.jpg", "A", "First"),
              GalleryImage("https://b.example/wp-content/uploads/b.jpg", "B"),
              GalleryImage("https://b.example/wp-content/uploads/gone.jpg", "Gone")]  # fmt: skip

    def resolve(url):
        return None if "gone" in url else "/media/wordpress/" + url.rsplit("/", 1)[1]

    result = convert('[gallery ids="1,2,3" columns="3"]', resolve, lambda found: images)
    assert result.html == (
        '<ul><li><figure><img src="/media/wordpress/a.jpg" alt="A"><figcaption>First'
        '</figcaption></figure></li><li><figure><img src="/media/wordpress/b.jpg" alt="B">'
        "</figure></li></ul>"
    )
    assert result.converted == {"gallery": 1}
    assert (result.images_copied, result.images_dropped) == (2, 1)


def test_a_gallery_with_no_image_here_says_so():
    result = convert("[gallery]", NO_COPY, lambda found: [GalleryImage("https://x/a.jpg")])
    assert "gallery not imported: none of its images is in the uploads folder" in result.html
