"""The Status column against the stage columns."""

from __future__ import annotations

from collections.abc import Iterator

from tracker_lint._text import label_key, quoted, spelling_variant
from tracker_lint.findings import Applicability, Fix, Problem, Severity
from tracker_lint.model import Tracker, leading_symbol
from tracker_lint.profile import Status
from tracker_lint.rules.base import Context, Rule


def status_text(status: Status) -> str:
    """How a status is written in canonical form: ``✅ Complete``."""
    return f"{status.symbol} {status.label}" if status.symbol else status.label


class StatusMismatch(Rule):
    """## What it does
    Checks that the Status agrees with the stage columns. The status is derived
    from (Module, Exam): (✅, ✅) → ✅, (✅, ⬜) → 📝, (⬜, ✅) → 🎯,
    (⬜, ⬜) → ⬜, and 🔄 in either → 🔄. 🔍 Needs review is also accepted
    where the derived status is ✅, 📝 or 🎯.

    ## Why is this bad?
    Readers trust the Status column; the totals trust the stage columns. When
    they disagree, one of them is lying.

    ## Example
    ```markdown
    | Caching | ✅ | ⬜ | ✅ Complete | 2025-01-30 |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ⬜ | 📝 Module done | 2025-01-30 |
    ```

    ## Fix safety
    Unsafe: the fix rewrites the Status from the stage columns, but the stage
    columns may be the ones that are out of date. Applied only with
    `--unsafe-fixes`.
    """

    code = "TL201"
    name = "status-mismatch"
    severity = Severity.ERROR
    fix = "unsafe"
    summary = "the Status is not the one the stage columns give"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        profile = tracker.profile
        for item in tracker.items:
            status = item.status
            if item.derived is None or status is None or status.status is None:
                continue
            written = status.status
            if profile.accepts(written.id, item.derived):
                continue
            derived = profile.status(item.derived)
            stages = " and ".join(f"{s.name} {leading_symbol(s.cell.text)}" for s in item.stages)
            end = status.label_end
            replacement = status_text(derived)
            if status.by_word:  # keep the cell's emphasis: **COMPLETE** -> **IN PROGRESS**
                raw = status.cell.text
                core = raw.strip("*_")
                lead = len(raw) - len(raw.lstrip("*_"))
                replacement = raw[:lead] + replacement + raw[lead + len(core) :]
            yield Problem(
                status.cell.start,
                end,
                f"Status is {status_text(written)} but {stages} give {status_text(derived)}",
                Fix(status.cell.start, end, replacement, "unsafe"),
            )


class StatusLabelMismatch(Rule):
    """## What it does
    Checks that the label after a status symbol is that symbol's canonical
    label (compared case-insensitively), or one of the other labels the profile
    accepts for it (`labels`). A bare symbol is fine.

    ## Why is this bad?
    `✅ In progress` says two things at once; readers and scripts that search
    for a label miss rows that spell it differently.

    ## Example
    ```markdown
    | Caching | ✅ | ✅ | ✅ Compelte | 2025-01-30 |
    ```

    Use instead:
    ```markdown
    | Caching | ✅ | ✅ | ✅ Complete | 2025-01-30 |
    ```

    ## Fix safety
    Safe when the written label is a spelling of the canonical one: other
    spacing or punctuation (`Not-started`, `InProgress`) or a typo (edit
    distance 1, or 2 for labels longer than 8 letters: `Compelte`).
    Otherwise unsafe: `✅ Good` or `✅ Done` is another word, which may be
    what the author meant (the symbol may be the mistake), so it is rewritten
    only with `--unsafe-fixes`. Only the label changes.
    """

    code = "TL202"
    name = "status-label-mismatch"
    severity = Severity.WARNING
    fix = "safe"
    summary = "the label after a status symbol is not its canonical label"

    def check(self, tracker: Tracker, ctx: Context) -> Iterator[Problem]:
        for item in tracker.items:
            status = item.status
            if status is None or status.status is None or not status.label or status.by_word:
                continue
            canonical = status.status.label
            written = label_key(status.label)
            if written == label_key(canonical) or any(
                written == label_key(other) for other in status.status.labels
            ):
                continue
            safety: Applicability = (
                "safe" if spelling_variant(status.label, canonical) else "unsafe"
            )
            yield Problem(
                status.label_start,
                status.label_end,
                f'Status label "{quoted(status.label)}" should be "{canonical}" for '
                f"{status.status.symbol}",
                Fix(status.label_start, status.label_end, canonical, safety),
            )
