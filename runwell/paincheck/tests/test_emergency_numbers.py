"""The number on the emergency button follows the browser's Accept-Language."""

import pytest

from runwell.paincheck.knowledge.emergency_numbers import ALL_NUMBERS, emergency_number


@pytest.mark.parametrize(
    ("header", "number"),
    [
        ("en-GB", "999"),
        ("en-gb,en;q=0.8", "999"),
        ("en-US,en;q=0.9", "911"),
        ("en-CA", "911"),
        ("fr-CA,fr;q=0.8", "911"),
        ("fr-FR,fr;q=0.9,en-US;q=0.8", "112"),
        ("de", "112"),
        ("nl-BE", "112"),
        ("en-IE", "112"),
        ("es-US", "911"),
        ("zh-Hant-TW,en-US;q=0.5", "911"),  # a script subtag is skipped, Taiwan is unknown
        ("en,fr;q=0.5", "112"),  # plain English says nothing; French does
        ("en;q=0.2,de-AT;q=0.9", "112"),  # quality decides, not order
        ("de-DE;q=0,en-GB", "999"),  # q=0 means "not this"
        ("en", "999"),
        ("ja-JP", "999"),
        ("", "999"),
        ("garbage;;q=x,,", "999"),
    ],
)
def test_the_first_matching_preference_chooses_the_number(header, number):
    assert emergency_number(header).number == number


def test_all_three_numbers_are_known_with_phone_links():
    assert [(n.number, n.tel) for n in ALL_NUMBERS] == [
        ("999", "tel:999"),
        ("112", "tel:112"),
        ("911", "tel:911"),
    ]
