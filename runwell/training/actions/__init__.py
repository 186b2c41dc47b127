"""Every change to a runner's training log: `check_*` validates and authorises, `do_*` writes.

Ids that come from outside (a shoe on an activity, a run on a pain entry) are looked up
through runwell.training.access, so another runner's id is refused as not found (404).
"""

from runwell.training.actions.imports import (
    SavedOutcome,
    check_create_import,
    do_add_strava_shoes,
    do_create_import,
    do_delete_job,
    do_delete_originals,
    do_finish_job,
    do_reset_job,
    do_save_outcomes,
    do_start_job,
    too_large_message,
)
from runwell.training.actions.log import (
    ActivityInput,
    PainInput,
    ShoeInput,
    TrainingRefused,
    check_create_activity,
    check_create_pain,
    check_create_shoe,
    check_update_activity,
    check_update_pain,
    check_update_shoe,
    do_create_activity,
    do_create_shoe,
    do_delete_activity,
    do_delete_pain,
    do_delete_shoe,
    do_relocalise,
    do_retire_shoe,
)

__all__ = [
    "ActivityInput",
    "PainInput",
    "SavedOutcome",
    "ShoeInput",
    "TrainingRefused",
    "check_create_activity",
    "check_create_import",
    "check_create_pain",
    "check_create_shoe",
    "check_update_activity",
    "check_update_pain",
    "check_update_shoe",
    "do_add_strava_shoes",
    "do_create_activity",
    "do_create_import",
    "do_create_shoe",
    "do_delete_activity",
    "do_delete_job",
    "do_delete_originals",
    "do_delete_pain",
    "do_delete_shoe",
    "do_finish_job",
    "do_relocalise",
    "do_reset_job",
    "do_retire_shoe",
    "do_save_outcomes",
    "do_start_job",
    "too_large_message",
]
