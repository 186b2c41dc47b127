from runwell.lib.text import plain_text


def test_tags_go_and_entities_are_decoded():
    assert plain_text("<p>Burning &amp; <em>sharp</em></p>") == "Burning & sharp"


def test_a_heading_ends_a_sentence():
    assert plain_text("<h2>How it feels</h2><p>Sharp.</p>") == "How it feels. Sharp."


def test_a_heading_that_already_ends_a_sentence_gets_no_extra_full_stop():
    assert plain_text("<h2>Why?</h2><p>X</p>") == "Why? X"
