"""How far apart two images look: PNG, JPEG, GIF, WebP, BMP decoded by Pillow.

Plots re-rendered by a re-run often differ in bytes (metadata, antialiasing, a JPEG saved at
another quality) while looking the same; comparing what a person sees tells "close" from
"differs". Both images are flattened onto white (transparency, palettes and grey levels
compare as they look) and scaled down to at most ``VIEW_SIDE`` pixels a side, the size a
person glances at: compression noise averages out, a changed curve or colour does not.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageChops, ImageStat

MAX_PIXELS = 8_000_000  # larger images are compared by bytes only (and never decoded)
VIEW_SIDE = 256


def decode_image(data: bytes) -> Image.Image | None:
    """The image as RGB on white; None when it is not a decodable image or too large."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                return None
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        return None
    if image.mode == "RGB":
        return image
    rgba = image.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    return flat.convert("RGB")


def _view(image: Image.Image) -> Image.Image:
    factor = -(-max(image.size) // VIEW_SIDE)  # ceil: a whole factor keeps pixels aligned
    return image.reduce(factor) if factor > 1 else image


def pixel_distance(a: bytes, b: bytes) -> float | None:
    """Mean absolute difference of what the two images show, 0.0 (identical) to 1.0; None when
    they cannot be compared (not decodable, or of different sizes)."""
    first, second = decode_image(a), decode_image(b)
    if first is None or second is None or first.size != second.size:
        return None
    if first.width == 0 or first.height == 0:
        return 0.0
    means = ImageStat.Stat(ImageChops.difference(_view(first), _view(second))).mean
    return sum(means) / (255.0 * len(means))
