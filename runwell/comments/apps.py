from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "runwell.comments"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from runwell.comments import personal_data as comments_data
        from runwell.comments.conf import forget_stored_settings
        from runwell.comments.models import DiscussionSettings
        from runwell.lib import personal_data

        post_save.connect(forget_stored_settings, sender=DiscussionSettings)
        post_delete.connect(forget_stored_settings, sender=DiscussionSettings)
        personal_data.register(
            "comments", export=comments_data.export_for_user, erase=comments_data.erase_for_user
        )
