"""The tracker format as data: which columns, symbols, statuses and totals.

These frozen dataclasses are the one definition of the profile language: the
keys a profile in ``.tracker-lint.toml`` may have (kebab-case there), their
types, defaults and constraints. :mod:`tracker_lint.config` validates a written
profile into them with pydantic (which reads ``__pydantic_config__`` and the
:class:`Spec` metadata below) and produces the JSON Schema from them; this
module imports neither pydantic nor anything costly, so the plain check path,
which serves the built-in profile from ``_builtin_profiles.py`` (generated from
``profiles/*.toml`` by ``scripts/generate.py``), stays fast.

Lookups the checks need (status by symbol, stage state by symbol, …) are built
once per profile in :class:`ProfileIndex`.
"""

from __future__ import annotations

import re
from dataclasses import field
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from tracker_lint._record import record
from tracker_lint._text import canonical_symbol, label_key

if TYPE_CHECKING:
    from collections.abc import Callable

Progress = Literal["done", "started", "none"]
Source = Literal["derived", "written"]
TotalFormat = Literal["auto", "integer", "percent", "fraction", "status"]
TotalsKind = Literal["list", "table"]
UnknownLabels = Literal["report", "ignore"]
ItemKind = Literal["table-rows", "task-items", "status-items"]
Uniqueness = Literal["tracker", "section", "list"]
Numbering = Literal["per-list", "continuous"]
Scope = Literal["tracker", "section"]

WILDCARD = "*"
ALL = "all"
GROUP = "{group}"
DEFAULT_PROFILE = "learning-module"

# A group pattern searches at most this many characters of a heading or cell: with
# the subset of patterns tracker_lint.config accepts, that bounds a search's work.
GROUP_TEXT_LIMIT = 200


class Spec:
    """Constraints and a description of one key, read by pydantic when a profile is
    validated (``__get_pydantic_core_schema__``) and when the JSON Schema is made;
    inert otherwise, so that defining the language costs no import."""

    __slots__ = ("constraints", "description")

    def __init__(self, description: str | None = None, **constraints: Any) -> None:
        self.description = description
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        return schema

    def __get_pydantic_json_schema__(self, schema: Any, handler: Callable[[Any], Any]) -> Any:
        result = handler(schema)
        if self.description:
            result = {**result, "description": self.description}
        return result


def _kebab(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


# How pydantic reads every class of the language: unknown keys are errors, keys are
# kebab-case (also-accepted-for), values are frozen.
LANGUAGE = {"extra": "forbid", "alias_generator": _kebab, "populate_by_name": True}

NonEmpty = Annotated[str, Spec(min_length=1)]
Names = tuple[NonEmpty, ...]
Count = Literal["all"] | Annotated[Names, Spec(min_length=1)]


def _doc(text: str, **constraints: Any) -> Spec:
    return Spec(text, **constraints)


@record
class Columns:
    """Which columns a tracked table has: a table is tracked when it has them all."""

    __pydantic_config__ = LANGUAGE

    item: Annotated[str | None, _doc("Item column; default: first non-number column.")] = None
    number: Annotated[str, _doc('Row-number column ("" for none).')] = "#"
    status: Annotated[
        str, _doc('Status column ("" for none: rows whose state is in their numbers).')
    ] = "Status"
    date: Annotated[str | None, _doc("Date column, if any.")] = None
    required: Annotated[Names, _doc("Further columns a table must have to be tracked.")] = ()
    numbering: Annotated[
        Numbering,
        _doc(
            "How the number column counts (row-numbering, TL105): from 1 in each table "
            '("per-list") or on through all tables ("continuous").'
        ),
    ] = "per-list"


@record
class Dates:
    """Values of the date column that are not dates."""

    __pydantic_config__ = LANGUAGE

    empty: Annotated[tuple[str, ...], _doc('Values meaning "no date", e.g. "-".')] = ()
    accepted: Annotated[tuple[str, ...], _doc('Accepted non-dates: "Pre-existing".')] = ()
    required: Annotated[
        Literal["progress", "done"],
        _doc(
            "Which rows need a date (missing-date, TL301): every row with progress, or only "
            'done ones ("done": a Completion Date).'
        ),
    ] = "progress"


@record
class StageSymbol:
    """A symbol allowed in stage cells and the state it means."""

    __pydantic_config__ = LANGUAGE

    symbol: NonEmpty
    state: NonEmpty


@record
class Stages:
    """The stage columns (Module, Exam) and the symbols of their cells."""

    __pydantic_config__ = LANGUAGE

    columns: Annotated[Names, _doc("Stage column names, in order.")] = ()
    symbols: Annotated[tuple[StageSymbol, ...], _doc("Symbols of stage cells.")] = ()


@record
class Status:
    """One entry of the status vocabulary."""

    __pydantic_config__ = LANGUAGE

    id: Annotated[str, Spec(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    label: Annotated[str, _doc("The status as shown; default: the id.")] = ""
    symbol: str | None = None
    labels: Annotated[
        Names, _doc("Other labels accepted after the symbol: ✅ Completed as well as ✅ Done.")
    ] = ()
    words: Names = ()
    progress: Progress = "started"
    also_accepted_for: Names = ()
    empty: Annotated[bool, _doc("An empty status cell means this status (one at most).")] = False

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.id)


@record
class Derive:
    """A derivation rule: the status a row has when its stage states match."""

    __pydantic_config__ = LANGUAGE

    when: Annotated[Names, _doc('One state per stage column, or "*".')]
    status: NonEmpty

    def matches(self, states: tuple[str, ...]) -> bool:
        return all(w in (WILDCARD, s) for w, s in zip(self.when, states, strict=False))


@record
class Group:
    """Where a row's group comes from: the heading above its table, or a column."""

    __pydantic_config__ = LANGUAGE

    from_: Annotated[NonEmpty, _doc('"heading" or a column name.')]
    pattern: Annotated[str | None, _doc("Regex; its first group is the group.")] = None

    def value(self, text: str) -> str | None:
        """The group a heading or cell names: the text itself, or the first group
        (else the whole match) of ``pattern``, searched in the first
        ``GROUP_TEXT_LIMIT`` (200) characters of the text only.

        The pattern is trusted here: configuration files are checked against a
        subset that cannot backtrack catastrophically (``tracker_lint.config``),
        the length limit bounds what remains, and results are memoised per text.
        """
        if self.pattern is None:
            return label_key(text) or None
        return _group_value(self.pattern, text[:GROUP_TEXT_LIMIT])


@lru_cache(maxsize=1 << 16)
def _group_value(pattern: str, text: str) -> str | None:
    # Memoised: rules/stats.py asks once per grouped total and item (a tracker's worth
    # of distinct cells fits), and cells repeat.
    match = re.search(pattern, text)
    if match is None:
        return None
    found = match.group(1) if match.groups() else match.group(0)
    return None if found is None else label_key(found)  # an optional group may not take part


class Selector(NamedTuple):
    """Which items a total counts: all of them, or those with a status in a set."""

    statuses: tuple[str, ...] | None = None  # None: all items
    source: Source = "derived"


@record
class Total:
    """One total of the totals section."""

    __pydantic_config__ = LANGUAGE

    label: Annotated[NonEmpty, _doc('As written; may contain "{group}" ("{group} Tasks").')]
    count: Annotated[Count, _doc('What it counts: "all" items, or those with these statuses.')] = (
        "all"
    )
    of: Annotated[Count | None, _doc("The denominator of a percentage or fraction.")] = None
    source: Annotated[Source, _doc("Count derived statuses, or statuses as written.")] = "derived"
    format: Annotated[
        TotalFormat,
        _doc(
            'How the value is written; "status": a status (`**Status**: ✅ Completed`), '
            "checked against the progress of the items it counts (section-status-mismatch)."
        ),
    ] = "auto"
    group: Group | None = None
    scope: Annotated[
        Scope,
        _doc(
            'Which items: all of the tracker ("tracker"), or those of the section it is '
            'written in ("section": `**Progress**: 5/5` after each table).'
        ),
    ] = "tracker"
    sum: Annotated[
        str | None,
        _doc("A numeric column: the total adds its numbers over the counted items."),
    ] = None
    check: Annotated[
        bool | Literal["count"],
        _doc(
            "false: a known total that counts something else, never checked or fixed; "
            '"count": only its count is checked, the denominator written is kept '
            "(`14/40 priority documents`, where 40 is not an item count)."
        ),
    ] = True

    @property
    def counts(self) -> Selector:
        return self._selector(self.count)

    @property
    def denominator(self) -> Selector:
        """What the percentage or fraction is of (all items unless ``of`` says)."""
        return self._selector("all" if self.of is None else self.of)

    def _selector(self, count: Count) -> Selector:
        return Selector(None if count == ALL else tuple(count), self.source)

    @property
    def key(self) -> str:
        return label_key(self.label)

    @property
    def is_percent(self) -> bool:
        return self.format == "percent" or (self.format == "auto" and self.of is not None)

    def match(self, label: str) -> tuple[bool, str | None]:
        """Whether a written label is this total, and the group it names."""
        key = label_key(label)
        if self.group is None or GROUP not in self.label:
            return key == self.key, None
        before, _, after = self.key.partition(label_key(GROUP))
        if key.startswith(before) and key.endswith(after) and len(key) > len(before + after):
            return True, key[len(before) : len(key) - len(after)].strip()
        return False, None


@record
class Totals:
    """Where the written totals are and which totals there are."""

    __pydantic_config__ = LANGUAGE

    kind: TotalsKind = "list"
    heading: Annotated[str | None, _doc("The heading above the totals.")] = None
    label_column: NonEmpty = "Metric"
    value_column: NonEmpty = "Value"
    target_column: str | None = None
    percent_column: str | None = None
    unknown_labels: UnknownLabels = "report"
    in_headings: Annotated[
        bool,
        _doc(
            "Also read totals written in headings: a heading that starts with a total's "
            "label followed by its numbers, `## Completed Languages (4/44)`."
        ),
    ] = False
    items: Annotated[tuple[Total, ...], Spec(min_length=1)]

    def find(self, label: str) -> tuple[Total | None, str | None]:
        for total in self.items:
            matched, group = total.match(label)
            if matched:
                return total, group
        return None, None


@record
class Numbers:
    """Numbers written in the cells of tracked rows, checked against each other, against
    the row's status and, in a total row, against the rows above it."""

    __pydantic_config__ = LANGUAGE

    whole: Annotated[str | None, _doc("A column of counts that the parts add up to.")] = None
    parts: Annotated[Names, _doc("Columns of counts that add up to the whole, on each row.")] = ()
    done: Annotated[str | None, _doc("The column of the count the percent is of the whole.")] = None
    percent: Annotated[
        str | None,
        _doc(
            "A column of `p%` or `n/N` cells (or both, `6/7 (86%)`): p must be done/whole "
            "(or n/N), and 100% exactly when the status is a done one."
        ),
    ] = None
    total_rows: Annotated[
        Names,
        _doc(
            'Item-cell texts of total rows ("Total", "Entire Course"): such a row is not '
            "an item; its numbers must be the sums of the rows above it."
        ),
    ] = ()
    sums: Annotated[Names, _doc("Columns a total row sums; default: the whole and the parts.")] = ()

    @property
    def summed(self) -> tuple[str, ...]:
        if self.sums:
            return self.sums
        return (*((self.whole,) if self.whole else ()), *self.parts)


FlagWhen = Literal["all-done", "some-started", "any-started"]


@record
class Flag:
    """A column of a summary table that holds a yes/no symbol about its section."""

    __pydantic_config__ = LANGUAGE

    column: NonEmpty
    when: Annotated[
        FlagWhen,
        _doc(
            'Yes exactly when: "all-done" (the section has items, all done), '
            '"some-started" (some are done or started, not all done), '
            '"any-started" (at least one is done or started).'
        ),
    ]


@record
class Summary:
    """A table whose rows each sum up a section of the tracker: its percentage, its
    counts, yes/no columns (``| 02_examples | ✅ | ⬜ | 8 |``)."""

    __pydantic_config__ = LANGUAGE

    section: Annotated[
        Group,
        _doc(
            "The column naming the section (`from`), and a regex whose first group is the "
            "name (`pattern`): the section is the first heading that starts with it."
        ),
    ]
    percent: Annotated[str | None, _doc("Column: % of the section's items that are done.")] = None
    count: Annotated[str | None, _doc("Column: how many items the section has.")] = None
    done: Annotated[str | None, _doc("Column: how many of them are done.")] = None
    flags: tuple[Flag, ...] = ()
    yes: NonEmpty = "✅"
    no: NonEmpty = "⬜"

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns besides the section's, any of which makes a table a summary."""
        named = (self.percent, self.count, self.done, *(f.column for f in self.flags))
        return tuple(c for c in named if c)


@record
class Legend:
    """The list that explains the status symbols."""

    __pydantic_config__ = LANGUAGE

    heading: NonEmpty


@record
class Profile:
    """A tracker format: the `[profile]` table of a configuration."""

    __pydantic_config__ = LANGUAGE

    name: str = "custom"
    description: str = ""
    columns: Columns = Columns()
    dates: Dates = Dates()
    stages: Stages = Stages()
    hints: Annotated[
        dict[str, NonEmpty], _doc("Mistyped symbols and the symbol most likely meant.")
    ] = field(default_factory=dict, hash=False)
    statuses: Annotated[tuple[Status, ...], Spec(min_length=1)]
    derive: tuple[Derive, ...] = ()
    totals: Totals | None = None
    numbers: Numbers | None = None
    summary: Summary | None = None
    legend: Legend | None = None
    items: Annotated[
        tuple[ItemKind, ...],
        _doc(
            'Where tracked items come from: "table-rows" (rows of tables with the '
            'columns), "task-items" (task-list items, `- [x] ...`, under a heading), '
            '"status-items" (list items that start with a status symbol, `- ✅ German`).',
            min_length=1,
        ),
    ] = ("table-rows",)
    unique: Annotated[
        Uniqueness,
        _doc(
            "Where an item name must be unique (duplicate-item, TL104): in the whole "
            'tracker, in each section (the items under one heading) or in each "list" '
            "(one table, one list)."
        ),
    ] = "tracker"

    @cached_property
    def index(self) -> ProfileIndex:
        """Lookups built from this profile, once (a copy made with ``replace`` builds
        its own)."""
        return ProfileIndex(self)

    # Facts every check needs, in the terms of the checks.

    @property
    def required_columns(self) -> tuple[str, ...]:
        """The columns a table must have to be tracked."""
        status = (self.columns.status,) if self.columns.status else ()
        return (*self.stages.columns, *status, *self.columns.required)

    @property
    def number_column(self) -> str | None:
        return self.columns.number or None

    @property
    def item_column(self) -> str | None:
        return self.columns.item or None

    @property
    def date_column(self) -> str | None:
        return self.columns.date or None

    def status(self, status_id: str) -> Status:
        return self.index.status_by_id[status_id]

    def hint_for(self, symbol: str) -> str | None:
        return self.index.hints.get(canonical_symbol(symbol))

    def derive_status(self, states: tuple[str, ...]) -> str | None:
        """The status the first matching derivation rule gives (memoised: a tracker has
        few distinct combinations of stage states, and many rows)."""
        memo = self.index.derived
        if states not in memo:
            memo[states] = next((r.status for r in self.derive if r.matches(states)), None)
        return memo[states]

    def accepts(self, written: str, derived: str) -> bool:
        return written == derived or derived in self.status(written).also_accepted_for


class ProfileIndex:
    """The lookups of one profile, typed and built once."""

    __slots__ = (
        "derived",
        "empty",
        "hints",
        "stage_states",
        "status_by_id",
        "status_symbols",
        "words",
    )

    def __init__(self, profile: Profile) -> None:
        self.status_by_id: dict[str, Status] = {s.id: s for s in profile.statuses}
        # Longest symbol first, so that a symbol that extends another one wins.
        self.status_symbols: list[tuple[str, Status]] = sorted(
            ((canonical_symbol(s.symbol), s) for s in profile.statuses if s.symbol),
            key=lambda pair: -len(pair[0]),
        )
        self.words: dict[str, Status] = {label_key(w): s for s in profile.statuses for w in s.words}
        self.stage_states: dict[str, str] = {
            canonical_symbol(s.symbol): s.state for s in profile.stages.symbols
        }
        self.hints: dict[str, str] = {canonical_symbol(a): b for a, b in profile.hints.items()}
        self.derived: dict[tuple[str, ...], str | None] = {}
        self.empty: Status | None = next((s for s in profile.statuses if s.empty), None)


def builtin_profiles() -> list[str]:
    from tracker_lint._builtin_profiles import BUILTIN

    return sorted(BUILTIN)


def builtin_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """A built-in profile, served from ``_builtin_profiles.py`` (generated from
    ``profiles/*.toml``, validated like any configuration), so that a pre-commit
    run pays neither for a TOML parser nor for validation."""
    from tracker_lint._builtin_profiles import BUILTIN

    return BUILTIN[name]


@cache
def default_profile() -> Profile:
    return builtin_profile(DEFAULT_PROFILE)
