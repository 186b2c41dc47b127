"""The first admin never collides with an account that is already there (issue 14, #2):
WordPress' default login is `admin`, and an import may have brought it in."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from runwell.site.management.commands.serve import Command as Serve
from runwell.site.tests.test_serve import free_port, start, stop, wait_until_up
from runwell.wordpress.tests.samples import P, write, wxr

ADMIN_AUTHOR = (
    "<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]>"
    "</wp:author_login><wp:author_email><![CDATA[owner@example.org]]></wp:author_email>"
    "<wp:author_display_name><![CDATA[The owner]]></wp:author_display_name></wp:author>"
)


def _first_start(capsys) -> str:
    out = io.StringIO()
    Serve(stdout=out)._ensure_first_admin()
    return out.getvalue()


@pytest.mark.django_db
def test_an_inactive_imported_admin_leaves_the_first_admin_a_free_name(capsys):
    get_user_model().objects.create_user("admin", is_active=False)  # as an older import made it
    output = _first_start(capsys)
    assert "user name: admin-2" in output
    made = get_user_model().objects.get(username="admin-2")
    assert made.is_superuser and made.has_usable_password()
    assert not get_user_model().objects.get(username="admin").is_superuser
    assert _first_start(capsys) == ""  # a later start makes nobody


@pytest.mark.django_db
def test_createadmin_without_a_name_takes_the_next_free_one():
    get_user_model().objects.create_user("admin")
    out = io.StringIO()
    call_command("createadmin", stdout=out)
    assert "user name: admin-2" in out.getvalue()


def test_serve_starts_after_importing_an_author_called_admin(tmp_path):
    export = write(
        tmp_path, wxr(P(1, creator="admin")).replace("<wp:author>", ADMIN_AUTHOR + "<wp:author>", 1)
    )
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNWELL_", "DATABASE_"))}
    env["RUNWELL_DATA_DIR"] = str(data)
    imported = subprocess.run(
        [sys.executable, "-m", "runwell", "import-wordpress", str(export)],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "admin-imported" in imported.stdout
    port = free_port()
    server = start(data, port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server)
    finally:
        output = stop(server)
    assert "user name: admin\n" in output
