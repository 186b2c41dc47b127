"""Reading sources into outcomes, in a process pool, in discovery order.

Each source is read on its own and every failure becomes that source's error,
so one bad file never stops the others. The pool keeps a small window of
sources in flight (four batches of up to eight per worker) and yields outcomes
strictly in order; memory therefore depends on the largest files, never on the
number of files.
Workers come from a fork server: a fresh, single-threaded process that is safe
to fork even when the caller is a threaded web or task worker.

PURE: no Django.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import UTC
from itertools import islice

from runwell.training.importers.assemble import Draft, Refused, Totals, finish, latest_time
from runwell.training.importers.errors import Unreadable
from runwell.training.importers.fit import NotFit
from runwell.training.importers.fitread import NotAnActivity, read_fit
from runwell.training.importers.gpx import read_gpx
from runwell.training.importers.model import (
    DEFAULT_LIMITS,
    Activity,
    Discovery,
    FileOutcome,
    Limits,
    Source,
)
from runwell.training.importers.opening import forget_archives, open_payload
from runwell.training.importers.strava import fingerprint as strava_fingerprint
from runwell.training.importers.tcx import read_tcx
from runwell.training.importers.track import PointStats

DEFAULT_WORKERS = 2
SMALL_JOB = 4  # fewer sources than this are read in the calling process
IN_FLIGHT_PER_WORKER = 4  # batches
BATCH = 8  # sources per batch, at most
CRASHED = (
    "Reading this file stopped the process reading it (it may be malformed in a way "
    "that exhausts memory); it was skipped."
)

Work = Callable[[Source, Limits], FileOutcome]


def read(
    sources: Discovery | Sequence[Source],
    workers: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[FileOutcome]:
    """One outcome per source, in order; `workers=None` uses up to two processes."""
    items = sources.sources if isinstance(sources, Discovery) else tuple(sources)
    count = _worker_count(workers, len(items))
    if count <= 1:
        try:
            for source in items:
                yield read_source(source, limits)
        finally:
            forget_archives()
        return
    yield from pooled(items, count, limits, read_source)


def _worker_count(asked: int | None, sources: int) -> int:
    if asked is not None:
        return max(1, asked)
    if sources < SMALL_JOB:
        return 1
    return max(1, min(DEFAULT_WORKERS, os.cpu_count() or 1))


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def pooled(
    items: Sequence[Source], workers: int, limits: Limits, work: Work
) -> Iterator[FileOutcome]:
    """`work` on every source in `workers` processes, yielding results in order.

    Sources travel in small batches, so that a worker's round trip costs little
    beside the reading; a few batches per worker are in flight at once.
    """
    context = _context()
    window = IN_FLIGHT_PER_WORKER * workers
    size = max(1, min(BATCH, len(items) // window))
    upcoming = (tuple(items[i : i + size]) for i in range(0, len(items), size))
    pool = ProcessPoolExecutor(workers, mp_context=context)
    pending: deque[tuple[tuple[Source, ...], Future[list[FileOutcome]]]] = deque()

    def submit(count: int) -> None:
        for batch in islice(upcoming, count):
            pending.append((batch, pool.submit(_read_batch, work, batch, limits)))

    try:
        submit(window)
        while pending:
            batch, future = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # A file in flight killed a worker and the pool is unusable. Read each
                # of those files alone to find which, then go on with a new pool.
                pool.shutdown(wait=True, cancel_futures=True)
                suspects = [*batch, *(source for waiting, _ in pending for source in waiting)]
                pending.clear()
                for suspect in suspects:
                    yield _alone(suspect, limits, work, context)
                pool = ProcessPoolExecutor(workers, mp_context=context)
                submit(window)
                continue
            yield from outcomes
            submit(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _read_batch(work: Work, batch: Sequence[Source], limits: Limits) -> list[FileOutcome]:
    return [work(source, limits) for source in batch]


def _alone(
    source: Source, limits: Limits, work: Work, context: multiprocessing.context.BaseContext
) -> FileOutcome:
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        try:
            return pool.submit(work, source, limits).result()
        except BrokenProcessPool:
            return FileOutcome(source.name, error=CRASHED, size=source.size)


def read_source(source: Source, limits: Limits = DEFAULT_LIMITS) -> FileOutcome:
    """Read one source in this process; never raises for a bad file."""
    if source.problem is not None:
        return FileOutcome(source.name, error=source.problem, size=source.size)
    latest = latest_time()
    try:
        if source.kind == "strava-row":
            activities: list[Activity] = [_strava_row(source, latest, limits)]
        else:
            activities = _read_file(source, limits, latest)
    except (Unreadable, NotFit, NotAnActivity, Refused) as error:
        return FileOutcome(source.name, error=str(error), size=source.size)
    except MemoryError:
        return FileOutcome(source.name, error="The file is too large to read.", size=source.size)
    except Exception as error:  # one bad file must never stop the others
        problem = f"{type(error).__name__}: {error}"
        return FileOutcome(
            source.name,
            error=f"The file could not be read: an unexpected problem ({problem}).",
            size=source.size,
        )
    return FileOutcome(source.name, tuple(activities), size=source.size)


def sniff(head: bytes, name: str) -> str:
    """ "fit", "gpx" or "tcx", from the first bytes (the name only breaks a tie)."""
    if len(head) >= 12 and head[8:12] == b".FIT":
        return "fit"
    lower = name.lower().removesuffix(".gz")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        text = start.lower()
        if b"<gpx" in text or b":gpx" in text:
            return "gpx"
        if b"trainingcenterdatabase" in text:
            return "tcx"
        for suffix in ("gpx", "tcx"):
            if lower.endswith("." + suffix):
                return suffix
        raise Unreadable("This XML file is neither GPX nor TCX.")
    if lower.endswith(".fit"):
        return "fit"
    raise Unreadable("This is not a FIT, GPX or TCX file.")


def _read_file(source: Source, limits: Limits, latest: float) -> list[Activity]:
    cap = limits.route_points
    with open_payload(source, limits.max_file_bytes) as payload:
        kind = sniff(payload.peek(2048), source.member or source.path)
        if kind == "fit":
            drafts = read_fit(payload.read_all(), cap, latest)
        else:
            drafts = (read_gpx if kind == "gpx" else read_tcx)(payload, cap, latest)
            payload.drain()
        digest, damage = payload.fingerprint(), payload.damage
    activities, refusals = [], []
    for i, draft in enumerate(drafts):
        if damage:
            draft.warnings.insert(0, damage)
        fingerprint = digest
        if len(drafts) > 1:
            fingerprint = hashlib.sha256(f"{digest}:{i}".encode()).hexdigest()
        try:
            activities.append(finish(draft, fingerprint, source.strava, latest, cap))
        except Refused as refusal:
            refusals.append(str(refusal))
    if not activities:
        raise Unreadable(refusals[0] if refusals else "The file holds no activity.")
    if refusals:
        note = f"Another activity in this file was not imported: {refusals[0]}"
        activities = [replace(a, warnings=(*a.warnings, note)) for a in activities]
    return activities


def _strava_row(source: Source, latest: float, limits: Limits) -> Activity:
    """An activity Strava knows only from activities.csv (entered by hand, no file)."""
    row = source.strava
    assert row is not None
    if row.start_time is None:
        raise Unreadable(
            "activities.csv gives this activity no date that can be read (Strava writes dates "
            "in the account's language), so it was not imported."
        )
    totals = Totals(
        start=row.start_time.astimezone(UTC).timestamp(),
        elapsed_s=row.elapsed_s,
        moving_s=row.moving_s,
        distance_m=row.distance_m,
        elevation_gain_m=row.elevation_gain_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
    )
    draft = Draft("strava-csv", totals, PointStats())
    return finish(draft, strava_fingerprint(row), row, latest, limits.route_points)


__all__ = ["pooled", "read", "read_source", "sniff"]
