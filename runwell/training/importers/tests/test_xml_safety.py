"""XML that tries to expand entities or read other files is refused, and nothing is read."""

from __future__ import annotations

import pytest

from runwell.training.importers.tests.helpers import read_bytes

SECRET = "runwell-secret-8c1f"

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    '<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&d;</name><trkseg>'
    '<trkpt lat="46" lon="14"><time>2024-05-01T07:00:00Z</time></trkpt>'
    '<trkpt lat="46.001" lon="14"><time>2024-05-01T07:01:00Z</time></trkpt>'
    "</trkseg></trk></gpx>"
)


def external_entity(secret_path: str, root: str) -> str:
    return (
        f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY x SYSTEM "file://{secret_path}">]>'
        f"<{root}><trk><name>&x;</name></trk></{root}>"
    )


@pytest.mark.parametrize("name", ["bomb.gpx", "bomb.tcx"])
def test_entity_expansion_is_refused(tmp_path, name):
    data = BILLION_LAUGHS
    if name.endswith(".tcx"):
        data = data.replace("<gpx", "<TrainingCenterDatabase", 1)
    outcome = read_bytes(tmp_path, name, data.encode())
    assert outcome.activities == ()
    assert outcome.error is not None and "refused for safety" in outcome.error


@pytest.mark.parametrize("root", ["gpx", "TrainingCenterDatabase"])
def test_an_external_entity_is_refused_and_the_file_is_never_read(tmp_path, root):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    outcome = read_bytes(tmp_path, "xxe.gpx" if root == "gpx" else "xxe.tcx",
                         external_entity(str(secret), root).encode())  # fmt: skip
    assert outcome.error is not None and "refused for safety" in outcome.error
    assert SECRET not in repr(outcome)


def test_a_gzipped_attack_is_refused_too(tmp_path):
    outcome = read_bytes(tmp_path, "bomb.gpx", BILLION_LAUGHS.encode(), gz=True)
    assert outcome.error is not None and "refused for safety" in outcome.error
