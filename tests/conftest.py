from __future__ import annotations

import gc
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tracker_lint import Settings, lint

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "learning-module-tracker.md"
TODAY = date(2026, 11, 26)
SETTINGS = Settings(today=TODAY)


# Hypothesis: CI (the CI variable set, as .ci/run and CI services set it) draws more
# examples, derandomized so that a run is reproducible; elsewhere fewer, so that the fast
# suite stays fast. The slow gates (the differential test's 2,000 documents, the
# generator's reach) run with the slow tests.
CI = bool(os.environ.get("CI"))
settings.register_profile(
    "ci",
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci" if CI else "dev")


def examples(*, ci: int, fast: int) -> int:
    """A test's own example count: ``ci`` under CI, ``fast`` elsewhere."""
    return ci if CI else fast


# A finding line of the text output: ``path:line:column: CODE ...``.
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>TL\d{3})\b")
Key = tuple[str, int, int, str]  # (path, line, column, code)


EXAMPLE_PROFILES = ROOT / "examples" / "profiles"


def folder_fixtures() -> list[tuple[Path, Path]]:
    """Every document of a fixture folder (``fixtures/<name>/``) and the configuration
    it is linted with: the folder's own ``.tracker-lint.toml``, or the example profile
    of the same name (``examples/profiles/<name>.toml``) that the folder shows."""
    found = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        config = folder / ".tracker-lint.toml"
        if not config.exists():
            config = EXAMPLE_PROFILES / f"{folder.name}.toml"
        found += [(document, config) for document in sorted(folder.glob("*.md"))]
    return found


def keys(stdout: str) -> list[Key]:
    """(path, line, column, code) of each finding line of text output, in order: what
    tests compare. The wording of messages is compared in tests/test_golden.py only."""
    return [
        (m["path"], int(m["line"]), int(m["col"]), m["code"])
        for m in map(FINDING.match, stdout.splitlines())
        if m is not None
    ]


def other_lines(stdout: str) -> list[str]:
    """The lines of text output that are not findings: the summary, ``Fixed ...`` lines."""
    return [line for line in stdout.splitlines() if not FINDING.match(line)]


def json_keys(stdout: str) -> list[Key]:
    """(path, line, column, code) of each finding of ``--output-format json``."""
    return [(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(stdout)]


def positions(text: str, settings: Settings = SETTINGS) -> list[tuple[int, int, str]]:
    """(line, column, code) of every finding: what rule tests compare."""
    return [(f.line, f.column, f.code) for f in lint(text, settings)]


# Variables a user's shell or a hook may set that change what the command line prints.
CLEAN_ENV = ("TRACKER_LINT_OUTPUT_FORMAT", "PRE_COMMIT")


def run(
    *args: str,
    stdin: bytes | str | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command line in this process: ``tracker_lint.cli.main(args)``.

    Standard input, output and error are UTF-8 text streams over bytes (with a
    ``.buffer``, as a process has); ``cwd`` and ``env`` (a value of None removes a
    variable) hold for the call only, and the variables in ``CLEAN_ENV`` are
    removed unless ``env`` sets them. A SystemExit (argparse) becomes the return
    code. The result has the shape of a child process's: returncode, stdout, stderr.
    """
    from tracker_lint.cli import main

    data = stdin.encode("utf-8", "surrogateescape") if isinstance(stdin, str) else stdin or b""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdin, sys.stdout, sys.stderr)
    overrides: dict[str, str | None] = {**dict.fromkeys(CLEAN_ENV), **(env or {})}
    saved_env = {name: os.environ.get(name) for name in overrides}
    saved_cwd = os.getcwd()
    gc_enabled = gc.isenabled()
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="")
    stderr = io.TextIOWrapper(err, encoding="utf-8", newline="")
    try:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        sys.stdout, sys.stderr = stdout, stderr
        _set_env(overrides)
        if cwd is not None:
            os.chdir(cwd)
        try:
            returncode = main(list(args))
        except SystemExit as e:
            returncode = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            if isinstance(e.code, str):
                print(e.code, file=sys.stderr)
        stdout.flush()
        stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(saved_cwd)
        _set_env(saved_env)
        if gc_enabled and not gc.isenabled():
            gc.enable()
    return subprocess.CompletedProcess(
        list(args),
        returncode,
        out.getvalue().decode("utf-8", "surrogateescape"),
        err.getvalue().decode("utf-8", "surrogateescape"),
    )


def _set_env(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


# The name the tests used when every run was a child process (tests/test_docs.py uses it).
run_cli = run


def run_process(
    *args: str,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process (``python -m tracker_lint``): for
    what only a process shows (start-up imports, the interpreter's own stream
    encoding, permissions, concurrency). Tests that use it are marked ``slow``."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for name in CLEAN_ENV:
        full_env.pop(name, None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tracker_lint", *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd,
        env=full_env,
        check=False,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("the shared seed tracker is not present beside the project")
    return SEED.read_text(encoding="utf-8")


def pytest_configure(config: pytest.Config) -> None:
    # CI has ../shared beside the clone: there, the tests that read the user's tracker
    # and the corpus must run, not skip.
    if os.environ.get("TRACKER_LINT_REQUIRE_SHARED"):
        for needed in (SEED, SHARED / "corpus", SHARED / "schemas" / "sarif-schema-2.1.0.json"):
            if not needed.exists():
                raise pytest.UsageError(
                    f"TRACKER_LINT_REQUIRE_SHARED is set but {needed} is missing"
                )
