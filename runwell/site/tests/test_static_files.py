"""`runwell serve` collects the static files only when their sources changed."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from runwell.site import static_files


@pytest.fixture
def collections(settings, tmp_path: Path, monkeypatch) -> list[str]:
    """The data folder in tmp_path; the list records each collectstatic run."""
    settings.DATA_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    runs: list[str] = []

    def recording(name, *args, **kwargs):
        runs.append(name)
        return call_command(name, *args, **kwargs)

    monkeypatch.setattr(static_files, "call_command", recording)
    return runs


def test_the_first_start_collects_and_the_next_one_leaves_the_files_alone(collections):
    assert static_files.collect_static_if_changed()
    assert not static_files.collect_static_if_changed()
    assert collections == ["collectstatic"]


def test_changed_sources_are_collected_again(collections, monkeypatch):
    static_files.collect_static_if_changed()
    monkeypatch.setattr(static_files, "sources_fingerprint", lambda: "after an upgrade")
    assert static_files.collect_static_if_changed()
    assert collections == ["collectstatic", "collectstatic"]


def test_a_removed_static_folder_is_collected_again(collections, settings):
    static_files.collect_static_if_changed()
    shutil.rmtree(settings.STATIC_ROOT)
    assert static_files.collect_static_if_changed()
    assert any(Path(settings.STATIC_ROOT).iterdir())


def test_the_fingerprint_follows_a_source_file(settings, tmp_path):
    source = tmp_path / "extra"
    source.mkdir()
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, source]
    before = static_files.sources_fingerprint()
    (source / "new.css").write_text("body { color: black }")
    assert static_files.sources_fingerprint() != before
