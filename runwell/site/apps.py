from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "runwell.site"
    verbose_name = "Site"
