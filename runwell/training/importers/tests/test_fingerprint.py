"""The same activity gives the same fingerprint from every container."""

from __future__ import annotations

import gzip
import hashlib
import zipfile

from runwell.training.importers import discover, read
from runwell.training.importers.tests.helpers import fixture


def test_plain_gzipped_zipped_and_strava_exported_copies_share_a_fingerprint(tmp_path):
    original = fixture("garmin-fenix-5-run.fit")
    data = original.read_bytes()
    (tmp_path / "run.fit.gz").write_bytes(gzip.compress(data))
    with zipfile.ZipFile(tmp_path / "plain.zip", "w") as zf:
        zf.writestr("run.fit", data)
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as zf:
        zf.writestr(
            "activities.csv",
            "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"
            '1,"Jun 11, 2017, 2:34:09 PM",Hill repeats,Run,activities/1.fit.gz\n',
        )
        zf.writestr("activities/1.fit.gz", gzip.compress(data, compresslevel=1))
    paths = [original, tmp_path / "run.fit.gz", tmp_path / "plain.zip", tmp_path / "export.zip"]
    prints = {o.activities[0].fingerprint for o in read(discover(paths), workers=1)}
    assert prints == {hashlib.sha256(data).hexdigest()}


def test_different_activities_have_different_fingerprints():
    paths = [fixture("garmin-fenix-5-run.fit"), fixture("garmin-fenix-5-bike.fit")]
    prints = [o.activities[0].fingerprint for o in read(discover(paths), workers=1)]
    assert prints[0] != prints[1]
