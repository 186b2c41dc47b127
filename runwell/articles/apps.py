from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "runwell.articles"
    verbose_name = "Articles"
