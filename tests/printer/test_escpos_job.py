"""The ESC/POS job: decoded back, it is exactly the rendered ticket; it is small and printer-friendly."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from printer.escpos_decode import DecodeError, command_length, decode
from printer.escpos_job import FRAGMENT_ROWS, encode_job
from printer.sample import sample_content
from printer.ticket_layout import render_ticket

MAX_JOB_BYTES = 40 * 1024


def same_ink(decoded: Image.Image, rendered: Image.Image) -> bool:
    """The decoded paper starts with exactly the rendered ticket (then the feed before the cut)."""
    d = ~np.asarray(decoded, dtype=bool)
    r = ~np.asarray(rendered, dtype=bool)
    return d.shape[1] == r.shape[1] and np.array_equal(d[:r.shape[0]], r) and not d[r.shape[0]:].any()


def walk(data: bytes) -> list[bytes]:
    cmds, i = [], 0
    while i < len(data):
        k = command_length(data, i)
        assert k is not None, f"incomplete command at {i}"
        cmds.append(data[i:i + k])
        i += k
    return cmds


@pytest.mark.parametrize("width", [384, 576])
def test_job_decodes_to_the_rendered_ticket(width, artifacts):
    im = render_ticket(sample_content(), width)
    job = encode_job(im)
    decoded = decode(job)
    out = decoded.image(width)
    out.save(artifacts / f"decoded_job_{width}.png")
    assert same_ink(out, im)
    assert decoded.cuts == 1
    assert len(job) <= MAX_JOB_BYTES


@pytest.mark.parametrize("width", [384, 576])
def test_job_without_quadruple_density_decodes_the_same(width):
    im = render_ticket(sample_content(), width)
    plain = encode_job(im, scaled=False)
    assert same_ink(decode(plain).image(width), im)
    assert len(plain) > len(encode_job(im))


def test_raster_pieces_stay_small_and_blank_bands_are_fed():
    im = render_ticket(sample_content(), 576)
    cmds = walk(encode_job(im))
    rasters = [c for c in cmds if c[:3] == b"\x1dv0"]
    heights = [(c[6] + 256 * c[7]) * (2 if c[3] in (2, 3) else 1) for c in rasters]
    assert rasters and max(heights) <= FRAGMENT_ROWS
    assert all(c[4] + 256 * c[5] <= 576 // 8 for c in rasters)
    feeds = [c for c in cmds if c[:2] == b"\x1bJ"]
    assert sum(c[2] for c in feeds) > 100           # blank space travels as feeds, not pixels
    assert cmds[0] == b"\x1b@" and cmds[-1][:2] == b"\x1dV"


def test_tall_image_is_split_into_fragments():
    tall = Image.new("1", (576, 2000), 1)
    tall.paste(0, (0, 0, 300, 2000))                  # a black bar from top to bottom, odd to halve
    job = encode_job(tall)
    out = decode(job).image(576)
    assert same_ink(out, tall)
    rasters = [c for c in walk(job) if c[:3] == b"\x1dv0"]
    assert len(rasters) >= 2000 // FRAGMENT_ROWS


def test_grey_input_is_thresholded_not_dithered():
    grey = Image.new("L", (384, 40), 200)
    grey.paste(40, (10, 10, 100, 30))
    out = decode(encode_job(grey)).image(384)
    a = ~np.asarray(out, dtype=bool)
    assert a[10:30, 10:100].all() and a[:40].sum() == 20 * 90


def test_truncated_or_unknown_bytes_are_refused():
    job = encode_job(render_ticket(sample_content(), 384))
    with pytest.raises(DecodeError):
        decode(job[:len(job) // 2])
    with pytest.raises(DecodeError):
        decode(b"\x1b@Hello")
