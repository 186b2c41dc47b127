from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "runwell.articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from runwell.articles import signals  # noqa: F401  (connects the receivers)
