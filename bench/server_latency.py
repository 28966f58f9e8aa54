"""Latency of the language server's work after a one-character change, in process.

Run by hand (not in CI):

    python bench/server_latency.py [--runs N]

For the seed tracker (``../shared/seed``) and a generated 10,000-row tracker, it
diagnoses the buffer once (warm: imports, configuration and caches), then times
``tracker_lint.editor.diagnose`` on the buffer with one character changed, alternately
changed and restored (a digit of a Quick Stats value replaced; a letter typed into the
first row, so that everything after it moves), with the buffer's memo, as
``tracker-lint server`` does for every change once its debounce has passed, and
converts each finding's span to an LSP range (UTF-16). It prints the median and the
90th percentile, and how the time divides between parsing, the model and the
rules. Issue 14's targets: seed ≤ 5 ms, 10,000 rows ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker_lint.editor import Lines, diagnose  # noqa: E402
from tracker_lint.engine import Settings  # noqa: E402
from tracker_lint.incremental import Memo  # noqa: E402
from tracker_lint.workspace import Workspace  # noqa: E402

TODAY = date(2026, 11, 26)
SEED = ROOT.parent / "shared" / "seed" / "learning-module-tracker.md"


def one_character_changes(text: str, kind: str) -> tuple[str, str]:
    """The text with one character changed, and as it was: ``digit``, a digit of its
    first total replaced (nothing moves); ``typed``, a letter typed into the name of
    its first row (every line after it moves one character)."""
    if kind == "digit":
        at = text.index("**Total Pages**: ") + len("**Total Pages**: ")
        digit = "9" if text[at] != "9" else "8"
        return text[:at] + digit + text[at + 1 :], text
    at = text.index("\n| 1 | ") + len("\n| 1 | ")
    return text[:at] + "x" + text[at:], text


def median_ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.9)] * 1000


def measure(name: str, text: str, path: Path, runs: int) -> None:
    for kind in ("digit", "typed"):
        workspace = Workspace(Settings(today=TODAY))
        memo, timing = Memo(), Memo()  # the buffer's memo, as the server keeps one
        diagnose(workspace, text, path, TODAY, memo=memo)
        timing.parse(text)
        changed, original = one_character_changes(text, kind)
        total, parts = [], {"parse": [], "model": [], "rules": []}
        profile = workspace.base.profile
        for i in range(runs):
            buffer = changed if i % 2 == 0 else original
            start = time.perf_counter()
            diagnosis = diagnose(workspace, buffer, path, TODAY, memo=memo)
            lines = Lines(buffer, "utf-16", diagnosis.line_starts())
            [(lines.position(f.start), lines.position(f.end)) for f in diagnosis.findings]
            total.append(time.perf_counter() - start)
            # the same steps again on a memo of their own, timed one by one
            a = time.perf_counter()
            timing.parse(buffer)
            b = time.perf_counter()
            timing.model(buffer, profile)  # the text it holds: only the model is built
            c = time.perf_counter()
            parts["parse"].append(b - a)
            parts["model"].append(c - b)
            parts["rules"].append(total[-1] - (c - a))
        med, p90 = median_ms(total)
        split = ", ".join(f"{k} {statistics.median(v) * 1000:.1f}" for k, v in parts.items())
        print(
            f"{name}, {kind}: median {med:.1f} ms, p90 {p90:.1f} ms ({split} ms; {runs} runs;"
            f" {memo.whole - 1} whole parses)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    if SEED.exists():
        measure("seed (55 rows)", SEED.read_text(encoding="utf-8"), SEED, args.runs)
    big = generate.tracker(10_000)
    measure("10,000 rows", big, ROOT / "bench" / "out" / "latency.md", max(args.runs // 6, 5))


if __name__ == "__main__":
    main()
