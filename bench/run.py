"""Benchmark tracker-lint against the import floor, a bare parse and its peers.

Run by hand (not in CI), from anywhere:

    python bench/run.py [--runs N] [--quick] [--out bench/out] [--reinstall] [--rev REV]

It generates its inputs (trackers of 1,000, 10,000 and 100,000 rows in the
seed tracker's format, and a repository-like folder of 200 Markdown files
plus one tracker) into the output folder, installs the project (a regular,
non-editable install with compiled bytecode) and the peers into a venv there,
then times each command as a fresh process: median wall time and median peak
resident memory over several runs. It prints a table of medians and the
issue's target ratios, and writes the same report to ``OUT/results.md`` (and
the raw numbers to ``OUT/results.json``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT.parent / "shared" / "seed" / "learning-module-tracker.md"
TASKS = "100k tasks"  # a checklist of 100,000 task-list items, linted with the tasks profile
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE")
PEERS_PIP = ("mdformat", "pymarkdownlnt", "rumdl", "pyinstrument")
PEERS_NPM = ("markdownlint-cli2",)
SIZES = (1_000, 10_000, 100_000)
BARE_PARSE = (
    "import sys; from markdown_it import MarkdownIt; "
    "MarkdownIt('commonmark').enable('table').parse(open(sys.argv[1], encoding='utf-8').read())"
)
MIB = 1024 * 1024


# --- setup ---------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_quiet(
    cmd: Sequence[str | Path], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in cmd], check=False, capture_output=True, text=True, env=env
    )


def git(*args: str) -> str:
    """Output of a read-only git command in the project ("" when git is unavailable)."""
    try:
        done = run_quiet(["git", "-C", ROOT, *args])
    except OSError:
        return ""
    return done.stdout if done.returncode == 0 else ""


def project_source(out: Path, rev: str | None) -> tuple[Path, str]:
    """A clean copy of what a regular install is built from, and a label for the report.

    From the working tree by default, or from a commit with ``--rev`` (``git archive``,
    which changes no git state). A clean copy means no stale ``build/`` directory.
    """
    src = out / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    parts = [*PROJECT_FILES, "tracker_lint"]
    if rev:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", rev, *parts],
            check=False,
            capture_output=True,
        )
        if archive.returncode:
            sys.exit(f"git archive {rev} failed: {archive.stderr.decode(errors='replace')}")
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
        return src, f"commit {git('rev-parse', '--short', rev).strip() or rev}"
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "tracker_lint",
        src / "tracker_lint",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    head = git("rev-parse", "--short", "HEAD").strip() or "unknown commit"
    dirty = git("status", "--porcelain", "--", *parts).strip()
    return src, f"working tree at {head}" + (" with uncommitted changes" if dirty else "")


def tree_digest(src: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(src.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(src)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def install_project(venv: Path, src: Path) -> None:
    """A regular (non-editable) install of ``src``; dependencies first, then the project."""
    pip: list[str | Path] = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    for cmd in ([*pip, src], [*pip, "--force-reinstall", "--no-deps", src]):
        done = run_quiet(cmd)
        if done.returncode:
            sys.exit(f"installing the project failed:\n{done.stderr}")


def ensure_venv(out: Path, reinstall: bool, peers: bool, rev: str | None) -> tuple[Path, str]:
    """The bench venv with the project, the Python peers and bytecode compiled."""
    venv = out / "venv"
    python = venv / "bin" / "python"
    if not python.exists():
        log(f"creating {venv}")
        run_quiet([sys.executable, "-m", "venv", venv]).check_returncode()
    src, label = project_source(out, rev)
    stamp = venv / "tracker-lint.digest"
    digest = tree_digest(src)
    if reinstall or not stamp.exists() or stamp.read_text() != digest:
        log(f"installing the project from the {label} (regular install)")
        install_project(venv, src)
        stamp.write_text(digest)
    if peers:
        for name in PEERS_PIP:
            marker = venv / f"peer-{name}.installed"
            if marker.exists():
                continue
            log(f"installing {name}")
            done = run_quiet([python, "-m", "pip", "install", "--quiet", name])
            if done.returncode == 0:
                marker.write_text("")
            else:
                log(f"  {name} not installed: {done.stderr.strip().splitlines()[-1:]}")
        node_bin = out / "node" / "node_modules" / ".bin"
        if shutil.which("npm") and not (node_bin / "markdownlint-cli2").exists():
            log("installing markdownlint-cli2 (npm)")
            npm = ["npm", "install", "--prefix", str(out / "node"), "--no-audit", "--no-fund"]
            done = run_quiet([*npm, "--silent", *PEERS_NPM])
            if done.returncode:
                log(f"  markdownlint-cli2 not installed: {done.stderr.strip()[-300:]}")
    # Measured processes must find .pyc files: this machine may set PYTHONDONTWRITEBYTECODE.
    site = run_quiet([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    run_quiet([python, "-m", "compileall", "-q", "-j0", site.stdout.strip()], env=bench_env(venv))
    return venv, label


def bench_env(venv: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    env.pop("PYTHONPATH", None)
    return env


# --- inputs --------------------------------------------------------------------------------


@dataclass
class Inputs:
    files: dict[str, Path]  # label -> Markdown file (or folder)
    rows: dict[str, int]
    loaded_pages: int


def make_inputs(out: Path, sizes: Sequence[int]) -> Inputs:
    """Write the generated inputs (rewritten each run, so always what this script makes)."""
    data = out / "data"
    files: dict[str, Path] = {}
    rows: dict[str, int] = {}
    if EXAMPLE.exists():
        files["example"] = EXAMPLE
        rows["example"] = generate.count_rows(EXAMPLE.read_text(encoding="utf-8"))
    else:
        log(f"{EXAMPLE} not found: the example tracker is left out")
    data.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        label = f"{n // 1000}k rows"
        path = data / f"tracker-{n}.md"
        text = generate.tracker(n)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        files[label] = path
        rows[label] = n
    if 100_000 in sizes:  # a checklist as large as the largest table tracker
        path = data / "tasks-100000.md"
        text = generate.checklist(100_000)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        files[TASKS] = path
        rows[TASKS] = 100_000
    repo = data / "repo"
    shutil.rmtree(repo, ignore_errors=True)
    loaded = generate.folder(repo)
    files["folder tracker"] = repo / "docs" / "TRACKER.md"
    rows["folder tracker"] = 55
    files["folder"] = repo
    return Inputs(files, rows, loaded)


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Case:
    tool: str
    target: str
    cmd: list[str]
    size: int  # bytes of input, to extrapolate a peer's time to a bigger input
    runs: int
    times: list[float] = field(default_factory=list)
    mems: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    exit_codes: set[int] = field(default_factory=set)
    note: str = ""
    first: float | None = None  # seconds of the first (warm-up) run

    @property
    def time(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def mem(self) -> float | None:
        return statistics.median(self.mems) if self.mems else None


TIME = Path("/usr/bin/time")
# Without GNU time, a small wrapper process forks the command and reports its peak RSS. A
# child started straight from this script would inherit this (larger) process's peak RSS.
WRAPPER = """\
import os, resource, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
status = os.waitpid(pid, 0)[1]
with open(sys.argv[1], "w") as fh:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    fh.write(f"{ru.ru_maxrss} {ru.ru_utime} {ru.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


class Overtime(Exception):
    """A run took longer than its limit and was stopped."""


def measure(
    cmd: Sequence[str], env: dict[str, str], cwd: Path, out_log: Path, limit: float
) -> tuple[float, float, float, int]:
    """Wall seconds, peak RSS (MiB), CPU seconds and exit code of one fresh process."""
    rss_file = out_log.with_suffix(".rss")
    if TIME.exists():
        full = [str(TIME), "-q", "-f", "%M %U %S", "-o", str(rss_file), *cmd]
    else:
        full = [sys.executable, "-I", "-S", "-c", WRAPPER, str(rss_file), *cmd]
    with out_log.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(
            full,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cwd,
            start_new_session=True,  # its own process group, to stop it with its children
        )
        # A blocking wait: Popen.wait(timeout) polls with sleeps of up to 50 ms, which
        # would round short runs up; a timer stops an overlong run instead.
        timer = threading.Timer(limit, os.killpg, (proc.pid, signal.SIGKILL))
        timer.start()
        code = proc.wait()
        elapsed = time.perf_counter() - start
        timer.cancel()
    if elapsed >= limit:
        raise Overtime
    kib, *cpu = rss_file.read_text().split()
    return elapsed, int(kib) * 1024 / MIB, sum(map(float, cpu)), code


SHORT = 1.0  # seconds: cases quicker than this are measured interleaved, SHORT_FACTOR x more
SHORT_FACTOR = 4


def log_path(case: Case, out: Path) -> Path:
    logs = out / "logs"
    logs.mkdir(exist_ok=True)
    return logs / f"{case.tool}--{case.target}.txt".replace(" ", "_").replace("/", "_")


def record(case: Case, result: tuple[float, float, float, int]) -> None:
    seconds, mib, cpu, code = result
    case.times.append(seconds)
    case.mems.append(mib)
    case.cpus.append(cpu)
    case.exit_codes.add(code)


def log_case(case: Case) -> None:
    log(
        f"  {case.tool:<18} {case.target:<15} {case.time or 0:8.3f} s {case.mem or 0:8.1f} MiB"
        f"  n={len(case.times)} exit={sorted(case.exit_codes)}"
    )


def estimate(case: Case, known: list[Case]) -> float | None:
    """Seconds a run of ``case`` should take, from the same tool on the next smaller tracker."""
    smaller = [
        c
        for c in known
        if c.tool == case.tool
        and c.first is not None
        and c.size < case.size
        and "folder" not in (c.target, case.target)
    ]
    if not smaller:
        return None
    ref = max(smaller, key=lambda c: c.size)
    assert ref.first is not None
    return ref.first * case.size / ref.size


def run_cases(cases: list[Case], env: dict[str, str], out: Path, args: argparse.Namespace) -> None:
    """Measure every case; short ones round-robin so that drift in load hits all alike."""
    limit = 2 * args.max_seconds  # a run taking longer is stopped

    def once(case: Case) -> tuple[float, float, float, int] | None:
        try:
            return measure(case.cmd, env, out, log_path(case, out), limit)
        except Overtime:
            case.note = f"stopped: a run took over {limit:g} s (2 x --max-seconds)"
            case.first = limit  # bigger inputs of this tool are then skipped
            log(f"  {case.tool} on {case.target}: {case.note}")
            return None

    short: list[Case] = []
    known: list[Case] = []
    for case in cases:
        if not case.runs:
            continue
        guess = estimate(case, known)
        if guess is not None and guess > args.max_seconds:
            case.note = f"skipped: ~{guess:.0f} s a run (> --max-seconds {args.max_seconds:g})"
            log(f"  {case.tool} on {case.target}: {case.note}")
            continue
        known.append(case)
        if guess is None or guess < 2 * SHORT:
            # Warm-up run (file cache, first-run effects), not counted; it sorts the case.
            warm = once(case)
            if warm is None:
                continue
            case.first = warm[0]
            if case.first < SHORT:
                short.append(case)
                continue
        spent = 0.0
        for _ in range(case.runs):
            result = once(case)
            if result is None:
                break
            record(case, result)
            case.first = case.first or case.times[0]
            spent += case.times[-1]
            if spent > args.case_seconds:
                break
        if case.times:
            log_case(case)
    log(f"  {len(short)} short cases, interleaved")
    for _ in range(args.runs * SHORT_FACTOR):
        for case in short:
            result = once(case)
            if result is not None:
                record(case, result)
    for case in short:
        log_case(case)


def build_cases(venv: Path, out: Path, inputs: Inputs, args: argparse.Namespace) -> list[Case]:
    py = str(venv / "bin" / "python")
    bin_ = venv / "bin"
    node_bin = out / "node" / "node_modules" / ".bin" / "markdownlint-cli2"
    files = inputs.files

    def size(label: str) -> int:
        p = files[label]
        if p.is_dir():
            return sum(f.stat().st_size for f in p.rglob("*.md"))
        return p.stat().st_size

    def runs(label: str) -> int:
        n: int = args.runs
        return min(n, 3) if inputs.rows.get(label, 0) >= 100_000 else n

    cases = [Case("import floor", "-", [py, "-c", "import markdown_it"], 0, args.runs)]
    for label, path in files.items():
        profile = ["--config", 'profile = "tasks"'] if label == TASKS else []
        cases.append(
            Case(
                "tracker-lint",
                label,
                [str(bin_ / "tracker-lint"), *profile, str(path)],
                size(label),
                runs(label),
            )
        )
    for label, path in files.items():
        if label not in ("folder", "folder tracker"):
            cases.append(
                Case(
                    "bare parse", label, [py, "-c", BARE_PARSE, str(path)], size(label), runs(label)
                )
            )
    peers: list[tuple[str, list[str], list[str]]] = [
        # (tool, command for one file, extra arguments for the folder)
        ("mdformat --check", [str(bin_ / "mdformat"), "--check"], []),
        ("pymarkdown scan", [str(bin_ / "pymarkdown"), "scan"], ["-r"]),
        (
            "rumdl check",
            [str(bin_ / "rumdl"), "check", "--no-cache"],
            ["--respect-gitignore=false"],
        ),
        ("markdownlint-cli2", [str(node_bin)], []),
    ]
    skipped: list[Case] = []
    for tool, cmd, folder_args in peers:
        if not args.peers or not Path(cmd[0]).exists():
            skipped.append(
                Case(tool, "all", cmd, 0, 0, note="not installed" if args.peers else "--no-peers")
            )
            continue
        for label, path in files.items():
            if label in ("folder tracker", TASKS):
                continue
            target = str(path)
            if label == "folder":
                if tool == "markdownlint-cli2":
                    target = f"{path}/**/*.md"
                cases.append(
                    Case(tool, label, [*cmd, *folder_args, target], size(label), runs(label))
                )
            else:
                cases.append(Case(tool, label, [*cmd, target], size(label), runs(label)))
    return cases + skipped


# --- report --------------------------------------------------------------------------------


def fmt(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def ratio_rows(cases: list[Case]) -> list[tuple[str, float | None, float, str]]:
    """(target, measured ratio, limit, explanation) for each of the issue's targets."""

    def get(tool: str, target: str) -> Case | None:
        return next((c for c in cases if c.tool == tool and c.target == target and c.times), None)

    def ratio(a: Case | None, b: Case | None, attr: str, scale: float = 1.0) -> float | None:
        if a is None or b is None:
            return None
        x, y = getattr(a, attr), getattr(b, attr)
        return x / (y * scale) if x is not None and y else None

    floor = get("import floor", "-")
    ex = get("tracker-lint", "example")
    rows: list[tuple[str, float | None, float, str]] = [
        ("example tracker: tracker-lint / import floor (time)", ratio(ex, floor, "time"), 1.3, "≤"),
    ]
    for peer in ("mdformat --check", "pymarkdown scan"):
        rows.append(
            (
                f"example tracker: tracker-lint / {peer} (time)",
                ratio(ex, get(peer, "example"), "time"),
                1.0,
                "<",
            )
        )
    folder, alone = get("tracker-lint", "folder"), get("tracker-lint", "folder tracker")
    rows.append(
        ("200 files + tracker / that tracker alone (time)", ratio(folder, alone, "time"), 1.5, "≤")
    )
    big, mid = get("tracker-lint", "100k rows"), get("tracker-lint", "10k rows")
    rows.append(("100k rows / (10 × 10k rows) (time)", ratio(big, mid, "time", 10), 1.3, "≤"))
    rows.append(("100k rows / (10 × 10k rows) (memory)", ratio(big, mid, "mem", 10), 1.3, "≤"))
    bare = get("bare parse", "100k rows")
    rows.append(("100k rows: tracker-lint / bare parse (time)", ratio(big, bare, "time"), 0.5, "≤"))
    rows.append(
        ("100k rows: tracker-lint / bare parse (memory)", ratio(big, bare, "mem"), 0.6, "≤")
    )
    return rows


def package_versions(venv: Path, out: Path) -> list[str]:
    done = run_quiet(
        [
            venv / "bin" / "python",
            "-m",
            "pip",
            "list",
            "--format=json",
            "--disable-pip-version-check",
        ]
    )
    wanted = {
        "tracker-lint",
        "markdown-it-py",
        "mdit-py-plugins",
        "pydantic",
        "mdformat",
        "pymarkdownlnt",
        "rumdl",
    }
    versions = [
        f"{p['name']} {p['version']}"
        for p in json.loads(done.stdout or "[]")
        if p["name"].lower() in wanted
    ]
    pkg = out / "node" / "node_modules" / "markdownlint-cli2" / "package.json"
    if pkg.exists():
        node = run_quiet(["node", "--version"]).stdout.strip()
        versions.append(f"markdownlint-cli2 {json.loads(pkg.read_text())['version']} (node {node})")
    return sorted(versions, key=str.lower)


def machine() -> list[str]:
    info: dict[str, str] = {}
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            info.setdefault(key.strip(), value.strip())
    cpu = (
        f"{info.get('model name', 'unknown')} (family {info.get('cpu family', '?')},"
        f" model {info.get('model', '?')}, {float(info.get('cpu MHz', 0)):.0f} MHz)"
    )
    mem = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores; memory {mem}",
        f"OS: {platform.system()} {platform.release()}",
        f"Python {platform.python_version()} ({sys.executable})",
    ]


@dataclass
class Setup:
    venv: Path
    out: Path
    argv: list[str]
    source: str  # what tracker-lint was installed from
    load: float = 0.0  # load average when the measuring started


def report(cases: list[Case], inputs: Inputs, setup: Setup) -> str:
    venv, out = setup.venv, setup.out
    lines = [
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC:"
        f" `{shlex.join(['python', 'bench/run.py', *setup.argv])}`",
        "",
        *(f"- {m}" for m in machine()),
        f"- tracker-lint installed from the {setup.source}",
        f"- packages: {', '.join(package_versions(venv, out))}",
        "",
        "Inputs: "
        + ", ".join(
            f"{label} ({inputs.rows[label]:,} rows, {p.stat().st_size / 1024:,.0f} KiB)"
            for label, p in inputs.files.items()
            if label in inputs.rows
        )
        + f"; folder: 200 ordinary pages ({inputs.loaded_pages} of them contain the words"
        " module, exam and status) + docs/TRACKER.md (the folder tracker).",
        "",
        "Medians of fresh processes: time is wall-clock seconds, CPU is user + system"
        " seconds, memory is peak RSS in MiB (GNU time's %M), n is the number of measured"
        " runs. A case under"
        f" {SHORT:g} s gets one warm-up run, then its runs ({SHORT_FACTOR} x --runs) are"
        " interleaved with the other short cases'; a longer case stops repeating after"
        " --case-seconds; a 100k-row case runs at most 3 times. Load average before and"
        f" after: {setup.load:.2f} / {os.getloadavg()[0]:.2f}.",
        "",
        "| tool | input | time (s) | CPU (s) | memory (MiB) | n | exit | note |",
        "|---|---|--:|--:|--:|--:|---|---|",
    ]
    for c in cases:
        code = ",".join(map(str, sorted(c.exit_codes)))
        lines.append(
            f"| {c.tool} | {c.target} | {fmt(c.time, 3)} | {fmt(c.cpu, 3)} | {fmt(c.mem, 1)}"
            f" | {len(c.times) or ''}"
            f" | {code} | {c.note} |"
        )
    lines += ["", "| target | measured | limit | |", "|---|--:|--:|---|"]
    for name, value, limit, op in ratio_rows(cases):
        if value is None:
            verdict = "not measured"
        else:
            ok = value <= limit if op == "≤" else value < limit
            verdict = "**met**" if ok else "**not met**"
        lines.append(f"| {name} | {fmt(value, 2)} | {op} {limit:g} | {verdict} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="measured runs per case (default 5; 3 with --quick; at most 3 for 100k rows)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="3 runs, no 100k-row tracker, tighter peer limits"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "out", help="output folder (default bench/out)"
    )
    parser.add_argument(
        "--rev",
        help="install tracker-lint from this commit (git archive) instead of the working tree",
    )
    parser.add_argument(
        "--reinstall", action="store_true", help="reinstall the project into the bench venv"
    )
    parser.add_argument(
        "--no-peers",
        dest="peers",
        action="store_false",
        help="measure tracker-lint, the floor and the bare parse only",
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=None,
        help="skip a case whose run is estimated longer, stop a run after 2 x this"
        " (default 60; 15 with --quick)",
    )
    parser.add_argument(
        "--case-seconds",
        type=float,
        default=60.0,
        help="stop repeating a case after this many seconds (default 60)",
    )
    args = parser.parse_args(argv)
    args.runs = args.runs or (3 if args.quick else 5)
    args.max_seconds = args.max_seconds or (15.0 if args.quick else 60.0)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    venv, source = ensure_venv(out, args.reinstall, args.peers, args.rev)
    setup = Setup(venv, out, argv, source)
    inputs = make_inputs(out, SIZES[:2] if args.quick else SIZES)
    env = bench_env(venv)
    cases = build_cases(venv, out, inputs, args)
    log(f"measuring {sum(1 for c in cases if c.runs)} cases")
    setup.load = os.getloadavg()[0]
    run_cases(cases, env, out, args)
    text = report(cases, inputs, setup)
    (out / "results.md").write_text(text, encoding="utf-8")
    (out / "results.json").write_text(
        json.dumps(
            [
                {
                    "tool": c.tool,
                    "input": c.target,
                    "times": c.times,
                    "cpus": c.cpus,
                    "mems": c.mems,
                    "exit": sorted(c.exit_codes),
                    "note": c.note,
                }
                for c in cases
            ],
            indent=1,
        ),
        encoding="utf-8",
    )
    print(text)
    log(f"written to {out / 'results.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
