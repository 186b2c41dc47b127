import shutil

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from runwell.articles.models import Article, Category, Tag
from runwell.articles.starter import (
    CREATED,
    KEPT,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    load_articles,
)  # fmt: skip
from runwell.articles.starter_files import StarterFileError, parse_starter_file
from runwell.articles.tests.conftest import CONTENT_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    return tmp_path / "content"


def test_it_creates_articles_categories_tags_and_the_editors_user(content):
    counts = load_articles(content)
    assert counts[CREATED] == 3
    article = Article.objects.get(slug="sciatica-warning-signs")
    assert article.published_at is not None and article.author is not None
    assert article.is_public and article.published_at.isoformat() == "2026-09-01T07:30:00+00:00"
    assert article.author.username == "runwell-editors"
    assert article.author.get_full_name() == "Runwell editors"
    assert article.author.is_staff and not article.author.has_usable_password()
    assert sorted(c.slug for c in article.categories.all()) == [
        "sciatica-and-nerve-pain", "warning-signs"
    ]  # fmt: skip
    assert Tag.objects.filter(slug="nerve-pain", name="nerve pain").exists()
    assert "<figcaption>" in article.body_html and 'class="sources"' in article.body_html


def test_running_it_twice_changes_nothing(content):
    load_articles(content)
    before = list(Article.objects.values_list("slug", "updated_at", "body_html"))
    counts = load_articles(content)
    assert counts == {CREATED: 0, UPDATED: 0, UNCHANGED: 3, KEPT: 0, SKIPPED: 0}
    assert list(Article.objects.values_list("slug", "updated_at", "body_html")) == before
    assert Category.objects.count() == 4 and User.objects.count() == 1


def test_a_changed_file_updates_an_untouched_article(content):
    load_articles(content)
    path = content / "articles" / "shoes-and-insoles.md"
    path.write_text(path.read_text().replace("feels comfortable", "fits well"))
    counts = load_articles(content)
    assert counts[UPDATED] == 1 and counts[UNCHANGED] == 2
    assert "fits well" in Article.objects.get(slug="shoes-and-insoles").body


def test_an_article_edited_here_is_never_overwritten(content):
    load_articles(content)
    article = Article.objects.get(slug="shoes-and-insoles")
    article.body += "\nAn editor's note.\n"
    article.save()
    path = content / "articles" / "shoes-and-insoles.md"
    path.write_text(path.read_text().replace("feels comfortable", "fits well"))
    counts = load_articles(content)
    assert counts[KEPT] == 1
    article.refresh_from_db()
    assert "An editor's note." in article.body and "fits well" not in article.body


def test_retagging_in_the_admin_also_counts_as_an_edit(content):
    load_articles(content)
    Article.objects.get(slug="shoes-and-insoles").tags.clear()
    assert load_articles(content)[KEPT] == 1


def test_an_article_written_here_with_the_same_slug_is_kept(content):
    Article.objects.create(title="Mine", slug="shoes-and-insoles", body="My own words.")
    assert load_articles(content)[KEPT] == 1
    assert Article.objects.get(slug="shoes-and-insoles").title == "Mine"


def test_a_broken_file_names_itself(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("+++\ntitle = 'x'\n")
    with pytest.raises(StarterFileError, match=r"bad\.md"):
        parse_starter_file(bad)


def test_an_empty_content_folder_loads_nothing(tmp_path):
    assert load_articles(tmp_path)[CREATED] == 0


def test_the_loadcontent_command_reports_the_counts(content, capsys):
    call_command("loadcontent", "--content-dir", str(content))
    assert "articles created 3" in capsys.readouterr().out


def test_a_broken_file_is_skipped_and_the_others_still_load(content, caplog):
    (content / "articles" / "broken.md").write_text("no front matter here")
    counts = load_articles(content)
    assert counts[CREATED] == 3 and counts[SKIPPED] == 1
    assert "broken.md" in caplog.text


def test_non_latin_category_and_tag_names_keep_distinct_working_slugs(tmp_path, client):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "laufen.md").write_text(
        "+++\n"
        'title = "Laufen"\nslug = "laufen"\nsummary = "S."\n'
        "published = 2026-01-01T00:00:00Z\n"
        'categories = ["跑步", "Бег"]\ntags = ["腰痛"]\n'
        "+++\n\nText.\n",
        encoding="utf-8",
    )
    load_articles(tmp_path)
    assert sorted(Category.objects.values_list("slug", flat=True)) == ["бег", "跑步"]
    assert Tag.objects.get().slug == "腰痛"
    assert client.get("/").status_code == 200
    assert client.get(Category.objects.get(slug="跑步").get_absolute_url()).status_code == 200
