"""Import benchmark: Runwell's importers against fitdecode on a synthetic Strava export.

The export (bench/fit_export.py) holds N one-hour 1 Hz runs as .fit.gz files in a
ZIP with activities.csv, as Strava writes them; it is generated once into the
temp folder and reused. Each contender runs in a fresh child process over the
same files, doing the same I/O (ZIP member -> gunzip -> decode):

- runwell, 2 workers: `discover` + `read` as the app calls them (a process pool);
- runwell, 1 process: the same, read in the calling process (the per-core speed);
- fitdecode: each file decoded with fitdecode 0.11 (CRC checked, as fitdecode
  does by default) in one process, collecting the session and the records.

Peak memory comes from /proc: every process's high-water resident size (VmHWM)
for the child and all its descendants (fork server, workers), added up; that sum
bounds the total at any instant from above. The largest total resident size seen
in samples every 0.25 s is printed beside it.

Run: python bench/imports.py [--files 2000] [--fitdecode-files N]
With --fitdecode-files smaller than --files, fitdecode's time is measured on
that many files and extrapolated; both figures are printed and marked.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_export import cached_export

MB = 1_000_000


class MemoryWatch(threading.Thread):
    """Samples the resident memory of this process and all its descendants."""

    def __init__(self, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.high_water: dict[int, int] = {}
        self.cpu_ticks: dict[int, int] = {}
        self.peak_total = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.sample()
            self.stopping.wait(self.interval)

    def sample(self) -> None:
        total = 0
        for pid in [os.getpid(), *descendants(os.getpid())]:
            rss, hwm = _status_kb(pid)
            total += rss
            self.high_water[pid] = max(self.high_water.get(pid, 0), hwm)
            self.cpu_ticks[pid] = max(self.cpu_ticks.get(pid, 0), _cpu_ticks(pid))
        self.peak_total = max(self.peak_total, total)

    def stop(self) -> dict[str, float]:
        self.sample()
        self.stopping.set()
        self.join()
        return {
            "cpu_seconds": sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK"),
            "hwm_sum_mb": sum(self.high_water.values()) * 1024 / MB,
            "sampled_peak_mb": self.peak_total * 1024 / MB,
            "processes": len(self.high_water),
        }


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _cpu_ticks(pid: int) -> int:
    """User plus system time of `pid`, in clock ticks (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def _status_kb(pid: int) -> tuple[int, int]:
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def members(export: Path, limit: int) -> list[str]:
    with zipfile.ZipFile(export) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".fit.gz"))
    return names[:limit]


def child_runwell(export: Path, limit: int, workers: int) -> dict[str, object]:
    from runwell.training.importers import Discovery, discover, read

    watch = MemoryWatch()
    watch.start()
    start = time.perf_counter()
    found = discover([export])
    sources = tuple(s for s in found.sources if s.member and s.member.endswith(".fit.gz"))
    found = Discovery(sources[:limit])
    activities = errors = points = 0
    distance = 0.0
    for done, outcome in enumerate(read(found, workers=workers), 1):
        if done == found.total:
            watch.sample()  # every file is read: count the workers' CPU before they exit
        errors += outcome.error is not None
        for activity in outcome.activities:
            activities += 1
            points += activity.points
            distance += activity.distance_m or 0.0
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "files": len(sources[:limit]),
        "activities": activities,
        "errors": errors,
        "points": points,
        "distance_m": round(distance, 1),
        **watch.stop(),
    }


def child_fitdecode(export: Path, limit: int) -> dict[str, object]:
    import fitdecode

    watch = MemoryWatch()
    watch.start()
    start = time.perf_counter()
    activities = errors = points = 0
    distance = 0.0
    names = members(export, limit)
    with zipfile.ZipFile(export) as archive:
        for name in names:
            data = gzip.decompress(archive.read(name))
            try:
                with fitdecode.FitReader(io.BytesIO(data)) as reader:
                    stamps = set()
                    for frame in reader:
                        if not isinstance(frame, fitdecode.FitDataMessage):
                            continue
                        if frame.name == "record":
                            stamps.add(frame.get_value("timestamp", fallback=None))
                        elif frame.name == "session":
                            distance += frame.get_value("total_distance", fallback=0.0) or 0.0
                            activities += 1
                    points += len(stamps)
            except fitdecode.FitError:
                errors += 1
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "files": len(names),
        "activities": activities,
        "errors": errors,
        "points": points,
        "distance_m": round(distance, 1),
        **watch.stop(),
    }


def fit_megabytes(export: Path, limit: int) -> tuple[float, float]:
    """(MB of FIT data once unpacked, MB of the .fit.gz files) for the first `limit` files."""
    sidecar = export.with_suffix(f".{limit}.sizes.json")
    if sidecar.exists():
        sizes = json.loads(sidecar.read_text())
    else:
        fit = gz = 0
        with zipfile.ZipFile(export) as archive:
            for name in members(export, limit):
                packed = archive.read(name)
                gz += len(packed)
                fit += int.from_bytes(packed[-4:], "little")  # gzip's ISIZE trailer
        sizes = {"fit": fit, "gz": gz}
        sidecar.write_text(json.dumps(sizes))
    return sizes["fit"] / MB, sizes["gz"] / MB


def run_child(mode: str, export: Path, limit: int) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--export",
        str(export),
        "--files",
        str(limit),
    ]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def line(label: str, r: dict[str, float], fit_mb: float, note: str = "") -> str:
    seconds, files = r["seconds"], r["files"]
    return (
        f"{label:<22} {files:>6.0f} {fit_mb:>8.1f} {seconds:>9.2f} {r['cpu_seconds']:>8.2f} "
        f"{files / seconds:>9.1f} {fit_mb / seconds:>8.2f} {r['hwm_sum_mb']:>9.1f} "
        f"{r['sampled_peak_mb']:>9.1f}  {note}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--fitdecode-files", type=int, default=None)
    parser.add_argument("--child", choices=["runwell-2", "runwell-1", "fitdecode"])
    parser.add_argument("--export", type=Path)
    args = parser.parse_args()
    if args.child:
        if args.child == "fitdecode":
            result = child_fitdecode(args.export, args.files)
        else:
            result = child_runwell(args.export, args.files, int(args.child[-1]))
        print(json.dumps(result))
        return

    started = time.perf_counter()
    export = cached_export(args.files)
    print(f"export: {export} ({export.stat().st_size / MB:.1f} MB; ready in "
          f"{time.perf_counter() - started:.1f} s)")  # fmt: skip
    fd_files = min(args.fitdecode_files or args.files, args.files)
    fit_mb, gz_mb = fit_megabytes(export, args.files)
    print(f"{args.files} runs of 3,601 records: {fit_mb:.1f} MB of FIT ({gz_mb:.1f} MB gzipped)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    two = run_child("runwell-2", export, args.files)
    one = run_child("runwell-1", export, args.files)
    fd = run_child("fitdecode", export, fd_files)
    fd_mb = fit_megabytes(export, fd_files)[0]
    print()
    print(f"{'':<22} {'files':>6} {'MB':>8} {'seconds':>9} {'CPU s':>8} {'files/s':>9} "
          f"{'MB/s':>8} {'peak MB*':>9} {'sampled':>9}")  # fmt: skip
    print(line("runwell, 2 workers", two, fit_mb))
    print(line("runwell, 1 process", one, fit_mb))
    print(line("fitdecode, 1 process", fd, fd_mb, "(measured)"))
    scale = args.files / fd["files"]
    fd_seconds, fd_cpu = fd["seconds"] * scale, fd["cpu_seconds"] * scale
    if fd["files"] < args.files:
        print(f"{'fitdecode, extrapolated':<22} {args.files:>6} {fit_mb:>8.1f} {fd_seconds:>9.2f} "
              f"{fd_cpu:>8.2f} {args.files / fd_seconds:>9.1f} {fit_mb / fd_seconds:>8.2f}  "
              f"(from {fd['files']} files, scaled linearly)")  # fmt: skip
    print()
    print(f"ratio, wall clock, runwell with 2 workers vs fitdecode: "
          f"{fd_seconds / two['seconds']:.1f}x")  # fmt: skip
    print(
        f"ratio, wall clock, runwell in 1 process vs fitdecode: {fd_seconds / one['seconds']:.1f}x"
    )
    print(f"ratio, CPU time, runwell (1 process) vs fitdecode: {fd_cpu / one['cpu_seconds']:.1f}x")
    print(
        f"load average at the end: {os.getloadavg()[0]:.2f} "
        "(other work on the machine slows the wall clock, not the CPU time)"
    )
    print("* peak MB: the sum of the high-water resident sizes (VmHWM, /proc) of the process")
    print("  and all its descendants (fork server, workers): an upper bound on the total.")
    agree = (two["points"], two["distance_m"]) == (one["points"], one["distance_m"])
    print(f"runwell 2 workers and 1 process agree: {agree}; "
          f"activities {two['activities']:.0f}, errors {two['errors']:.0f}")  # fmt: skip
    if fd["files"] == args.files:
        same = (fd["points"], round(fd["distance_m"])) == (two["points"], round(two["distance_m"]))
        print(f"fitdecode agrees on points and total distance: {same} "
              f"({fd['points']:.0f} points, {fd['distance_m'] / 1000:.1f} km)")  # fmt: skip


if __name__ == "__main__":
    main()
