from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "runwell.comments"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from runwell.comments.conf import forget_stored_settings
        from runwell.comments.models import DiscussionSettings

        post_save.connect(forget_stored_settings, sender=DiscussionSettings)
        post_delete.connect(forget_stored_settings, sender=DiscussionSettings)
