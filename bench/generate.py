"""Deterministic benchmark inputs: trackers in the seed tracker's format and a docs folder.

The trackers follow the "Learning Module Development Tracker" layout: YAML
front matter, an Overview, a Quick Stats list whose totals are right, a
Legend, ``##`` sections with ``###`` subsections each holding a table
``# | Name | Module | Exam | Status | Notes | Last Updated`` (statuses
consistent with the Module and Exam columns, dates on every row with
progress), then prose, lists and fenced code blocks. A generated tracker lints
clean, which is the common pre-commit case.

The folder is a small repository's worth of ordinary Markdown: READMEs,
guides, API pages and changelogs with headings, lists, code blocks and an
ordinary table or two, but no tracked table, plus one tracker.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 20250130

# (Module, Exam) -> Status, as the default profile derives it.
STATUS_OF = {
    ("✅", "✅"): "✅ Complete",
    ("✅", "⬜"): "📝 Module done",
    ("⬜", "✅"): "🎯 Exam done",
    ("⬜", "⬜"): "⬜ Not started",
    ("🔄", "⬜"): "🔄 In Progress",
    ("✅", "🔄"): "🔄 In Progress",
    ("🔄", "🔄"): "🔄 In Progress",
}
# Weights of each (Module, Exam) pair: most rows not started, a fair share done.
PAIR_WEIGHTS = {
    ("✅", "✅"): 30,
    ("✅", "⬜"): 10,
    ("⬜", "✅"): 3,
    ("⬜", "⬜"): 45,
    ("🔄", "⬜"): 6,
    ("✅", "🔄"): 5,
    ("🔄", "🔄"): 1,
}
REVIEW_SHARE = 0.04  # rows whose derived status accepts 🔍 and that say 🔍 Needs review

SECTIONS = [
    ("🎯", "Fundamental Laws"),
    ("🏛️", "Architectural Pillars"),
    ("🔧", "Design Patterns"),
    ("📚", "Case Studies"),
    ("🧪", "Testing Practices"),
    ("🔐", "Security Topics"),
    ("📦", "Data Systems"),
    ("🌐", "Networking"),
]
SUBSECTIONS = [
    "Scaling",
    "Resilience",
    "Architecture",
    "Data Management",
    "Communication",
    "Coordination",
    "Observability",
    "Storage",
    "Consistency",
    "Deployment",
]
ADJECTIVES = [
    "Adaptive",
    "Async",
    "Bounded",
    "Consistent",
    "Distributed",
    "Elastic",
    "Eventual",
    "Fault-tolerant",
    "Global",
    "Hierarchical",
    "Idempotent",
    "Lazy",
    "Leaderless",
    "Partitioned",
    "Quorum",
    "Replicated",
    "Sharded",
    "Streaming",
    "Tiered",
    "Versioned",
]
NOUNS = [
    "Load Balancing",
    "Caching",
    "Sharding",
    "Rate Limiting",
    "Circuit Breaker",
    "Retry & Backoff",
    "Bulkhead",
    "Health Checks",
    "Event Sourcing",
    "CQRS",
    "Saga",
    "API Gateway",
    "Service Mesh",
    "Leader Election",
    "Consensus (Raft/Paxos)",
    "Vector Clocks",
    "Outbox",
    "Change Data Capture",
    "Read Replicas",
    "Gossip",
    "Write-Ahead Log",
    "Bloom Filters",
    "Consistent Hashing",
    "Backpressure",
]
NOTES_DONE = [
    "module-{slug}.md created",
    "{slug}-exam.md created",
    "Created in session",
    "Both done!",
    "Reviewed by **team lead**",
    "See [notes]({slug}.md)",
    "Uses `{slug}` examples",
    "Split into two parts (part 1 and part 2)",
]
NOTES_STARTED = ["Working on module", "Draft in progress", "Outline done", "Waiting for review"]
PRIORITY = ["P1", "P2", "P3"]

CHECKLIST = """\
```markdown
- [ ] Read original content completely
- [ ] Identify all key concepts
- [ ] Create 5-8 focus blocks
- [ ] Add code examples
- [ ] Include visual diagrams
- [ ] Write summary and takeaways
```
"""


@dataclass
class Counts:
    total: int = 0
    complete: int = 0
    module_done: int = 0
    exam_done: int = 0
    in_progress: int = 0
    not_started: int = 0
    review: int = 0


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def _table_sizes(rows: int, rng: random.Random) -> list[int]:
    """Split ``rows`` into tables of 4 to 400 rows, as a tracker grows."""
    typical = 6 if rows < 200 else 40 if rows < 5_000 else 250
    sizes: list[int] = []
    left = rows
    while left > 0:
        n = min(left, max(1, int(rng.gauss(typical, typical / 3))))
        sizes.append(n)
        left -= n
    return sizes


def _rows(n: int, rng: random.Random, first_id: int, day0: date, counts: Counts) -> list[str]:
    pairs = list(PAIR_WEIGHTS)
    weights = list(PAIR_WEIGHTS.values())
    lines = []
    for i in range(1, n + 1):
        uid = first_id + i
        name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {uid}"
        module, exam = rng.choices(pairs, weights)[0]
        status = STATUS_OF[(module, exam)]
        counts.total += 1
        if status.startswith("✅"):
            counts.complete += 1
        elif status.startswith("📝"):
            counts.module_done += 1
        elif status.startswith("🎯"):
            counts.exam_done += 1
        elif status.startswith("🔄"):
            counts.in_progress += 1
        else:
            counts.not_started += 1
        if status[0] in "✅📝🎯" and rng.random() < REVIEW_SHARE:
            status = "🔍 Needs review"
            counts.review += 1
        if status.startswith("⬜"):
            notes = rng.choice(["", "", "", rng.choice(PRIORITY)])
            updated = ""
        else:
            template = rng.choice(NOTES_STARTED if module == "🔄" or exam == "🔄" else NOTES_DONE)
            notes = template.format(slug=_slug(name))
            updated = (day0 + timedelta(days=rng.randrange(600))).isoformat()
        lines.append(f"| {i} | {name} | {module} | {exam} | {status} | {notes} | {updated} |")
    return lines


def count_rows(text: str) -> int:
    """Body rows of the tables whose header names Module, Exam and Status (a rough count)."""
    count = 0
    tracked = False
    for line in text.splitlines():
        if not line.startswith("|"):
            tracked = False
        elif all(w in line for w in ("Module", "Exam", "Status")):
            tracked = True
        elif tracked and not set(line) <= set("|-: "):
            count += 1
    return count


def tracker(rows: int, seed: int = SEED) -> str:
    """A tracker of exactly ``rows`` table rows, with right Quick Stats."""
    rng = random.Random(seed + rows)
    counts = Counts()
    day0 = date(2024, 1, 2)
    body: list[str] = []
    next_id = 0
    sizes = _table_sizes(rows, rng)
    per_section = max(1, -(-len(sizes) // len(SECTIONS)))
    for t, size in enumerate(sizes):
        if t % per_section == 0:
            emoji, title = SECTIONS[(t // per_section) % len(SECTIONS)]
            part = t // (per_section * len(SECTIONS))
            suffix = f" (part {part + 1})" if part else ""
            body += ["---", "", f"## {emoji} {title}{suffix}", ""]
            body += [f"Pages about {title.lower()}, tracked one row per page.", ""]
        sub = SUBSECTIONS[t % len(SUBSECTIONS)]
        body += [f"### {sub} {t + 1}", ""]
        body += [
            "| # | Name | Module | Exam | Status | Notes | Last Updated |",
            "|---|------|--------|------|--------|-------|-------------|",
        ]
        body += _rows(size, rng, next_id, day0, counts)
        body.append("")
        next_id += size
    pct = 100 * counts.complete / counts.total if counts.total else 0.0
    head = [
        "---",
        'title: "Learning Module Development Tracker"',
        'description: "Manual tracking system for creating learning modules and exams"',
        "type: tracking-system",
        "created: 2025-01-30",
        "status: active",
        "tags: [tracking, progress, learning-modules, exams]",
        "---",
        "",
        "# Learning Module Development Tracker",
        "",
        "## Overview",
        "",
        "This document tracks the progress of creating learning modules and exams for all",
        "content pages. Each entry represents one page that needs a learning module and exam.",
        "",
        "---",
        "",
        "## Quick Stats",
        "",
        f"- **Total Pages**: {counts.total}",
        f"- **Completed**: {counts.complete} (both module and exam)",
        f"- **Modules Done (need exams)**: {counts.module_done}",
        f"- **Exams Done (need modules)**: {counts.exam_done}",
        f"- **In Progress**: {counts.in_progress}",
        f"- **Not Started**: {counts.not_started}",
        f"- **Needs Review**: {counts.review}",
        f"- **Completion**: {pct:.1f}%",
        "",
        "---",
        "",
        "## 📊 Progress Tracking",
        "",
        "### Legend",
        "- ✅ Complete (both module and exam done)",
        "- 🔄 In Progress",
        "- 📝 Module done, needs exam",
        "- 🎯 Exam done, needs module",
        "- ⬜ Not started",
        "- 🔍 Needs review/update",
        "",
    ]
    tail = [
        "---",
        "",
        "## 📋 Work Instructions",
        "",
        "### When Starting a New Module",
        "",
        "1. **Pick a page from the tracker above**",
        "2. **Update status to 🔄 In Progress**",
        "3. **Create the learning module following the template**",
        "4. **Update status to ✅ Complete**",
        "",
        "### Module Checklist",
        "",
        CHECKLIST,
        "## 🔄 How to Update This Tracker",
        "",
        "1. When starting work on a page:",
        "   ```markdown",
        "   Change: | Pattern Name | ⬜ | ⬜ | ⬜ Not started | | |",
        "   To:     | Pattern Name | 🔄 | ⬜ | 🔄 In Progress | Working on module | 2025-01-30 |",
        "   ```",
        "",
        "---",
        "",
        "*This tracker should be updated after completing each module or exam.*",
        "",
    ]
    return "\n".join(head + body + tail)


# --- the repository-like folder ------------------------------------------------------------

_WORD_TEXT = (
    "the a of to and in for is on with that by this be are from or as it an at which can "
    "service request response cache client server config option value file path test build "
    "release deploy user data record queue worker timeout retry error handler event stream "
    "index query schema token session policy cluster node replica shard backup restore "
    "metric log trace alert dashboard runtime library package command flag default"
)
WORDS = _WORD_TEXT.split()
# Words that make a page pass tracker-lint's cheap pre-filter when they all occur.
LOADED = ["module", "example", "status"]
LANGS = ["python", "bash", "yaml", "json", "go", "typescript"]
CODE = {
    "python": "from app import Client\n\nclient = Client(timeout=30)\nprint(client.get('/health'))",
    "bash": "make build\n./bin/server --port 8080 --config config.yaml",
    "yaml": "server:\n  port: 8080\n  replicas: 3\ncache:\n  ttl: 300",
    "json": '{\n  "name": "worker",\n  "retries": 5,\n  "queues": ["default", "slow"]\n}',
    "go": 'func main() {\n\tsrv := server.New()\n\tlog.Fatal(srv.Listen(":8080"))\n}',
    "typescript": "const client = new Client({ retries: 3 });\nawait client.connect();",
}


def _sentence(rng: random.Random, loaded: bool) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    if loaded and rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(LOADED))
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), f"`{rng.choice(WORDS)}`")
    if rng.random() < 0.15:
        w = rng.choice(WORDS)
        words.insert(rng.randrange(len(words)), f"[{w}](https://example.org/{w})")
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), f"**{rng.choice(WORDS)}**")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, loaded: bool) -> str:
    return " ".join(_sentence(rng, loaded) for _ in range(rng.randint(2, 5)))


def _plain_table(rng: random.Random) -> list[str]:
    cols = rng.sample(["Option", "Type", "Default", "Description", "Since", "Env"], 4)
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for _ in range(rng.randint(3, 12)):
        cells = [
            f"`{rng.choice(WORDS)}_{rng.choice(WORDS)}`",
            rng.choice(["string", "int", "bool", "duration"]),
            rng.choice(["`true`", "`30s`", "`8080`", "none"]),
            _sentence(rng, False)[:60],
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def document(rng: random.Random, title: str, loaded: bool) -> str:
    """An ordinary Markdown page: headings, prose, lists, code, maybe a table."""
    out = [f"# {title}", "", _paragraph(rng, loaded), ""]
    if rng.random() < 0.4:
        out += ["[![build](https://img.shields.io/badge/build-passing-green.svg)](ci)", ""]
    for s in range(rng.randint(2, 7)):
        out += [f"## {rng.choice(WORDS).title()} {rng.choice(WORDS)} {s + 1}", ""]
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.45:
                out += [_paragraph(rng, loaded), ""]
            elif kind < 0.65:
                marker = rng.choice(["-", "*", "1."])
                out += [f"{marker} {_sentence(rng, loaded)}" for _ in range(rng.randint(2, 8))]
                out.append("")
            elif kind < 0.85:
                lang = rng.choice(LANGS)
                out += [f"```{lang}", CODE[lang], "```", ""]
            elif kind < 0.93:
                out += [*_plain_table(rng), ""]
            else:
                out += [f"> **Note:** {_sentence(rng, loaded)}", ""]
        if rng.random() < 0.3:
            out += [f"### {rng.choice(WORDS).title()} details", "", _paragraph(rng, loaded), ""]
    return "\n".join(out)


def folder(root: Path, files: int = 200, tracker_rows: int = 55, seed: int = SEED) -> int:
    """Write a repository-like folder: ``files`` ordinary pages and one tracker.

    Returns the number of ordinary pages that contain every word of the
    tracker pre-filter (module, exam, status), so would need a parse.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    loaded_pages = 0
    for i in range(files - 1):  # the root README.md is the last one
        kind = i % 10
        if kind == 0:
            path = root / "packages" / f"pkg-{i // 10:02d}" / "README.md"
        elif kind in (1, 2):
            path = root / "docs" / "api" / f"{rng.choice(WORDS)}-{i}.md"
        elif kind == 3:
            path = root / "docs" / "adr" / f"{i:04d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}.md"
        elif kind == 4:
            path = root / "packages" / f"pkg-{i // 10:02d}" / "CHANGELOG.md"
        else:
            path = root / "docs" / "guides" / f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{i}.md"
        loaded = rng.random() < 0.3  # some pages talk about modules, examples, status
        text = document(rng, path.stem.replace("-", " ").title(), loaded)
        if all(w in text.casefold() for w in ("module", "exam", "status")):
            loaded_pages += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "README.md").write_text(document(rng, "Project", True), encoding="utf-8")
    (root / "docs" / "TRACKER.md").write_text(tracker(tracker_rows, seed), encoding="utf-8")
    return loaded_pages


def checklist(items: int, seed: int = SEED) -> str:
    """A task-list tracker of exactly ``items`` checkboxes (the built-in ``tasks``
    profile's shape): sections of 20 to 200 tasks under headings, a third of them
    checked, some nested under the task before."""
    rng = random.Random(seed + items)
    out = ["# Release checklist", "", "Generated for the benchmark.", ""]
    left = items
    section = 0
    while left:
        size = min(left, rng.randint(20, 200))
        section += 1
        out += [f"## {rng.choice(WORDS).title()} {section}", ""]
        for i in range(size):
            box = "x" if rng.random() < 0.33 else " "
            indent = "  " if i and rng.random() < 0.1 else ""
            out.append(f"{indent}- [{box}] {rng.choice(WORDS)} {rng.choice(WORDS)} {section}.{i}")
        out.append("")
        left -= size
    return "\n".join(out)
