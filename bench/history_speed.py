"""Speed of ``tracker-lint history`` on a long history: 1,000 commits of a 1,000-row
tracker (each commit turns one row done), built with ``git fast-import``.

Run by hand (not in CI):

    python bench/history_speed.py [--commits N] [--rows N]

It times the command as a fresh process (a regular install's console script when
``bench/out/venv`` has one, else ``python -m tracker_lint``), prints the wall time
and how many git processes it started. Issue 15's target: under 10 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent


def build(repo: Path, commits: int, rows: int) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    text = generate.tracker(rows)
    lines = text.splitlines(keepends=True)
    todo = [i for i, line in enumerate(lines) if "| ⬜ | ⬜ | ⬜ Not started |" in line]
    todo_at_start = list(todo)
    stream = []
    for n in range(commits):
        if todo:
            i = todo.pop(0)
            # a row turned done
            lines[i] = lines[i].replace("| ⬜ | ⬜ | ⬜ Not started |", "| ✅ | ✅ | ✅ Complete |")
        # every commit changes the tracker (once every row is done, a comment at its end)
        tail = "" if n < len(todo_at_start) else f"<!-- revision {n} -->\n"
        data = ("".join(lines) + tail).encode("utf-8")
        when = 1_700_000_000 + n * 3600
        message = f"commit {n}".encode()
        stream.append(
            b"commit refs/heads/main\n"
            + f"committer b <b@example.invalid> {when} +0000\n".encode()
            + f"data {len(message)}\n".encode()
            + message
            + b"\n"
            + f"M 100644 inline TRACKER.md\ndata {len(data)}\n".encode()
            + data
            + b"\n"
        )
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream),
                   check=True)  # fmt: skip
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    script = ROOT / "bench" / "out" / "venv" / "bin" / "tracker-lint"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tracker_lint"]
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder) / "repo"
        start = time.perf_counter()
        build(repo, args.commits, args.rows)
        print(f"built {args.commits} commits of {args.rows} rows in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        env = {**os.environ, "GIT_TRACE": str(Path(folder) / "trace")}
        start = time.perf_counter()
        done = subprocess.run([*command, "history", "--output-format", "csv", "TRACKER.md"],
                              cwd=repo, capture_output=True, env=env, check=True)  # fmt: skip
        seconds = time.perf_counter() - start
        trace = (Path(folder) / "trace").read_text(errors="replace")
        gits = trace.count("trace: built-in: git")
        versions = len(done.stdout.splitlines()) - 1
        print(f"tracker-lint history: {versions} versions in {seconds:.1f} s ({gits} git "
              f"processes)")  # fmt: skip
        shutil.rmtree(repo, ignore_errors=True)


if __name__ == "__main__":
    main()
