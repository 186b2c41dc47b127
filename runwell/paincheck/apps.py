from django.apps import AppConfig


class PaincheckConfig(AppConfig):
    name = "runwell.paincheck"
    verbose_name = "Pain check"

    def ready(self) -> None:
        from runwell.paincheck import signals  # noqa: F401  (connects the receivers)
