"""A profile inferred from an existing tracker: what ``tracker-lint init`` writes.

The tracked tables are those with a status column (a column named like one, or
whose cells are mostly symbols and status words); task-list items are tracked
when there are any. Statuses come from the legend when there is one, else from
what the cells say; whether a status means done, started or nothing yet comes
from its words and symbol. Stage columns, their derivation, totals, percentages,
Total rows, status lines and summary tables are inferred by trying the meanings
the profile language has and keeping those the numbers written agree with; what
cannot be told is said in :attr:`Inference.notes`, never guessed silently.

Pure: text in, data out. ``tracker_lint.cli.init`` writes and lints.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker_lint._text import EMPHASIS, label_key, name_key, strip_comments
from tracker_lint.cells import count_in
from tracker_lint.findings import Problem
from tracker_lint.model import Tracker, leading_symbol
from tracker_lint.parse import BulletList, Cell, Document, Heading, Table, parse
from tracker_lint.rules.base import Rule
from tracker_lint.rules.stats import StatsMismatch

Data = dict[str, Any]

_DONE_WORDS = re.compile(
    r"\b(complete|completed|done|finished|verified|merged|published|shipped|translated|"
    r"approved|closed|resolved)\b",
    re.IGNORECASE,
)
_NONE_WORDS = re.compile(
    r"\b(not started|todo|to do|pending|planned|not begun|backlog|queued|new)\b", re.IGNORECASE
)
_DONE_SYMBOLS = {"✅", "✔", "✔️", "☑", "☑️", "🟢", "🏁"}
_NONE_SYMBOLS = {"⬜", "⬛", "☐", "⭕", "📋"}
_STAGE_PENDING = {"⬜", "⬛", "☐", "⏳", "❌", "➖", "-"}
_PERCENT_CELL = re.compile(r"^\W*\d+(?:[.,]\d+)?\s*%")
_TOTAL_ROW = {"total", "totals", "sum", "overall"}
# Labels whose meaning init tries (each costs a trial lint per candidate meaning): a
# tracker with more labelled lines has most of them in prose; the rest are listed.
MAX_LABELS = 40
# A legend's heading: "Status Legend", or one that ends in these ("Progress Indicators")
_LEGEND_WORDS = ("indicators", "key", "symbols")
# `G` - in gratis.html / ✅ = Done: a line that explains a status symbol
_LEGEND_LINE = re.compile(
    r"^(?P<symbol>`[^`\s]{1,8}`|[^\w\s`*_#|>\[(-]{1,3})\s*[-–—:=]\s+(?P<label>\S.*)$"
)
_NON_DATE_EMPTY = re.compile(r"^(?:[-–—]+|n/?a|tbd|none|)$", re.IGNORECASE)


@dataclass
class Inference:
    """What ``init`` found: the configuration (TOML-ready data), what each part was
    inferred from, and what could not be inferred."""

    config: Data
    found: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Status:
    id: str
    symbol: str | None
    label: str
    labels: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    progress: str = "started"
    empty: bool = False

    def data(self) -> Data:
        out: Data = {"id": self.id}
        if self.symbol:
            out["symbol"] = self.symbol
        out["label"] = self.label
        if self.labels:
            out["labels"] = self.labels
        if self.words:
            out["words"] = self.words
        if self.empty:
            out["empty"] = True
        out["progress"] = self.progress
        return out


def _plain(text: str) -> str:
    return strip_comments(text).strip().strip(EMPHASIS).strip()


def _html_led(text: str) -> bool:
    """A cell that starts with a comment or a tag: the linter reads no status there."""
    return text.strip().strip(EMPHASIS).strip().startswith("<")


def split_status(text: str) -> tuple[str | None, str]:
    """A status cell as a symbol (an emoji, a checkbox, a code span) and its words."""
    raw = _plain(text)
    if not raw:
        return None, ""
    if raw.startswith("`"):
        end = raw.find("`", 1)
        if end > 1:
            return raw[: end + 1], raw[end + 1 :].strip()
    first = raw[0]
    if not first.isalnum() and first not in "[(~<*_\\":
        symbol = leading_symbol(raw)
        return symbol, raw[len(symbol) :].strip()
    return None, raw


def _legend_label(text: str) -> str:
    """A status's name in a legend line: ``✅ Done - reviewed and published`` is Done;
    ``- in gratis.html`` (a line that is all description) stays whole."""
    text = text.strip().lstrip("-–—:= ").strip()
    name = re.split(r"\s+[-–—]\s+|:\s+|\s+\(", text, maxsplit=1)[0].strip()
    return name or text


def _progress(symbol: str | None, label: str) -> str:
    if label and _NONE_WORDS.search(label):
        return "none"
    if label and _DONE_WORDS.search(label):
        return "done"
    if symbol in _DONE_SYMBOLS:
        return "done"
    if symbol in _NONE_SYMBOLS:
        return "none"
    return "started"


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "status"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


# --- tables -------------------------------------------------------------------------------


def _header(table: Table) -> list[str]:
    return [_plain(c.text) for c in table.header.cells]


def _column(table: Table, index: int) -> list[Cell]:
    return [row.cells[index] for row in table.rows if index < len(row.cells)]


def _symbolic(cells: list[Cell]) -> float:
    """The share of non-empty cells that start with a symbol or are short status words."""
    values = [_plain(c.text) for c in cells if _plain(c.text)]
    if not values:
        return 0.0
    good = 0
    for value in values:
        symbol, label = split_status(value)
        if (symbol and len(label) <= 30) or (
            not symbol
            and (_DONE_WORDS.search(value) or _NONE_WORDS.search(value))
            and len(value) <= 30
        ):
            good += 1
    return good / len(values)


def _status_column(table: Table) -> int | None:
    header = [name_key(h) for h in _header(table)]
    if len(set(header)) != len(header) or "" in header:
        return None  # a column the linter cannot tell apart by name (emoji alone, twice)
    named = [i for i, h in enumerate(header) if h in ("status", "state") or h.endswith(" status")]
    for i in named:
        if _symbolic(_column(table, i)) >= 0.5 and not header[i].startswith("review"):
            return i
    best, score = None, 0.0
    for i in range(len(header)):
        column = _column(table, i)
        values = {_plain(c.text) for c in column}
        found = _symbolic(column)
        if found >= 0.8 and len(values) <= 8 and found > score:
            best, score = i, found
    return best


def _item_column(header: list[str], skip: set[int]) -> int | None:
    return next((i for i, h in enumerate(header) if i not in skip and name_key(h) != "#"), None)


def _is_number_column(table: Table, index: int) -> bool:
    values = [_plain(c.text) for c in _column(table, index) if _plain(c.text)]
    return bool(values) and all(v.isdigit() for v in values)


def _date_column(table: Table, header: list[str]) -> int | None:
    for i, name in enumerate(header):
        key = name_key(name)
        if "date" in key or "updated" in key:
            values = [_plain(c.text) for c in _column(table, i) if _plain(c.text)]
            dated = [v for v in values if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)]
            if dated and len(dated) >= len(values) / 2:
                return i
    return None


def _numeric(table: Table, index: int) -> bool:
    cells = _column(table, index)
    counts = [count_in(c) for c in cells]
    return bool(cells) and sum(c is not None for c in counts) >= 0.8 * len(cells)


# --- the inference ------------------------------------------------------------------------


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.doc: Document = parse(text)
        self.profile: Data = {}
        self.found: list[str] = []
        self.notes: list[str] = []
        self.statuses: list[_Status] = []
        self.taken: set[str] = set()
        self.closed: set[str] = set()  # ids of the legend's statuses
        # stage columns found: the tables, the columns and each symbol's state, for derive
        self.pending_derive: tuple[list[tuple[Table, int]], list[int], dict[str, str]] | None = None

    # statuses

    def status_for(self, symbol: str | None, label: str, learn: bool = True) -> _Status:
        """The status a written (symbol, label) is, added when new. A label written after
        a known symbol becomes one of its labels (``learn``), unless the status comes
        from the legend: the legend says what a symbol means, a cell may contradict it."""
        key = label_key(label)
        for status in self.statuses:
            if symbol and status.symbol == symbol:
                if status.id in self.closed or not learn:
                    return status
                if key and key != label_key(status.label) and label not in status.labels:
                    if not status.label:
                        status.label = label
                    else:
                        status.labels.append(label)
                return status
        for status in self.statuses:
            if not symbol and key and key in {label_key(w) for w in [status.label, *status.words]}:
                if label not in status.words:
                    status.words.append(label)
                return status
        status = _Status(
            _slug(label or (symbol or "status"), self.taken),
            symbol,
            label,
            words=[label] if not symbol and label else [],
            progress=_progress(symbol, label),
        )
        self.statuses.append(status)
        return status

    def legend(self) -> None:
        """Statuses from a legend (a list under a heading with "legend" in it)."""
        heading: Heading | None = None
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                words = name_key(block.plain).split()
                legend = "legend" in words or (words and words[-1] in _LEGEND_WORDS)
                heading = block if legend else None
            elif heading is not None and isinstance(block, BulletList):
                explained = [
                    (symbol, _legend_label(label))
                    for item in block.items
                    for symbol, label in [split_status(item.text.partition("\n")[0])]
                    if symbol
                ]
                if len(explained) < 2:
                    heading = None
                    continue  # not a list of symbols
                for symbol, label in explained:
                    self.closed.add(self.status_for(symbol, label).id)
                self.profile["legend"] = {"heading": heading.plain}
                self.found.append(f'the legend under "{heading.plain}"')
                return
        first_table = next((t.header.line for t in self.doc.tables), None)
        lines = self.text.splitlines()[:first_table]
        lines_explained = [m for line in lines if (m := _LEGEND_LINE.match(line.strip()))]
        if len(lines_explained) >= 2:
            for match in lines_explained:
                self.closed.add(self.status_for(match["symbol"], _legend_label(match["label"])).id)
            self.found.append(
                f"{len(lines_explained)} lines explaining status symbols above the first table: "
                "only those symbols are statuses"
            )

    # items

    def tables(self) -> list[tuple[Table, int]]:
        found = [(t, i) for t in self.doc.tables if (i := _status_column(t)) is not None]
        if not found:
            return []
        names = Counter(name_key(_header(t)[i]) for t, i in found)
        name = names.most_common(1)[0][0]
        return [(t, i) for t, i in found if name_key(_header(t)[i]) == name]

    def table_rows(self, tracked: list[tuple[Table, int]]) -> None:
        first, status_at = tracked[0]
        header = _header(first)
        columns: Data = {"status": header[status_at]}
        number_at = next((i for i, h in enumerate(header) if name_key(h) == "#"), None)
        if number_at is not None and not _is_number_column(first, number_at):
            number_at = None
        columns["number"] = header[number_at] if number_at is not None else ""
        date_at = _date_column(first, header)
        stage_at = self.stages(tracked, header, {status_at, number_at or -1, date_at or -1})
        item_at = _item_column(header, {status_at, *(stage_at or [])})
        if item_at is not None and item_at != 0:
            columns["item"] = header[item_at]
        if date_at is not None:
            columns["date"] = header[date_at]
        empty = 0
        unexplained: Counter[str] = Counter()
        unread = 0
        for table, at in tracked:
            for cell in _column(table, at):
                symbol, label = split_status(cell.text)
                if _html_led(cell.text):
                    unread += 1  # the linter reads no status there: neither does init
                elif symbol is None and not label:
                    empty += 1
                elif self.closed and symbol and not self.known(symbol):
                    unexplained[symbol] += 1
                else:
                    self.status_for(symbol, label)
        if unread:
            self.notes.append(
                f"{unread} {header[status_at]} cells start with HTML or a comment: no status "
                "is read there (each is reported as unknown-status-symbol)"
            )
        for symbol, n in unexplained.items():
            self.notes.append(
                f"{symbol} is in {n} {header[status_at]} cells but the legend does not explain "
                "it: not a status, so each is reported (unknown-status-symbol)"
            )
        if date_at is not None:
            self.dates(tracked, date_at, header[date_at], status_at)
        if empty:
            status = _Status(_slug("not started", self.taken), None, "not started",
                             progress="none", empty=True)  # fmt: skip
            self.statuses.append(status)
            self.notes.append(
                f"{empty} empty {header[status_at]} cells are read as not started (empty = true)"
            )
        self.profile["columns"] = columns
        self.found.append(
            f'{len(tracked)} table(s) with a "{header[status_at]}" column '
            f"({sum(len(t.rows) for t, _ in tracked)} rows)"
        )
        self.unique(tracked, item_at)
        self.numbers(tracked, header)

    def status_of(self, text: str) -> _Status | None:
        """The status a cell says, as the linter will read it: None for a cell led by
        HTML, or a symbol a closed legend does not explain."""
        if _html_led(text):
            return None
        symbol, label = split_status(text)
        if self.closed and symbol and not self.known(symbol):
            return None
        return self.status_for(symbol, label)

    def known(self, symbol: str) -> bool:
        return any(status.symbol == symbol for status in self.statuses)

    def dates(self, tracked: list[tuple[Table, int]], at: int, name: str, status_at: int) -> None:
        """Values of the date column that are not dates: a dash or "N/A" means no date
        yet; words (Pre-existing) are accepted. A value with digits that is not a date
        (30/01/2025) is left to be reported. When rows in progress have no date and
        done rows have one, the date is a completion date: only done rows need one."""
        empty: set[str] = set()
        accepted: set[str] = set()
        undated = {"done": 0, "started": 0, "none": 0}
        dated = dict(undated)
        for table, _ in tracked:
            for row in table.rows:
                if max(at, status_at) >= len(row.cells):
                    continue
                value = _plain(row.cells[at].text)
                status = self.status_of(row.cells[status_at].text)
                if status is None:
                    continue
                progress = status.progress
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    dated[progress] += 1
                    continue
                if _NON_DATE_EMPTY.match(value):
                    empty.update([value] if value else [])
                    undated[progress] += 1
                elif not re.search(r"\d", value):
                    accepted.add(value)
        dates: Data = {}
        if undated["started"] and not dated["started"] and dated["done"] and not undated["done"]:
            dates["required"] = "done"
            self.found.append(
                f"{name} is written for done rows only: rows in progress need no date"
            )
        if empty:
            dates["empty"] = sorted(empty)
        if accepted:
            dates["accepted"] = sorted(accepted)
            self.found.append(f"{name} values that are not dates: {', '.join(sorted(accepted))}")
        if dates:
            self.profile["dates"] = dates

    def unique(self, tracked: list[tuple[Table, int]], item_at: int | None) -> None:
        if item_at is None or len(tracked) < 2:
            return
        seen: Counter[str] = Counter()
        for table, _ in tracked:
            seen.update({label_key(_plain(c.text)) for c in _column(table, item_at)})
        if any(n > 1 for n in seen.values()):
            self.profile["unique"] = "section"
            self.found.append("items repeated from table to table: unique per section")

    def stages(
        self, tracked: list[tuple[Table, int]], header: list[str], skip: set[int]
    ) -> list[int] | None:
        """Stage columns: columns of symbols in every tracked table, and a derivation if
        one of the candidates agrees with most rows."""
        candidates = []
        for i in range(len(header)):
            if i in skip:
                continue
            cells = [c for t, _ in tracked for c in _column(t, i)]
            parts = [split_status(c.text) for c in cells]
            if cells and all(
                s is not None and len(s) <= 3 and len(label) <= 12 for s, label in parts
            ):
                candidates.append(i)
        if not candidates:
            return None
        symbols = {
            split_status(c.text)[0] for t, _ in tracked for i in candidates for c in _column(t, i)
        }
        stage_symbols = []
        for symbol in sorted(s for s in symbols if s):
            state = (
                "done" if symbol in _DONE_SYMBOLS
                else "pending" if symbol in _STAGE_PENDING
                else "partial"
            )  # fmt: skip
            stage_symbols.append({"symbol": symbol, "state": state})
        names = [header[i] for i in candidates]
        self.profile["stages"] = {"columns": names, "symbols": stage_symbols}
        self.found.append(f"stage columns {', '.join(names)}")
        self.pending_derive = (
            tracked,
            candidates,
            {s["symbol"]: s["state"] for s in stage_symbols},
        )
        return candidates

    def derive(self) -> None:
        pending = self.pending_derive
        if pending is None:
            return
        tracked, candidates, states = pending
        rows = []
        for table, at in tracked:
            for row in table.rows:
                if max([*candidates, at]) >= len(row.cells):
                    continue
                cells = [states.get(split_status(row.cells[i].text)[0] or "") for i in candidates]
                status = self.status_of(row.cells[at].text)
                if status is not None:
                    rows.append((cells, status.progress))
        done = next((s for s in self.statuses if s.progress == "done"), None)
        none = next((s for s in self.statuses if s.progress == "none"), None)
        started = next((s for s in self.statuses if s.progress == "started"), None)
        if not rows or done is None or started is None:
            self.notes.append("how the stage columns give the status (derive) could not be told")
            return
        width = len(candidates)
        options: list[tuple[str, list[str]]] = [("every stage done", ["done"] * width)]
        for i in range(width):
            when = ["*"] * width
            when[i] = "done"
            options.append((f"{self.profile['stages']['columns'][i]} done", when))

        def progress(cells: list[str | None], when: list[str]) -> str:
            if all(w in ("*", c) for w, c in zip(when, cells, strict=True)):
                return "done"
            if none is not None and all(c == "pending" for c in cells):
                return "none"
            return "started"

        scored = [
            (sum(progress(c, when) == p for c, p in rows), name, when) for name, when in options
        ]
        agree, name, when = max(scored, key=lambda s: s[0])
        if agree < 0.6 * len(rows):
            self.notes.append(
                "how the stage columns give the status (derive) could not be told: no "
                f"candidate agrees with most rows (best: {name}, {agree} of {len(rows)})"
            )
            return
        every = scored[0][0]
        if name != "every stage done":
            self.notes.append(
                f"the derivation's intent: {name} agrees with {agree} of {len(rows)} rows, "
                f"every stage done with {every}; if {done.label or done.id} means every stage "
                f"done, make derive[0].when {['done'] * width}"
            )
        rules: list[Data] = [{"when": when, "status": done.id}]
        if none is not None:
            rules.append({"when": ["pending"] * width, "status": none.id})
        rules.append({"when": ["*"] * width, "status": started.id})
        self.profile["derive"] = rules
        self.found.append(
            f"the status is done when {name} ({agree} of {len(rows)} rows agree; the others "
            "are reported)"
        )

    def numbers(self, tracked: list[tuple[Table, int]], header: list[str]) -> None:
        percent = [
            h for i, h in enumerate(header)
            if all(
                _PERCENT_CELL.match(_plain(c.text)) for t, _ in tracked for c in _column(t, i)
                if _plain(c.text)
            ) and any(_plain(c.text) for t, _ in tracked for c in _column(t, i))
        ]  # fmt: skip
        if percent:
            self.profile["numbers"] = {"percent": percent[0]}
            self.found.append(f'a percentage column, "{percent[0]}", checked against the status')

    def count_table(self) -> bool:
        """A table of counts without a status column, with a Total row (``| **Total** |
        **11** | **3** |``): its rows are items, the Total row their sum."""
        for table in self.doc.tables:
            header = _header(table)
            total_rows = [r for r in table.rows if r.cells and _plain(r.cells[0].text).casefold()
                          in _TOTAL_ROW]  # fmt: skip
            numeric = [i for i in range(1, len(header)) if _numeric(table, i)]
            if not total_rows or len(numeric) < 2:
                continue
            names = [header[i] for i in numeric]
            whole = next((header[i] for i in numeric if name_key(header[i]) in _TOTAL_ROW), None)
            parts = [n for n in names if n != whole]
            numbers: Data = {"total-rows": [_plain(total_rows[0].cells[0].text)]}
            if whole is not None:
                numbers["whole"] = whole
                if self._adds_up(table, header, whole, parts):
                    numbers["parts"] = parts
                done = next((p for p in parts if _DONE_WORDS.search(p)), None)
                if done is not None:
                    numbers["done"] = done
            numbers["sums"] = names
            pct = next(
                (h for i, h in enumerate(header)
                 if any(_PERCENT_CELL.match(_plain(c.text)) for c in _column(table, i))),
                None,
            )  # fmt: skip
            if pct is not None:
                numbers["percent"] = pct
            self.profile["columns"] = {
                "item": header[0], "number": "", "status": "", "required": names[:2],
            }  # fmt: skip
            self.profile["numbers"] = numbers
            if not any(st.progress == "done" for st in self.statuses):
                symbol = "✅" if not self.known("✅") else None
                words = [] if symbol else ["Complete"]
                slug = _slug("complete", self.taken)
                complete = _Status(slug, symbol, "Complete", words=words, progress="done")
                self.statuses.append(complete)
            self.found.append(
                f'a table of counts with a "{numbers["total-rows"][0]}" row '
                f"(columns {', '.join(names)}), no status column"
            )
            return True
        return False

    @staticmethod
    def _adds_up(table: Table, header: list[str], whole: str, parts: list[str]) -> bool:
        at = {name_key(h): i for i, h in enumerate(header)}
        good = total = 0
        for row in table.rows:
            values = [count_in(row.cells[at[name_key(n)]]) if at[name_key(n)] < len(row.cells)
                      else None for n in [whole, *parts]]  # fmt: skip
            if any(v is None for v in values):
                continue
            total += 1
            good += values[0].value == sum(v.value for v in values[1:] if v)  # type: ignore[union-attr]
        return total > 0 and good >= 0.8 * total

    def task_items(self) -> int:
        from tracker_lint.engine import model
        from tracker_lint.profile import builtin_profile

        tracker = model(self.text, builtin_profile("tasks"))
        count = len(tracker.items)
        if count:
            self.statuses.append(_Status(_slug("checked", self.taken), "[x]", "", progress="done"))
            self.statuses.append(
                _Status(_slug("unchecked", self.taken), "[ ]", "", progress="none")
            )
            self.found.append(f"{count} task-list items")
            if self.section_repeats(tracker):
                self.profile["unique"] = "section"
        return count

    @staticmethod
    def section_repeats(tracker: Any) -> bool:
        seen = Counter(label_key(i.title) for i in tracker.items)
        return any(n > 1 for n in seen.values())


def infer(text: str, name: str = "inferred") -> Inference:
    """The profile of a tracker, as a configuration's data, with what was found and
    what could not be inferred."""
    b = _Builder(text)
    b.legend()
    items: list[str] = []
    if b.count_table():  # a Total row to check: the table most worth tracking
        items.append("table-rows")
        if b.tables():
            b.notes.append(
                "the tables with a status column are not tracked: one profile tracks one "
                "kind of table, and the table of counts has the Total row to check"
            )
    elif tracked := b.tables():
        items.append("table-rows")
        b.table_rows(tracked)
    if b.task_items():
        items.append("task-items")
    if not items:
        b.notes.append(
            "no tracked items: no table with a status column, no task list, no table of "
            "counts with a Total row"
        )
        return Inference({}, b.found, b.notes)
    b.derive()
    profile: Data = {"name": name, "description": "Inferred by tracker-lint init."}
    if items != ["table-rows"]:
        profile["items"] = items
    profile.update(b.profile)
    profile["statuses"] = [s.data() for s in b.statuses]
    config: Data = {"profile": profile}
    _totals(b, config)
    _status_lines(b, config)
    _summary(b, config)
    return Inference(config, b.found, b.notes)


# --- totals -------------------------------------------------------------------------------

_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?P<label>[^*_:\n]{1,60}?)(?:\*\*|__)?\s*:")
_HEADING_NUMBERS = re.compile(r"^(?P<label>[^(:]*[^(:\s])\s*(?::|\()\s*\d")


@dataclass
class _Written:
    label: str
    heading: Heading | None  # the heading the entry is under; None for a heading total
    line: int
    rest: str
    in_heading: bool = False
    # a row of a table of totals: its label, value, target and percent columns
    table: tuple[str, str, str | None, str | None] | None = None


def _percents(table: Table, index: int) -> bool:
    """Whether a column holds percentages (a dash for none aside)."""
    values = [_plain(c.text) for c in _column(table, index)]
    values = [v for v in values if not _NON_DATE_EMPTY.match(v)]
    return bool(values) and all(_PERCENT_CELL.match(v) for v in values)


def _table_totals(b: _Builder) -> list[_Written]:
    """The rows of a table of totals (``| Total Episodes | 7 | 150 | 4.7% |``): a table
    that is not tracked, whose first column names things and whose second column holds
    numbers."""
    found: list[_Written] = []
    for table in b.doc.tables:
        header = _header(table)
        if len(header) < 2 or _status_column(table) is not None or not table.rows:
            continue
        values = [_plain(r.cells[1].text) for r in table.rows if len(r.cells) > 1]
        numeric = [v for v in values if re.match(r"[~≈]?\d", v)]
        if len(numeric) < max(2, 0.6 * len(table.rows)):
            continue
        target = next(
            (h for h in header[2:] if "target" in name_key(h) or "goal" in name_key(h)), None
        )
        percent = next((h for i, h in enumerate(header[2:], 2) if _percents(table, i)), None)
        shape = (header[0], header[1], target, percent if target else None)
        for row in table.rows:
            if len(row.cells) > 1 and re.match(r"\d", _plain(row.cells[1].text)):
                label = _plain(row.cells[0].text)
                found.append(
                    _Written(label, table.heading, row.line, row.cells[1].text, table=shape)
                )
        if found:
            return found  # one table of totals
    return found


def _written_totals(doc: Document) -> list[_Written]:
    found = []
    heading: Heading | None = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            heading = block
            match = _HEADING_NUMBERS.match(_plain(block.text))
            if match:
                found.append(_Written(match["label"].strip(), None, block.line, "", True))
        elif isinstance(block, BulletList) and not block.ordered:
            for item in block.items:
                if item.depth:
                    continue
                match = _LABEL.match(item.text)
                if match is None:
                    continue
                rest = item.text[match.end() :]
                value = rest.strip().lstrip("~≈*_ ")
                value = (
                    value[len(leading_symbol(value)) :].strip()
                    if value[:1] and not (value[:1].isalnum())
                    else value
                )
                if re.match(r"\d", value) or match["label"].strip().casefold() == "status":
                    found.append(_Written(match["label"].strip(), heading, item.line, rest))
    return found


def _selectors(statuses: list[_Status], items: list[str]) -> list[tuple[str, Any]]:
    """Candidate meanings of a count: every item, the items of one kind (when a tracker
    has table rows and task items), the done / started / not-started ones, each status."""
    table = [s.id for s in statuses if s.symbol not in ("[x]", "[ ]")]
    boxes = [s.id for s in statuses if s.symbol in ("[x]", "[ ]")]
    found: list[tuple[str, Any]] = []
    if len(items) > 1:
        found += [("the table rows", table), ("the task items", boxes)]
    else:
        found.append(("all items", "all"))
    for progress, words in (("done", "done"), ("started", "in progress"), ("none", "not started")):
        for group, ids in (("", table), (" boxes", boxes)):
            chosen = [s.id for s in statuses if s.progress == progress and s.id in ids]
            if chosen:
                found.append((f"the {words}{group} items", chosen))
    found += [(f"the {s.label or s.id} items", [s.id]) for s in statuses]
    unique: list[tuple[str, Any]] = []
    for entry in found:
        if entry[1] and all(entry[1] != other[1] for other in unique):
            unique.append(entry)
    return unique


def _problems(text: str, config: Data, rule: Rule) -> tuple[Tracker, list[Problem]] | None:
    """What one rule says of the text read with a trial configuration (the memoised
    tracker: every candidate meaning costs one model, not a whole lint), None for a
    configuration the tool refuses."""
    from tracker_lint.rules.base import Context

    tracker = _tracker(text, config)
    if tracker is None:
        return None
    return tracker, list(rule.check(tracker, Context(today=date.today())))


def _keyword(label: str, selectors: list[tuple[str, Any]]) -> tuple[str, Any] | None:
    """What a total's label says it counts, when the numbers match no meaning."""
    key = label.casefold()
    wanted = (
        "done" if _DONE_WORDS.search(key) or key == "progress"
        else "not started" if _NONE_WORDS.search(key) or "remaining" in key
        else "in progress" if "progress" in key
        else "all" if "total" in key
        else None
    )  # fmt: skip
    if wanted is None:
        return None
    for entry in selectors:
        if wanted == "all" and entry[0] in ("all items", "the table rows"):
            return entry
        if wanted != "all" and entry[0].startswith(f"the {wanted}") and "boxes" not in entry[0]:
            return entry
    return None


def _format(rest: str) -> str:
    fraction = re.search(r"\d+\s*/\s*\d+", rest)
    percent = re.search(r"\d+(?:[.,]\d+)?\s*%", rest)
    if fraction and (percent is None or fraction.start() < percent.start()):
        return "fraction"
    if percent:
        return "percent"
    return "integer"


def _totals(b: _Builder, config: Data) -> None:
    profile = config["profile"]
    written = [w for w in _written_totals(b.doc) if w.label.casefold() != "status"]
    tabled = _table_totals(b)
    if tabled and len(tabled) >= len(written):
        if written:
            b.notes.append(
                "totals written outside the table of totals are not read: a profile reads "
                "totals from one list or one table"
            )
        written = tabled
    if not written:
        return
    items = profile.get("items", ["table-rows"])
    selectors = _selectors(b.statuses, items)
    by_heading: dict[str, list[_Written]] = {}
    for entry in written:
        key = entry.heading.plain if entry.heading else ""
        by_heading.setdefault(key, []).append(entry)
    labels = Counter(label_key(w.label) for w in written)
    chosen: list[Data] = []
    unmatched: list[str] = []
    heading_name: str | None = None
    in_headings = False
    tried: set[str] = set()
    for entry in written:
        scope = "section" if labels[label_key(entry.label)] > 1 else "tracker"
        if label_key(entry.label) not in tried and len(tried) >= MAX_LABELS:
            unmatched.append(f"{entry.label} (line {entry.line + 1}, not tried)")
            continue
        tried.add(label_key(entry.label))
        if any(label_key(c["label"]) == label_key(entry.label) for c in chosen):
            continue
        if any(label_key(u.partition(" (line")[0]) == label_key(entry.label) for u in unmatched):
            continue
        form = _format(entry.rest) if not entry.in_heading else "fraction"
        same = [w for w in written if label_key(w.label) == label_key(entry.label)]
        match = _matching(b, profile, same, form, scope, selectors, items)
        if match is None:
            match = _by_label(b, profile, entry, form, scope, selectors, items)
        if match is None:
            unmatched.append(f"{entry.label} (line {entry.line + 1})")
            continue
        description, total = match
        chosen.append(total)
        b.found.append(f'line {entry.line + 1}: "{entry.label}" counts {description}')
        if entry.in_heading:
            in_headings = True
        elif scope == "tracker" and heading_name is None and entry.heading is not None:
            heading_name = entry.heading.plain
    suffixes = Counter(u.partition(" (line")[0].partition(" ")[2] for u in unmatched)
    for suffix, n in suffixes.items():
        if suffix and n >= 2:
            b.notes.append(
                f'labels ending in "{suffix}" look like one total per group '
                f'(label = "{{group}} {suffix}" with a group from the headings or a column: '
                "see Groups in docs/profiles.md)"
            )
    if unmatched:
        b.notes.append(
            "numbers that match no count of the items, left out (add a total with "
            f'`sum`, `check = "count"` or `check = false` if one is): {", ".join(unmatched)}'
        )
    if not chosen:
        return
    totals: Data = {}
    if written[0].table is not None:
        totals.update(_table_keys(written[0].table))
        heading_name, in_headings = None, True
    if heading_name:
        totals["heading"] = heading_name
    if in_headings:
        totals["in-headings"] = True
    if not heading_name and not in_headings:
        totals["in-headings"] = True
    if totals.get("kind") == "table":
        totals.pop("in-headings", None)
    totals["unknown-labels"] = "ignore"
    totals["items"] = chosen
    profile["totals"] = totals


def _total(
    entry: _Written,
    form: str,
    scope: str,
    selector: Any,
    selectors: list[tuple[str, Any]],
    items: list[str],
    written: bool = False,
) -> Data:
    """A total counting ``selector``; ``written``: the statuses as written, when the
    profile derives them (the derivation's intent is the user's to confirm; the
    totals follow the Status column, and disagreements are status-mismatch's)."""
    total: Data = {"label": entry.label, "count": selector}
    if written:
        total["source"] = "written"
    if form in ("fraction", "percent"):
        total["of"] = "all" if len(items) == 1 else selectors[0][1]
    if form == "fraction":
        total["format"] = "fraction"
    if scope == "section":
        total["scope"] = "section"
    return total


def _matching(
    b: _Builder,
    profile: Data,
    entries: list[_Written],
    form: str,
    scope: str,
    selectors: list[tuple[str, Any]],
    items: list[str],
) -> tuple[str, Data] | None:
    """The meaning most of the label's entries agree with (all of one entry's): a
    stale total among several of the same label (a Progress line after each table)
    does not hide what the others count."""
    best: tuple[int, str, Data, int] | None = None
    entry = entries[0]
    for description, selector in selectors:
        total = _total(entry, form, scope, selector, selectors, items, written="derive" in profile)
        if form != "integer" and selector == total.get("of", "all"):
            continue  # all of all is 100% whatever is written: it proves nothing
        if not _label_says(entry.label, description, selector, b.statuses):
            continue  # a count that matches by chance (Contributors: 2, two rows done)
        trial = _trial(profile, total, entry, scope)
        checked = _problems(b.text, trial, StatsMismatch())
        if checked is None:
            continue
        tracker, problems = checked
        wrong = {tracker.doc.position(p.start)[0] - 1 for p in problems}  # 0-based lines
        # an entry over none of the items it would count is not checked: no vote
        counted = [e for e in entries if _counted(b.text, trial, e) is not None]
        agree = sum(1 for e in counted if e.line not in wrong)
        if agree and 2 * agree >= len(counted) and (best is None or agree > best[0]):
            best = (agree, description, total, len(counted))
    if best is None:
        return None
    agree, description, total, votes = best
    if agree < votes:
        description += f" ({agree} of its {votes} lines agree; the others are reported)"
    return description, total


_ALL_WORDS = re.compile(
    r"\b(total|all|items?|pages?|files?|tasks?|rows?|entries|documents?|languages?|"
    r"modules?|episodes?|chapters?|lessons?|steps?|translations?|count)\b",
    re.IGNORECASE,
)


def _label_says(label: str, description: str, selector: Any, statuses: list[_Status]) -> bool:
    """Whether a total's label says what the candidate meaning counts: its words name
    the statuses counted (Completed, Done, In Progress, Not Started, Pending), or what
    every item is (Total, Files, Pages, Tasks). A label that says neither (Contributors,
    Open issues) is no count of the items, whatever its number."""
    key = label.casefold()
    if selector == "all" or description in ("the table rows", "the task items", "all items"):
        return bool(_ALL_WORDS.search(key))
    chosen = [s for s in statuses if s.id in selector]
    names = [w for s in chosen for w in (s.label, *s.labels, *s.words) if w]
    if any(label_key(n) and label_key(n) in label_key(label) for n in names):
        return True
    progress = {s.progress for s in chosen}
    if progress == {"done"}:  # Completed, Done; Progress and Completion are done of all
        overall = re.search(r"\b(progress|completion)\b", key) and "in progress" not in key
        return bool(_DONE_WORDS.search(key) or overall)
    if progress == {"none"}:
        return bool(_NONE_WORDS.search(key) or "remaining" in key or "todo" in key)
    if progress == {"started"}:
        return "progress" in key or ("started" in key and "not started" not in key)
    return False


def _by_label(
    b: _Builder,
    profile: Data,
    entry: _Written,
    form: str,
    scope: str,
    selectors: list[tuple[str, Any]],
    items: list[str],
) -> tuple[str, Data] | None:
    """What the label says it counts, when no meaning matches the numbers: kept only
    for a count close to the one written (52 written, 55 counted: a stale total, worth
    a finding; 7,151 strings of 7 rows: something else, left out)."""
    if form == "percent" or scope == "section":
        return None
    guess = _keyword(entry.label, selectors)
    if guess is None:
        return None
    total = _total(entry, form, scope, guess[1], selectors, items, written="derive" in profile)
    numbers = _counted(b.text, _trial(profile, total, entry, scope), entry)
    if numbers is None or numbers[0] < 0:
        return None
    written, counted = numbers
    if abs(written - counted) > max(2, counted // 5):
        return None
    b.notes.append(
        f'line {entry.line + 1}: "{entry.label}" is read as {guess[0]} from its label only '
        f"({written} written, {counted} counted): confirm, or give it `check = false`"
    )
    return f"{guess[0]} (from its label)", total


def _trial(profile: Data, total: Data, entry: _Written, scope: str = "tracker") -> Data:
    totals: Data = {"unknown-labels": "ignore", "items": [total]}
    if entry.table is not None:
        totals.update(_table_keys(entry.table))
    elif entry.in_heading or entry.heading is None or scope == "section":
        totals["in-headings"] = True  # (section-scoped totals are read anywhere)
    else:
        totals["heading"] = entry.heading.plain
    return {"profile": {**profile, "totals": totals}}


def _table_keys(shape: tuple[str, str, str | None, str | None]) -> Data:
    label, value, target, percent = shape
    keys: Data = {"kind": "table", "label-column": label, "value-column": value}
    if target and percent:
        keys.update({"target-column": target, "percent-column": percent})
    return keys


_TRACKERS: dict[tuple[str, str], Tracker | None] = {}


def _tracker(text: str, config: Data) -> Tracker | None:
    """The tracker a trial configuration reads (memoised: every entry of a label is
    asked about under the same trial), None for a configuration the tool refuses."""
    from tracker_lint.config import from_data
    from tracker_lint.engine import model
    from tracker_lint.errors import ConfigError

    key = (text, repr(config))
    if key not in _TRACKERS:
        if len(_TRACKERS) > 64:
            _TRACKERS.clear()
        try:
            _TRACKERS[key] = model(text, from_data(config, "inferred", None, Path(".")).profile)
        except ConfigError:
            _TRACKERS[key] = None
    return _TRACKERS[key]


def _counted(text: str, config: Data, entry: _Written) -> tuple[int, int] | None:
    """The count written first in the entry and the count of the items it counts, when
    the trial profile reads the entry as a total with numbers over some items (a total
    that is not read, or counts nothing, cannot disagree, and proves nothing). A
    written value that is no whole count (a percentage, ``3.5``) is -1."""
    from tracker_lint.rules.stats import count, items_of, selected

    tracker = _tracker(text, config)
    if tracker is None:
        return None
    for stat in tracker.stats or ():
        if stat.line != entry.line or stat.total is None or not stat.numbers:
            continue
        items = items_of(tracker, stat)
        if stat.total.scope == "section" and not selected(items, stat.total.denominator):
            return None
        first = stat.numbers[0]
        written = int(first.value) if first.role == "count" and first.value.isdigit() else -1
        return written, count(items, stat.total.counts)
    return None


def _status_lines(b: _Builder, config: Data) -> None:
    """``**Status**: ✅ Completed`` under a heading with a checklist: checked against it."""
    profile = config["profile"]
    lines = [w for w in _written_totals(b.doc) if w.label.casefold() == "status"]
    boxes = [s.id for s in b.statuses if s.symbol in ("[x]", "[ ]")]
    if not lines or not boxes:
        return
    known = list(b.statuses)
    for line in lines:
        symbol, label = split_status(line.rest)
        b.status_for(symbol, label, learn=False)
    total = {"label": "Status", "scope": "section", "count": boxes, "format": "status"}
    trial = {**profile, "statuses": [s.data() for s in b.statuses]}
    totals = dict(trial.get("totals") or {"in-headings": True, "unknown-labels": "ignore"})
    totals["items"] = [*totals.get("items", []), total]
    trial["totals"] = totals
    checked = _status_lines_checked(b.text, {"profile": trial})
    if not checked:
        b.statuses[:] = known  # status lines over no checklist: nothing to check
        return
    config["profile"] = trial
    b.found.append(f"{checked} status lines, each checked against the checklist under it")


def _status_lines_checked(text: str, config: Data) -> int:
    from tracker_lint.rules.stats import items_of, selected

    tracker = _tracker(text, config)
    if tracker is None:
        return 0
    return sum(
        1
        for stat in tracker.stats or ()
        if stat.total is not None
        and stat.total.format == "status"
        and selected(items_of(tracker, stat), stat.total.counts)
    )


def _summary(b: _Builder, config: Data) -> None:
    """A table whose rows name sections (``| Phase 1 | ... | 95% |``)."""
    from tracker_lint.rules.numbers import names_heading, title_words

    titles = [title_words(h.plain) for h in b.doc.blocks if isinstance(h, Heading)]
    for table in b.doc.tables:
        header = _header(table)
        for i, name in enumerate(header):
            values = [_plain(c.text) for c in _column(table, i)]
            for pattern in (None, r"^\d+_(.+)$"):
                names = [
                    title_words(m[1] if pattern and (m := re.match(pattern, v)) else v)
                    for v in values
                ]
                hits = sum(any(names_heading(n, t) for t in titles) for n in names if n)
                if values and hits >= max(2, 0.6 * len(values)):
                    section: Data = {"from": name}
                    if pattern:
                        section["pattern"] = pattern
                    _summary_columns(b, config, table, header, i, section)
                    return


def _summary_columns(
    b: _Builder, config: Data, table: Table, header: list[str], at: int, section: Data
) -> None:
    profile = config["profile"]
    summary: Data = {"section": section}
    for i, name in enumerate(header):
        if i == at:
            continue
        cells = [_plain(c.text) for c in _column(table, i)]
        if cells and all(_PERCENT_CELL.match(c) for c in cells if c):
            summary["percent"] = name
            break
    flags = []
    for i, name in enumerate(header):
        key = name_key(name)
        when = (
            "all-done" if _DONE_WORDS.search(key)
            else "some-started" if "progress" in key
            else "any-started" if "started" in key
            else None
        )  # fmt: skip
        cells = [_plain(c.text) for c in _column(table, i)]
        if when is None or not cells or not all(c[:1] in "✅⬜" for c in cells if c):
            continue
        flags.append({"column": name, "when": when})
    if flags:
        summary["flags"] = flags
    if len(summary) == 1:
        return
    # Keep only the flags most rows agree with: a flag the author means otherwise
    # (Started: the folder exists) would report every row.
    kept = []
    for flag in flags:
        trial = {"profile": {**profile, "summary": {**summary, "flags": [flag]}}}
        from tracker_lint.rules.numbers import SectionSummaryMismatch

        checked = _problems(b.text, trial, SectionSummaryMismatch())
        wrong = len(checked[1]) if checked else 0
        if wrong <= 0.3 * len(table.rows):
            kept.append(flag)
        else:
            b.notes.append(
                f'the summary column "{flag["column"]}" disagrees with {wrong} of '
                f"{len(table.rows)} sections as {flag['when']}: left out"
            )
    if kept:
        summary["flags"] = kept
        b.notes.append(
            "summary columns checked as yes/no: "
            + ", ".join(f"{f['column']} ({f['when']})" for f in kept)
            + "; remove any that means something else"
        )
    else:
        summary.pop("flags", None)
    if len(summary) > 1:
        profile["summary"] = summary
        b.found.append(f'a summary table whose "{section["from"]}" column names sections')


# --- writing ------------------------------------------------------------------------------


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _comment_text(text: str) -> str:
    """Text for a TOML comment: on one line, no control character."""
    return "".join(c if ord(c) >= 0x20 and c != "\x7f" else " " for c in text)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        escaped = "".join(_TOML_ESCAPES.get(c, c) if ord(c) >= 0x20 and c != "\x7f" else
                          _TOML_ESCAPES.get(c, f"\\u{ord(c):04x}") for c in value)  # fmt: skip
        return f'"{escaped}"'
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def _table(name: str, data: Data, array: bool = False) -> list[str]:
    lines = [f"[[{name}]]" if array else f"[{name}]"]
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{key} = [")
            lines += [f"    {_value(v)}," for v in value]
            lines.append("]")
        else:
            lines.append(f"{key} = {_value(value)}")
    return lines


def describe(text: str, name: str) -> str | None:
    """The ``.tracker-lint.toml`` that describes the tracker ``name`` (a file name, its
    ``[[profiles]]`` pattern), None when nothing tracked was found. A tracker in the
    format of a built-in profile gets that profile."""
    from tracker_lint.engine import model
    from tracker_lint.profile import builtin_profile, builtin_profiles

    for builtin in builtin_profiles():
        if builtin != "tasks" and model(text, builtin_profile(builtin)).is_tracker:
            return (
                f"# Written by `tracker-lint init` from {_comment_text(name)}: it is in the "
                "format of the\n"
                f"# built-in profile {builtin!r} (docs/profiles.md).\n\n"
                f"[[profiles]]\nfiles = [{_value(_glob(name))}]\nuse = {_value(builtin)}\n"
            )
    inference = infer(text, re.sub(r"[^a-z0-9]+", "-", Path(name).stem.casefold()) or "inferred")
    if not inference.config:
        return None
    return to_toml(inference, name)


def _glob(name: str) -> str:
    """A glob matching exactly this file name (``[``, ``*`` and ``?`` escaped)."""
    return re.sub(r"([*?[])", r"[\1]", name)


def to_toml(inference: Inference, source: str) -> str:
    """The configuration as a commented ``.tracker-lint.toml``: one ``[[profiles]]``
    entry for the file ``source`` (a name in the configuration's folder)."""
    lines = [f"# Written by `tracker-lint init` from {_comment_text(source)}.", "#"]
    lines += ["# Found:"] + [f"#   - {_comment_text(f)}" for f in inference.found]
    if inference.notes:
        lines += ["#", "# Not inferred (edit by hand; docs/profiles.md has every key):"]
        lines += [f"#   - {_comment_text(n)}" for n in inference.notes]
    profile = inference.config.get("profile", {})
    simple = {
        k: v
        for k, v in profile.items()
        if not isinstance(v, (dict, list)) or k in ("items", "columns", "dates", "stages")
    }
    lines += ["", "[[profiles]]", f"files = [{_value(_glob(source))}]"]
    lines += ["", *_table("profiles.use", simple)]
    for key, value in profile.items():
        if key in simple:
            continue
        if isinstance(value, list):
            for entry in value:
                lines += ["", *_table(f"profiles.use.{key}", entry, array=True)]
        else:
            lines += ["", *_table(f"profiles.use.{key}", value)]
    return "\n".join(lines) + "\n"
