"""The model holds no reference cycles: dropped, it is freed by reference counting
alone. The command line relies on it (it runs the cycle collector rarely, see
``tracker_lint.cli.run``); a cycle here would make a run over many files grow."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SETTINGS, TODAY
from tracker_lint import fix_text, lint
from tracker_lint.engine import model
from tracker_lint.report import build_report

DOCUMENTS = sorted(FIXTURES.glob("*.md"))


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()  # what imports and caches left behind
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
@pytest.mark.usefixtures("collector_off")
def test_linting_fixing_and_reporting_leave_no_cycles(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lint(text, SETTINGS)  # warm the caches: what they keep is not garbage
    gc.collect()
    base = model(text, SETTINGS.profile)
    lint(text, SETTINGS, base=base)
    fix_text(text, SETTINGS, unsafe=True, base=base)
    build_report(model(text, SETTINGS.profile), TODAY)
    del base
    assert gc.collect() == 0
