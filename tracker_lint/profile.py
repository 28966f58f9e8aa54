"""The tracker format as data: which columns, symbols, statuses and totals.

A :class:`Profile` is plain, frozen data. The built-in learning-module profile
is a TOML file in ``profiles/``, written in the same language as a profile in a
configuration file; :func:`profile_from_dict` turns that language into these
classes. Validation of user-written profiles happens in :mod:`tracker_lint.config`
before they get here, so this module stays free of costly imports.
"""

from __future__ import annotations

import re
import sys
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

from tracker_lint._text import canonical_symbol, label_key, name_key

Progress = Literal["done", "started", "none"]
Source = Literal["derived", "written"]
TotalFormat = Literal["auto", "integer", "percent", "fraction"]

WILDCARD = "*"
ALL = "all"


class StatusDef(NamedTuple):
    """One entry of the status vocabulary."""

    id: str
    label: str
    symbol: str | None = None
    words: tuple[str, ...] = ()
    progress: Progress = "started"
    also_accepted_for: tuple[str, ...] = ()


class Derivation(NamedTuple):
    when: tuple[str, ...]
    status: str

    def matches(self, states: tuple[str, ...]) -> bool:
        return all(w in (WILDCARD, s) for w, s in zip(self.when, states, strict=False))


class Selector(NamedTuple):
    """Which rows a total counts: all of them, or those with a status in a set."""

    statuses: tuple[str, ...] | None = None  # None: all rows
    source: Source = "derived"

    @property
    def is_all(self) -> bool:
        return self.statuses is None


GROUP = "{group}"


# A group pattern searches at most this many characters of a heading or cell: with
# the subset of patterns tracker_lint.config accepts, that bounds a search's work.
GROUP_TEXT_LIMIT = 200


class Group(NamedTuple):
    """Where a row's group comes from: the heading above its table, or a column."""

    source: str  # "heading", or a column name
    pattern: str | None = None  # regex; its first group (or whole match) is the group

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
    # Memoised: rules/stats.py asks once per grouped total and row (a tracker's worth of
    # distinct cells fits), and cells repeat.
    match = re.search(pattern, text)
    if match is None:
        return None
    found = match.group(1) if match.groups() else match.group(0)
    return None if found is None else label_key(found)  # an optional group may not take part


class Total(NamedTuple):
    label: str  # may contain "{group}": "{group} Tasks" matches "P0 Tasks"
    counts: Selector  # what it counts (the "count" key of the configuration)
    of: Selector | None = None
    format: TotalFormat = "auto"
    group: Group | None = None

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


class Totals(NamedTuple):
    kind: Literal["list", "table"] = "list"
    heading: str | None = "Quick Stats"
    items: tuple[Total, ...] = ()
    label_column: str = "Metric"
    value_column: str = "Value"
    target_column: str | None = None
    percent_column: str | None = None
    unknown_labels: Literal["report", "ignore"] = "report"

    def find(self, label: str) -> tuple[Total | None, str | None]:
        for total in self.items:
            matched, group = total.match(label)
            if matched:
                return total, group
        return None, None


class Memo:
    """Lookups derived from a profile, computed once; never part of its identity.

    Every ``Memo`` equals every other and hashes alike, so two profiles with the
    same content are equal (and share a place in caches) whatever they computed.
    """

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Memo)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "Memo()"


class Profile(NamedTuple):
    """A tracker format. Build one with :func:`profile_from_dict`, which gives it
    its own :class:`Memo`; ``_replace`` would share the original's lookups."""

    name: str
    status_column: str
    statuses: tuple[StatusDef, ...]
    description: str = ""
    stage_columns: tuple[str, ...] = ()
    stage_symbols: tuple[tuple[str, str], ...] = ()  # (symbol, state), in order
    hints: tuple[tuple[str, str], ...] = ()  # (mistyped symbol, meant symbol)
    derive: tuple[Derivation, ...] = ()
    required_columns_extra: tuple[str, ...] = ()  # further columns a tracked table must have
    item_column: str | None = None  # None: first column that is not the number column
    number_column: str | None = "#"
    date_column: str | None = None
    date_empty: tuple[str, ...] = ()
    date_accepted: tuple[str, ...] = ()
    totals: Totals | None = None
    legend_heading: str | None = None
    memo: Memo | None = None  # profile_from_dict gives each profile its own

    @property
    def _index(self) -> dict[str, Any]:
        return self.memo.values if self.memo is not None else {}

    # Lookups are computed once per profile, not once per row.
    def _lookup(self, key: str) -> Any:
        index = self._index
        if key not in index:
            index.update(
                status_by_id={s.id: s for s in self.statuses},
                status_symbols=sorted(
                    ((canonical_symbol(s.symbol), s) for s in self.statuses if s.symbol),
                    key=lambda pair: -len(pair[0]),
                ),
                status_words={label_key(w): s for s in self.statuses for w in s.words},
                stage_states={canonical_symbol(sym): st for sym, st in self.stage_symbols},
                hint_map={canonical_symbol(a): b for a, b in self.hints},
            )
        return index[key]

    def status(self, status_id: str) -> StatusDef:
        result: StatusDef = self._lookup("status_by_id")[status_id]
        return result

    @property
    def status_symbols(self) -> list[tuple[str, StatusDef]]:
        result: list[tuple[str, StatusDef]] = self._lookup("status_symbols")
        return result

    @property
    def status_words(self) -> dict[str, StatusDef]:
        result: dict[str, StatusDef] = self._lookup("status_words")
        return result

    @property
    def stage_states(self) -> dict[str, str]:
        result: dict[str, str] = self._lookup("stage_states")
        return result

    def hint_for(self, symbol: str) -> str | None:
        result: str | None = self._lookup("hint_map").get(canonical_symbol(symbol))
        return result

    @property
    def required_columns(self) -> tuple[str, ...]:
        return (*self.stage_columns, self.status_column, *self.required_columns_extra)

    def derive_status(self, states: tuple[str, ...]) -> str | None:
        """The status the first matching derivation rule gives (memoised: a tracker has
        few distinct combinations of stage states, and many rows)."""
        memo: dict[tuple[str, ...], str | None] = self._index.setdefault("derived", {})
        if states not in memo:
            memo[states] = next((r.status for r in self.derive if r.matches(states)), None)
        return memo[states]

    def accepts(self, written: str, derived: str) -> bool:
        return written == derived or derived in self.status(written).also_accepted_for

    def detection_words(self) -> tuple[str, ...]:
        """Lower-case words a tracker must contain; a cheap pre-filter before parsing."""
        words = [name_key(c) for c in self.required_columns]
        return tuple(w for w in words if w)


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _selector(value: Any, source: Source) -> Selector:
    if value == ALL:
        return Selector(None, source)
    return Selector(_tuple(value), source)


def profile_from_dict(data: dict[str, Any]) -> Profile:
    """Build a profile from its configuration-language form (already validated)."""
    columns = data.get("columns", {})
    stages = data.get("stages", {})
    dates = data.get("dates", {})
    statuses = tuple(
        StatusDef(
            id=s["id"],
            label=s.get("label", s["id"]),
            symbol=s.get("symbol"),
            words=_tuple(s.get("words")),
            progress=s.get("progress", "started"),
            also_accepted_for=_tuple(s.get("also-accepted-for")),
        )
        for s in data.get("statuses", [])
    )
    totals = None
    if "totals" in data:
        t = data["totals"]
        kind = t.get("kind", "list")
        totals = Totals(
            kind=kind,
            heading=t.get("heading", "Quick Stats" if kind == "list" else None),
            label_column=t.get("label-column", "Metric"),
            value_column=t.get("value-column", "Value"),
            target_column=t.get("target-column"),
            percent_column=t.get("percent-column"),
            unknown_labels=t.get("unknown-labels", "report"),
            items=tuple(
                Total(
                    label=i["label"],
                    counts=_selector(i["count"], i.get("source", "derived")),
                    of=_selector(i["of"], i.get("source", "derived")) if "of" in i else None,
                    format=i.get("format", "auto"),
                    group=Group(i["group"]["from"], i["group"].get("pattern"))
                    if "group" in i
                    else None,
                )
                for i in t.get("items", [])
            ),
        )
    return Profile(
        name=data.get("name", "custom"),
        description=data.get("description", ""),
        status_column=columns.get("status", "Status"),
        statuses=statuses,
        stage_columns=_tuple(stages.get("columns")),
        stage_symbols=tuple((s["symbol"], s["state"]) for s in stages.get("symbols", [])),
        hints=tuple(data.get("hints", {}).items()),
        derive=tuple(Derivation(tuple(d["when"]), d["status"]) for d in data.get("derive", [])),
        required_columns_extra=_tuple(columns.get("required")),
        item_column=columns.get("item") or None,
        number_column=columns.get("number", "#") or None,
        date_column=columns.get("date") or None,
        date_empty=_tuple(dates.get("empty")),
        date_accepted=_tuple(dates.get("accepted")),
        totals=totals,
        legend_heading=data.get("legend", {}).get("heading"),
        memo=Memo(),
    )


PROFILES = Path(__file__).parent / "profiles"


def builtin_profiles() -> list[str]:
    from tracker_lint._builtin_profiles import BUILTIN

    return sorted(BUILTIN)


def read_profile_toml(name: str) -> dict[str, Any]:
    """A built-in profile parsed from its TOML source (the language users write)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads((PROFILES / f"{name}.toml").read_text("utf-8"))
    return data


def builtin_profile_data(name: str = "learning-module") -> dict[str, Any]:
    """A built-in profile in its configuration-language form.

    Served from ``_builtin_profiles.py``, generated from ``profiles/*.toml`` by
    ``python -m tracker_lint.ruledocs --write`` (a test fails when they differ),
    so that a pre-commit run pays neither for importing a TOML parser nor for
    parsing the file.
    """
    import copy

    from tracker_lint._builtin_profiles import BUILTIN

    return copy.deepcopy(BUILTIN[name])


@cache
def default_profile() -> Profile:
    from tracker_lint._builtin_profiles import BUILTIN

    return profile_from_dict(BUILTIN["learning-module"])


def generated_module() -> str:
    """The source of ``_builtin_profiles.py`` for the TOML files in ``profiles/``."""
    import pprint

    names = sorted(p.stem for p in PROFILES.glob("*.toml"))
    data = {name: read_profile_toml(name) for name in names}
    body = pprint.pformat(data, indent=1, width=100, sort_dicts=False)
    return (
        '"""Built-in profiles, generated from profiles/*.toml by\n'
        "``python -m tracker_lint.ruledocs --write``: do not edit (edit the TOML).\n"
        '"""\n\n'
        "from typing import Any\n\n"
        f"BUILTIN: dict[str, dict[str, Any]] = {body}\n"
    )
