from django.apps import AppConfig


def _purge_pending_signups() -> int:
    # Imported when the job runs: the actions module defines mail tasks, whose queue
    # must not be fixed before the settings are final (the test suite changes them).
    from runwell.accounts.actions import purge_pending_signups

    return purge_pending_signups()


class AccountsConfig(AppConfig):
    name = "runwell.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from runwell.accounts import personal_data as accounts_data
        from runwell.accounts.runner_data import erase_settings, export_settings
        from runwell.lib import housekeeping, personal_data

        personal_data.register("account_settings", export=export_settings, erase=erase_settings)
        personal_data.register(
            "sign_ins", export=accounts_data.export_for_user, erase=accounts_data.erase_for_user
        )
        housekeeping.register("security log", accounts_data.purge_security_log)
        housekeeping.register("unfinished sign-ups", _purge_pending_signups)
