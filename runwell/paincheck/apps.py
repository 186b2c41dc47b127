from django.apps import AppConfig


class PaincheckConfig(AppConfig):
    name = "runwell.paincheck"
    verbose_name = "Pain check"
