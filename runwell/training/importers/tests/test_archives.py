"""Folders and ZIPs: what is found, in what order, and how members are named."""

from __future__ import annotations

import gzip
import shutil
import zipfile
from datetime import UTC, datetime

from runwell.training.importers import Limits, discover, read
from runwell.training.importers.tests.fitbuilder import simple_run
from runwell.training.importers.tests.helpers import fixture, read_path

RUN = simple_run(datetime(2024, 5, 1, 7, tzinfo=UTC), 120).to_bytes()


def test_a_folder_is_walked_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "2024" / "may").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.fit").write_bytes(RUN)
    (tmp_path / "2024" / "may" / "a.gpx.gz").write_bytes(
        gzip.compress(fixture("cerknicko-jezero.gpx").read_bytes())
    )
    (tmp_path / "2024" / "notes.txt").write_text("not an activity")
    (tmp_path / ".hidden" / "c.fit").write_bytes(RUN)
    (tmp_path / "._b.fit").write_bytes(b"macOS companion")
    found = discover([tmp_path], display_root=tmp_path.parent)
    assert [s.name for s in found.sources] == [  # a folder's files, then its subfolders
        f"{tmp_path.name}/b.fit",
        f"{tmp_path.name}/2024/may/a.gpx.gz",
    ]
    assert [o.error for o in read(found, workers=1)] == [None, None]


def test_zip_members_are_named_archive_bang_member(tmp_path):
    archive = tmp_path / "runs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("week1/run.fit", RUN)
        zf.write(fixture("sup_activity_1.tcx"), "week1/paddle.tcx")
        zf.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
    outcomes = list(read(discover([archive]), workers=1))
    assert [o.file for o in outcomes] == [
        f"{archive}!inner.zip",
        f"{archive}!week1/paddle.tcx",
        f"{archive}!week1/run.fit",
    ]
    assert outcomes[0].error is not None and "archive inside an archive" in outcomes[0].error
    assert outcomes[1].ok and outcomes[2].ok


def test_a_damaged_zip_is_one_error_not_a_crash(tmp_path):
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 this archive was cut off")
    (outcome,) = list(read(discover([bad]), workers=1))
    assert outcome.error is not None and "ZIP archive cannot be opened" in outcome.error


def test_a_missing_path_is_reported(tmp_path):
    (outcome,) = list(read(discover([tmp_path / "nope.fit"]), workers=1))
    assert outcome.error == "There is no such file or folder."


def test_a_zip_without_its_suffix_is_still_opened(tmp_path):
    archive = tmp_path / "upload-3f2a"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("run.fit", RUN)
    (outcome,) = list(read(discover([archive]), workers=1))
    assert outcome.file == f"{archive}!run.fit" and outcome.ok


def test_a_file_named_wrongly_is_read_by_its_content(tmp_path):
    misnamed = tmp_path / "walk.fit"
    shutil.copy(fixture("cerknicko-jezero.gpx"), misnamed)
    assert read_path(misnamed).activities[0].source_format == "gpx"


def test_an_unknown_file_given_by_name_is_an_error(tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    assert read_path(photo).error == "This is not a FIT, GPX or TCX file."


def test_a_gzip_bomb_stops_at_the_size_limit(tmp_path):
    bomb = tmp_path / "bomb.gpx.gz"
    with gzip.open(bomb, "wb") as out:
        out.write(b"<gpx>" + b" " * (3 * 1024 * 1024))
    outcome = read_path(bomb, Limits(max_file_bytes=1024 * 1024))
    assert (
        outcome.error == "The file is larger than 1 MB once unpacked; files this large are refused."
    )


def test_an_archive_with_too_many_members_is_refused_whole(tmp_path):
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for i in range(12):
            zf.writestr(f"{i}.fit", RUN)
    found = discover([archive], limits=Limits(max_archive_members=10))
    assert found.total == 1
    assert found.sources[0].problem is not None and "more than the 10" in found.sources[0].problem


def test_a_truncated_gz_keeps_what_could_be_unpacked(tmp_path):
    packed = gzip.compress(simple_run(datetime(2024, 5, 1, 7, tzinfo=UTC), 1200).to_bytes())
    cut = tmp_path / "run.fit.gz"
    cut.write_bytes(packed[: len(packed) * 3 // 4])
    outcome = read_path(cut)
    assert outcome.ok
    assert any(".gz" in w for w in outcome.activities[0].warnings)
