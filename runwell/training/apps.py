from typing import Any

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "runwell.training"
    verbose_name = "Training log"

    def ready(self) -> None:
        from runwell.accounts.timezones import time_zone_changed
        from runwell.lib import personal_data
        from runwell.training.personal_data import erase_training, export_training

        personal_data.register(
            "training",
            export=export_training,
            erase=erase_training,
            downloads=(personal_data.Download("Your activities (CSV)", "training:export_csv"),),
        )
        time_zone_changed.connect(_relocalise, dispatch_uid="training-relocalise")


def _relocalise(sender: Any, user: Any, **kwargs: Any) -> None:
    from runwell.training.actions import do_relocalise

    do_relocalise(user)
