"""The pure body converter: paragraphs, blocks, shortcodes and images."""

from runwell.wordpress.content import autop, convert, upload_candidates, upload_path

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
