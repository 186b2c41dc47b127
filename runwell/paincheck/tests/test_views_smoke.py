import pytest

pytestmark = pytest.mark.django_db


def test_the_pages_render(client):
    assert client.get("/pain-check/").status_code == 200
    assert client.get("/pain-check/how-it-works/").status_code == 200
