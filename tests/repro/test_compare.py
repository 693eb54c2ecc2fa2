"""How a re-run's outputs are judged against the snapshot's, cell by cell."""

from __future__ import annotations

import base64
import io
import struct
import zlib

from PIL import Image, ImageDraw

from jupyter_ext.repro.compare import compare_cells, compare_outputs, verdict
from jupyter_ext.repro.images import decode_image


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def png(width: int, height: int, pixel, bpp: int = 3) -> bytes:
    """An 8-bit RGB (bpp 3) PNG whose rows use filters 0-4 in turn (as encoders mix them)."""
    rows = [bytes(v for x in range(width) for v in pixel(x, y)) for y in range(height)]
    raw, prev = b"", bytes(width * bpp)
    for y, row in enumerate(rows):
        kind = y % 5
        out = bytearray()
        for i, v in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) >> 1, _paeth(a, b, c)][kind]
            out.append((v - pred) & 0xFF)
        raw += bytes([kind]) + bytes(out)
        prev = row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


def image_output(data: bytes, mime: str = "image/png") -> dict:
    bundle = {mime: base64.b64encode(data).decode(), "text/plain": "<Figure>"}
    return {"output_type": "display_data", "metadata": {}, "data": bundle}


def stream(text: str, name: str = "stdout") -> dict:
    return {"output_type": "stream", "name": name, "text": text}


def result(text: str, count: int = 1) -> dict:
    return {"output_type": "execute_result", "execution_count": count, "metadata": {},
            "data": {"text/plain": text}}  # fmt: skip


def gradient(x: int, y: int) -> tuple[int, int, int]:
    return (x * 7 % 256, y * 11 % 256, (x * y) % 256)


def test_the_png_decoder_undoes_every_row_filter() -> None:
    width, height = 23, 17
    decoded = decode_image(png(width, height, gradient))
    assert decoded is not None
    assert (decoded.size, decoded.mode) == ((width, height), "RGB")
    expected = bytes(v for y in range(height) for x in range(width) for v in gradient(x, y))
    assert decoded.tobytes() == expected


def test_images_are_close_when_a_few_pixels_differ_and_differ_when_the_plot_does() -> None:
    base = png(40, 30, gradient)
    speck = png(40, 30, lambda x, y: (255, 255, 255) if (x, y) == (3, 4) else gradient(x, y))
    other = png(40, 30, lambda x, y: (255 - x, y, 0))
    assert compare_outputs([image_output(base)], [image_output(base)], 1e-5) == "same"
    assert compare_outputs([image_output(base)], [image_output(speck)], 1e-5) == "close"
    assert compare_outputs([image_output(base)], [image_output(other)], 1e-5) == "differs"


def plot(curve: int, quality: int = 90, kind: str = "JPEG", clear: bool = False) -> bytes:
    """A 640x480 line plot (axes, a curve) as a JPEG at *quality*, or a PNG (*clear*: on a
    transparent background)."""
    image = Image.new("RGBA" if clear else "RGB", (640, 480), (255, 255, 255, 0 if clear else 255))
    draw = ImageDraw.Draw(image)
    draw.line([(60, 420), (620, 420)], fill="black", width=2)
    draw.line([(60, 20), (60, 420)], fill="black", width=2)
    points = [(60 + x, 220 + ((x * curve) % 180) - 90) for x in range(0, 560, 4)]
    draw.line(points, fill=(31, 119, 180), width=3)
    out = io.BytesIO()
    image.save(out, kind, **({"quality": quality} if kind == "JPEG" else {}))
    return out.getvalue()


def test_a_jpeg_saved_at_another_quality_is_close_and_another_plot_differs() -> None:
    best, rough = plot(7, quality=95), plot(7, quality=40)
    assert best != rough
    assert (
        compare_outputs(
            [image_output(best, "image/jpeg")], [image_output(rough, "image/jpeg")], 1e-5
        )
        == "close"
    )
    other = plot(11, quality=95)
    assert (
        compare_outputs(
            [image_output(best, "image/jpeg")], [image_output(other, "image/jpeg")], 1e-5
        )
        == "differs"
    )
    # the same picture as a PNG on a transparent background looks the same: close
    flat, clear = plot(7, kind="PNG"), plot(7, kind="PNG", clear=True)
    assert compare_outputs([image_output(flat)], [image_output(clear)], 1e-5) == "close"
    assert compare_outputs([image_output(b"not an image")], [image_output(flat)], 1e-5) == "differs"


def test_numbers_within_the_relative_tolerance_are_close() -> None:
    old = [result("0.30000000000000004", 3), stream("loss 1.0000001\n")]
    new = [result("0.3", 7), stream("loss 1.0000002\n")]
    assert compare_outputs(old, new, 1e-5) == "close"
    assert compare_outputs(old, new, 1e-12) == "differs"
    assert compare_outputs([result("0.42")], [result("0.97")], 1e-5) == "differs"
    assert compare_outputs([result("<Model at 0x7f3a2b1c0d90>")],
                           [result("<Model at 0x7f11aa22bb30>")], 1e-5) == "same"  # fmt: skip


def test_streams_split_differently_are_the_same_text() -> None:
    old = [stream("a\nb\n")]
    new = [stream("a\n"), stream("b\n")]
    assert compare_outputs(old, new, 1e-5) == "same"
    assert compare_outputs(old, [stream("a\nb\n", "stderr")], 1e-5) == "differs"


def test_a_new_error_is_an_error_and_the_recorded_error_again_is_the_same() -> None:
    error = {"output_type": "error", "ename": "KeyError", "evalue": "'x'", "traceback": ["..."]}
    assert compare_outputs([result("1")], [error], 1e-5) == "error"
    again = {**error, "traceback": ["other paths"]}
    assert compare_outputs([error], [again], 1e-5) == "same"


def test_cells_and_verdicts() -> None:
    def notebook(*outputs: list) -> dict:
        cells = [{"cell_type": "markdown", "source": "# title"}]
        cells += [{"cell_type": "code", "source": "", "outputs": o} for o in outputs]
        return {"cells": cells}

    original = notebook([result("1")], [result("2")], [])
    same = compare_cells(original, notebook([result("1")], [result("2")], []))
    assert same == [{"index": i, "status": "same"} for i in (1, 2, 3)]
    assert verdict(same) == "reproduced"
    one_off = compare_cells(original, notebook([result("1")], [result("5")], []))
    assert [c["status"] for c in one_off] == ["same", "differs", "same"]
    assert verdict(one_off) == "differs"
    stopped = compare_cells(original, notebook([result("1")], [], []), not_run={2, 3})
    assert [c["status"] for c in stopped] == ["same", "timeout", "timeout"]
    assert verdict(stopped) == "failed"
