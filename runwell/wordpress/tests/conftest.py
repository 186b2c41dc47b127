import os

import pytest

from runwell.wordpress.tests.samples import SHARED

REQUIRE_SHARED = os.environ.get("RUNWELL_REQUIRE_SHARED_DATA") == "1"


@pytest.fixture
def shared_data():
    """The real WordPress exports beside the checkout (../shared/data/wordpress)."""
    if not SHARED.is_dir():
        if REQUIRE_SHARED:
            pytest.fail(f"RUNWELL_REQUIRE_SHARED_DATA=1 but {SHARED} is missing")
        pytest.skip(f"the shared WordPress exports are not at {SHARED}")
    return SHARED
