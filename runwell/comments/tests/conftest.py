import pytest

from runwell.comments.conf import forget_stored_settings
from runwell.comments.threads import clear_cache


@pytest.fixture(autouse=True)
def quiet_defences(settings):
    """Defences off unless a test turns one on; each test starts with an empty cache."""
    settings.COMMENT_RATE_LIMIT = "0"
    settings.COMMENT_FLOOD_SECONDS = 0
    settings.COMMENT_MIN_SECONDS = 3
    settings.COMMENT_MODERATION = ""
    settings.MANAGERS = [("Mods", "mods@example.org")]
    clear_cache()
    forget_stored_settings()
    yield
    clear_cache()
    forget_stored_settings()
