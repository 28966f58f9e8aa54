"""``tracker-lint badge``: valid SVG, the computed percentage, colour thresholds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SEED, run
from tracker_lint.badge import badge_svg, badge_value, color_for, progress_badge, text_width

SVG = "{http://www.w3.org/2000/svg}"
BADGE_FIXTURE = FIXTURES / "stale-quick-stats.md"  # 2 of 7 rows complete: 28.6%, orange


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_badge_is_xml_with_title_aria_label_and_the_percentage() -> None:
    svg = progress_badge(7, 55)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "progress: 12.7%"
    assert root.findtext(f"{SVG}title") == "progress: 12.7%"
    assert _texts(svg) == ["progress", "progress", "12.7%", "12.7%"]
    rects = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert "#e05d44" in rects  # 12.7% is red


def test_the_width_grows_with_the_text() -> None:
    narrow = ET.fromstring(badge_svg("progress", "1%", "#e05d44"))
    wide = ET.fromstring(badge_svg("progress of the whole course", "100.0%", "#4c1"))
    assert int(narrow.get("width", "0")) < int(wide.get("width", "0"))
    assert text_width("iiii") < text_width("mmmm")
    assert text_width("progress") == 50  # shields.io draws it about 49px wide


@pytest.mark.parametrize(
    ("percent", "color"),
    [
        ("0", "red"),
        ("24.9", "red"),
        ("25", "orange"),
        ("49.99", "orange"),
        ("50", "yellow"),
        ("74.9", "yellow"),
        ("75", "yellowgreen"),
        ("99.95", "yellowgreen"),
        ("100", "brightgreen"),
    ],
)
def test_colour_thresholds(percent: str, color: str) -> None:
    assert color_for(Decimal(percent))[0] == color


def test_a_nearly_finished_tracker_is_not_shown_as_100_percent() -> None:
    assert badge_value(1999, 2000) == "99.9%"
    assert badge_value(2000, 2000) == "100.0%"
    assert badge_value(0, 0) == "0.0%"
    assert 'fill="#a4a61d"' in progress_badge(1999, 2000)
    assert 'fill="#4c1"' in progress_badge(3, 3)


def test_label_and_value_are_escaped() -> None:
    svg = badge_svg('<done> & "dusted"', "50.0%", "#dfb317")
    root = ET.fromstring(svg)
    assert root.get("aria-label") == '<done> & "dusted": 50.0%'
    assert _texts(svg)[0] == '<done> & "dusted"'


def test_command_writes_the_badge(tmp_path: Path) -> None:
    out = tmp_path / "badge.svg"
    result = run("badge", str(BADGE_FIXTURE), "-o", str(out), "--label", "course")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Wrote {out}: course 28.6%\n"
    svg = out.read_text(encoding="utf-8")
    assert _texts(svg) == ["course", "course", "28.6%", "28.6%"]
    assert 'fill="#fe7d37"' in svg


def test_seed_badge_shows_the_hand_counted_percentage(seed_text: str) -> None:
    result = run("badge", str(SEED), "-o", "-")
    assert result.returncode == 0
    assert _texts(result.stdout)[2] == "12.7%"  # 7 of 55


def test_readme_badge_is_generated_from_the_fixture() -> None:
    svg = (ROOT / "docs" / "badge.svg").read_text(encoding="utf-8")
    assert svg == progress_badge(2, 7)
    assert "![progress](docs/badge.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")
    result = run("badge", str(BADGE_FIXTURE), "-o", "-")
    assert result.stdout == svg


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch.md", "-o", "x.svg"], "error: nosuch.md: No such file or directory\n"),
        (
            ["fixtures/not-a-tracker.md", "-o", "x.svg"],
            "error: fixtures/not-a-tracker.md: is not a tracker "
            "for profile learning-module (no table with columns Module, Exam, Status)\n",
        ),
        (
            ["fixtures/clean-tracker.md", "-o", "fixtures/clean-tracker.md/x.svg"],
            "error: cannot write to fixtures/clean-tracker.md/x.svg: File exists\n",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = run("badge", *args, cwd=ROOT)
    assert (result.returncode, result.stderr) == (2, message)
    assert not (ROOT / "x.svg").exists()


def test_without_output_file_the_badge_goes_to_standard_output() -> None:
    result = run("badge", "fixtures/clean-tracker.md", cwd=ROOT)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("<svg ")
