"""Latency of the language server's work after a one-character change, in process.

Run by hand (not in CI):

    python bench/server_latency.py [--runs N]

For the seed tracker (``../shared/seed``) and a generated 10,000-row tracker, it
diagnoses the buffer once (warm: imports, configuration and caches), then times
``tracker_lint.editor.diagnose`` on the buffer with one character changed (a
digit of a Quick Stats value, alternately changed and restored), the work
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
from tracker_lint.engine import Settings, model  # noqa: E402
from tracker_lint.parse import parse  # noqa: E402
from tracker_lint.workspace import Workspace  # noqa: E402

TODAY = date(2026, 11, 26)
SEED = ROOT.parent / "shared" / "seed" / "learning-module-tracker.md"


def one_character_changes(text: str) -> tuple[str, str]:
    """The text with one digit of its first total changed, and as it was."""
    at = text.index("**Total Pages**: ") + len("**Total Pages**: ")
    digit = "9" if text[at] != "9" else "8"
    return text[:at] + digit + text[at + 1 :], text


def median_ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.9)] * 1000


def measure(name: str, text: str, path: Path, runs: int) -> None:
    workspace = Workspace(Settings(today=TODAY))
    diagnose(workspace, text, path, TODAY)
    changed, original = one_character_changes(text)
    total, parts = [], {"parse": [], "model": [], "rules": []}
    for i in range(runs):
        buffer = changed if i % 2 == 0 else original
        start = time.perf_counter()
        diagnosis = diagnose(workspace, buffer, path, TODAY)
        lines = Lines(buffer)
        [(lines.position(f.start), lines.position(f.end)) for f in diagnosis.findings]
        total.append(time.perf_counter() - start)
        a = time.perf_counter()
        parse(buffer)
        b = time.perf_counter()
        model(buffer, workspace.base.profile)
        c = time.perf_counter()
        parts["parse"].append(b - a)
        parts["model"].append(c - b - (b - a))
        parts["rules"].append(total[-1] - (c - b))
    med, p90 = median_ms(total)
    split = ", ".join(f"{k} {statistics.median(v) * 1000:.1f}" for k, v in parts.items())
    print(f"{name}: median {med:.1f} ms, p90 {p90:.1f} ms ({split} ms; {runs} runs)")


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
