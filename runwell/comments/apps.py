from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "runwell.comments"
    verbose_name = "Discussion"
