"""Search reads like a search engine: operators, weights, no Sources, Did you mean."""

import pytest

from runwell.articles.query_syntax import fts5_expression, parse, relaxed_words
from runwell.articles.search import search
from runwell.articles.trigrams import TrigramIndex, similarity
from runwell.testing.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def test_the_query_syntax_reads_or_minus_and_phrases():
    parsed = parse('sciatica OR "nerve pain" -insoles shoes')
    assert parsed.groups == [[("sciatica",), ("nerve", "pain")], [("shoes",)]]
    assert parsed.excluded == [("insoles",)]
    assert parsed.words == ["sciatica", "nerve", "pain", "shoes"]  # no operator is a word
    assert fts5_expression(parsed) == '("sciatica" OR "nerve pain") AND "shoes"* NOT "insoles"'
    assert relaxed_words(parse("pain in my back")) == ["pain", "back"]


def test_or_finds_either_word_and_is_never_highlighted(db):
    make_article(title="Nerves", body="Sciatica runs below the knee.")
    make_article(title="Feet", body="Insoles are not supported by evidence.")
    results = search("sciatica OR insoles")
    assert {h.article.title for h in results.hits} == {"Nerves", "Feet"}
    assert all("<mark>OR</mark>" not in h.snippet for h in results.hits)


def test_a_minus_leaves_articles_out(db):
    make_article(title="Both", body="Hamstrings and insoles.")
    make_article(title="One", body="Hamstrings only.")
    assert [h.article.title for h in search("hamstrings -insoles").hits] == ["One"]


def test_the_sources_section_is_not_searched_and_never_the_snippet(db):
    make_article(
        title="Shoes", body="Cushioning and comfort.\n\n## Sources\n\n- NICE NG59, sciatica.\n"
    )
    assert search("sciatica").total == 0
    hit = search("cushioning").hits[0]
    assert "NG59" not in hit.snippet


def test_titles_and_headings_weigh_more_than_the_body(db):
    make_article(title="Plain", body="Piriformis, piriformis and piriformis again in passing.")
    make_article(title="About the piriformis", body="A muscle in the buttock.")
    make_article(title="Sections", body="## Is it my piriformis?\n\nOften not.\n")
    titles = [h.article.title for h in search("piriformis").hits]
    assert titles.index("About the piriformis") < titles.index("Plain")
    assert titles.index("Sections") < titles.index("Plain")


def test_when_no_article_has_every_word_some_will_do_and_the_page_says_so(client, db):
    make_article(title="Hamstrings", body="Tight hamstrings.")
    html = client.get("/search/", {"q": "hamstrings unicorns"}).content.decode()
    assert "No article has all of your words" in html and "Hamstrings" in html


def test_a_misspelling_gets_did_you_mean_from_the_articles_own_words(client, db):
    make_article(title="Sciatica", body="Sciatica is nerve pain below the knee.")
    html = client.get("/search/", {"q": "sciatca"}).content.decode()
    assert 'Did you mean <a href="?q=sciatica">sciatica</a>?' in html


def test_an_empty_or_fruitless_search_offers_popular_articles_and_the_pain_check(client, db):
    quiet = make_article(title="Quiet one")
    busy = make_article(title="Busy one")
    for _ in range(3):
        make_comment(busy)
    make_comment(quiet)
    for query in ["", "zzqxv"]:
        html = client.get("/search/", {"q": query}).content.decode()
        popular = html.split('id="popular-title"')[1]
        assert popular.index("Busy one") < popular.index("Quiet one")
        assert "Back pain now? Check what to do in 3 minutes" in html


def test_trigram_similarity_is_pg_trgms():
    assert similarity("sciatica", "sciatica") == 1.0
    assert similarity("abc", "xyz") == 0.0
    # The values PostgreSQL 15's pg_trgm gives: 2 shared of 7, and 6 shared of 11 trigrams.
    assert similarity("word", "wrd") == pytest.approx(2 / 7)
    assert similarity("sciatica", "sciatca") == pytest.approx(6 / 11)
    index = TrigramIndex({"sciatica": 3, "stretch": 5, "hamstrings": 2})
    assert index.closest("sciatca") == "sciatica"
    assert index.closest("qqqq") is None
