from django.apps import AppConfig


class WordpressConfig(AppConfig):
    name = "runwell.wordpress"
    verbose_name = "WordPress import"
