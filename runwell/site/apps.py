from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "runwell.site"
    verbose_name = "Site"

    def ready(self) -> None:
        from runwell.lib import housekeeping
        from runwell.site import queue

        housekeeping.register("stale tasks", queue.reclaim_stale_tasks)
        housekeeping.register("finished tasks", queue.prune_finished_tasks)
        housekeeping.register("worker heartbeats", queue.prune_heartbeats)
