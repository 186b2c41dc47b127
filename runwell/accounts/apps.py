from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "runwell.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from runwell.accounts.runner_data import erase_settings, export_settings
        from runwell.lib import personal_data

        personal_data.register("account_settings", export=export_settings, erase=erase_settings)
