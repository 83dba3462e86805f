"""A gzip body put together around a part compressed earlier decompresses to the whole."""

import gzip
import random

import pytest

from actlocal.gzip_parts import deflate_part, gzip_around


@pytest.mark.parametrize("seed", range(8))
def test_the_joined_body_is_the_whole_page(seed):
    rng = random.Random(seed)
    head = rng.randbytes(rng.randint(0, 5000)) + b"<main>" * rng.randint(0, 300)
    part = b"<tr><td>Town 7, MA</td><td>42%</td></tr>" * rng.randint(0, 9000)
    part += rng.randbytes(rng.randint(0, 200))
    tail = b"</main></html>" * rng.randint(0, 40)
    body = gzip_around(head, deflate_part(part), tail)
    assert gzip.decompress(body) == head + part + tail


def test_the_part_is_not_compressed_again():
    part = deflate_part(b"<td>12</td>" * 50_000)
    body = gzip_around(b"<html>", part, b"</html>")
    assert part.data in body and len(body) < len(part.data) + 100
