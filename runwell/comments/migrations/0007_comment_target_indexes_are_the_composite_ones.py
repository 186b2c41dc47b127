import django.db.models.deletion
from django.db import migrations, models

# Each of these repeats the start of an (article|page, status, created) index. Dropped by
# name, not by AlterField: on SQLite that would copy the whole comments table twice.
INDEXES = [
    ("comments_comment_article_id_94fe60a2", "article_id"),
    ("comments_comment_page_id_3c1ee82b", "page_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_page_comments_open"),
        ("comments", "0006_comments_on_pages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX "{name}" ON "comments_comment" ("{column}")',
                )
                for name, column in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="article",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="articles.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="comment",
                    name="page",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="articles.page",
                    ),
                ),
            ],
        ),
    ]
