"""A status column of letter codes in inline code (`` `f` ``), an empty status cell
that means a status (``empty = true``), a status column named ``#`` (issue 13,
shape 6; the shape of cFos' website translation status)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_PROFILES, FIXTURES, keys, run
from tracker_lint.config import from_data

FOLDER = FIXTURES / "letter-codes"
PROFILE = str(EXAMPLE_PROFILES / "letter-codes.toml")
NAME = "website-status.md"


def test_an_undocumented_code_and_a_duplicate_are_found() -> None:
    result = run("--config", PROFILE, NAME, cwd=FOLDER)
    assert result.returncode == 1
    assert keys(result.stdout) == [(NAME, 17, 3, "TL103"), (NAME, 20, 9, "TL104")]


def test_an_empty_cell_counts_as_the_empty_status() -> None:
    import json

    data = json.loads(
        run("report", "--config", PROFILE, "--output-format", "json", NAME, cwd=FOLDER).stdout
    )
    overall = data["overall"]
    assert overall["counts"]["not-started"] == 2
    assert (overall["rows"], overall["complete"], overall["unknown"]) == (7, 1, 1)


def test_only_one_status_may_be_the_empty_one() -> None:
    from tracker_lint.errors import ConfigError

    statuses = [
        {"id": "a", "symbol": "x", "empty": True},
        {"id": "b", "empty": True},
    ]
    with pytest.raises(ConfigError) as caught:
        from_data({"profile": {"statuses": statuses}}, "x.toml", None, Path("."))
    assert caught.value.lines == [
        "x.toml: profile.statuses[1].empty: only one status can be what an empty cell "
        "means (statuses[0] is already)"
    ]


def test_without_an_empty_status_an_empty_cell_is_unknown(tmp_path: Path) -> None:
    config = Path(PROFILE).read_text(encoding="utf-8")
    config = config.replace("empty = true\n", 'symbol = "-"\n')
    (tmp_path / ".tracker-lint.toml").write_text(config, encoding="utf-8")
    (tmp_path / NAME).write_text((FOLDER / NAME).read_text(encoding="utf-8"), encoding="utf-8")
    codes = [k[1:] for k in keys(run(NAME, cwd=tmp_path).stdout)]
    assert codes == [(15, 2, "TL103"), (17, 3, "TL103"), (20, 2, "TL103"), (20, 9, "TL104")]
