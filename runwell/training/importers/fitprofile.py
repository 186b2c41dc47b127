"""The few parts of the FIT profile the importer reads, as plain numbers.

Message and field numbers, base sizes and "invalid" markers are facts of the
FIT protocol; only the fields that a summary and a route need are listed, and
the decoder walks past every other field and message by its declared size.

PURE: no Django.
"""

from __future__ import annotations

FIT_EPOCH_UNIX = 631_065_600  # 1989-12-31T00:00:00Z
RELATIVE_TIME_LIMIT = 0x10000000  # smaller timestamps count seconds from power-on
SEMICIRCLE_DEGREES = 180 / 2**31

FILE_ID, SPORT, SESSION, LAP, RECORD = 0, 12, 18, 19, 20

# Invalid ("no value") markers by struct format character.
INVALID = {"B": 0xFF, "H": 0xFFFF, "I": 0xFFFFFFFF, "i": 0x7FFFFFFF}

TIMESTAMP = 253

# global message number -> {field number: (name, struct format)}
WANTED: dict[int, dict[int, tuple[str, str]]] = {
    FILE_ID: {0: ("type", "B"), 4: ("time_created", "I")},
    SPORT: {0: ("sport", "B"), 1: ("sub_sport", "B")},
    SESSION: {
        2: ("start_time", "I"),
        5: ("sport", "B"),
        6: ("sub_sport", "B"),
        7: ("total_elapsed_time", "I"),
        8: ("total_timer_time", "I"),
        9: ("total_distance", "I"),
        16: ("avg_heart_rate", "B"),
        17: ("max_heart_rate", "B"),
        22: ("total_ascent", "H"),
        59: ("total_moving_time", "I"),
        TIMESTAMP: ("timestamp", "I"),
    },
    LAP: {
        2: ("start_time", "I"),
        7: ("total_elapsed_time", "I"),
        8: ("total_timer_time", "I"),
        9: ("total_distance", "I"),
        15: ("avg_heart_rate", "B"),
        16: ("max_heart_rate", "B"),
        21: ("total_ascent", "H"),
        25: ("sport", "B"),
        39: ("sub_sport", "B"),
        52: ("total_moving_time", "I"),
        TIMESTAMP: ("timestamp", "I"),
    },
    RECORD: {
        TIMESTAMP: ("timestamp", "I"),
        0: ("lat", "i"),
        1: ("lon", "i"),
        2: ("altitude", "H"),
        78: ("enhanced_altitude", "I"),
        3: ("heart_rate", "B"),
        5: ("distance", "I"),
    },
}
# Every other message: only its timestamp, which compressed-timestamp headers count from.
TIMESTAMP_ONLY = {TIMESTAMP: ("timestamp", "I")}

ACTIVITY_FILE = 4
FILE_TYPES = {
    1: "device",
    2: "settings",
    3: "sport",
    5: "workout",
    6: "course",
    7: "schedules",
    9: "weight",
    10: "totals",
    11: "goals",
    14: "blood pressure",
    15: "monitoring",
    20: "activity summary",
    28: "daily monitoring",
    32: "monitoring",
    34: "segment",
    35: "segment list",
}

# FIT sport -> Runwell sport; 0 (generic) means the file does not say.
SPORTS = {1: "running", 2: "cycling", 21: "cycling", 11: "walking", 17: "hiking"}
GENERIC_SPORT = 0
# FIT sub-sport -> surface hint, for running only.
RUNNING_SURFACES = {
    1: "treadmill",
    45: "treadmill",
    58: "treadmill",
    2: "road",
    3: "trail",
    4: "track",
    49: "mixed",
}


def sport_name(sport: int | None) -> str | None:
    if sport is None or sport == GENERIC_SPORT:
        return None
    return SPORTS.get(sport, "other")


def surface_hint(sport: int | None, sub_sport: int | None) -> str | None:
    if sport != 1 or sub_sport is None:
        return None
    return RUNNING_SURFACES.get(sub_sport)
