from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "runwell.accounts"
    verbose_name = "Accounts"
