"""The environment readers fail loudly, naming the variable."""

import pytest

from runwell.config import ConfigError, envbool, envint, envlist, envsecret


def test_envbool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("true", True), ("Yes", True), ("off", False), ("0", False)]:
        monkeypatch.setenv("X_FLAG", raw)
        assert envbool("X_FLAG", not expected) is expected


def test_envbool_uses_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("X_FLAG", raising=False)
    assert envbool("X_FLAG", True) is True
    monkeypatch.setenv("X_FLAG", "")
    assert envbool("X_FLAG", False) is False


def test_envbool_rejects_anything_else_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ConfigError, match="X_FLAG='maybe' is not a boolean"):
        envbool("X_FLAG", False)


def test_envint_rejects_a_non_integer_naming_the_variable(monkeypatch):
    monkeypatch.setenv("X_PORT", "80a")
    with pytest.raises(ConfigError, match="X_PORT='80a' is not a whole number"):
        envint("X_PORT", 1)


def test_envint_enforces_its_minimum(monkeypatch):
    monkeypatch.setenv("X_PORT", "0")
    with pytest.raises(ConfigError, match="must be at least 1"):
        envint("X_PORT", 8000, minimum=1)
    monkeypatch.setenv("X_PORT", " 8080 ")
    assert envint("X_PORT", 8000, minimum=1) == 8080


def test_envlist_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.example, b.example,,")
    assert envlist("X_HOSTS", []) == ["a.example", "b.example"]


def test_envsecret_prefers_the_value_then_the_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "key"
    secret_file.write_text("from-file\n")
    monkeypatch.delenv("X_KEY", raising=False)
    monkeypatch.setenv("X_KEY_FILE", str(secret_file))
    assert envsecret("X_KEY") == "from-file"
    monkeypatch.setenv("X_KEY", "direct")
    assert envsecret("X_KEY") == "direct"


def test_envsecret_names_an_unreadable_file(monkeypatch, tmp_path):
    monkeypatch.delenv("X_KEY", raising=False)
    monkeypatch.setenv("X_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match=r"X_KEY_FILE=.* cannot be read"):
        envsecret("X_KEY")


def test_trusted_proxies_are_addresses_or_ranges(monkeypatch):
    import ipaddress

    from runwell.config import envnetworks

    monkeypatch.setenv("X_PROXIES", "127.0.0.1, 10.0.0.0/8 ,::1")
    assert envnetworks("X_PROXIES") == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
        ipaddress.ip_network("::1/128"),
    )
    monkeypatch.setenv("X_PROXIES", "")
    assert envnetworks("X_PROXIES") == ()


def test_a_bad_trusted_proxy_stops_start_up_naming_the_variable(monkeypatch):
    from runwell.config import envnetworks

    monkeypatch.setenv("X_PROXIES", "127.0.0.1, nginx.local")
    with pytest.raises(ConfigError, match=r"X_PROXIES: 'nginx.local' is not an IP address"):
        envnetworks("X_PROXIES")
