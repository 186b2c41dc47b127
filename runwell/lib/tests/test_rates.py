import pytest
from django.core.exceptions import ValidationError

from runwell.lib.rates import parse_rate, validate_rate


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5/m", (5, 60)), ("100/h", (100, 3600)), (" 2/S ", (2, 1)), ("1/d", (1, 86400))],
)
def test_a_rate_reads_as_count_per_seconds(text, expected):
    assert parse_rate(text) == expected


@pytest.mark.parametrize("text", ["0", "", "  "])
def test_zero_or_nothing_turns_the_limit_off(text):
    assert parse_rate(text) is None


@pytest.mark.parametrize("text", ["5/min", "5", "m/5", "-1/m", "0/m", "5/m/h", "five/m"])
def test_a_typo_is_an_error_not_a_silent_off(text):
    with pytest.raises(ValueError, match="is not a number of comments"):
        parse_rate(text)
    with pytest.raises(ValidationError):
        validate_rate(text)
