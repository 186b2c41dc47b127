from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


def _purge_mail_ledger() -> int:
    # Imported when the job runs: the notifications module defines a mail task, whose
    # queue must not be fixed before the settings are final (the test suite changes them).
    from runwell.comments.notifications import purge_ledger

    return purge_ledger()


class CommentsConfig(AppConfig):
    name = "runwell.comments"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from django.contrib.auth.models import User

        from runwell.articles.models import Article
        from runwell.comments import personal_data as comments_data
        from runwell.comments.conf import forget_stored_settings
        from runwell.comments.idempotency import purge_answers
        from runwell.comments.models import DiscussionSettings
        from runwell.comments.reserved import forget_reserved_names
        from runwell.lib import housekeeping, personal_data

        post_save.connect(forget_stored_settings, sender=DiscussionSettings)
        post_delete.connect(forget_stored_settings, sender=DiscussionSettings)
        for model in (User, Article):
            post_save.connect(forget_reserved_names, sender=model)
            post_delete.connect(forget_reserved_names, sender=model)
        personal_data.register(
            "comments", export=comments_data.export_for_user, erase=comments_data.erase_for_user
        )
        housekeeping.register("comment mail ledger", _purge_mail_ledger)
        housekeeping.register("idempotent answers", purge_answers)
