"""Activity importers: FIT, GPX and TCX files (each also .gz), folders, ZIPs and
Strava bulk exports, read into plain `Activity` records.

PURE: nothing here imports Django (an import-linter contract keeps it so). The
training app stores what this package returns; this package never touches a
database.

Using it
--------
Two steps, so a caller knows the total before the slow part starts::

    from runwell.training.importers import discover, read

    found = discover(["export_123.zip", "extra-runs/"])
    job.total = found.total                      # one outcome per source
    for outcome in read(found):                  # stable order, both cores
        job.done += 1
        if outcome.error:
            report(outcome.file, outcome.error)  # this file only; the rest go on
        for activity in outcome.activities:      # zero, one or several
            save(activity)                       # de-duplicate on activity.fingerprint

- `discover(paths, display_root=None, limits=DEFAULT_LIMITS) -> Discovery`:
  walks files, folders (recursively, sorted, hidden files and `__MACOSX` skipped)
  and ZIPs (their directory only; no member is read). A ZIP or folder holding
  `activities.csv` is a Strava export: each activity file gets its CSV row (name,
  type, gear, description), rows without a file become sources of kind
  "strava-row" (read into `strava-csv` activities), and `shoes.csv` gives
  `Discovery.shoes`. Unreadable paths and archives become sources whose
  `problem` is set, so they are counted and reported like any bad file; an
  unreadable CSV is a line in `Discovery.warnings`. `display_root` makes names
  relative (for uploads kept in a temp folder).
- `read(found, workers=None, limits=DEFAULT_LIMITS) -> Iterator[FileOutcome]`:
  one `FileOutcome` per source, in discovery order, decoded in a process pool
  (two workers, from a fork server, so it is safe inside threaded web or task
  workers; `workers=1`, or fewer than four sources, reads in the calling
  process). Only a few small batches are in flight at once and no file is held
  beyond `Limits.max_file_bytes`, so memory stays flat whatever the export's
  size (about 120 MB for the whole pool on a 2,000-run export). A file that
  crashes its worker is reported as an error; the rest go on. Call it from a
  management command or a background job alike; it needs no Django.
- `read_source(source, limits=DEFAULT_LIMITS) -> FileOutcome`: one source, here.
- `outcome_records(outcome, statuses=None) -> list[dict]`: the exact
  `runwell import --json` objects for one outcome (`statuses[i]` is
  "imported" or "duplicate" for activity i, as the caller decided).

What an activity holds
----------------------
`Activity` (see model.py): sport ("running", "cycling", "walking", "hiking",
"other", or None when the file does not say), start_time (aware UTC),
distance_m, elapsed_s, moving_s, elevation_gain_m, avg_hr, max_hr, name,
gear, notes, surface (a hint: "treadmill", "trail", "track", "road", "mixed"
or None), source_format ("fit", "gpx", "tcx", "strava-csv"), fingerprint,
route (at most `Limits.route_points` (lat, lon) pairs in degrees, evenly
spaced in time, first and last kept; empty without GPS),
points, warnings (plain-English sentences).

Rules
-----
- Summaries come from the file's own totals where it has them: the FIT session
  (or its laps when there is no session) and the TCX laps. Otherwise they are
  computed from the points: distance is the device's cumulative distance when
  the points carry one, else the haversine sum along each segment (never across
  a gap between GPX segments or TCX tracks). Moving time counts a span between
  two consecutive points of a segment when the runner covered at least 1 km/h
  over it (gpxpy's threshold, so a slow climb still counts); without positions
  or distances, a span counts when it is a minute or shorter (a longer silence
  is a pause). A FIT session
  without `total_moving_time` gives its timer time (the watch's time not
  paused) as moving time, as TCX laps do. Elevation gain ignores rises of less
  than 3 m (altitude noise).
- Samples sharing a timestamp are merged into one point (missing values filled
  from the later sample); samples going back in time are dropped with a warning.
- Times before 1980-01-01 or more than a day in the future are impossible: such
  samples are dropped with a warning, and an activity whose start is impossible
  is refused with the reason. Several points that all carry one instant make an
  error unless the file's own totals give a duration (then a warning).
- A truncated or damaged file keeps what was readable before the damage and
  says so in `warnings`; a file with no usable time is an error with a reason.
- FIT: every file's CRC is checked (a 16-bit table, two bytes a step); a
  mismatch is a warning, since the readable records are usually right and the
  runner should decide. Developer fields are skipped by their declared size;
  compressed-timestamp headers, big-endian definitions and chained FIT files
  are read. Only the fields a summary and a route need are decoded.
- XML is parsed with defusedxml: a document that declares entities or points at
  external resources is refused, and nothing is ever fetched. Leading whitespace
  before the XML declaration (Strava's TCX files have it) is tolerated.
- Each file is read on its own: one bad file never stops the others.

The fingerprint
---------------
SHA-256 (hex) of the file's decompressed bytes, so the same activity gives the
same fingerprint from the plain file, its .gz, a ZIP or a Strava export. A file
holding several activities (multi-activity TCX, multi-session FIT) gives
activity i the SHA-256 of that digest followed by ":i". A file-less Strava row
hashes "strava-activity:" and its Strava activity id. The same run exported
twice in different formats has different fingerprints.
"""

from runwell.training.importers.discovery import discover
from runwell.training.importers.model import (
    DEFAULT_LIMITS,
    FORMATS,
    SPORTS,
    SURFACES,
    Activity,
    Discovery,
    FileOutcome,
    Limits,
    Shoe,
    Source,
    StravaRow,
)
from runwell.training.importers.reader import read, read_source
from runwell.training.importers.report import outcome_records

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "SPORTS",
    "SURFACES",
    "Activity",
    "Discovery",
    "FileOutcome",
    "Limits",
    "Shoe",
    "Source",
    "StravaRow",
    "discover",
    "outcome_records",
    "read",
    "read_source",
]
