"""The pure core: ``lint(text, settings) -> findings`` and ``fix_text``. No I/O here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tracker_lint._record import record
from tracker_lint._text import DIRECTIVE_MARKER, name_key
from tracker_lint.findings import Finding, Fix, Problem, Severity
from tracker_lint.model import ItemSource, Tracker, build_tracker, sources_of
from tracker_lint.parse import Document, parse
from tracker_lint.profile import Profile, default_profile
from tracker_lint.rules import RULES, Context, Rule

if TYPE_CHECKING:
    from tracker_lint.incremental import Memo

MAX_FIX_PASSES = 10


@record
class Settings:
    """Everything a lint run depends on besides the text."""

    profile: Profile = field(default_factory=default_profile)
    today: date = field(default_factory=date.today)
    select: frozenset[str] | None = None  # rule codes to run; None: all
    severity: Mapping[str, Severity] = field(default_factory=dict)
    force: bool = False  # lint as a tracker even if the cheap pre-filter says it is not one
    # Where tracked items come from; None: the sources the profile names (its ``items``)
    sources: tuple[ItemSource, ...] | None = None

    def select_allows(self, code: str) -> bool:
        return self.select is None or code in self.select

    def active_rules(self) -> list[Rule]:
        return [r for code, r in RULES.items() if self.select_allows(code)]


def looks_like_tracker(
    text: str, profile: Profile, sources: Sequence[ItemSource] | None = None
) -> bool:
    """Cheap pre-filter: could this text hold tracked items or a totals section?

    Each item source says which lines it needs (``ItemSource.signatures``: for
    table rows, a line with a pipe and every word of every required column name,
    the same names it tracks a table by), and a totals section needs a line with
    the words of its heading (or of its table's header): a text with none of them
    is no tracker, and is recognised without being parsed. Words are compared as
    ``name_key`` compares names (case-folded; Unicode-normalised when a word is not
    ASCII).
    """
    chosen = sources_of(profile) if sources is None else tuple(sources)
    pattern, ascii_only, words = _detector(profile, chosen)
    folded = (text if ascii_only else unicodedata.normalize("NFC", text)).casefold()
    # Most texts lack some word of every line the pattern wants: substring tests say so
    # faster than the pattern. (Full case folding is more permissive than the pattern's
    # IGNORECASE, so this never rejects what the pattern would accept.)
    if not any(all(word in folded for word in line) for line in words):
        return False
    return pattern.search(text if ascii_only else folded) is not None


@lru_cache(maxsize=16)
def _detector(
    profile: Profile, sources: tuple[ItemSource, ...]
) -> tuple[re.Pattern[str], bool, tuple[tuple[str, ...], ...]]:
    """The pre-filter's pattern, whether all its words are ASCII (then it can run
    case-insensitively on the text as it is, without a case-folded copy), and the
    words of each line it looks for, case-folded."""
    lines = [line for source in sources for line in source.signatures(profile)]
    totals = profile.totals
    if totals is not None and totals.kind == "list" and totals.heading:
        lines.append(("", totals.heading))
    elif totals is not None and totals.kind == "table":
        lines.append(("|", totals.label_column, totals.value_column))
    # As written, names decide whether a case-insensitive match on the text will do
    # (ASCII) or the text must be folded like the names (ß -> ss, NFD -> NFC).
    ascii_only = all(name.isascii() for names in lines for name in names)
    words = [
        [word for name in names if name for word in name_key(name).split() or [name]]
        for names in lines
    ]
    alternatives = ["^" + "".join(rf"(?=[^\n]*{re.escape(w)})" for w in ws) for ws in words if ws]
    flags = re.MULTILINE | (re.IGNORECASE if ascii_only else 0)
    folded = tuple(tuple(w.casefold() for w in ws) for ws in words if ws)
    return re.compile("|".join(alternatives) or "(?!)", flags), ascii_only, folded


def stamp(rule: Rule, problem: Problem, doc: Document, settings: Settings) -> Finding:
    line, column = doc.position(problem.start)
    end_line, end_column = doc.position(problem.end)
    return Finding(
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=rule.code,
        name=rule.name,
        severity=settings.severity.get(rule.code, rule.severity),
        message=problem.message,
        fix=problem.fix,
        start=problem.start,
        end=problem.end,
    )


def _model(text: str, settings: Settings, memo: Memo | None = None) -> Tracker | None:
    """The document seen through the profile, tracker or not; None when the cheap
    pre-filter already shows it cannot hold a tracked table or totals."""
    if not settings.force and not looks_like_tracker(text, settings.profile, settings.sources):
        return None
    return model(text, settings.profile, settings.sources, memo)


def model(
    text: str,
    profile: Profile,
    sources: Sequence[ItemSource] | None = None,
    memo: Memo | None = None,
) -> Tracker:
    """The document seen through the profile, tracker or not, without the pre-filter:
    the ``base`` to give :func:`check`, :func:`lint` and :func:`fix_text` (built once
    by the caller, however many fix passes compare against it). With a ``memo`` (see
    :mod:`tracker_lint.incremental`), ``text`` is the next version of the text it
    holds: only what changed is parsed and read again."""
    if memo is not None:
        return memo.model(text, profile, sources)
    return build_tracker(parse(text), profile, sources)


def analyse(text: str, settings: Settings) -> Tracker | None:
    """The tracker model of a text, or None when the text is not a tracker."""
    tracker = _model(text, settings)
    return tracker if tracker is not None and tracker.is_tracker else None


def not_a_tracker(profile: Profile) -> str:
    """Why a document is not a tracker for ``profile``, in the words of a note."""
    why = {
        "table-rows": f"no table with columns {', '.join(profile.required_columns)}",
        "task-items": "no task-list item under a heading",
        "status-items": "no list item starting with a status symbol under a heading",
    }
    return " and ".join(why[kind] for kind in profile.items)


class Checked(NamedTuple):
    """What :func:`check` found in one document."""

    findings: list[Finding]  # sorted by position
    is_tracker: bool  # a tracked table was found: the document was checked as a tracker


def check(
    text: str,
    settings: Settings | None = None,
    *,
    base: Tracker | None = None,
    memo: Memo | None = None,
) -> Checked:
    """Lint a document and say whether it was a tracker.

    Only a document with a tracked table is a tracker; every rule runs on it. A
    document with totals but no tracked table is not: only totals-without-items
    (TL405) runs on it, so its numbers are never fixed. Anything else has no
    findings. ``base`` is the same file at an earlier revision (see :func:`model`),
    for history rules such as stale-date (TL304); without it they find nothing.
    ``memo``: see :func:`model`.
    """
    settings = settings or Settings()
    tracker = _model(text, settings, memo)
    if tracker is None:
        return Checked([], False)
    if not tracker.is_tracker:
        orphan = RULES["TL405"]
        if not settings.select_allows(orphan.code):
            return Checked([], False)
        ctx = Context(today=settings.today)
        findings = [stamp(orphan, p, tracker.doc, settings) for p in orphan.check(tracker, ctx)]
        if findings and DIRECTIVE_MARKER in text:
            from tracker_lint import suppress

            findings, _ = suppress.apply(findings, suppress.find(tracker.doc))
        return Checked(findings, False)
    return Checked(_lint_tracker(tracker, text, settings, base), True)


def lint(
    text: str, settings: Settings | None = None, *, base: Tracker | None = None
) -> list[Finding]:
    """All findings for a document, sorted by position (see :func:`check`)."""
    return check(text, settings, base=base).findings


def _lint_tracker(
    tracker: Tracker, text: str, settings: Settings, base: Tracker | None
) -> list[Finding]:
    ctx = Context(today=settings.today, base=base)
    rules = [rule for rule in settings.active_rules() if rule.code != "TL405"]
    findings = [
        stamp(rule, problem, tracker.doc, settings)
        for rule in rules
        for problem in rule.check(tracker, ctx)
    ]
    if DIRECTIVE_MARKER in text:
        findings = _apply_suppressions(findings, tracker, rules, settings)
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _apply_suppressions(
    findings: list[Finding], tracker: Tracker, rules: list[Rule], settings: Settings
) -> list[Finding]:
    """Drop what suppression comments cover; report the comments that covered nothing."""
    from tracker_lint import suppress

    directives = suppress.find(tracker.doc)
    if not directives:
        return findings
    findings, used = suppress.apply(findings, directives)
    unused_rule = RULES["TL901"]
    if unused_rule in rules:
        active = frozenset(r.code for r in rules)
        stale = [
            stamp(unused_rule, problem, tracker.doc, settings)
            for problem in suppress.unused(tracker.doc, directives, used, frozenset(RULES), active)
        ]
        # A directive naming TL901 may silence it, like any rule.
        findings.extend(suppress.apply(stale, directives, explicit=True)[0])
    return findings


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Splice non-overlapping fixes into the text; everything else stays as it is."""
    parts: list[str] = []
    last = 0
    applied = 0
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end)):
        if fix.start < last or text[fix.start : fix.end] == fix.replacement:
            continue  # overlaps an earlier fix (the next pass retries it) or changes nothing
        parts.append(text[last : fix.start])
        parts.append(fix.replacement)
        last = fix.end
        applied += 1
    if not applied:
        return text, 0
    parts.append(text[last:])
    return "".join(parts), applied


class FixResult(NamedTuple):
    text: str
    fixed: int  # fixes applied
    remaining: list[Finding]  # findings of the fixed text
    unsafe_held_back: int  # unsafe fixes not applied (no ``unsafe``)
    is_tracker: bool = True  # see :class:`Checked`


def fix_text(
    text: str,
    settings: Settings | None = None,
    *,
    unsafe: bool = False,
    base: Tracker | None = None,
) -> FixResult:
    """Apply every safe fix (and unsafe ones with ``unsafe``) until none applies; every
    pass compares against the same ``base`` (see :func:`check`)."""
    settings = settings or Settings()
    allowed = {"safe", "unsafe"} if unsafe else {"safe"}
    fixed = 0
    checked = check(text, settings, base=base)
    for _ in range(MAX_FIX_PASSES):
        if not checked.is_tracker:
            break  # never rewrite a document that is not a tracker
        fixes = [f.fix for f in checked.findings if f.fix and f.fix.applicability in allowed]
        text, applied = apply_fixes(text, fixes)
        if not applied:
            break
        fixed += applied
        checked = check(text, settings, base=base)
    findings = checked.findings
    held = sum(1 for f in findings if f.fix and f.fix.applicability not in allowed)
    return FixResult(text, fixed, findings, held, checked.is_tracker)


def unreadable(message: str) -> Finding:
    """The TL001 finding for a path that could not be read (made by the command line)."""
    rule = RULES["TL001"]
    return Finding(1, 1, 1, 1, rule.code, rule.name, rule.severity, message)


class Suppressed(NamedTuple):
    """What :func:`add_suppressions` made of one document."""

    text: str
    added: int  # rule codes added to disable-line directives
    remaining: list[Finding]  # the findings of ``text``: what no directive silences
    is_tracker: bool  # see :class:`Checked`; a document that is not one is never changed


def add_suppressions(
    text: str, settings: Settings | None = None, *, base: Tracker | None = None
) -> Suppressed:
    """The text with a ``disable-line`` directive for every current finding (but an
    unused suppression's, which ``fix_text`` removes), so that it lints clean: ruff's
    ``--add-noqa``. See :func:`tracker_lint.suppress.directive_fixes`."""
    from tracker_lint.suppress import directive_fixes

    settings = settings or Settings()
    tracker = _model(text, settings)
    if tracker is None or not tracker.is_tracker:
        return Suppressed(text, 0, check(text, settings, base=base).findings, is_tracker=False)
    findings = _lint_tracker(tracker, text, settings, base)
    fixes, added = directive_fixes(tracker.doc, findings)
    if not added:
        return Suppressed(text, 0, findings, is_tracker=True)
    new, _ = apply_fixes(text, fixes)
    return Suppressed(new, added, lint(new, settings, base=base), is_tracker=True)
