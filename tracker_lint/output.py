"""Report formats. Each takes the results of a run and returns the text to print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker_lint.findings import Finding, Severity


@dataclass
class FileResult:
    """What happened to one path in a run."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    fixed: int = 0
    unsafe_held_back: int = 0
    diff: str = ""


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}es" if word.endswith("x") else f"{n} {word}s"


def format_text_finding(path: str, f: Finding) -> str:
    marker = " [*]" if f.fix else ""
    severity = " warning:" if f.severity is Severity.WARNING else ""
    return f"{path}:{f.line}:{f.column}: {f.code}{marker}{severity} {f.message}"


def summary(results: Sequence[FileResult], *, fixing: bool = False) -> str:
    findings = [f for r in results for f in r.findings]
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "All checks passed."
    counts = [_plural(errors, "error")] if errors else []
    if warnings:
        counts.append(_plural(warnings, "warning"))
    safe = sum(1 for f in findings if f.fix and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability == "unsafe")
    notes = []
    if safe and not fixing:
        notes.append(f"{safe} fixable with --fix")
    if unsafe:
        notes.append(f"{unsafe} more with --unsafe-fixes")
    tail = f" ({', '.join(notes)})" if notes else ""
    return f"Found {' and '.join(counts)}{tail}."


def format_text(results: Sequence[FileResult], *, fixing: bool = False, quiet: bool = False) -> str:
    lines = []
    for r in results:
        if r.fixed:
            lines.append(f"Fixed {_plural(r.fixed, 'finding')} in {r.path}")
    for r in results:
        lines.extend(format_text_finding(r.path, f) for f in r.findings)
    if not quiet:
        held = sum(r.unsafe_held_back for r in results)
        if fixing and held:
            lines.append(
                f"{_plural(held, 'unsafe fix')} held back; use --unsafe-fixes to apply "
                f"{'it' if held == 1 else 'them'}."
            )
        lines.append(summary(results, fixing=fixing))
    return "\n".join(lines) + ("\n" if lines else "")


def finding_dict(path: str, f: Finding) -> dict[str, object]:
    return {
        "path": path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "fix": (
            None
            if f.fix is None
            else {"applicability": f.fix.applicability, "replacement": f.fix.replacement}
        ),
    }


def format_json(results: Sequence[FileResult]) -> str:
    import json

    data = [finding_dict(r.path, f) for r in results for f in r.findings]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
