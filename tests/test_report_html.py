"""`cleaner report`: the HTML page, its inline SVG histogram, and the page as a real
browser (headless Chromium) renders it."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib

import pytest
from test_score import CLEAN, GARBLED

from cleaner.report.html import (
    BIN_WIDTH,
    MAX_BINS,
    histogram_bins,
    histogram_svg,
    snippet,
)

BAR_RGB = (0x4A, 0x78, 0xB5)  # .bar fill in the report's style sheet
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_histogram_bins_count_every_rate_once():
    rates = [0.0, 0.01, 0.019, 0.02, 0.5, 0.99]
    bins = histogram_bins(rates)
    assert sum(bins) == len(rates)
    assert len(bins) == MAX_BINS            # the open last bin holds 0.5 and 0.99
    assert bins[0] == 3 and bins[1] == 1 and bins[-1] == 2
    assert histogram_bins([0.05]) == [0, 0, 1]
    assert histogram_bins([]) == [0]


def test_histogram_svg_bars_are_proportional_to_counts():
    svg = histogram_svg([0.01, 0.01, 0.03, 0.05, 0.05, 0.05, 0.05])
    bars = re.findall(r'<rect class="bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" '
                      r'data-count="(\d+)"', svg)
    assert [int(c) for _, _, c in bars] == [2, 1, 4]
    heights = [float(h) for _, h, _ in bars]
    assert heights[2] == pytest.approx(2 * heights[0]) == pytest.approx(4 * heights[1])
    # Bars stand on the same baseline.
    assert len({round(float(y) + float(h), 1) for y, h, _ in bars}) == 1
    assert f"{100 * BIN_WIDTH:.0f}%" in svg


def test_snippet_marks_the_finding_and_escapes_html():
    text = "first line\nThe <b> tbe & cat\nlast"
    start = text.index("tbe")
    assert snippet(text, start, start + 3) == "The &lt;b&gt; <mark>tbe</mark> &amp; cat"
    assert "<mark>\u2038</mark>" in snippet(text, start, start)  # an insertion point


@pytest.fixture
def report(tmp_path, monkeypatch, run):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "garbled.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "junk.txt").write_text(CLEAN + "<i>script</i> &amp;\nreturn return return return\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("report", ".", "--output", "report.html", "--worst", "2")
    assert code == 0, err
    return tmp_path / "report.html"


def test_report_is_self_contained_and_complete(report):
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|url\(", page)
    assert re.findall(r'href="([^"]+)"', page) == ["#doc-1", "#doc-2"]
    assert 'id="doc-1"' in page and 'id="doc-2"' in page and 'id="doc-3"' not in page
    worst = page[page.index('<table id="worst">'):page.index("</table>", page.index('<table id="worst">'))]
    assert worst.index("garbled.txt") < worst.index("junk.txt") and "clean.txt" not in worst
    assert "&lt;i&gt;script&lt;/i&gt;" in page  # text from the files is escaped
    assert '<table id="rules">' in page and "SPL801" in page
    assert re.search(r"<code>cleaner fix</code> would apply \d+ fixes", page)


def _png_pixels(data: bytes):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and color in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    channels = 4 if color == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def _chromium(*args: str, profile) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=120, check=True)


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                    reason="chromium is not installed (.ci/run installs it; CI never skips)")
def test_report_renders_in_headless_chromium(report, tmp_path):
    assert CHROMIUM is not None, "chromium missing in CI: .ci/run must install it"
    url = report.as_uri()
    dom = _chromium("--dump-dom", url, profile=tmp_path / "profile-dom").stdout.decode("utf-8")
    # The browser parsed the chart and the table as elements, not as text.
    assert re.search(r'<svg[^>]*id="histogram"', dom)
    bars = len(re.findall(r'<rect class="bar"', report.read_text(encoding="utf-8")))
    assert bars > 0 and len(re.findall(r'<rect class="bar"', dom)) == bars
    table = dom[dom.index('<table id="worst">'):]
    assert len(re.findall(r"<tr>", table[:table.index("</table>")])) == 3  # header + two documents

    shot = tmp_path / "report.png"
    _chromium("--window-size=1000,900", f"--screenshot={shot}", url, profile=tmp_path / "profile-shot")
    width, height, rows = _png_pixels(shot.read_bytes())
    assert (width, height) == (1000, 900)
    near = lambda rgb: all(abs(a - b) <= 6 for a, b in zip(rgb, BAR_RGB, strict=False))  # noqa: E731
    bar_rows = [y for y, row in enumerate(rows) if sum(map(near, row)) >= 10]
    # The bars were painted: a band of rows in the upper part of the page holds the bar colour.
    assert len(bar_rows) >= 40 and max(bar_rows) < 600
