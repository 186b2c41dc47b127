import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_createadmin_makes_a_superuser_and_prints_its_password_once(capsys):
    call_command("createadmin", "--username", "editor")
    out = capsys.readouterr().out
    password = out.split("password:")[1].split()[0]
    user = get_user_model().objects.get(username="editor")
    assert user.is_superuser and user.is_staff
    assert user.check_password(password)


def test_createadmin_refuses_a_taken_name():
    call_command("createadmin", "--username", "editor")
    with pytest.raises(CommandError, match="already exists"):
        call_command("createadmin", "--username", "editor")
