"""Report formats. Each takes the results of a run and returns the text to print.

Besides the human ``text`` and the plain ``json``, the CI formats each speak
one consumer's language: ``github`` (workflow commands that become pull request
annotations), ``sarif`` (SARIF 2.1.0, for GitHub code scanning and other SARIF
viewers), ``gitlab`` (GitLab Code Quality) and ``junit`` (JUnit XML, which
nearly every CI reads). The stdlib modules they need are imported inside each
function, so the pre-commit path (text) stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from tracker_lint._text import display_width
from tracker_lint.findings import Finding, Severity

if TYPE_CHECKING:
    from tracker_lint.profile import Profile

FORMATS = ("text", "full", "json", "github", "sarif", "gitlab", "junit")
INFORMATION_URI = "https://github.com/tracker-lint/tracker-lint"
RULES_URI = INFORMATION_URI + "/blob/main/docs/rules.md"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
# GitLab's severities are info, minor, major, critical and blocker. critical and
# blocker are meant for security holes and crashes; an inconsistent tracker is
# a real defect (major) and a warning is worth a look (minor).
GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


# What a run made of each path: checked as a tracker; read but not a tracker for its
# profile (at most TL405 on it); excluded by the configuration (not read); or not
# readable (a TL001 finding: missing, an OS error, or a tracker that is not UTF-8).
Verdict = Literal["tracker", "not-a-tracker", "excluded", "unreadable"]
VERDICTS: tuple[Verdict, ...] = ("tracker", "not-a-tracker", "excluded", "unreadable")


@dataclass
class FileResult:
    """What happened to one path in a run."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    fixed: int = 0
    unsafe_held_back: int = 0
    suppressed: int = 0  # codes added to disable-line directives (--add-suppressions)
    diff: str = ""
    text: str = ""  # the text the findings refer to (after fixing); "" when unread
    verdict: Verdict = "tracker"
    detail: str = ""  # why, in words, for ``--show-files`` (the profile, the reason)


class Shown(NamedTuple):
    """How a run's report is shown, besides its format."""

    fixing: bool = False  # --fix or --diff: the findings are what remains
    quiet: bool = False  # findings only: no "Fixed" lines, no summary
    unsafe_fixes: bool = False  # --unsafe-fixes: an unsafe fix is one --fix applies too
    color: bool = False  # ANSI colours (a terminal; see tracker_lint.cli.check.use_color)

    def applies(self, f: Finding) -> bool:
        """Whether ``--fix`` (with the flags given) applies the finding's fix: ``[*]``."""
        return f.fix is not None and (f.fix.applicability == "safe" or self.unsafe_fixes)


PLAIN = Shown()  # a check's report, without colours

# ANSI styles, as ruff colours its output: the path bold, an error's code red, a
# warning's yellow, the fix marker cyan.
BOLD, RED, YELLOW, CYAN, RESET = "\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[36m", "\x1b[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{RESET}" if color else text


def not_a_tracker_text(profile: Profile) -> str:
    """``not a tracker for profile NAME (no table with columns ...)``: the words of the
    check command's note and of report's and badge's error, kept in one place."""
    from tracker_lint.engine import not_a_tracker

    return f"not a tracker for profile {profile.name} ({not_a_tracker(profile)})"


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"{n} {word}"
    return f"{n} {word}es" if word.endswith("x") else f"{n} {word}s"


def format_text_finding(path: str, f: Finding, shown: Shown = PLAIN) -> str:
    """``PATH:LINE:COL: CODE [*] MESSAGE``: ``[*]`` when ``--fix`` applies the finding's
    fix, ``[-]`` when only ``--unsafe-fixes`` would, ``warning:`` for a warning."""
    marker = ""
    if f.fix is not None:
        marker = " " + _paint("[*]" if shown.applies(f) else "[-]", CYAN, shown.color)
    warning = f.severity is Severity.WARNING
    severity = " " + _paint("warning:", YELLOW, shown.color) if warning else ""
    code = _paint(f.code, YELLOW if warning else RED, shown.color)
    where = _paint(f"{path}:{f.line}:{f.column}:", BOLD, shown.color)
    return f"{where} {code}{marker}{severity} {f.message}"


def checked_counts(results: Sequence[FileResult]) -> str:
    """``2 trackers checked; 1 Markdown file is not a tracker; 1 excluded``: zero counts
    left out (unreadable files are not counted: each has its TL001 finding)."""
    count = {v: sum(1 for r in results if r.verdict == v) for v in VERDICTS}
    parts = []
    if count["tracker"]:
        parts.append(f"{_plural(count['tracker'], 'tracker')} checked")
    others = count["not-a-tracker"]
    if others:
        parts.append(
            "1 Markdown file is not a tracker"
            if others == 1
            else f"{others} Markdown files are not trackers"
        )
    if count["excluded"]:
        parts.append(f"{count['excluded']} excluded")
    return "; ".join(parts)


def summary(results: Sequence[FileResult], shown: Shown = PLAIN) -> str:
    """``Found N errors ...`` (followed by what was checked when some files were not
    trackers or were excluded), or when nothing was found, what was checked:
    ``All checks passed (1 tracker checked; ...).``, or ``No trackers checked (...).``
    when no file was a tracker."""
    findings = [f for r in results for f in r.findings]
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        checked = checked_counts(results)
        tail = f" ({checked})" if checked else ""
        if any(r.verdict == "tracker" for r in results):
            return f"All checks passed{tail}."
        return f"No trackers checked{tail}."
    counts = [_plural(errors, "error")] if errors else []
    if warnings:
        counts.append(_plural(warnings, "warning"))
    notes = _fixable_notes(findings, shown)
    tail = f" ({', '.join(notes)})" if notes else ""
    if any(r.verdict in ("not-a-tracker", "excluded") for r in results):
        # Files that were not checked are counted here too: never a silent pass.
        tail += "; " + checked_counts(results).replace("; ", ", ")
    return f"Found {' and '.join(counts)}{tail}."


def _fixable_notes(findings: Sequence[Finding], shown: Shown) -> list[str]:
    """What would fix the findings, and the flags that enable it: ``2 fixable with
    --fix``, ``1 more with --fix --unsafe-fixes`` (ruff's convention)."""
    applied = sum(1 for f in findings if shown.applies(f))
    hidden = sum(1 for f in findings if f.fix is not None and not shown.applies(f))
    notes = []
    if shown.fixing:  # what remains after --fix
        if hidden:
            notes.append(f"{hidden} more with --unsafe-fixes")
        return notes
    if applied:
        notes.append(f"{applied} fixable with --fix")
    if hidden:
        notes.append(f"{hidden} {'more' if applied else 'fixable'} with --fix --unsafe-fixes")
    return notes


def progress_lines(results: Sequence[FileResult]) -> list[str]:
    """What a run changed: ``Fixed 3 findings in PATH`` (--fix), ``Added 2
    suppressions to PATH`` (--add-suppressions). Before the findings in the human
    formats; for a machine-readable report the command line prints them on standard
    error."""
    lines = [f"Fixed {_plural(r.fixed, 'finding')} in {r.path}" for r in results if r.fixed]
    lines += [
        f"Added {_plural(r.suppressed, 'suppression')} to {r.path}" for r in results if r.suppressed
    ]
    return lines


def closing_lines(results: Sequence[FileResult], shown: Shown) -> list[str]:
    """The held-back note (when fixing) and the summary line."""
    lines = []
    held = sum(r.unsafe_held_back for r in results)
    if shown.fixing and held:
        lines.append(
            f"{_plural(held, 'unsafe fix')} held back; use --unsafe-fixes to apply "
            f"{'it' if held == 1 else 'them'}."
        )
    lines.append(summary(results, shown))
    return lines


def _join(lines: Sequence[str]) -> str:
    return "\n".join(lines) + ("\n" if lines else "")


def _report_lines(
    results: Sequence[FileResult], line: Callable[[str, Finding], str], shown: Shown
) -> str:
    """One ``line`` per finding, between the "Fixed" lines and the summary (not ``quiet``)."""
    lines = [] if shown.quiet else progress_lines(results)
    for r in results:
        lines.extend(line(r.path, f) for f in r.findings)
    if not shown.quiet:
        lines.extend(closing_lines(results, shown))
    return _join(lines)


def format_text(results: Sequence[FileResult], shown: Shown = PLAIN) -> str:
    """``PATH:LINE:COL: CODE MESSAGE`` lines; ``quiet`` prints the findings only."""
    return _report_lines(results, lambda path, f: format_text_finding(path, f, shown), shown)


def format_full(results: Sequence[FileResult], shown: Shown = PLAIN) -> str:
    """The text format, each finding followed by its source line with a caret under
    its span, as ruff's ``full`` output shows it."""
    import re

    # Each file's lines, split once, where Markdown splits them (CR, LF or CRLF only)
    lines = {r.path: re.split(r"\r\n|\r|\n", r.text) for r in results if r.text}

    def line(path: str, f: Finding) -> str:
        head = format_text_finding(path, f, shown)
        excerpt = _excerpt(lines.get(path, []), f, shown.color)
        return f"{head}\n{excerpt}" if excerpt else head

    return _report_lines(results, line, shown)


def _excerpt(lines: list[str], f: Finding, color: bool) -> str:
    """The finding's first line, numbered, and a caret line under its span."""
    if not 1 <= f.line <= len(lines):
        return ""
    source = lines[f.line - 1].lstrip("\ufeff")
    start = min(f.column - 1, len(source))
    end = f.end_column - 1 if f.end_line == f.line else len(source)
    end = max(start + 1, min(end, len(source)))
    number = str(f.line)
    gutter = " " * len(number) + " |"
    pad = "".join(c if c == "\t" else " " * display_width(c) for c in source[:start])
    carets = "^" * max(1, display_width(source[start:end]))
    caret = _paint(carets, RED if f.severity is Severity.ERROR else YELLOW, color)
    return "\n".join([gutter, f"{number} | {source}", f"{gutter} {pad}{caret}", gutter])


def fix_ranges(text: str) -> Callable[[Finding], tuple[int, int, int, int] | None]:
    """For the findings of ``text``: the 1-based (line, column, end line, end column)
    a finding's fix replaces, counted as the finding's own position is (code points,
    end exclusive); None for a finding without a fix, or when the text is unknown."""
    from tracker_lint.parse import line_index

    lines = line_index(text) if text else None

    def fix_range(f: Finding) -> tuple[int, int, int, int] | None:
        if f.fix is None or lines is None:
            return None
        return (*lines.position(f.fix.start), *lines.position(f.fix.end))

    return fix_range


def finding_dict(
    path: str,
    f: Finding,
    fix_range: Callable[[Finding], tuple[int, int, int, int] | None] | None = None,
) -> dict[str, object]:
    fix: dict[str, object] | None = None
    if f.fix is not None:
        fix = {"applicability": f.fix.applicability, "replacement": f.fix.replacement}
        span = fix_range(f) if fix_range else None
        if span is not None:
            line, column, end_line, end_column = span
            fix["edits"] = [
                {
                    "line": line,
                    "column": column,
                    "end_line": end_line,
                    "end_column": end_column,
                    "content": f.fix.replacement,
                }
            ]
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
        "fix": fix,
    }


def format_json(results: Sequence[FileResult]) -> str:
    import json

    data = []
    for r in results:
        fix_range = fix_ranges(r.text)
        data += [finding_dict(r.path, f, fix_range) for f in r.findings]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- --show-files ---------------------------------------------------------------


def format_files(results: Sequence[FileResult]) -> str:
    """``--show-files``: one line per path, ``VERDICT  PATH  (DETAIL)``, the verdict
    left-aligned in a column as wide as the longest (``not-a-tracker``)."""
    width = max(len(v) for v in VERDICTS) + 2
    lines = []
    for r in results:
        detail = f"  ({r.detail})" if r.detail else ""
        lines.append(f"{r.verdict:<{width}}{r.path}{detail}")
    return _join(lines)


# --- statistics ---------------------------------------------------------------


def _statistics_rows(results: Sequence[FileResult]) -> list[tuple[str, list[Finding]]]:
    """Findings by rule code, most frequent first."""
    counts: dict[str, list[Finding]] = {}
    for r in results:
        for f in r.findings:
            counts.setdefault(f.code, []).append(f)
    return sorted(counts.items(), key=lambda item: (-len(item[1]), item[0]))


def format_statistics(results: Sequence[FileResult], shown: Shown = PLAIN) -> str:
    """One line per rule code, most frequent first: count, code, fix marker, name.

    The marker is ``[*]`` when ``--fix`` fixes some finding of that code, ``[-]``
    when only ``--unsafe-fixes`` would, and ``[ ]`` otherwise.
    """
    rows = _statistics_rows(results)
    width = max((len(str(len(fs))) for _, fs in rows), default=1)
    lines = []
    for code, findings in rows:
        fixes = [f for f in findings if f.fix]
        marker = "[*]" if any(map(shown.applies, fixes)) else "[-]" if fixes else "[ ]"
        error = any(f.severity is Severity.ERROR for f in findings)
        painted = _paint(code, RED if error else YELLOW, shown.color)
        if fixes:
            marker = _paint(marker, CYAN, shown.color)
        lines.append(f"{len(findings):>{width}}\t{painted}\t{marker} {findings[0].name}")
    if not shown.quiet:
        lines.extend(closing_lines(results, shown))
    return _join(lines)


def format_statistics_json(results: Sequence[FileResult], shown: Shown = PLAIN) -> str:
    """``--statistics --output-format json``: ``[{code, name, count, fixable}]``, as
    ruff prints it; ``fixable`` is whether ``--fix`` fixes some finding of the code."""
    import json

    data = [
        {
            "code": code,
            "name": findings[0].name,
            "count": len(findings),
            "fixable": any(map(shown.applies, findings)),
        }
        for code, findings in _statistics_rows(results)
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- paths as CI tools want them -------------------------------------------------


def relative_path(path: str, cwd: str | None = None) -> str:
    """``path`` relative to ``cwd`` with forward slashes; absolute when outside it.

    SARIF viewers and GitLab resolve report paths against the repository root,
    which is where a CI job runs the linter. Standard input (``-``) stays ``-``.
    """
    if path == "-":
        return path
    base = os.path.abspath(cwd or os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        return full.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


# --- GitHub workflow commands ------------------------------------------------------


def github_escape_data(value: str) -> str:
    """Escape a workflow command's message as @actions/core ``escapeData`` does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(value: str) -> str:
    """Escape a workflow command's property value as @actions/core ``escapeProperty``."""
    return github_escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github_finding(path: str, f: Finding) -> str:
    props = [("file", path), ("line", str(f.line))]
    if f.end_line == f.line:
        props.append(("col", str(f.column)))
    props.append(("endLine", str(f.end_line)))
    if f.end_line == f.line:
        props.append(("endColumn", str(f.end_column)))
    props.append(("title", f"tracker-lint ({f.code})"))
    joined = ",".join(f"{key}={github_escape_property(value)}" for key, value in props)
    return f"::{f.severity.value} {joined}::{github_escape_data(f.message)}"


def format_github(results: Sequence[FileResult], shown: Shown = PLAIN) -> str:
    """One ``::error``/``::warning`` command per finding, then the plain summary.

    GitHub shows only the first annotations of each kind per step, so the
    summary line says how many there are in all.
    """
    return _report_lines(results, format_github_finding, shown)


# --- fingerprints ----------------------------------------------------------------


def _line_around(text: str, offset: int) -> str:
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i != -1]
    return text[start : min(ends) if ends else len(text)]


def fingerprints(result: FileResult, cwd: str | None = None) -> list[str]:
    """A stable identity for each finding of one file, in the findings' order.

    CI tools compare fingerprints between the base and the head of a merge
    request to tell new findings from old ones, so a fingerprint must survive
    edits elsewhere in the file. It hashes the path relative to ``cwd``, the
    rule code, the finding's own line (stripped) and the text of its span,
    plus a counter for identical keys. It leaves out line numbers (a row added
    above moves every finding) and the message (TL401's message quotes totals
    that change with every row added; TL104's quotes a line number). A finding
    without text to point at (TL001) uses its message instead.
    """
    import hashlib

    path = relative_path(result.path, cwd)
    seen: dict[str, int] = {}
    out = []
    for f in result.findings:
        if result.text and 0 <= f.start <= len(result.text):
            line = _line_around(result.text, f.start)
            span = result.text[f.start : max(f.start, f.end)].splitlines()[:1]
            context = line.strip() + "\0" + "".join(span)
        else:
            context = f.message
        key = f"{path}\0{f.code}\0{context}"
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(hashlib.sha256(f"{key}\0{n}".encode()).hexdigest())
    return out


# --- GitLab Code Quality --------------------------------------------------------------


def format_gitlab(results: Sequence[FileResult], *, cwd: str | None = None) -> str:
    """A GitLab Code Quality report: a JSON array of issues."""
    import json

    issues: list[dict[str, object]] = []
    for r in results:
        path = relative_path(r.path, cwd)
        for f, fingerprint in zip(r.findings, fingerprints(r, cwd), strict=True):
            issues.append(
                {
                    "description": f"{f.code} {f.message}",
                    "check_name": f.code,
                    "fingerprint": fingerprint,
                    "severity": GITLAB_SEVERITY[f.severity],
                    "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
                }
            )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


# --- SARIF ---------------------------------------------------------------------------


def _section(documentation: str, heading: str) -> str:
    """The text under ``## heading`` of a rule's documentation, or ""."""
    marker = f"## {heading}"
    lines = documentation.splitlines()
    if marker not in lines:
        return ""
    body = []
    for line in lines[lines.index(marker) + 1 :]:
        if line.startswith("## "):
            break
        body.append(line)
    return "\n".join(body).strip()


def _artifact_uri(path: str, cwd: str | None) -> dict[str, str]:
    from pathlib import Path
    from urllib.parse import quote

    rel = relative_path(path, cwd)
    if Path(rel).is_absolute():
        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}


def sarif_log(results: Sequence[FileResult], *, cwd: str | None = None) -> dict[str, object]:
    """The SARIF 2.1.0 log of a run, as a JSON-ready dict."""
    from pathlib import Path

    from tracker_lint import __version__
    from tracker_lint.rules import RULES

    index = {code: i for i, code in enumerate(RULES)}
    rules = []
    for rule in RULES.values():
        doc = rule.documentation()
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": _section(doc, "What it does") or rule.summary},
                "help": {"text": doc, "markdown": doc},
                "helpUri": f"{RULES_URI}#{rule.code.lower()}-{rule.name}",
                "defaultConfiguration": {"level": rule.severity.value},
                "properties": {"fix": rule.fix or "none"},
            }
        )
    sarif_results: list[dict[str, object]] = []
    for r in results:
        location = {"artifactLocation": _artifact_uri(r.path, cwd)}
        fix_range = fix_ranges(r.text)
        for f, fingerprint in zip(r.findings, fingerprints(r, cwd), strict=True):
            result: dict[str, object] = {"ruleId": f.code}
            if f.code in index:
                result["ruleIndex"] = index[f.code]
            region = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
            }
            result.update(
                {
                    "level": f.severity.value,
                    "message": {"text": f.message},
                    "locations": [{"physicalLocation": {**location, "region": region}}],
                    "partialFingerprints": {"trackerLint/v1": fingerprint},
                }
            )
            span = fix_range(f)
            if f.fix is not None and span is not None:
                line, column, end_line, end_column = span
                deleted = {
                    "startLine": line,
                    "startColumn": column,
                    "endLine": end_line,
                    "endColumn": end_column,
                }
                result["fixes"] = [
                    {
                        "description": {"text": f"{f.fix.applicability} fix of {f.code}"},
                        "artifactChanges": [
                            {
                                **location,
                                "replacements": [
                                    {
                                        "deletedRegion": deleted,
                                        "insertedContent": {"text": f.fix.replacement},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            sarif_results.append(result)
    root = Path(os.path.abspath(cwd or os.getcwd())).as_uri().rstrip("/") + "/"
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tracker-lint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
                # Columns count code points, not SARIF's default UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def format_sarif(results: Sequence[FileResult], *, cwd: str | None = None) -> str:
    import json

    return json.dumps(sarif_log(results, cwd=cwd), ensure_ascii=False, indent=2) + "\n"


# --- JUnit XML -----------------------------------------------------------------------


def _xml_safe(text: str) -> str:
    """Replace the characters XML 1.0 cannot hold (most C0 controls) with ``\\xNN``."""
    import re

    return re.sub(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", lambda m: f"\\x{ord(m.group()):02x}", text
    )


def format_junit(results: Sequence[FileResult]) -> str:
    """JUnit XML: a test suite per file, a failing test case per finding.

    A file without findings gets one passing test case, so a CI dashboard
    shows that it was checked. The document is valid against the Jenkins xUnit
    plugin's ``junit-10.xsd``, the schema most JUnit readers follow: a test case
    has a name and a classname (the path) but no ``file``/``line`` attributes,
    which that schema does not allow; the position is in the name and the
    failure text.
    """
    import xml.etree.ElementTree as ET

    results = [r for r in results if r.verdict != "excluded"]  # not read, so not a suite
    total = sum(max(1, len(r.findings)) for r in results)
    failures = sum(len(r.findings) for r in results)
    suites = ET.Element(
        "testsuites",
        {"name": "tracker-lint", "tests": str(total), "failures": str(failures), "errors": "0"},
    )
    for r in results:
        path = _xml_safe(r.path)
        suite = ET.SubElement(
            suites,
            "testsuite",
            {
                "name": path,
                "tests": str(max(1, len(r.findings))),
                "failures": str(len(r.findings)),
                "errors": "0",
                "skipped": "0",
            },
        )
        if not r.findings:
            ET.SubElement(suite, "testcase", {"name": "tracker-lint", "classname": path})
        for f in r.findings:
            case = ET.SubElement(
                suite,
                "testcase",
                {"name": f"{f.code} {f.name} ({f.line}:{f.column})", "classname": path},
            )
            failure = ET.SubElement(
                case, "failure", {"message": _xml_safe(f.message), "type": f.severity.value}
            )
            failure.text = _xml_safe(format_text_finding(r.path, f))
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def render(
    results: Sequence[FileResult],
    output_format: str,
    shown: Shown = PLAIN,
    *,
    statistics: bool = False,
    cwd: str | None = None,
) -> str:
    """The report of a run in one of :data:`FORMATS`; with ``statistics``, the counts
    per rule instead (as text, or as JSON for the json format)."""
    if statistics:
        if output_format == "json":
            return format_statistics_json(results, shown)
        return format_statistics(results, shown)
    if output_format == "json":
        return format_json(results)
    if output_format == "github":
        return format_github(results, shown)
    if output_format == "sarif":
        return format_sarif(results, cwd=cwd)
    if output_format == "gitlab":
        return format_gitlab(results, cwd=cwd)
    if output_format == "junit":
        return format_junit(results)
    if output_format == "full":
        return format_full(results, shown)
    return format_text(results, shown)


def machine_readable(output_format: str) -> bool:
    """Whether the report is data for a program (json, sarif, gitlab, junit), which the
    ``Fixed ...`` lines must not mix with."""
    return output_format in ("json", "sarif", "gitlab", "junit")
