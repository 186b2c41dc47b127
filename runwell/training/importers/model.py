"""The plain data the importers hand out: what was found, what was read.

PURE: no Django. Every class here is a frozen dataclass that pickles cheaply, so
outcomes travel from the reading processes back to the caller unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

SPORTS = ("running", "cycling", "walking", "hiking", "other")
SURFACES = ("road", "track", "trail", "treadmill", "mixed")
FORMATS = ("fit", "gpx", "tcx", "strava-csv")

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep one import safe whatever it is given.

    `max_file_bytes` caps one activity file *after* decompression (a .gz or a ZIP
    member is measured as it unpacks, so a compression bomb stops at the cap);
    `max_archive_members` caps the entries of one ZIP (its directory is held in
    memory while it is read); `route_points` caps the simplified route.
    """

    max_file_bytes: int = 64 * MiB
    max_archive_members: int = 100_000
    route_points: int = 500


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class StravaRow:
    """One line of a Strava export's activities.csv, already interpreted.

    `sport` and `surface` are mapped from Strava's activity type ("Trail Run" is
    running on a trail); `strava_type` keeps the type as Strava wrote it. The
    numbers are None where the column is missing or empty.
    """

    activity_id: str
    name: str | None
    strava_type: str | None
    sport: str | None
    surface: str | None
    gear: str | None
    description: str | None
    filename: str | None
    start_time: datetime | None
    distance_m: float | None = None
    elapsed_s: float | None = None
    moving_s: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: int | None = None
    max_hr: int | None = None


@dataclass(frozen=True, slots=True)
class Shoe:
    """A pair of shoes listed in a Strava export's shoes.csv."""

    name: str
    brand: str | None
    model: str | None


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to read: a file on disk, a member of a ZIP, or a file-less Strava row.

    `name` is what a person sees (`archive.zip!activities/1.fit.gz` for a member);
    `path` is the file on disk (the archive itself for a member); `member` the
    name inside the archive; `size` the file's own bytes (a member's as unpacked
    from the ZIP, still gzipped if it is a .gz), for progress by bytes.
    `kind` is "file", or "strava-row" for an activities.csv line without a file
    (then `strava` holds everything there is). `problem` is set when discovery
    already knows the source cannot be read (a missing path, a damaged archive):
    reading it then gives that error at once.
    """

    name: str
    path: str
    member: str | None = None
    size: int = 0
    strava: StravaRow | None = None
    problem: str | None = None
    kind: str = "file"


@dataclass(frozen=True, slots=True)
class Discovery:
    """Everything `discover` found, in the stable order `read` reports it."""

    sources: tuple[Source, ...]
    shoes: tuple[Shoe, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        """How many outcomes `read` will yield: one per source."""
        return len(self.sources)

    @property
    def total_bytes(self) -> int:
        return sum(source.size for source in self.sources)


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity read from a file (or from a file-less Strava row).

    Times are seconds, distances metres. `start_time` is timezone-aware UTC.
    `route` is at most `Limits.route_points` (lat, lon) pairs in degrees, empty
    when the activity has no positions. `points` counts the samples read after
    samples sharing a timestamp were merged. `fingerprint` identifies the content
    for de-duplication (see the package docstring for exactly what it hashes).
    """

    sport: str | None
    start_time: datetime
    distance_m: float | None
    elapsed_s: float
    moving_s: float | None
    elevation_gain_m: float | None
    avg_hr: int | None
    max_hr: int | None
    source_format: str
    fingerprint: str
    points: int
    route: tuple[tuple[float, float], ...] = ()
    name: str | None = None
    gear: str | None = None
    notes: str | None = None
    surface: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What reading one source gave: its activities, or the reason it gave none."""

    file: str
    activities: tuple[Activity, ...] = ()
    error: str | None = None
    size: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None
