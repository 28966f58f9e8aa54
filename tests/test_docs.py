"""The README, CONTRIBUTING.md and docs/ say what the code does."""

from __future__ import annotations

import importlib
import re
import shlex
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tracker_lint import ruledocs
from tracker_lint.cli import COMMANDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
USAGE = (DOCS / "usage.md").read_text(encoding="utf-8")
PROFILES = (DOCS / "profiles.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]

FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<code>[A-Z]+\d+)\b")


def shown_lines(output: str) -> list[object]:
    """Each line of a shown or real output: a finding as (path, line, column, code), so
    rewording a rule's message breaks no doc test; any other line (the summary) as is."""
    return [
        (m["path"], int(m["line"]), int(m["column"]), m["code"])
        if (m := FINDING.match(line))
        else line
        for line in output.splitlines()
    ]


def section(text: str, heading: str) -> str:
    """The text under ``heading`` (a whole heading line) up to the next heading of its level."""
    level = heading.split(" ", 1)[0]
    body = text.split(f"\n{heading}\n", 1)[1]
    return re.split(rf"\n{level} ", body, maxsplit=1)[0]


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    assert ruledocs.readme_with_table(README) == README


def test_rule_reference_is_generated_from_the_rules() -> None:
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == ruledocs.reference()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_flag_of_every_command_is_documented_in_usage(command: str) -> None:
    import argparse

    parser = importlib.import_module(COMMANDS[command]).build_parser()
    text = section(USAGE, f"## `tracker-lint {command}`")
    for action in parser._actions:
        for flag in action.option_strings:
            if action.help == argparse.SUPPRESS:  # an older spelling, named once
                assert f"`{command} {flag}`" in USAGE, f"{command} {flag}"
                continue
            where = USAGE if flag in ("-h", "--help") else text
            assert f"`{flag}" in where, f"{command} {flag}"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_documented_flag_exists(command: str) -> None:
    parser = importlib.import_module(COMMANDS[command]).build_parser()
    flags = {s for a in parser._actions for s in a.option_strings}
    text = section(USAGE, f"## `tracker-lint {command}`")
    documented = set(re.findall(r"^\| `(--?[a-z][a-z-]*)", text, re.MULTILINE))
    documented |= set(re.findall(r"^\| `-[a-z] [A-Z.]+`, `(--[a-z-]+)", text, re.MULTILINE))
    assert documented, command
    assert documented <= flags, documented - flags


@pytest.mark.parametrize("command", list(COMMANDS))
def test_help_is_written_from_the_same_definitions_as_the_docs(command: str) -> None:
    from tracker_lint.cli import options

    parser = options.parser(command)
    shown = parser.format_help()
    for option in options.COMMANDS[command].options:
        # argparse wraps the help (also after a hyphen): compare without white space
        assert "".join(option.help.split()) in "".join(shown.split()), option.flags
    assert options.table(command) in USAGE


def test_readme_has_the_sections_the_issue_keeps() -> None:
    headings = re.findall(r"^## (.+)$", README, re.MULTILINE)
    for kept in ("Quick start", "pre-commit", "Exit codes", "Rules", "Documentation"):
        assert kept in headings
    assert len(README.encode("utf-8")) <= 15_000


def test_readme_links_every_docs_page() -> None:
    docs = section(README, "## Documentation")
    for page in [*sorted(DOCS.glob("*.md")), ROOT / "CONTRIBUTING.md"]:
        assert f"]({page.relative_to(ROOT).as_posix()})" in docs, page.name


def quick_start() -> str:
    return section(README, "## Quick start")


def test_quick_start_has_exactly_two_commands_and_runs_on_a_fixture() -> None:
    commands = re.findall(r"```console\n(.*?)\n```", quick_start(), re.DOTALL)
    assert len(commands) == 2
    run, test = (shlex.split(c) for c in commands)
    assert any(arg.startswith("fixtures/") for arg in run)
    assert (ROOT / next(a for a in run if a.startswith("fixtures/"))).exists()
    assert test[-3:] == ["-m", "pytest"] or "pytest" in test[-1]


def test_quick_start_output_is_what_the_tool_prints() -> None:
    from tests.conftest import run_cli

    command = re.findall(r"```console\n(.*?)\n```", quick_start(), re.DOTALL)[0]
    words = shlex.split(command.split("&&")[-1])
    assert words[0].endswith("tracker-lint")
    shown = re.search(r"```text\n(.*?)```", quick_start(), re.DOTALL)
    assert shown is not None
    result = run_cli(*words[1:], cwd=ROOT)
    assert result.returncode == 1
    assert shown_lines(result.stdout) == shown_lines(shown.group(1))


def test_every_hook_is_documented() -> None:
    import yaml

    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()):
        assert f"`{hook['id']}`" in README
        assert f"`{hook['entry']}`" in README


def test_profile_guide_walkthrough_works_as_written(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    guide = section(PROFILES, "### Writing one from scratch")
    tracker = re.search(r"```markdown\n(.*?)```", guide, re.DOTALL)
    profile = guide.split("For the translation tracker:", 1)[1]
    toml = re.search(r"```toml\n(.*?)```", profile, re.DOTALL)
    shown = re.search(r"```text\n(.*?)```", profile, re.DOTALL)
    assert tracker and toml and shown
    (tmp_path / ".tracker-lint.toml").write_text(toml.group(1), encoding="utf-8")
    (tmp_path / "TRANSLATION.md").write_text(tracker.group(1), encoding="utf-8")
    result = run_cli("--today", "2026-11-26", "TRANSLATION.md", cwd=tmp_path)
    assert shown_lines(result.stdout) == shown_lines(shown.group(1))
    fixed = run_cli("--fix", "--unsafe-fixes", "TRANSLATION.md", cwd=tmp_path)
    assert fixed.returncode == 0
    text = (tmp_path / "TRANSLATION.md").read_text(encoding="utf-8")
    assert "- **Chapters done**: 1/4 (25%)" in text
    assert "| Setup | ✅ | ⏳ | **IN REVIEW** | 2026-03-05 |" in text


# Links: every relative link in the prose (not in code) names a file that exists, and
# a #fragment names a heading of that file, as GitHub turns headings into anchors.
FENCE = re.compile(r"^ *(```|~~~).*?^ *\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def prose(text: str) -> str:
    return CODE_SPAN.sub("", FENCE.sub("", text))


def anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens,
    a repeated anchor numbered; plus explicit ``id``/``name`` attributes."""
    seen: dict[str, int] = {}
    found = set(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", text))
    for heading in re.findall(r"^#{1,6} +(.+?) *#* *$", FENCE.sub("", text), re.MULTILINE):
        plain = re.sub(r"<[^>]+>", "", heading).replace("`", "")
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain).lower()
        kept = (c for c in plain if c in " -_" or unicodedata.category(c)[0] in "LMN")
        slug = "".join(kept).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def relative_links(page: Path) -> list[str]:
    links = LINK.findall(prose(page.read_text(encoding="utf-8")))
    return [link for link in links if not re.match(r"[a-z][a-z0-9+.-]*:", link)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(page: Path) -> None:
    for link in relative_links(page):
        target, _, fragment = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        assert path.exists(), f"{link}: no such file"
        if fragment and path.suffix == ".md":
            assert fragment in anchors(path.read_text(encoding="utf-8")), f"{link}: no such anchor"


def test_anchors_follow_github() -> None:
    assert anchors("## Stale dates (`--base`)\n") == {"stale-dates---base"}
    assert anchors("## The tracker format (the default profile)\n") == {
        "the-tracker-format-the-default-profile"
    }
    assert anchors("## `tracker-lint check`\n## x\n## x\n") == {"tracker-lint-check", "x", "x-1"}
    assert anchors("## TL001 unreadable-file\n") == {"tl001-unreadable-file"}
    assert anchors("## 📊 Quick Stats\n") == {"-quick-stats"}
    assert relative_links(ROOT / "README.md"), "the link pattern finds nothing"


PROFILE_LANGUAGE = (
    "Profile", "Columns", "Dates", "Stages", "StageSymbol", "Status", "Derive", "Group",
    "Total", "Totals", "Numbers", "Summary", "Flag", "Legend",
)  # fmt: skip


@pytest.mark.parametrize("definition", PROFILE_LANGUAGE)
def test_the_profile_guide_names_every_key_of_the_language(definition: str) -> None:
    """Each key a profile may have (the schema is made from the one definition) is in
    the guide, in backticks or written in one of its TOML examples."""
    import json

    schema = json.loads((DOCS / "config-schema.json").read_text(encoding="utf-8"))
    keys = schema["$defs"][definition]["properties"]
    toml = "\n".join(re.findall(r"```toml\n(.*?)```", PROFILES, re.DOTALL))
    quoted = " ".join(re.findall(r"`([^`\n]+)`", PROFILES))  # what the prose quotes

    def named(key: str) -> bool:
        word = rf"(?<![\w-]){re.escape(key)}(?![\w-])"
        return bool(re.search(word, quoted) or re.search(rf"{word} =|\.{word}\]", toml))

    assert [key for key in keys if not named(key)] == []


def _guide_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """The guide's ``###`` sections, each with its fenced blocks (language, text)."""
    found = []
    for part in re.split(r"\n(?=### )", PROFILES):
        blocks = re.findall(r"```(\w+)\n(.*?)```", part, re.DOTALL)
        found.append((part.splitlines()[0], blocks))
    return found


@pytest.mark.parametrize(
    ("title", "blocks"), _guide_sections(), ids=[t for t, _ in _guide_sections()]
)
def test_every_example_of_the_profile_guide_loads_and_says_what_it_shows(
    title: str, blocks: list[tuple[str, str]], tmp_path: Path
) -> None:
    """Each TOML example loads as a configuration; where a section shows one tracker,
    one configuration and the output, the tool prints exactly that output."""
    from tests.conftest import run
    from tracker_lint.config import from_data

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    tomls = [text for kind, text in blocks if kind == "toml"]
    for text in tomls:
        from_data(tomllib.loads(text), "example.toml", None, tmp_path)
    documents = [text for kind, text in blocks if kind == "markdown"]
    outputs = [text for kind, text in blocks if kind == "text"]
    if len(tomls) != 1 or not documents or not outputs or "Writing one" in title:
        return
    expected = outputs[-1]
    name = expected.split(":", 1)[0]
    (tmp_path / ".tracker-lint.toml").write_text(tomls[0], encoding="utf-8")
    (tmp_path / name).write_text(documents[0], encoding="utf-8")
    assert run("--today", "2026-11-26", name, cwd=tmp_path).stdout == expected
