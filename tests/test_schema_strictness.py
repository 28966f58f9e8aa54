"""docs/config-schema.json refuses what the tool refuses, wherever a schema can say it.

Each configuration below goes through both: the tool (``tracker_lint.config.from_data``,
as a configuration file does) and ``jsonschema`` with the committed schema. What only
the tool can check (a value named elsewhere in the profile, a duplicate, the subset of
group patterns beyond their length) is left out; docs/configuration.md says so.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, examples
from tracker_lint.config import PATTERN_LIMIT, from_data
from tracker_lint.errors import ConfigError
from tracker_lint.profile import builtin_profiles
from tracker_lint.rules import RULES

SCHEMA = json.loads((ROOT / "docs" / "config-schema.json").read_text(encoding="utf-8"))


def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(SCHEMA)


VALIDATOR = _validator()


def refusal(data: dict[str, Any]) -> list[str] | None:
    """The tool's problems with a configuration, or None when it accepts it."""
    try:
        from_data(data, "x.toml", None, ROOT)
    except ConfigError as e:
        return e.lines
    return None


def schema_accepts(data: dict[str, Any]) -> bool:
    return bool(VALIDATOR.is_valid(data))


STATUSES = [
    {"id": "done", "symbol": "✅", "progress": "done"},
    {"id": "todo", "symbol": "⬜", "progress": "none"},
]
TOTAL = {"label": "Done", "count": ["done"]}


def profile(**changes: Any) -> dict[str, Any]:
    """A configuration with a small valid profile table, changed."""
    return {"profile": {"statuses": STATUSES, **changes}}


def grouped(pattern: str) -> dict[str, Any]:
    group = {"from": "heading", "pattern": pattern}
    return profile(
        totals={"heading": "Q", "items": [{**TOTAL, "label": "{group}", "group": group}]}
    )


# (name, configuration, what the tool says about it)
REJECTED: list[tuple[str, dict[str, Any], str]] = [
    # rule selectors: a rule code or a prefix of one, in any case; nothing else
    ("select-unknown-code", {"select": ["TL999"]}, "x.toml: select[0]: 'TL999' matches no rule"),
    ("select-longer-than-a-code", {"select": ["TL4011"]}, "select[0]: 'TL4011' matches no rule"),
    ("select-all-keyword", {"select": ["ALL"]}, "select[0]: 'ALL' matches no rule"),
    ("select-rule-name", {"select": ["stats-mismatch"]}, "select[0]: 'stats-mismatch' matches no rule"),
    ("select-comma-list", {"select": ["TL1,TL4"]}, "select[0]: 'TL1,TL4' matches no rule"),
    ("select-padded", {"select": [" TL4"]}, "select[0]: ' TL4' matches no rule"),
    ("select-final-newline", {"select": ["TL4\n"]}, "select[0]: 'TL4\\n' matches no rule"),
    ("select-empty", {"select": [""]}, "select[0]: String should have at least 1 character"),
    ("select-not-a-list", {"select": "TL4"}, "select: Input should be a valid list"),
    ("extend-select-unknown", {"extend-select": ["TL0011"]}, "extend-select[0]: 'TL0011' matches no rule"),
    ("ignore-unknown", {"ignore": ["TL4", "XX1"]}, "ignore[1]: 'XX1' matches no rule"),
    ("ignore-rule-name", {"ignore": ["duplicate-item"]}, "ignore[0]: 'duplicate-item' matches no rule"),
    ("per-file-ignores-unknown", {"per-file-ignores": {"docs/*.md": ["TL1045"]}},
     "per-file-ignores.'docs/*.md'[0]: 'TL1045' matches no rule"),
    ("per-file-ignores-all-keyword", {"per-file-ignores": {"*.md": ["ALL"]}}, "'ALL' matches no rule"),
    ("severity-prefix", {"severity": {"TL4": "error"}}, "severity.TL4: not a rule code"),
    ("severity-rule-name", {"severity": {"stats-mismatch": "error"}}, "severity.stats-mismatch: not a rule code"),
    ("severity-final-newline", {"severity": {"TL401\n": "error"}}, "severity.TL401\n: not a rule code"),
    ("severity-level", {"severity": {"TL401": "fatal"}}, "severity.TL401: Input should be 'error' or 'warning'"),
    # profiles by name: a built-in one, spelt exactly
    ("profile-unknown-builtin", {"profile": "nope"}, "profile: unknown built-in profile 'nope'"),
    ("profile-builtin-in-another-case", {"profile": "Tasks"}, "profile: unknown built-in profile 'Tasks'"),
    ("profiles-use-unknown-builtin", {"profiles": [{"files": ["*.md"], "use": "nope"}]},
     "profiles[0].use: unknown built-in profile 'nope'"),
    ("profiles-without-files", {"profiles": [{"files": [], "use": "tasks"}]},
     "profiles[0].files: List should have at least 1 item"),
    # a profile table: what check_profile refuses without comparing values
    ("status-id-final-newline", profile(statuses=[{"id": "done\n", "symbol": "✅"}]),
     "profile.statuses[0].id: String should match pattern"),
    ("status-without-symbol-or-words", profile(statuses=[*STATUSES, {"id": "x"}]),
     "profile.statuses[2]: a status needs a symbol or words"),
    ("status-with-an-empty-symbol", profile(statuses=[*STATUSES, {"id": "x", "symbol": ""}]),
     "profile.statuses[2]: a status needs a symbol or words"),
    ("status-with-no-words", profile(statuses=[*STATUSES, {"id": "x", "words": [], "empty": False}]),
     "profile.statuses[2]: a status needs a symbol or words"),
    ("two-empty-statuses", profile(statuses=[*STATUSES, {"id": "x", "empty": True}, {"id": "y", "empty": True}]),
     "profile.statuses[3].empty: only one status can be what an empty cell means"),
    ("derive-without-stages", profile(derive=[{"when": ["*"], "status": "done"}]),
     "profile.derive: derivation rules need stage columns"),
    ("derive-without-stage-columns", profile(derive=[{"when": ["*"], "status": "done"}], stages={"columns": []}),
     "profile.derive: derivation rules need stage columns"),
    ("list-totals-without-heading", profile(totals={"items": [TOTAL]}),
     "profile.totals.heading: a list of totals needs the heading above it"),
    ("list-totals-with-an-empty-heading", profile(totals={"kind": "list", "heading": "", "items": [TOTAL]}),
     "profile.totals.heading: a list of totals needs the heading above it"),
    ("list-totals-not-in-headings", profile(totals={"in-headings": False, "items": [TOTAL]}),
     "profile.totals.heading: a list of totals needs the heading above it"),
    ("no-status-column-nor-required", profile(columns={"status": ""}),
     'profile.columns.required: with status = "" a table is tracked by the columns it must have'),
    ("fraction-without-of", profile(totals={"heading": "Q", "items": [{**TOTAL, "format": "fraction"}]}),
     "profile.totals.items[0].of: a fraction total needs `of`"),
    ("fraction-with-null-of", profile(totals={"heading": "Q", "items": [{**TOTAL, "format": "fraction", "of": None}]}),
     "profile.totals.items[0].of: a fraction total needs `of`"),
    ("grouped-label-without-placeholder",
     profile(totals={"heading": "Q", "items": [{**TOTAL, "group": {"from": "heading"}}]}),
     "profile.totals.items[0].label: a grouped total's label needs {group}"),
    ("group-pattern-too-long", grouped("a" * (PATTERN_LIMIT + 1)),
     f"profile.totals.items[0].group.pattern: is {PATTERN_LIMIT + 1} characters long"),
    ("profiles-use-table-checked-too",
     {"profiles": [{"files": ["*.md"], "use": {"statuses": [*STATUSES, {"id": "x"}]}}]},
     "profiles[0].use.statuses[2]: a status needs a symbol or words"),
]  # fmt: skip

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("every-kind-of-selector", {"select": ["T", "tl", "Tl4", "TL40", "tl401"], "extend-select": ["TL1"],
                                "ignore": ["TL104"], "per-file-ignores": {"docs/*.md": ["tL2", "TL"]}}),
    ("every-rule-code", {"select": sorted(RULES), "severity": {code.lower(): "error" for code in RULES}}),
    ("builtin-profiles", {"profile": builtin_profiles()[0],
                          "profiles": [{"files": ["*.md"], "use": name} for name in builtin_profiles()]}),
    ("small-profile", profile()),
    ("status-with-words-only", profile(statuses=[*STATUSES, {"id": "x", "words": ["later"]}])),
    ("status-for-empty-cells", profile(statuses=[*STATUSES, {"id": "x", "empty": True}])),
    ("derive-with-stages", profile(derive=[{"when": ["*"], "status": "done"}],
                                   stages={"columns": ["Module"], "symbols": [{"symbol": "✅", "state": "done"}]})),
    ("table-totals-without-heading", profile(totals={"kind": "table", "items": [TOTAL]})),
    ("totals-in-headings-only", profile(totals={"in-headings": True, "items": [TOTAL]})),
    ("fraction-with-of", profile(totals={"heading": "Q", "items": [{**TOTAL, "format": "fraction", "of": "all"}]})),
    ("group-pattern-at-the-limit", grouped("^" + "a" * (PATTERN_LIMIT - 1))),
    ("null-group", profile(totals={"heading": "Q", "items": [{**TOTAL, "group": None}]})),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"), [pytest.param(d, m, id=name) for name, d, m in REJECTED]
)
def test_refused_by_the_tool_and_by_the_schema(data: dict[str, Any], message: str) -> None:
    lines = refusal(data)
    assert lines is not None, "the tool accepts it"
    assert any(message in line for line in lines), lines
    assert not schema_accepts(data), "the schema accepts it"


@pytest.mark.parametrize("data", [pytest.param(d, id=name) for name, d in ACCEPTED])
def test_accepted_by_the_tool_and_by_the_schema(data: dict[str, Any]) -> None:
    assert refusal(data) is None
    assert schema_accepts(data), [e.message for e in VALIDATOR.iter_errors(data)]


# --- properties: the schema accepts a value exactly when the tool does --------------------

CODES = sorted(RULES)
NOISE = "0123456789TtLlx ,-*\n\t\x00\u0131\u017f"  # near misses, odd case mappings


@st.composite
def selectors(draw: st.DrawFn) -> str:
    """Strings near the selectors: a code's prefix in any case, with noise around it."""
    code = draw(st.sampled_from(CODES))
    prefix = code[: draw(st.integers(0, len(code)))]
    cased = "".join(c.lower() if draw(st.booleans()) else c for c in prefix)
    before = draw(st.text(NOISE, max_size=1)) if draw(st.integers(0, 3)) == 0 else ""
    after = draw(st.one_of(st.just(""), st.sampled_from("\n ,1*"), st.text(NOISE, max_size=2)))
    return before + cased + after


SELECTORS = st.one_of(
    selectors(),
    st.sampled_from([*(rule.name for rule in RULES.values()), "ALL", "all"]),
    st.text(max_size=8),
)


@settings(max_examples=examples(ci=1000, fast=300))
@given(
    key=st.sampled_from(["select", "extend-select", "ignore", "per-file-ignores", "severity"]),
    value=SELECTORS,
)
def test_any_selector_is_accepted_by_the_schema_iff_by_the_tool(key: str, value: str) -> None:
    if key == "per-file-ignores":
        data: dict[str, Any] = {key: {"docs/*.md": [value]}}
    elif key == "severity":
        data = {key: {value: "warning"}}  # a full code, in any case
    else:
        data = {key: [value]}
    assert schema_accepts(data) == (refusal(data) is None), (data, refusal(data))


@settings(max_examples=examples(ci=300, fast=100))
@given(st.text("az09-_A \n", max_size=5))
def test_any_status_id_is_accepted_by_the_schema_iff_by_the_tool(status_id: str) -> None:
    data = profile(statuses=[{"id": status_id, "symbol": "✅"}])
    assert schema_accepts(data) == (refusal(data) is None), (data, refusal(data))


MISSING = object()


def optional(values: list[Any]) -> st.SearchStrategy[Any]:
    """One of these values, or ``MISSING`` for a key left out."""
    return st.sampled_from([MISSING, *values])


def table(**values: Any) -> dict[str, Any]:
    return {k.replace("_", "-"): v for k, v in values.items() if v is not MISSING}


@st.composite
def profile_shapes(draw: st.DrawFn) -> dict[str, Any]:
    """Profiles varying in what check_profile checks without comparing values (the ids,
    symbols and words are distinct, so no duplicate is drawn)."""
    statuses = [
        table(
            id=f"s{i}",
            symbol=draw(optional([None, "", f"S{i}"])),
            words=draw(optional([[], [f"word{i}"]])),
            empty=draw(optional([False, True])),
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    changes: dict[str, Any] = {"statuses": statuses}
    derive = draw(optional([[], [{"when": ["*"], "status": "s0"}]]))
    stages = draw(optional([{}, {"columns": []}, {"columns": ["Module"]}]))
    total = table(
        label=draw(st.sampled_from(["Done", "{group} Done"])),
        count=["s0"],
        format=draw(optional(["auto", "percent", "fraction"])),
        of=draw(optional([None, "all", ["s0"]])),
        group=draw(optional([None, {"from": "heading"}])),
    )
    totals = table(
        kind=draw(optional(["list", "table"])),
        heading=draw(optional([None, "", "Quick Stats"])),
        in_headings=draw(optional([False, True])),
        items=[total],
    )
    changes.update(table(derive=derive, stages=stages, totals=draw(optional([totals]))))
    return {"profile": changes}


@settings(max_examples=examples(ci=600, fast=150))
@given(profile_shapes())
def test_any_profile_shape_is_accepted_by_the_schema_iff_by_the_tool(data: dict[str, Any]) -> None:
    assert schema_accepts(data) == (refusal(data) is None), (data, refusal(data))
