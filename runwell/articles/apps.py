from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "runwell.articles"
    verbose_name = "Articles"

    def ready(self) -> None:
        from runwell.articles import signals  # noqa: F401  (connects the receivers)
        from runwell.articles.personal_data import erase_user_data, export_user_data
        from runwell.lib import personal_data

        personal_data.register("author_profile", export=export_user_data, erase=erase_user_data)
