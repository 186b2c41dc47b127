from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "runwell.core"
    verbose_name = "Site"
