"""Every generated file is what scripts/generate.py makes from its sources."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "scripts" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate", module)
    spec.loader.exec_module(module)
    return module


def test_no_generated_file_drifted_from_its_source() -> None:
    generate = _generator()
    stale = [
        path.relative_to(ROOT).as_posix()
        for path, text in generate.outputs().items()
        if path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run: python scripts/generate.py"


def test_the_builtin_profiles_are_their_toml_validated_like_a_configuration() -> None:
    from tracker_lint._builtin_profiles import BUILTIN
    from tracker_lint.config import validate_profile
    from tracker_lint.profile import default_profile

    generate = _generator()
    for path in sorted(generate.PROFILES.glob("*.toml")):
        data = generate.tomllib.loads(path.read_text(encoding="utf-8"))
        assert BUILTIN[path.stem] == validate_profile(data, path.name)
    assert default_profile() is BUILTIN["learning-module"]
