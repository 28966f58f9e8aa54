"""Regenerate every generated file of the repository, or check that none drifted.

    python scripts/generate.py          # write them
    python scripts/generate.py --check  # exit 1 and name the files that differ

The generated files: the README's rule table and ``docs/rules.md`` (from the
rules' metadata and docstrings), ``tracker_lint/_builtin_profiles.py`` (the
built-in profiles, validated from ``tracker_lint/profiles/*.toml`` exactly as a
configuration file is) and ``docs/config-schema.json`` (the configuration's
JSON Schema). ``tests/test_generated.py`` runs the check.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PROFILES = ROOT / "tracker_lint" / "profiles"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def builtin_profiles_module() -> str:
    """The source of ``_builtin_profiles.py``: each TOML profile, validated."""
    from tracker_lint.config import validate_profile

    profiles = {}
    for path in sorted(PROFILES.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        profiles[path.stem] = validate_profile(data, str(path.relative_to(ROOT)))
    body = "{\n" + "".join(f"    {name!r}: {source(p, 1)},\n" for name, p in profiles.items()) + "}"
    names = (
        "Columns, Dates, Derive, Group, Legend, Profile, StageSymbol, Stages, Status, Total, Totals"
    )
    return (
        '"""Built-in profiles, generated from profiles/*.toml by scripts/generate.py:\n'
        'do not edit (edit the TOML)."""\n\n'
        f"from tracker_lint.profile import {names}\n\n"
        f"BUILTIN: dict[str, Profile] = {body}\n"
    )


def source(value: object, depth: int) -> str:
    """Python source for a profile value: a record as its class called with the fields
    that differ from their defaults, one per line; anything else as its ``repr``."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            inner = "    " * (depth + 1)
            items = "".join(f"{inner}{source(v, depth + 1)},\n" for v in value)
            return f"(\n{items}{'    ' * depth})"
        return repr(value)
    given = []
    for f in dataclasses.fields(value):
        current = getattr(value, f.name)
        default = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        if current != default:
            given.append(f"{f.name}={source(current, depth + 1)}")
    one_line = f"{type(value).__name__}({', '.join(given)})"
    if len(one_line) + 4 * depth <= 88 and "\n" not in one_line:
        return one_line
    inner = "    " * (depth + 1)
    fields = "".join(f"{inner}{g},\n" for g in given)
    return f"{type(value).__name__}(\n{fields}{'    ' * depth})"


def outputs() -> dict[Path, str]:
    """Every generated file and what it should hold."""
    from tracker_lint import config, ruledocs

    return {
        README: ruledocs.readme_with_table(README.read_text("utf-8")),
        ROOT / "docs" / "rules.md": ruledocs.reference(),
        ROOT / "tracker_lint" / "_builtin_profiles.py": builtin_profiles_module(),
        ROOT / "docs" / "config-schema.json": json.dumps(
            config.schema(), indent=2, ensure_ascii=False
        )
        + "\n",
    }


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, text in outputs().items():
        current = path.read_text("utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    if check and stale:
        print("out of date (run: python scripts/generate.py): " + ", ".join(stale))
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
