from django.apps import AppConfig


class PaincheckConfig(AppConfig):
    name = "runwell.paincheck"
    verbose_name = "Pain check"

    def ready(self) -> None:
        from runwell.lib import personal_data
        from runwell.paincheck import signals  # noqa: F401  (connects the receivers)
        from runwell.paincheck.export import erase_user_data, export_user_data

        personal_data.register("pain_checks", export=export_user_data, erase=erase_user_data)
