"""WordPress import benchmark: time and peak memory of `runwell import-wordpress`.

Imports WordPress' theme test data and a generated export of a big blog (5,000 posts and
50,000 threaded comments by default), each into a fresh data folder (migrated first, so
only the import is timed), in a separate process whose peak resident memory is read from
the kernel (wait4). Then exports the big site again. Prints figures; asserts nothing.

Run: python bench/wordpress.py [POSTS] [COMMENTS]
     RUNWELL_BENCH_POSTGRES_URL=postgres://… python bench/wordpress.py   (also on PostgreSQL;
     the database is emptied with `runwell flush` before each run)
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
THEME_DATA = ROOT.parent / "shared" / "data" / "wordpress" / "themeunittestdata.wordpress.xml"
if not THEME_DATA.exists():  # a worktree sits one folder deeper
    THEME_DATA = ROOT.parents[1] / "shared" / "data" / "wordpress" / THEME_DATA.name

WORDS = [
    "runner",
    "back",
    "pain",
    "hamstrings",
    "pelvis",
    "load",
    "mileage",
    "strength",
    "hills",
    "shoes",
    "cadence",
    "stride",
    "recovery",
    "rest",
    "easy",
    "tempo",
    "intervals",
    "long",
    "run",
    "warm",
    "cool",
    "stretch",
    "core",
    "glutes",
]
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>A big running blog</title><link>https://big.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://big.example.org</wp:base_site_url>
<wp:base_blog_url>https://big.example.org</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[coach]]></wp:author_login>
<wp:author_email><![CDATA[coach@big.example.org]]></wp:author_email>
<wp:author_display_name><![CDATA[The Coach]]></wp:author_display_name></wp:author>
"""


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _body(rng: random.Random, n: int) -> str:
    paragraphs = [_text(rng, rng.randint(40, 120)) for _ in range(rng.randint(3, 8))]
    if n % 10 == 0:
        paragraphs.append(f"https://www.youtube.com/watch?v=video{n}")
    if n % 25 == 0:
        paragraphs.append(
            "[sourcecode]\ndef pace(km, minutes):\n\treturn minutes / km\n[/sourcecode]"
        )
    if n % 7 == 0:
        paragraphs.append(
            f'<img src="https://big.example.org/wp-content/uploads/{n}.jpg" alt="Run {n}">'
        )
    return "\n\n".join(paragraphs)


def _comment(rng: random.Random, cid: int, parent: int) -> str:
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[Reader "
        f"{cid % 997}]]></wp:comment_author><wp:comment_author_email>r{cid % 997}@example.org"
        f"</wp:comment_author_email><wp:comment_author_IP>203.0.113.{cid % 250}"
        "</wp:comment_author_IP><wp:comment_date_gmt>2021-03-04 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[{_text(rng, rng.randint(10, 60))}]]></wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def write_export(path: Path, posts: int, comments: int, seed: int = 7) -> None:
    """A WXR file of `posts` posts sharing `comments` comments, threaded (replies to replies)."""
    rng = random.Random(seed)
    per_post = [comments // posts + (1 if n < comments % posts else 0) for n in range(posts)]
    next_comment = 1
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for c in range(20):
            out.write(
                f"<wp:category><wp:category_nicename>topic-{c}</wp:category_nicename>"
                f"<wp:cat_name><![CDATA[Topic {c}]]></wp:cat_name></wp:category>\n"
            )
        for n in range(1, posts + 1):
            ids = list(range(next_comment, next_comment + per_post[n - 1]))
            next_comment += len(ids)
            thread = "".join(
                _comment(rng, cid, rng.choice([0, *ids[:i]]) if i else 0)
                for i, cid in enumerate(ids)
            )
            title = escape(_text(rng, 6)[:-1])
            out.write(
                f"<item><title>{title}</title><link>https://big.example.org/?p={n}</link>"
                f'<dc:creator><![CDATA[coach]]></dc:creator><guid isPermaLink="false">'
                f"https://big.example.org/?p={n}</guid><content:encoded><![CDATA[{_body(rng, n)}]]>"
                f"</content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2021-03-0{1 + n % 9} 08:00:00"
                f"</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>"
                f"<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status>"
                f'<wp:post_type>post</wp:post_type><category domain="category" '
                f'nicename="topic-{n % 20}"><![CDATA[Topic {n % 20}]]></category>'
                f"{thread}</item>\n"
            )
        out.write("</channel></rss>\n")


def _env(data: Path, database: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    env["RUNWELL_DATA_DIR"] = str(data)
    if database:
        env["DATABASE_URL"] = database
    return env


def _runwell(args: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Run `runwell ARGS`: (wall seconds, CPU seconds, peak resident MB of that process, stdout).

    CPU time is given beside wall time: on a shared machine the wall time includes waiting.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "runwell", *args], env=env, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    out = process.stdout.read() if process.stdout else b""
    err = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"runwell {' '.join(args)} failed:\n{err.decode()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.decode()


def measure(label: str, export: Path, database: str | None) -> Path:
    data = Path(tempfile.mkdtemp(prefix="rw-bench-wp-"))
    env = _env(data, database)
    if database:
        _runwell(["flush", "--no-input"], env)
    _runwell(["migrate", "--no-input"], env)
    seconds, cpu, peak, out = _runwell(["import-wordpress", str(export), "--json"], env)
    report = json.loads(out)
    size = export.stat().st_size / 2**20
    print(f"{label}: {size:.1f} MB file, {report['posts']} posts, {report['pages']} pages, "
          f"{report['comments']} comments, {report['redirects']} redirects")  # fmt: skip
    print(f"  import  {seconds:7.1f} s wall {cpu:7.1f} s CPU   peak memory {peak:5.0f} MB")
    seconds, cpu, peak, _ = _runwell(["import-wordpress", str(export), "--json"], env)
    print(f"  again   {seconds:7.1f} s wall {cpu:7.1f} s CPU   peak memory {peak:5.0f} MB"
          "   (a second run: nothing changes)")  # fmt: skip
    return data


def main() -> None:
    posts = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    comments = int(sys.argv[2]) if len(sys.argv) > 2 else 50000
    work = Path(tempfile.mkdtemp(prefix="rw-bench-wp-"))
    big = work / "big.xml"
    started = time.perf_counter()
    write_export(big, posts, comments)
    took = time.perf_counter() - started
    size = big.stat().st_size / 2**20
    print(
        f"Generated {posts} posts and {comments} threaded comments in {took:.1f} s ({size:.1f} MB)"
    )
    base = Path(tempfile.mkdtemp(prefix="rw-bench-wp-"))
    _runwell(["migrate", "--no-input"], _env(base, None))
    seconds, cpu, peak, _ = _runwell(["import-wordpress", "--help"], _env(base, None))
    print(f"Start-up alone (import-wordpress --help): {seconds:.1f} s wall {cpu:.1f} s CPU, "
          f"peak memory {peak:.0f} MB")  # fmt: skip
    postgres = os.environ.get("RUNWELL_BENCH_POSTGRES_URL")
    for database in [None, postgres] if postgres else [None]:
        engine = "PostgreSQL" if database else "SQLite"
        print(f"== {engine}")
        if THEME_DATA.exists():
            measure("themeunittestdata.wordpress.xml", THEME_DATA, database)
        data = measure("synthetic export", big, database)
        out = work / "out.xml"
        seconds, cpu, peak, _ = _runwell(["export-wordpress", str(out)], _env(data, database))
        written = out.stat().st_size / 2**20
        print(f"  export  {seconds:7.1f} s wall {cpu:7.1f} s CPU   peak memory {peak:5.0f} MB"
              f"   ({written:.1f} MB written)")  # fmt: skip


if __name__ == "__main__":
    main()
