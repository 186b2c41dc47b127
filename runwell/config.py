"""Typed readers for environment variables, shared by settings and the CLI.

Each helper fails loudly: a malformed value raises ``ConfigError`` whose message
names the variable, and the ``runwell`` command prints it as one line.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

SECRET_KEY_FILE = "secret_key"  # noqa: S105 — a file name, not a secret


class ConfigError(Exception):
    """A bad value in the environment; the message names the variable."""


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean (use true or false)")


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={raw!r} must be at least {minimum}")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def envnetworks(name: str) -> tuple[Network, ...]:
    """Comma-separated addresses or CIDR ranges ("10.0.0.0/8, ::1"); empty means none."""
    networks = []
    for item in envlist(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigError(
                f"{name}: {item!r} is not an IP address or a CIDR range such as 10.0.0.0/8"
            ) from None
    return tuple(networks)


def envsecret(name: str) -> str:
    """Read NAME, or the contents of the file named by NAME_FILE."""
    value = os.environ.get(name, "")
    path = os.environ.get(f"{name}_FILE", "")
    if value:
        return value
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE={path!r} cannot be read: {exc.strerror}") from None
    return ""


def data_dir_path() -> Path:
    """Where Runwell keeps its data (RUNWELL_DATA_DIR, default ./var); nothing is created."""
    return Path(env("RUNWELL_DATA_DIR", "var")).expanduser().resolve()


def prepare_data_dir() -> Path:
    """Make the data folder ready: its subfolders and, on the first start, a secret key.

    The `runwell` command and the WSGI entry point call this before Django reads the
    settings, so that importing the settings never writes anything.
    """
    path = data_dir_path()
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
        (path / "static").mkdir(exist_ok=True)
        (path / "media").mkdir(exist_ok=True)
        key_file = path / SECRET_KEY_FILE
        if not envsecret("RUNWELL_SECRET_KEY") and not key_file.exists():
            _write_new_key(key_file)
    except OSError as exc:
        raise ConfigError(
            f"RUNWELL_DATA_DIR={str(path)!r} is not a writable folder: {exc.strerror}"
        ) from None
    return path


def _write_new_key(key_file: Path) -> None:
    # Written whole under another name, then linked into place: a second process
    # starting at the same moment either wins or reads the complete key, never half.
    draft = key_file.with_name(f".{key_file.name}.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(50))
    try:
        os.link(draft, key_file)
    except FileExistsError:
        pass  # another process made it a moment ago: use theirs
    finally:
        draft.unlink()
