"""Trust, search and editing: author profiles and review dates, inline images, meaning
vectors, the "Did you mean" vocabulary, and a search index that weighs headings and
leaves out each article's Sources (SQLite FTS5 rebuilt; PostgreSQL's generated column
redefined, and pg_trgm for the vocabulary)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


SQLITE_RECREATE = [
    "DROP TABLE IF EXISTS articles_search",
    "CREATE VIRTUAL TABLE articles_search USING fts5("
    "title, headings, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "INSERT INTO articles_search (rowid, title, headings, summary, body) "
    "SELECT id, title, search_headings, summary, search_body FROM articles_article",
]
SQLITE_BACK = [
    "DROP TABLE IF EXISTS articles_search",
    "CREATE VIRTUAL TABLE articles_search USING fts5("
    "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    "INSERT INTO articles_search (rowid, title, summary, body) "
    "SELECT id, title, summary, body_text FROM articles_article",
]
POSTGRES_RECREATE = """
DROP INDEX IF EXISTS articles_article_search_idx;
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document;
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(search_headings, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'C')
    || setweight(to_tsvector('english'::regconfig, coalesce(search_body, '')), 'D')
) STORED;
CREATE INDEX articles_article_search_idx ON articles_article USING gin (search_document);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX articles_searchterm_trgm_idx ON articles_searchterm USING gin (term gin_trgm_ops);
"""
POSTGRES_BACK = """
DROP INDEX IF EXISTS articles_searchterm_trgm_idx;
DROP INDEX IF EXISTS articles_article_search_idx;
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document;
ALTER TABLE articles_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'C')
) STORED;
CREATE INDEX articles_article_search_idx ON articles_article USING gin (search_document);
"""


def fill_search_fields(apps, schema_editor):
    from runwell.articles.indexing import searchable_parts
    from runwell.articles.rendering import render_article

    Article = apps.get_model("articles", "Article")
    for article in Article.objects.all().iterator():
        rendered = render_article(article.body, article.body_format)
        article.search_headings, article.search_body = searchable_parts(rendered)
        article.save(update_fields=["search_headings", "search_body"])


def profiles_for_authors(apps, schema_editor):
    from django.utils.text import slugify

    Article = apps.get_model("articles", "Article")
    AuthorProfile = apps.get_model("articles", "AuthorProfile")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    taken = set()
    for user in User.objects.filter(pk__in=Article.objects.values("author_id")):
        name = f"{user.first_name} {user.last_name}".strip() or "Runwell editors"
        base = slugify(name, allow_unicode=True) or f"author-{user.pk}"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        AuthorProfile.objects.create(user=user, display_name=name, slug=slug)


def recreate_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_RECREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_RECREATE)


def restore_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_BACK:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACK)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_hero_dimensions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ArticleVectors',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='vectors', serialize=False, to='articles.article')),
                ('model', models.CharField(max_length=100)),
                ('source_hash', models.CharField(max_length=64)),
                ('passages', models.JSONField(default=list)),
                ('vectors', models.BinaryField()),
                ('dimensions', models.PositiveSmallIntegerField()),
                ('updated', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'article vectors',
                'verbose_name_plural': 'article vectors',
            },
        ),
        migrations.CreateModel(
            name='SearchTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=60, unique=True)),
                ('documents', models.PositiveIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'search term',
            },
        ),
        migrations.CreateModel(
            name='SearchVocabularyStamp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stamp', models.CharField(blank=True, max_length=100)),
            ],
        ),
        migrations.AddField(
            model_name='article',
            name='last_reviewed',
            field=models.DateField(blank=True, help_text='When the content was last checked against its sources.', null=True, verbose_name='last reviewed'),
        ),
        migrations.AddField(
            model_name='article',
            name='next_review_due',
            field=models.DateField(blank=True, help_text='Left empty, it is set three years after the last review.', null=True, verbose_name='next review due'),
        ),
        migrations.AddField(
            model_name='article',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, help_text='A clinician or expert who checked the article (needs an author profile).', limit_choices_to={'author_profile__isnull': False}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reviewed_articles', to=settings.AUTH_USER_MODEL, verbose_name='reviewed by'),
        ),
        migrations.AddField(
            model_name='article',
            name='search_body',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_headings',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.CreateModel(
            name='ArticleImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('image', models.ImageField(height_field='height', upload_to='articles/inline/%Y/%m/', verbose_name='image', width_field='width')),
                ('width', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('height', models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ('alt_text', models.CharField(help_text='What the image shows, for people who cannot see it.', max_length=300, verbose_name='alt text')),
                ('caption', models.CharField(help_text='Shown under the image.', max_length=300, verbose_name='caption')),
                ('created', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='uploaded')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'article image',
                'verbose_name_plural': 'article images',
                'ordering': ['-created', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AuthorProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('display_name', models.CharField(help_text='Shown in bylines, e.g. “Dr Amy Lee”.', max_length=150, verbose_name='display name')),
                ('slug', models.SlugField(allow_unicode=True, help_text='The author page is /authors/<address>/.', max_length=160, unique=True, verbose_name='address')),
                ('credentials', models.CharField(blank=True, help_text='Qualifications and role, e.g. “Chartered physiotherapist (MCSP)”.', max_length=200, verbose_name='credentials')),
                ('bio', models.TextField(blank=True, help_text='A few sentences: experience, what they write or review. Plain text.', max_length=1200, verbose_name='short bio')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='author_profile', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'author profile',
                'verbose_name_plural': 'author profiles',
                'ordering': ['display_name'],
            },
        ),
        migrations.RunPython(fill_search_fields, migrations.RunPython.noop),
        migrations.RunPython(profiles_for_authors, migrations.RunPython.noop),
        migrations.RunPython(recreate_index, restore_index),
    ]
