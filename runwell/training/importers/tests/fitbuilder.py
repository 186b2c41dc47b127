"""A small FIT writer for tests and the benchmark's synthetic export.

It writes what the decoder must cope with: any endianness per definition,
developer fields, compressed-timestamp headers, chained files, a good or bad
CRC, and a cut-short body. Values are written as given (raw FIT units).
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime

from runwell.training.importers.fitcrc import crc16

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)

# struct format -> FIT base type byte
BASE_TYPES = {"B": 0x02, "b": 0x01, "H": 0x84, "h": 0x83, "I": 0x86, "i": 0x85, "s": 0x07}

FILE_ID, SPORT, SESSION, LAP, RECORD, EVENT, ACTIVITY = 0, 12, 18, 19, 20, 21, 34
DEVELOPER_DATA_ID, FIELD_DESCRIPTION = 207, 206


def fit_time(moment: datetime) -> int:
    """Seconds since the FIT epoch (1989-12-31 UTC)."""
    return int((moment - FIT_EPOCH).total_seconds())


def semicircles(degrees: float) -> int:
    return round(degrees * (2**31 / 180))


class FitWriter:
    """Builds one FIT file message by message; `to_bytes` adds header and CRC."""

    def __init__(self, header_size: int = 14, profile: int = 2132) -> None:
        self.header_size = header_size
        self.profile = profile
        self.body = bytearray()
        self._structs: dict[int, tuple[struct.Struct, int]] = {}

    def define(
        self,
        local: int,
        global_num: int,
        fields: list[tuple[int, str]],
        *,
        big_endian: bool = False,
        dev_fields: list[tuple[int, int, int]] | None = None,
    ) -> FitWriter:
        """`fields` are (field number, struct format such as "I" or "8s")."""
        header = 0x40 | local | (0x20 if dev_fields is not None else 0)
        order = ">" if big_endian else "<"
        out = bytearray(
            struct.pack(order + "BBBHB", header, 0, int(big_endian), global_num, len(fields))
        )
        for number, fmt in fields:
            size = struct.calcsize("<" + fmt)
            out += bytes((number, size, BASE_TYPES[fmt[-1]]))
        dev_size = 0
        if dev_fields is not None:
            out.append(len(dev_fields))
            for number, size, index in dev_fields:
                out += bytes((number, size, index))
                dev_size += size
        self.body += out
        self._structs[local] = (struct.Struct(order + "".join(fmt for _, fmt in fields)), dev_size)
        return self

    def message(self, local: int, *values: int | bytes, dev: bytes = b"") -> FitWriter:
        packer, dev_size = self._structs[local]
        assert len(dev) == dev_size, "developer bytes must match the definition"
        self.body.append(local)
        self.body += packer.pack(*values) + dev
        return self

    def compressed(self, local: int, timestamp: int, *values: int | bytes) -> FitWriter:
        """A data message whose time is the low 5 bits of its header."""
        assert local < 4
        packer, _ = self._structs[local]
        self.body.append(0x80 | (local << 5) | (timestamp & 0x1F))
        self.body += packer.pack(*values)
        return self

    def raw(self, data: bytes) -> FitWriter:
        self.body += data
        return self

    def to_bytes(self, *, good_crc: bool = True) -> bytes:
        header = struct.pack(
            "<BBHI4s", self.header_size, 0x20, self.profile, len(self.body), b".FIT"
        )
        if self.header_size == 14:
            header += struct.pack("<H", crc16(header))
        data = header + bytes(self.body)
        crc = crc16(data) ^ (0 if good_crc else 0xBEEF)
        return data + struct.pack("<H", crc)


def simple_run(
    start: datetime,
    seconds: int = 60,
    *,
    gps: bool = True,
    session: bool = True,
    sport: int = 1,
    sub_sport: int = 0,
    speed_mps: float = 3.0,
    heart_rate: int = 150,
) -> FitWriter:
    """A run at a steady pace going north from (45.0, 14.0), one record a second."""
    t0 = fit_time(start)
    w = FitWriter()
    w.define(0, FILE_ID, [(0, "B"), (1, "H"), (2, "H"), (4, "I")]).message(0, 4, 1, 3113, t0)
    fields = [(253, "I"), (5, "I"), (2, "H"), (3, "B")]
    if gps:
        fields += [(0, "i"), (1, "i")]
    w.define(1, RECORD, fields)
    for i in range(seconds + 1):
        values: list[int] = [t0 + i, round(i * speed_mps * 100), 2500 + 5 * 10, heart_rate]
        if gps:
            values += [semicircles(45.0 + i * speed_mps / 111_195), semicircles(14.0)]
        w.message(1, *values)
    if session:
        w.define(
            2,
            SESSION,
            [
                (253, "I"),
                (2, "I"),
                (5, "B"),
                (6, "B"),
                (7, "I"),
                (8, "I"),
                (9, "I"),
                (16, "B"),
                (17, "B"),
                (22, "H"),
            ],
        )
        w.message(
            2,
            t0 + seconds,
            t0,
            sport,
            sub_sport,
            seconds * 1000,
            seconds * 1000,
            round(seconds * speed_mps * 100),
            heart_rate,
            heart_rate,
            0,
        )
    return w
