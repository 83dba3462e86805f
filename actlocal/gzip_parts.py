"""A gzip body put together from parts compressed at different times.

A large part that many responses share (a survey report's rendered results: hundreds of
kilobytes of tables) is compressed once, when it is cached, and each response compresses only
what surrounds it. A part compressed on its own ends on a byte boundary with no final block
(a sync flush) and refers only to its own bytes, so it can stand between two other deflate
streams; the gzip trailer's CRC of the whole is combined from the parts' without reading the
cached part again (CRC-32 is affine: see `gzip_around`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

# The level Django's GZipMiddleware uses.
LEVEL = 6
# Magic, deflate, no flags, no mtime (same bytes every time), no extra flags, unknown OS.
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


@dataclass(frozen=True)
class DeflatedPart:
    data: bytes  # raw deflate blocks, sync-flushed, none final
    crc: int  # CRC-32 of the uncompressed bytes
    size: int  # their number
    zeros_crc: int  # CRC-32 of as many zero bytes


def _deflate(data: bytes, *, last: bool) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH
    )


def deflate_part(data: bytes) -> DeflatedPart:
    """`data` compressed to stand in the middle of a gzip body (`gzip_around`)."""
    return DeflatedPart(
        data=_deflate(data, last=False),
        crc=zlib.crc32(data),
        size=len(data),
        zeros_crc=zlib.crc32(bytes(len(data))),
    )


def gzip_around(head: bytes, part: DeflatedPart, tail: bytes) -> bytes:
    """The gzip file of head + the part's bytes + tail, compressing only head and tail."""
    # zlib's CRC-32 of a message M is R(M) ^ K(len(M)), R linear and blind to leading zeros,
    # K(n) = crc32(n zero bytes); so crc32(A + B) = crc32(zeros(len B), crc32(A)) ^ crc32(B)
    # ^ crc32(zeros(len B)): one pass over zero bytes instead of the part's data.
    crc = zlib.crc32(bytes(part.size), zlib.crc32(head)) ^ part.crc ^ part.zeros_crc
    crc = zlib.crc32(tail, crc)
    size = (len(head) + part.size + len(tail)) & 0xFFFFFFFF
    return b"".join(
        (
            _HEADER,
            _deflate(head, last=False),
            part.data,
            _deflate(tail, last=True),
            crc.to_bytes(4, "little"),
            size.to_bytes(4, "little"),
        )
    )
