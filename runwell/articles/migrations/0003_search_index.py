"""Full-text search for articles, per database engine (see runwell/articles/search.py).

SQLite gets an FTS5 table filled from the existing articles; PostgreSQL gets a generated
tsvector column with a GIN index. Derived fields added in 0002 are filled first.
"""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_search USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_FILL = (
    "INSERT INTO articles_search (rowid, title, summary, body) "
    "SELECT id, title, summary, body_text FROM articles_article"
)
SQLITE_DROP = "DROP TABLE IF EXISTS articles_search"

POSTGRES_CREATE = """
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'C')
) STORED;
CREATE INDEX articles_article_search_idx ON articles_article USING gin (search_document);
"""
POSTGRES_DROP = """
DROP INDEX IF EXISTS articles_article_search_idx;
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document;
"""


def fill_derived_fields(apps, schema_editor):
    from runwell.articles.rendering import render_article
    from runwell.lib.text import plain_text

    Article = apps.get_model("articles", "Article")
    for article in Article.objects.all().iterator():
        rendered = render_article(article.body, article.body_format)
        article.body_text = plain_text(rendered.html)
        article.toc = rendered.toc
        article.save(update_fields=["body_text", "toc"])


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
        schema_editor.execute(SQLITE_FILL)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_article_derived_fields")]

    operations = [
        migrations.RunPython(fill_derived_fields, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
