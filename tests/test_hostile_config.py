"""A configuration from an untrusted pull request cannot hang a run: every pattern and
size it controls is bounded, and what is outside the bounds is a configuration error."""

from __future__ import annotations

import fnmatch
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT
from tracker_lint.cli import main
from tracker_lint.config import (
    ENTRY_LIMIT,
    FILE_LIMIT,
    MESSAGE_LIMIT,
    PATTERN_LIMIT,
    STRING_LIMIT,
    from_data,
    load,
    pattern_problem,
)
from tracker_lint.errors import ConfigError
from tracker_lint.profile import GROUP_TEXT_LIMIT, Group

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXAMPLES = ROOT / "examples" / "profiles"
PROFILES = ROOT / "tracker_lint" / "profiles"
TRACKER = FIXTURES / "clean-tracker.md"
PATTERN_KEY = "profile.totals.items[0].group.pattern"
EVIL = "^(a+)+$"


def grouped(pattern: str) -> dict[str, Any]:
    """The improvement-tracker example, its per-priority total grouped by ``pattern``."""
    data: dict[str, Any] = tomllib.loads(
        (EXAMPLES / "improvement-tracker.toml").read_text(encoding="utf-8")
    )
    data["profile"]["totals"]["items"][0]["group"]["pattern"] = pattern
    return data


def toml_string(value: str) -> str:
    """A TOML literal string (no escapes), as a pattern is best written."""
    assert "'" not in value and "\n" not in value
    return f"'{value}'"


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ConfigError) as info:
        from_data(data, "x.toml", None, ROOT)
    return info.value.lines


def lint_in(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The command line, in-process, run from ``folder``: exit code and stderr."""
    shutil.copy(TRACKER, folder / "TRACKER.md")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.delenv("TRACKER_LINT_OUTPUT_FORMAT", raising=False)
        code = main([*args, "TRACKER.md"])
    return code, capsys.readouterr().err


# --- the case: (a+)+ ----------------------------------------------------------


def test_nested_repeat_is_a_configuration_error_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "improvement-tracker.toml").read_text(encoding="utf-8")
    text = text.replace('pattern = "\\\\b(P\\\\d)\\\\b"', f"pattern = {toml_string(EVIL)}")
    assert EVIL in text
    config = tmp_path / ".tracker-lint.toml"
    config.write_text(text, encoding="utf-8")
    code, err = lint_in(tmp_path, capsys)
    assert code == 2
    assert err.splitlines() == [
        f"error: {config.resolve()}: {PATTERN_KEY}: a repeat inside a repeat, as in (a+)+ or "
        "(a|ab)+, can take exponential time; repeat a single character, a class or a fixed "
        "sequence"
    ]


def test_the_key_path_in_a_pyproject_names_the_tool_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.tracker-lint.profile]\n"
        '[[tool.tracker-lint.profile.statuses]]\nid = "done"\nsymbol = "✅"\n'
        '[tool.tracker-lint.profile.totals]\nheading = "Quick Stats"\n'
        "[[tool.tracker-lint.profile.totals.items]]\n"
        'label = "{group} Done"\ncount = "all"\n'
        f'group = {{ from = "heading", pattern = {toml_string(EVIL)} }}\n',
        encoding="utf-8",
    )
    code, err = lint_in(tmp_path, capsys)
    assert code == 2
    assert f": tool.tracker-lint.{PATTERN_KEY}: a repeat inside a repeat" in err


def test_an_unchecked_pattern_still_finishes_on_a_long_heading() -> None:
    # Bypass validation: the Python API builds a profile without it.
    group = Group(from_="heading", pattern=EVIL)
    heading = "a" * 100_000 + "!"  # (a+)+$ on all of it backtracks for ages
    assert group.value(heading) == "a" * GROUP_TEXT_LIMIT  # the '!' is never seen


def test_a_pattern_searches_the_first_200_characters_only() -> None:
    group = Group(from_="heading", pattern="(!)")
    assert GROUP_TEXT_LIMIT == 200
    assert group.value("a" * 199 + "!") == "!"
    assert group.value("a" * 200 + "!") is None
    assert (
        Group(from_="heading").value("P0 " + "a" * 600) == "p0 " + "a" * 600
    )  # no pattern: no cap


def test_an_optional_group_that_takes_no_part_is_no_group() -> None:
    assert Group(from_="heading", pattern=r"(P\d)?x").value("x") is None
    assert Group(from_="heading", pattern=r"(P\d)?x").value("P1x") == "p1"


# --- the accepted subset ---------------------------------------------------------------


def example_patterns() -> list[str]:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("pattern"), str):
                found.append(value["pattern"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in [*EXAMPLES.glob("*.toml"), *PROFILES.glob("*.toml")]:
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


ACCEPTED = [
    r"\b(P\d)\b",
    r"^(P\d+)",
    r"Priority (\w+)",
    r"(\d{4})",
    r"(Phase|Stage) (\d+)",  # an alternation outside any repeat
    r"^\s*(P\d+)",  # two unbounded repeats, anchored
    r"\A(\w+)\s*:",
    r"^(?:\d{4}-)+(\d+)?",  # a repeat of a fixed sequence
    r"(?i)priority: ?(\w+)",
    r"(?=P)(P\d)(?!\d)",  # lookarounds without repeats
    r"(?:a|b)+",  # one-character alternatives are a class
    "x" * PATTERN_LIMIT,
]


def test_the_example_profiles_have_a_pattern() -> None:
    assert r"\b(P\d)\b" in example_patterns()


@pytest.mark.parametrize("pattern", sorted({*ACCEPTED, *example_patterns()}))
def test_accepted_pattern(pattern: str) -> None:
    assert pattern_problem(pattern) is None
    config = from_data(grouped(pattern), "x.toml", None, ROOT)
    assert config.profile.totals is not None
    group = config.profile.totals.items[0].group
    assert group is not None and group.pattern == pattern


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_example_profiles_load(path: Path) -> None:
    assert load(path) is not None


# --- each kind of refused pattern -------------------------------------------------------

REFUSED = [
    ("nested-repeat", r"^(a+)+$", "a repeat inside a repeat"),
    ("nested-star", r"(x*)*y", "a repeat inside a repeat"),
    ("optional-in-repeat", r"(?:a?b?)+c", "a repeat inside a repeat"),
    ("nested-bounded", r"(?:\d{1,3}){2,9}", "a repeat inside a repeat"),
    ("alternation-in-repeat", r"(a|ab)+c", "an alternation inside a repeat"),
    ("alternation-in-star", r"(?:P\d|Q\d\d)*", "an alternation inside a repeat"),
    ("backreference", r"(a+)\1", "backreferences (\\1, (?P=name)) are not allowed"),
    ("named-backreference", r"(?P<p>\w)(?P=p)", "backreferences"),
    ("conditional-group", r"(<)?\w+(?(1)>|$)", "conditional groups"),
    ("repeat-in-lookahead", r"(?=.*P\d)(\w+)", "inside a lookaround"),
    ("repeat-in-negative-lookahead", r"(?!a+b)(\w)", "inside a lookaround"),
    ("repeat-in-lookbehind", r"(?<=a{2})(P\d)", "inside a lookaround"),
    ("too-many-unbounded", r"\d+\d+\d+\d+", "could try more than 100,000 ways"),
    ("two-unbounded-unanchored", r"(\w+)\s*(\w+)", "could try more than 100,000 ways"),
    ("three-unbounded-anchored", r"^\s*(\w+)\s*", "could try more than 100,000 ways"),
    ("multiline-is-no-anchor", r"(?m)^(\d+)\d+", "could try more than 100,000 ways"),
    ("many-optionals", "a?" * 30 + "a" * 30, "could try more than 100,000 ways"),
    ("many-alternations", "(?:a|ab)" * 12, "could try more than 100,000 ways"),
    ("too-long", "x" * (PATTERN_LIMIT + 1), "is 201 characters long; at most 200 are allowed"),
    ("not-a-regex", "(", "not a regular expression"),
    ("huge-repeat-count", "a{99999999999}", "not a regular expression"),
]


@pytest.mark.parametrize(("name", "pattern", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_pattern(name: str, pattern: str, message: str) -> None:
    lines = problems(grouped(pattern))
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"x.toml: {PATTERN_KEY}: ")
    assert message in lines[0]


# --- sizes ------------------------------------------------------------------------------


def test_a_file_larger_than_1_mib_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / ".tracker-lint.toml"
    config.write_text("# padding\n" * (FILE_LIMIT // 10) + 'ignore = ["TL1"]\n')
    assert config.stat().st_size > FILE_LIMIT
    code, err = lint_in(tmp_path, capsys)
    assert code == 2
    assert err == f"error: {config.resolve()}: larger than 1 MiB (1,048,576 bytes); not read\n"


def test_a_file_of_exactly_1_mib_is_read(tmp_path: Path) -> None:
    config = tmp_path / ".tracker-lint.toml"
    body = 'ignore = ["TL1"]\n'
    config.write_text("#" * (FILE_LIMIT - len(body) - 1) + "\n" + body)
    assert config.stat().st_size == FILE_LIMIT
    loaded = load(config)
    assert loaded is not None and loaded.model.ignore == ["TL1"]


def test_deeply_nested_toml_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".tracker-lint.toml").write_text("ignore = " + "[" * 5000 + "]" * 5000 + "\n")
    code, err = lint_in(tmp_path, capsys)
    assert code == 2
    assert err.endswith(": invalid TOML: arrays or tables nested too deeply\n")


def test_crlf_configuration_still_reads(tmp_path: Path) -> None:
    config = tmp_path / ".tracker-lint.toml"
    config.write_bytes(b'ignore = [\r\n  "TL1",\r\n]\r\n')
    loaded = load(config)
    assert loaded is not None and loaded.model.ignore == ["TL1"]


def statuses(count: int) -> list[dict[str, str]]:
    return [{"id": f"s{i}", "symbol": f"<{i}>"} for i in range(count)]


SIZES = [
    ("list", {"ignore": ["TL1"] * (ENTRY_LIMIT + 1)},
     "x.toml: ignore: has 257 entries; at most 256 are allowed"),
    ("profile-list", {"profile": {"statuses": statuses(ENTRY_LIMIT + 1)}},
     "x.toml: profile.statuses: has 257 entries; at most 256 are allowed"),
    ("nested-list", {"profile": {"statuses": [{"id": "a", "words": ["w"] * 300}]}},
     "x.toml: profile.statuses[0].words: has 300 entries; at most 256 are allowed"),
    ("table", {"per-file-ignores": {f"docs/{i}.md": ["TL1"] for i in range(ENTRY_LIMIT + 1)}},
     "x.toml: per-file-ignores: has 257 keys; at most 256 are allowed"),
    ("unknown-key-list", {"nonsense": list(range(100_000))},
     "x.toml: nonsense: has 100,000 entries; at most 256 are allowed"),
    ("string", {"profile": "x" * (STRING_LIMIT + 1)},
     "x.toml: profile: is 1,001 characters long; at most 1,000 are allowed"),
    ("glob", {"include": ["*" * 5000]},
     "x.toml: include[0]: is 5,000 characters long; at most 1,000 are allowed"),
    ("key", {"severity": {"T" * 2000: "error"}},
     "x.toml: severity: a key is 2,000 characters long; at most 1,000 are allowed"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "message"), SIZES, ids=[c[0] for c in SIZES])
def test_sizes_are_bounded(name: str, data: dict[str, Any], message: str) -> None:
    assert problems(data) == [message]


def test_the_limits_leave_room() -> None:
    data = {
        "ignore": ["TL1"] * ENTRY_LIMIT,
        "profile": {"description": "d" * STRING_LIMIT, "statuses": statuses(ENTRY_LIMIT)},
    }
    config = from_data(data, "x.toml", None, ROOT)
    assert len(config.profile.statuses) == ENTRY_LIMIT


def test_many_problems_are_reported_up_to_a_limit() -> None:
    lines = problems({"ignore": [1] * ENTRY_LIMIT})  # each entry: not a string
    assert len(lines) == MESSAGE_LIMIT + 1
    assert lines[-1] == f"... and {ENTRY_LIMIT - MESSAGE_LIMIT} more problems in x.toml"


def test_hostile_globs_match_in_linear_time(tmp_path: Path) -> None:
    # fnmatch.translate turns each * into an atomic group (3.11+) or its emulation with
    # a lookahead and a backreference (3.9, 3.10): no backtracking between stars.
    glob = "*a" * 300 + "*b"
    assert re.search(r"\(\?>|\(\?=\(\?P<", fnmatch.translate(glob))
    config = from_data({"include": [glob], "exclude": [glob]}, "x.toml", None, tmp_path)
    assert config.excludes(tmp_path / ("a" * 200 + ".md"))  # not included: finishes at once


def test_a_pyproject_of_blank_lines_is_scanned_in_linear_time(tmp_path: Path) -> None:
    from tracker_lint.workspace import config_file as candidate

    # The header search once allowed newlines in its leading `\s*`: quadratic in the
    # number of blank lines (about 100 s for these 200,000).
    (tmp_path / "pyproject.toml").write_text("\n" * 200_000 + "[tool.tracker-lint]\n")
    assert candidate(tmp_path) == tmp_path / "pyproject.toml"
    (tmp_path / "pyproject.toml").write_text("\n" * 200_000 + "[tool.other]\n")
    assert candidate(tmp_path) is None
