import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# A comment's parent and user lose their whole-column indexes for ones that leave out
# NULL (most comments start a thread, most are anonymous). Dropped by name, not by
# AlterField: on SQLite that would copy the whole comments table.
FOREIGN_KEY_INDEXES = [
    ("comments_comment_parent_id_3e0802fb", "parent_id"),
    ("comments_comment_user_id_a1db4881", "user_id"),
]


def _unique_fingerprint(target: str, name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        condition=models.Q((f"{target}__isnull", False)) & ~models.Q(fingerprint=""),
        fields=(target, "fingerprint"),
        name=name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_page_comments_open"),
        ("comments", "0007_comment_target_indexes_are_the_composite_ones"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The new indexes first, so every lookup has one throughout.
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(article__isnull=False),
                fields=["article", "status", "created"],
                name="comment_on_article",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(page__isnull=False),
                fields=["page", "status", "created"],
                name="comment_on_page",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(parent__isnull=False), fields=["parent"], name="comment_reply"
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(user__isnull=False), fields=["user"], name="comment_by_user"
            ),
        ),
        migrations.RemoveIndex(model_name="comment", name="comments_co_article_9c54e5_idx"),
        migrations.RemoveIndex(model_name="comment", name="comments_co_page_id_341b6a_idx"),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX "{name}" ON "comments_comment" ("{column}")',
                )
                for name, column in FOREIGN_KEY_INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="parent",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="replies",
                        to="comments.comment",
                    ),
                ),
                migrations.AlterField(
                    model_name="comment",
                    name="user",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="comments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        # The same rule (no two equal texts by one address on one target); a comment
        # on a page no longer has an entry in the article's index, and the other way.
        migrations.RemoveConstraint(model_name="comment", name="comment_unique_fingerprint"),
        migrations.AddConstraint(
            model_name="comment",
            constraint=_unique_fingerprint("article", "comment_unique_fingerprint"),
        ),
        migrations.RemoveConstraint(
            model_name="comment", name="comment_unique_fingerprint_on_page"
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=_unique_fingerprint("page", "comment_unique_fingerprint_on_page"),
        ),
    ]
