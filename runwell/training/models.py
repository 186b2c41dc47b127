"""The training log's tables: activities, shoes, the pain diary and import jobs.

Every row belongs to one runner (`user`) and is reached only through runwell.training.access,
which answers 404 for anyone else's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

KM = 1000.0
DEFAULT_SHOE_LIMIT_M = 700_000.0
# The usual 300–500 miles is expert advice, not a trial result (TRAINING_ANCHORS.md, b.10).
MIN_SHOE_LIMIT_M = 480_000.0
MAX_SHOE_LIMIT_M = 800_000.0


class Sport(models.TextChoices):
    RUNNING = "running", "Running"
    CYCLING = "cycling", "Cycling"
    WALKING = "walking", "Walking"
    HIKING = "hiking", "Hiking"
    OTHER = "other", "Other"


class Surface(models.TextChoices):
    ROAD = "road", "Road"
    TRACK = "track", "Track"
    TRAIL = "trail", "Trail"
    TREADMILL = "treadmill", "Treadmill"
    MIXED = "mixed", "Mixed"


class SourceFormat(models.TextChoices):
    MANUAL = "manual", "Typed in"
    FIT = "fit", "FIT file"
    GPX = "gpx", "GPX file"
    TCX = "tcx", "TCX file"
    STRAVA_CSV = "strava-csv", "Strava export (no file)"


class Region(models.TextChoices):
    LOWER_BACK = "lower_back", "Lower back"
    UPPER_BACK = "upper_back", "Upper back"
    BOTH = "both", "Upper and lower back"


class Timing(models.TextChoices):
    DURING_RUN = "during_run", "During a run"
    AFTER_RUN = "after_run", "After a run"
    NEXT_MORNING = "next_morning", "The next morning"
    AT_REST = "at_rest", "At rest"


class Shoe(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    brand = models.CharField(max_length=100, blank=True)
    start_m = models.FloatField(
        "distance already on them (m)", default=0.0, validators=[MinValueValidator(0.0)]
    )
    limit_m = models.FloatField(
        "retirement distance (m)",
        default=DEFAULT_SHOE_LIMIT_M,
        validators=[MinValueValidator(MIN_SHOE_LIMIT_M), MaxValueValidator(MAX_SHOE_LIMIT_M)],
    )
    retired = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["retired", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sport = models.CharField(max_length=10, choices=Sport.choices, default=Sport.RUNNING)
    start_time = models.DateTimeField()  # aware, stored in UTC
    # The runner's calendar day of start_time in their time zone (kept in step by
    # actions.do_relocalise when the zone changes): the load rules count days.
    local_date = models.DateField()
    distance_m = models.FloatField(default=0.0, validators=[MinValueValidator(0.0)])
    elapsed_s = models.FloatField(validators=[MinValueValidator(0.0)])
    moving_s = models.FloatField(null=True, blank=True, validators=[MinValueValidator(0.0)])
    elevation_gain_m = models.FloatField(null=True, blank=True)
    avg_hr = models.PositiveSmallIntegerField(null=True, blank=True)
    max_hr = models.PositiveSmallIntegerField(null=True, blank=True)
    surface = models.CharField(max_length=10, choices=Surface.choices, blank=True)
    shoe = models.ForeignKey(Shoe, null=True, blank=True, on_delete=models.SET_NULL)
    name = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    source_format = models.CharField(
        max_length=12, choices=SourceFormat.choices, default=SourceFormat.MANUAL
    )
    source_file = models.CharField(max_length=500, blank=True)  # as the import named it
    # What the importers hash (the file's content); empty for typed-in activities.
    fingerprint = models.CharField(max_length=64, blank=True)
    # At most ~500 points, as an encoded polyline (routes.py): a few KB, not a JSON list.
    route = models.TextField(blank=True)
    points = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_time", "-id"]
        indexes = [
            models.Index(fields=["user", "local_date"], name="training_activity_day"),
            models.Index(fields=["user", "start_time"], name="training_activity_start"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "fingerprint"],
                condition=~Q(fingerprint=""),
                name="training_activity_unique_fingerprint",
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self.get_sport_display()} on {self.local_date}"


class PainEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date = models.DateField()
    region = models.CharField(max_length=10, choices=Region.choices)
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    timing = models.CharField(max_length=12, choices=Timing.choices)
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "pain entries"
        indexes = [models.Index(fields=["user", "date"], name="training_pain_day")]

    def __str__(self) -> str:
        return f"{self.get_region_display()} {self.score}/10 on {self.date}"


class JobState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Finished"


class ImportJob(models.Model):
    """One upload (from the log page or the API), imported in the background."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    state = models.CharField(max_length=8, choices=JobState.choices, default=JobState.QUEUED)
    total = models.PositiveIntegerField(default=0)  # files (sources) found
    done = models.PositiveIntegerField(default=0)  # files read so far
    imported = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    keep_originals = models.BooleanField(default=False)
    uploaded_names = models.JSONField(default=list)  # what the runner sent, as named
    uploaded_bytes = models.BigIntegerField(default=0)
    failure = models.TextField(blank=True)  # the whole job failed: why
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.state})"

    @property
    def is_done(self) -> bool:
        return self.state == JobState.DONE

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if self.is_done else 0)


class ImportResult(models.Model):
    """One line of a job's report: exactly a `runwell import --json` object."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="results")
    position = models.PositiveIntegerField()
    record = models.JSONField()
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="training_result_position")
        ]

    def __str__(self) -> str:
        return f"{self.record.get('file')}: {self.record.get('status')}"
