"""actlocal.images refuses what is not a picture we take with ImageRejected (a form error),
never another exception (a 500): decompression bombs and truncated files included."""

import io

import pytest
from PIL import Image

from actlocal.images import ImageRejected, image_check, image_store
from tests.pictures import png_bomb


@pytest.mark.parametrize("side", [10_000, 20_000])
def test_a_decompression_bomb_is_refused_for_its_pixels(side):
    with pytest.raises(ImageRejected, match="too many pixels"):
        image_check(data=png_bomb(side).read())


def test_a_truncated_picture_is_refused_and_nothing_is_stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.effect_noise((300, 300), 64).convert("RGB").save(out, format="JPEG")
    with pytest.raises(ImageRejected, match="not a picture we can read"):
        image_store(data=out.getvalue()[:2000], folder="x", sizes={"logo": (100, 100)})
    assert not any(tmp_path.rglob("*.jpg"))
