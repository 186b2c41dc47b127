"""Runwell's one settings module, configured from the environment.

Every value that differs between machines comes from an environment variable read
through the small typed helpers below. A malformed value stops start-up with a
one-line message that names the variable (see ``ConfigError``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url

from runwell.config import (
    SECRET_KEY_FILE,
    ConfigError,
    data_dir_path,
    env,
    envbool,
    envint,
    envlist,
    envnetworks,
    envsecret,
)
from runwell.lib.rates import parse_rate


def _secret_key(data_dir: Path) -> str:
    key = envsecret("RUNWELL_SECRET_KEY")
    if key:
        return key
    # The key `runwell` made in the data folder on its first start (config.prepare_data_dir),
    # so sessions and signed links survive restarts and every worker shares it.
    try:
        return (data_dir / SECRET_KEY_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        raise ConfigError(
            f"no secret key: set RUNWELL_SECRET_KEY, or start once with `runwell serve`, "
            f"which keeps one in {data_dir / SECRET_KEY_FILE}"
        ) from None


def _database(data_dir: Path) -> dict[str, Any]:
    url = env("DATABASE_URL")
    if not url:
        url = f"sqlite:///{data_dir / 'db.sqlite3'}"
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except Exception as exc:
        raise ConfigError(f"DATABASE_URL is not a valid database URL: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        if str(config.get("NAME", "")) in {"", ":memory:"}:
            raise ConfigError("DATABASE_URL names no SQLite file (sqlite:////path/to/db.sqlite3)")
        # Kept open between requests (each gunicorn thread has its own): opening one
        # and running the PRAGMAs below cost more than a cached page. Restoring a
        # backup replaces the file, so it is done with the site stopped (docs/deploy.md).
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
        # WAL lets readers run beside one writer; IMMEDIATE takes the write lock
        # at BEGIN so concurrent workers queue for it instead of failing with
        # "database is locked" when a read transaction tries to upgrade.
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config["TEST"] = {"NAME": str(data_dir / "test.sqlite3")}
    elif engine in {"django.db.backends.postgresql"}:
        if not config.get("NAME"):
            raise ConfigError("DATABASE_URL names no PostgreSQL database")
        config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ConfigError(f"DATABASE_URL uses an unsupported database ({engine or 'unknown'})")
    return config


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir_path()
SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = envbool("RUNWELL_DEBUG", False)

SITE_URL = env("RUNWELL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in {"http", "https"} or not _site.hostname:
    raise ConfigError(f"RUNWELL_SITE_URL={SITE_URL!r} is not an http(s) address")
ALLOWED_HOSTS = envlist(
    "RUNWELL_ALLOWED_HOSTS", [_site.hostname, "127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]
SITE_NAME = env("RUNWELL_SITE_NAME", "Runwell")
# Shown on the Contact and Privacy pages; the moderators' address when unset.
CONTACT_EMAIL = env("RUNWELL_CONTACT_EMAIL")
# Meaning-based search: an article's passage vectors are made after each save (by the
# task worker) when the model is installed; the test suite turns this off where unused.
ARTICLES_EMBED_ON_SAVE = True
# Starter articles and demo discussions, loaded on the first `runwell serve`.
CONTENT_DIR = Path(env("RUNWELL_CONTENT_DIR", str(BASE_DIR.parent / "content")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django.contrib.humanize",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "runwell.site",
    "runwell.accounts",
    "runwell.articles",
    "runwell.comments",
    "runwell.paincheck",
    "runwell.training",
    "runwell.wordpress",
]

# Reverse proxies whose X-Forwarded-For is believed (runwell.lib.net.client_ip decides
# every client address from it); empty: the direct peer is the client.
TRUSTED_PROXIES = envnetworks("RUNWELL_TRUSTED_PROXIES")

MIDDLEWARE = [
    "runwell.site.middleware.ClientAddressMiddleware",
    "runwell.site.middleware.ApiErrorMiddleware",
    "runwell.site.middleware.UnstorableInputMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Answers the public comment API (a read from cached bytes, a post) before the rest runs.
    "runwell.comments.middleware.ThreadApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "runwell.wordpress.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "runwell.urls"
WSGI_APPLICATION = "runwell.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "runwell.site.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": _database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("RUNWELL_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
# Failures count per (account, address), and also per account and per address with a
# higher limit, so spreading guesses over many addresses does not help (accounts.lockout).
AXES_HANDLER = "runwell.accounts.lockout.SpreadLockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "runwell.lib.net.client_ip"
# Log-in records (user names with addresses and browsers) are forgotten after this many
# days by the worker's housekeeping; an account's own are erased with it.
SECURITY_LOG_DAYS = envint("RUNWELL_SECURITY_LOG_DAYS", 30, minimum=1)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "articles:home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("RUNWELL_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Hashed, compressed file names need `collectstatic` first; `runwell serve`
# runs it. DEBUG (and the test suite, see conftest.py) serve the source folders.
_manifest_static = not DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _manifest_static
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not _manifest_static

# Nothing needs a cache shared between processes: throttles count in the database, and
# rendered threads are cached per process under a version kept in the database.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env("RUNWELL_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# A task a worker began more than this many seconds ago, when that worker has gone
# silent, is put back in the queue (runwell.site.queue).
TASK_TIMEOUT = envint("RUNWELL_TASK_TIMEOUT", 600, minimum=30)

# Discussion rules that override the admin's "Discussion settings" when set, so a
# benchmark or a test can configure a server without the admin (None/"" = unset).
COMMENT_MODERATION = env("RUNWELL_COMMENT_MODERATION").strip().lower()
if COMMENT_MODERATION not in {"", "wordpress", "none", "all"}:
    raise ConfigError(
        f"RUNWELL_COMMENT_MODERATION={COMMENT_MODERATION!r} is not wordpress, none or all"
    )
COMMENT_FLOOD_SECONDS = (
    envint("RUNWELL_COMMENT_FLOOD_SECONDS", 15, minimum=0)
    if env("RUNWELL_COMMENT_FLOOD_SECONDS").strip()
    else None
)
COMMENT_RATE_LIMIT = env("RUNWELL_COMMENT_RATE_LIMIT").strip()
try:
    parse_rate(COMMENT_RATE_LIMIT)
except ValueError as exc:
    raise ConfigError(f"RUNWELL_COMMENT_RATE_LIMIT: {exc}") from None
COMMENT_MIN_SECONDS = (
    envint("RUNWELL_COMMENT_MIN_SECONDS", 3, minimum=0)
    if env("RUNWELL_COMMENT_MIN_SECONDS").strip()
    else None
)

# Email: the console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"Runwell <noreply@{_site.hostname}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MANAGERS = [("Moderators", a) for a in envlist("RUNWELL_MODERATOR_EMAILS", [])]

# Security. Behind TLS, set RUNWELL_SECURE=true (and RUNWELL_PROXY_SSL_HEADER=true
# when a proxy terminates TLS) to turn on the HTTPS-only settings.
SECURE = envbool("RUNWELL_SECURE", _site.scheme == "https")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and envbool("RUNWELL_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("RUNWELL_HSTS_SECONDS", 31536000 if SECURE else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
if envbool("RUNWELL_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The largest WordPress export `runwell import-wordpress` reads (it streams the file,
# so memory stays flat; the cap keeps a mistaken or hostile file from running for hours).
WORDPRESS_IMPORT_MAX_MB = envint("RUNWELL_WORDPRESS_IMPORT_MAX_MB", 512, minimum=1)

# Training-log uploads (a whole Strava export is often a few hundred MB) wait here for
# their import; the folder must be shared by every machine, like media (docs/deploy.md).
TRAINING_UPLOAD_DIR = DATA_DIR / "training-uploads"
TRAINING_UPLOAD_MAX_BYTES = envint("RUNWELL_TRAINING_UPLOAD_MB", 500, minimum=1) * 1024 * 1024

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("RUNWELL_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
