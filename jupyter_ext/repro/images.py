"""Pixel distance between two PNG images (stdlib only: zlib + struct).

Plots re-rendered by a re-run often differ in a few bytes (metadata, antialiasing) while
looking the same; comparing pixels tells "close" from "differs".
"""

from __future__ import annotations

import struct
import zlib

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
MAX_PIXEL_BYTES = 16 << 20  # larger images are compared by bytes only


def decode_png(data: bytes) -> tuple[int, int, int, bytes] | None:
    """(width, height, channels, pixel bytes) of an 8-bit non-interlaced PNG; None if the image
    is not one (other bit depths, interlaced, corrupt, or too large)."""
    if not data.startswith(_SIGNATURE):
        return None
    pos, idat, palette = 8, [], b""
    header: tuple[int, ...] | None = None
    try:
        while pos + 8 <= len(data):
            length, kind = struct.unpack(">I4s", data[pos : pos + 8])
            chunk = data[pos + 8 : pos + 8 + length]
            pos += 12 + length
            if kind == b"IHDR":
                header = struct.unpack(">IIBBBBB", chunk)
            elif kind == b"PLTE":
                palette = chunk
            elif kind == b"IDAT":
                idat.append(chunk)
            elif kind == b"IEND":
                break
        if header is None:
            return None
        width, height, depth, color, _comp, _filter, interlace = header
        if depth != 8 or interlace or color not in _CHANNELS:
            return None
        channels = _CHANNELS[color]
        stride = width * channels
        if stride * height > MAX_PIXEL_BYTES:
            return None
        raw = zlib.decompressobj().decompress(b"".join(idat), (stride + 1) * height)
    except (struct.error, zlib.error):
        return None
    if len(raw) < (stride + 1) * height:
        return None
    pixels = _unfilter(raw, stride, height, channels)
    if color == 3:  # palette: expand to RGB
        if not palette:
            return None
        rgb = bytearray()
        for index in pixels:
            rgb += palette[3 * index : 3 * index + 3].ljust(3, b"\0")
        return width, height, 3, bytes(rgb)
    return width, height, channels, pixels


def _unfilter(raw: bytes, stride: int, height: int, bpp: int) -> bytes:
    out = bytearray(stride * height)
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        out[y * stride : (y + 1) * stride] = line
        prev = line
    return bytes(out)


def pixel_distance(a: bytes, b: bytes) -> float | None:
    """Mean absolute difference of the pixels, 0.0 (identical) to 1.0; None when the images
    cannot be compared (not decodable, or different sizes or colour types)."""
    first, second = decode_png(a), decode_png(b)
    if first is None or second is None or first[:3] != second[:3]:
        return None
    pa, pb = first[3], second[3]
    if not pa:
        return 0.0
    return sum(abs(x - y) for x, y in zip(pa, pb, strict=True)) / (255.0 * len(pa))
