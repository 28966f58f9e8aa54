"""Where tracker-lint's time goes: import costs over the floor, and the hot functions.

Run by hand after ``bench/run.py`` has made its venv and inputs:

    python bench/hotspots.py [--out bench/out] [--runs N] [--rows 10000]

1. Imports: ``-X importtime`` of ``tracker-lint`` on the example tracker and of
   ``python -c "import markdown_it"`` (the floor), each the minimum over N
   fresh processes; prints the modules the tool imports beyond the floor, by
   package and by tracker_lint module (self time, milliseconds).
2. Hot functions: cProfile of ``tracker-lint`` on the generated tracker of
   ``--rows`` rows (default 10,000), top functions by own time; and the same
   whole process with the garbage collector off, to show what collection costs.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import generate
import run


def import_times(cmd: list[str], env: dict[str, str], runs: int) -> dict[str, int]:
    """Module -> minimum self import time (µs) over ``runs`` fresh processes."""
    seen: dict[str, list[int]] = collections.defaultdict(list)
    for _ in range(runs):
        done = subprocess.run(
            [cmd[0], "-X", "importtime", *cmd[1:]],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            _, self_us, _cumulative, name = line.replace("import time:", "|").split("|")
            seen[name.strip()].append(int(self_us))
    return {name: min(values) for name, values in seen.items()}


def imports(py: str, tool: str, example: Path, env: dict[str, str], runs: int) -> None:
    floor = import_times([py, "-c", "import markdown_it"], env, runs)
    mine = import_times([py, tool, str(example)], env, runs)
    extra = {m: us for m, us in mine.items() if m not in floor}
    print(f"floor: {len(floor)} modules, {sum(floor.values()) / 1000:.1f} ms of imports")
    print(f"tracker-lint: {len(mine)} modules, {sum(mine.values()) / 1000:.1f} ms of imports")
    print(f"beyond the floor: {len(extra)} modules, {sum(extra.values()) / 1000:.1f} ms")
    groups: collections.Counter[str] = collections.Counter()
    for module, us in extra.items():
        groups[module if module.startswith("tracker_lint") else module.split(".")[0]] += us
    print("  self time (ms) of each module or package imported beyond the floor:")
    for name, us in groups.most_common(30):
        print(f"  {us / 1000:7.2f}  {name}")


def wall(cmd: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def hot(py: str, tracker: Path, env: dict[str, str], runs: int) -> None:
    entry = "from tracker_lint.cli import run; run()"
    profile = (
        "import cProfile, pstats, sys; from tracker_lint.cli import main;"
        f" sys.argv[1:] = [{str(tracker)!r}]; p = cProfile.Profile(); p.runcall(main);"
        " pstats.Stats(p).strip_dirs().sort_stats('tottime').print_stats(25)"
    )
    # From the tracker's folder, so that no file here shadows a standard module.
    subprocess.run([py, "-c", profile], env=env, check=False, cwd=tracker.parent)
    with_gc = wall([py, "-c", entry, str(tracker)], env, runs)
    without = wall([py, "-c", f"import gc; gc.disable(); {entry}", str(tracker)], env, runs)
    print(
        f"whole process on {tracker.name}: {with_gc:.3f} s; with the garbage collector off:"
        f" {without:.3f} s ({(1 - without / with_gc) * 100:.0f}% less)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=run.ROOT / "bench" / "out")
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per measurement")
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the profiled tracker")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    venv = out / "venv"
    if not (venv / "bin" / "tracker-lint").exists():
        sys.exit(f"no bench venv in {out}: run python bench/run.py first")
    py = str(venv / "bin" / "python")
    env = run.bench_env(venv)
    tracker = out / "data" / f"tracker-{args.rows}.md"
    if not tracker.exists():
        tracker.parent.mkdir(parents=True, exist_ok=True)
        tracker.write_text(generate.tracker(args.rows), encoding="utf-8")
    print(f"== imports: tracker-lint on {run.EXAMPLE.name} vs the import floor", flush=True)
    imports(py, str(venv / "bin" / "tracker-lint"), run.EXAMPLE, env, args.runs)
    print(f"\n== hot functions: tracker-lint on {tracker.name}", flush=True)
    hot(py, tracker, env, max(3, args.runs // 3))
    return 0


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    raise SystemExit(main())
