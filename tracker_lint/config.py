"""Configuration files: strict pydantic models, validation messages, rule selection.

Imported only when a configuration file is in play, so the plain check path
never pays for pydantic. ``load(path)`` turns a ``.tracker-lint.toml`` or a
``pyproject.toml`` ``[tool.tracker-lint]`` table into a :class:`Config`; any
problem raises :class:`ConfigError` with one message per problem, each naming
the file, the key path and what was expected.
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
)

from tracker_lint.engine import Settings
from tracker_lint.errors import ConfigError
from tracker_lint.findings import Severity
from tracker_lint.profile import (
    ALL,
    DEFAULT_PROFILE,
    GROUP,
    GROUP_TEXT_LIMIT,
    WILDCARD,
    NonEmpty,
    Profile,
    builtin_profile,
    builtin_profiles,
)
from tracker_lint.rules import RULES
from tracker_lint.selection import Selection
from tracker_lint.workspace import CONFIG_NAME, PYPROJECT

if sys.version_info >= (3, 11):
    from re import _parser as sre_parse

    import tomllib
else:  # pragma: no cover
    import sre_parse

    import tomli as tomllib

# Limits on what a configuration file controls. In a CI gate the file comes from the
# pull request under test, so nothing in it may make a run hang or exhaust memory.
FILE_LIMIT = 1024 * 1024  # bytes of a configuration file
ENTRY_LIMIT = 256  # entries of any list or table (realistic profiles have tens)
STRING_LIMIT = 1000  # characters of any string or key
MESSAGE_LIMIT = 100  # problems reported for one file; the rest are counted
PATTERN_LIMIT = 200  # characters of a group pattern
MATCH_LIMIT = 100_000  # ways a group pattern may try to match (see pattern_problem)


def _kebab(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )


class _Refused(Exception):
    """A construct outside the accepted subset of group patterns."""


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_NESTED = (
    "{} inside a repeat, as in (a+)+ or (a|ab)+, can take exponential time; "
    "repeat a single character, a class or a fixed sequence"
)


def pattern_problem(pattern: str) -> str | None:
    """Why a group pattern is refused, or None for a pattern of the accepted subset.

    The subset (docs/configuration.md, "Limits") cannot backtrack catastrophically: at most
    PATTERN_LIMIT characters; no backreferences or conditional groups; no repeat
    (``*``, ``+``, ``{m,n}``) of something that can match in more than one way (a
    repeat, an optional part or an alternation inside it); no repeat inside a
    lookaround; and at most MATCH_LIMIT *ways* on the GROUP_TEXT_LIMIT characters
    searched: the product of each repeat's number of counts (``?`` 2, ``{2,5}`` 4,
    ``{3}`` 1, ``*``, ``+`` and ``{n,}`` GROUP_TEXT_LIMIT), with an alternation
    counting its branches, times GROUP_TEXT_LIMIT start positions unless the pattern
    begins with ``^`` or ``\\A``. Only the standard library's own parser is used.
    """
    if len(pattern) > PATTERN_LIMIT:
        return f"is {len(pattern):,} characters long; at most {PATTERN_LIMIT} are allowed"
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError) as e:
        return f"not a regular expression ({e})"
    items: list[tuple[Any, Any]] = list(parsed.data)
    try:
        ways = _ways(items)
    except _Refused as e:
        return str(e)
    except RecursionError:  # pragma: no cover - 200 characters nest at most 100 deep
        return "is nested too deeply"
    anchored = (
        bool(items)
        and str(items[0][0]) == "AT"
        and str(items[0][1]) in ("AT_BEGINNING", "AT_BEGINNING_STRING")
        and not parsed.state.flags & re.MULTILINE
    )
    if ways * (1 if anchored else GROUP_TEXT_LIMIT) > MATCH_LIMIT:
        return (
            f"could try more than {MATCH_LIMIT:,} ways to match the {GROUP_TEXT_LIMIT} "
            "characters it searches: use one unbounded repeat (*, +, {n,}) at most, or two "
            "when the pattern starts with ^, and few optional parts or alternatives"
        )
    return None


def _ways(items: list[tuple[Any, Any]]) -> int:
    """How many ways a sequence can lay itself over a text (see pattern_problem)."""
    total = 1
    for op, av in items:
        name = str(op)
        if name == "GROUPREF_EXISTS":
            raise _Refused("conditional groups ((?(1)yes|no)) are not allowed")
        if name.startswith("GROUPREF"):
            raise _Refused(
                "backreferences (\\1, (?P=name)) are not allowed: they can take exponential time"
            )
        if name in _REPEATS:
            low, high, body = av
            inner = _ways(list(body))
            if high > 1 and inner > 1:
                nested = any(str(o) in _REPEATS for o, _ in _nodes(list(body)))
                raise _Refused(_NESTED.format("a repeat" if nested else "an alternation"))
            total *= max(1, min(high, GROUP_TEXT_LIMIT) - low + 1) * inner
        elif name == "SUBPATTERN":
            total *= _ways(list(av[-1]))
        elif name == "ATOMIC_GROUP":
            total *= _ways(list(av))
        elif name == "BRANCH":
            total *= sum(_ways(list(branch)) for branch in av[1])
        elif name in ("ASSERT", "ASSERT_NOT"):
            if any(str(o) in _REPEATS and a[1] > 1 for o, a in _nodes(list(av[1]))):
                raise _Refused(
                    "a repeat (*, +, {m,n}) inside a lookaround ((?=...), (?!...), (?<=...), "
                    "(?<!...)) is not allowed"
                )
            total *= _ways(list(av[1]))
        # anything else (a character, a class, ., \\b, ^, $) matches in one way
    return total


def _nodes(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every node of a parsed pattern, nested ones included."""
    found: list[tuple[Any, Any]] = []
    for op, av in items:
        found.append((op, av))
        name = str(op)
        if name in _REPEATS:
            found += _nodes(list(av[2]))
        elif name == "SUBPATTERN":
            found += _nodes(list(av[-1]))
        elif name == "ATOMIC_GROUP":
            found += _nodes(list(av))
        elif name == "BRANCH":
            for branch in av[1]:
                found += _nodes(list(branch))
        elif name in ("ASSERT", "ASSERT_NOT"):
            found += _nodes(list(av[1]))
    return found


def _profile_kind(value: Any) -> str:
    return "name" if isinstance(value, str) else "table"


ProfileField = Annotated[
    Annotated[str, Tag("name")] | Annotated[Profile, Tag("table")],
    Discriminator(_profile_kind),
]


class ProfileRule(_Model):
    """A profile for some of the files: the first ``[[profiles]]`` entry with a glob that
    matches a file's path (relative to the configuration file's folder) gives its
    profile; other files get ``profile``."""

    files: list[NonEmpty] = Field(
        min_length=1, description="Globs of the files this profile is for (fnmatch)."
    )
    use: ProfileField = Field(description="A built-in profile name, or a profile table.")


class ConfigModel(_Model):
    """tracker-lint configuration (.tracker-lint.toml, or [tool.tracker-lint] in pyproject.toml)."""

    select: list[NonEmpty] | None = Field(None, description="Rule codes or prefixes to run.")
    extend_select: list[NonEmpty] = []
    ignore: list[NonEmpty] = []
    per_file_ignores: dict[str, list[NonEmpty]] = {}
    severity: dict[str, Literal["error", "warning"]] = {}
    include: list[NonEmpty] = Field(
        default=[], description="Globs of the files that are trackers; others are not linted."
    )
    exclude: list[NonEmpty] = Field(default=[], description="Globs of files never linted.")
    profile: ProfileField | None = Field(
        None, description="A built-in profile name, or a profile table."
    )
    profiles: list[ProfileRule] = Field(
        default=[], description="Profiles for some files, by glob; the first match wins."
    )


@dataclass(frozen=True)
class Config:
    """A loaded configuration, resolved against its file's folder."""

    path: Path | None
    root: Path
    model: ConfigModel
    profile: Profile
    data: dict[str, Any] = field(default_factory=dict, compare=False)  # as written
    # [[profiles]]: (globs, profile) in order, the first match wins over ``profile``
    by_files: tuple[tuple[tuple[str, ...], Profile], ...] = ()

    def profile_for(self, file: Path | None) -> Profile:
        """The profile of a file: the first ``[[profiles]]`` entry matching it, else
        ``profile`` (standard input without a name gets ``profile``)."""
        relative = self.relative(file)
        if relative is not None:
            for globs, profile in self.by_files:
                if _matches(relative, globs):
                    return profile
        return self.profile

    def with_overrides(self, overrides: dict[str, Any]) -> Config:
        """This configuration with the command line's inline ``--config KEY=VALUE``
        settings on top (tables merged key by key, any other value replaced)."""
        source = f"{self.path} with --config" if self.path else "--config"
        return from_data(merged(self.data, overrides), source, self.path, self.root)

    def settings(self, base: Settings, file: Path | None, cli: Selection | None = None) -> Settings:
        """The settings for one file: this configuration, then the command line's selection."""
        select = tuple(self.model.select) if self.model.select is not None else None
        selection = Selection(select, tuple(self.model.extend_select), tuple(self.model.ignore))
        if cli is not None:
            selection = selection.override(cli)
        ignored: list[str] = []
        relative = self.relative(file)
        if relative is not None:
            for pattern, codes in self.model.per_file_ignores.items():
                if _matches(relative, [pattern]):
                    ignored.extend(codes)
        selected = selection.resolve(extra_ignore=ignored)
        severity = {code.upper(): Severity(level) for code, level in self.model.severity.items()}
        force = relative is not None and bool(self.model.include)
        profile = self.profile_for(file)
        return replace(base, profile=profile, select=selected, severity=severity, force=force)

    def relative(self, file: Path | None) -> str | None:
        if file is None:
            return None
        try:
            return PurePath(file.resolve().relative_to(self.root.resolve())).as_posix()
        except ValueError:
            return None

    def excludes(self, file: Path) -> bool:
        """Whether the file is not to be linted: excluded, or not among ``include``."""
        return self.exclusion(file) is not None

    def exclusion(self, file: Path) -> Literal["exclude", "not in include"] | None:
        """Which key keeps the file from being linted, if any: ``not in include``
        (there is an ``include`` and the file matches none of it), else ``exclude``."""
        relative = self.relative(file)
        if relative is None:
            return None
        if self.model.include and not _matches(relative, self.model.include):
            return "not in include"
        return "exclude" if _matches(relative, self.model.exclude) else None


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if part in ("name", "table") and out.endswith("profile"):
            continue  # the tag of the profile's union, not a key
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _explain(error: Any) -> str:
    kind = error["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "unknown key"
    if kind in ("missing", "missing_keyword_only_argument"):
        return "required key is missing"
    message = str(error["msg"])
    if message.startswith("Tuple should"):  # lists are read as tuples; TOML has arrays
        message = "List should" + message.removeprefix("Tuple should")
    return message.removeprefix("Value error, ")


def validation_lines(source: str, e: ValidationError) -> list[str]:
    return [f"{source}: {_path(tuple(err['loc']))}: {_explain(err)}" for err in e.errors()]


def check_profile(model: Profile, where: str = "profile") -> list[str]:
    """What makes a structurally valid profile impossible, with key paths."""
    problems: list[str] = []
    ids = [s.id for s in model.statuses]
    known = ", ".join(ids)

    def duplicates(values: list[str], what: str, key: str) -> None:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                problems.append(f"{where}.{key.format(i=i)}: {what} {value!r} is defined twice")
            seen.add(value)

    duplicates(ids, "status id", "statuses[{i}].id")
    duplicates([s.symbol for s in model.statuses if s.symbol], "status symbol", "statuses")
    empty = [i for i, s in enumerate(model.statuses) if s.empty]
    if len(empty) > 1:
        problems.append(
            f"{where}.statuses[{empty[1]}].empty: only one status can be what an empty "
            f"cell means (statuses[{empty[0]}] is already)"
        )
    words = [w.casefold() for s in model.statuses for w in s.words]
    duplicates(words, "status word", "statuses")
    for i, status in enumerate(model.statuses):
        if not status.symbol and not status.words and not status.empty:
            problems.append(
                f"{where}.statuses[{i}]: a status needs a symbol or words (or empty = true)"
            )
        for j, other in enumerate(status.also_accepted_for):
            if other not in ids:
                problems.append(
                    f"{where}.statuses[{i}].also-accepted-for[{j}]: {other!r} is not a status "
                    f"of this profile; expected one of: {known}"
                )
    symbols = [s.symbol for s in model.stages.symbols]
    duplicates(symbols, "stage symbol", "stages.symbols")
    # Several symbols may mean one state (✅ and ⚠️ both done): states may repeat.
    states = {s.state for s in model.stages.symbols}
    width = len(model.stages.columns)
    if model.derive and not width:
        problems.append(f"{where}.derive: derivation rules need stage columns (stages.columns)")
    for i, rule in enumerate(model.derive):
        if width and len(rule.when) != width:
            problems.append(
                f"{where}.derive[{i}].when: has {len(rule.when)} states but there are "
                f"{width} stage columns ({', '.join(model.stages.columns)})"
            )
        for j, state in enumerate(rule.when):
            if state != WILDCARD and state not in states:
                problems.append(
                    f"{where}.derive[{i}].when[{j}]: {state!r} is not a stage state; expected "
                    f"one of: {', '.join([*states, WILDCARD])}"
                )
        if rule.status not in ids:
            problems.append(
                f"{where}.derive[{i}].status: {rule.status!r} is not a status of this profile; "
                f"expected one of: {known}"
            )
    for target in model.hints.values():
        if target not in symbols and target not in [s.symbol for s in model.statuses]:
            problems.append(f"{where}.hints: {target!r} is not a stage or status symbol")
    if model.totals is not None:
        totals = model.totals
        if totals.kind == "list" and not totals.heading and not totals.in_headings:
            problems.append(
                f"{where}.totals.heading: a list of totals needs the heading above it "
                "(or in-headings = true, for totals written in headings only)"
            )
        for i, item in enumerate(totals.items):
            for key in ("count", "of"):
                value = getattr(item, key)
                if isinstance(value, tuple):
                    for j, status in enumerate(value):
                        if status not in ids:
                            problems.append(
                                f"{where}.totals.items[{i}].{key}[{j}]: {status!r} is not a "
                                f"status of this profile; expected one of: {known}"
                            )
            if item.format == "fraction" and item.of is None:
                problems.append(
                    f"{where}.totals.items[{i}].of: a fraction total needs `of` (its denominator)"
                )
            if item.group is not None and GROUP not in item.label:
                problems.append(
                    f"{where}.totals.items[{i}].label: a grouped total's label needs {{group}}"
                )
            pattern = item.group.pattern if item.group is not None else None
            problem = None if pattern is None else pattern_problem(pattern)
            if problem is not None:
                problems.append(f"{where}.totals.items[{i}].group.pattern: {problem}")
    if not model.columns.status and not model.columns.required:
        problems.append(
            f'{where}.columns.required: with status = "" a table is tracked by the columns '
            "it must have: name at least one"
        )
    if model.summary is not None and model.summary.section.from_ == "heading":
        problems.append(f"{where}.summary.section.from: the column that names the section")
    if model.summary is not None and model.summary.section.pattern is not None:
        problem = pattern_problem(model.summary.section.pattern)
        if problem is not None:
            problems.append(f"{where}.summary.section.pattern: {problem}")
    return problems


def check_selectors(model: ConfigModel) -> list[str]:
    problems = []
    lists: dict[str, list[str]] = {
        "select": model.select or [],
        "extend-select": model.extend_select,
        "ignore": model.ignore,
    }
    for pattern, codes in model.per_file_ignores.items():
        lists[f"per-file-ignores.{pattern!r}"] = codes
    for key, values in lists.items():
        for i, value in enumerate(values):
            if Selection.unknown([value]):
                problems.append(
                    f"{key}[{i}]: {value!r} matches no rule; expected a code such as TL401 "
                    "or a prefix such as TL4"
                )
    for code in model.severity:
        if code.upper() not in RULES:
            problems.append(f"severity.{code}: not a rule code; expected one of the codes TL001…")
    return problems


def size_problems(data: Any) -> list[str]:
    """Lists and tables longer than ENTRY_LIMIT, strings and keys longer than STRING_LIMIT.

    Checked on the parsed TOML before pydantic sees it, so that every list, table and
    string is bounded, known keys or not, and an oversized one gives one message.
    """
    problems: list[str] = []
    todo: list[tuple[str, Any]] = [("", data)]
    while todo:  # no recursion: TOML can nest deeper than the stack
        where, value = todo.pop()
        here = where or "(top level)"
        if isinstance(value, str) and len(value) > STRING_LIMIT:
            problems.append(
                f"{here}: is {len(value):,} characters long; at most {STRING_LIMIT:,} are allowed"
            )
        elif isinstance(value, (dict, list)) and len(value) > ENTRY_LIMIT:
            what = "keys" if isinstance(value, dict) else "entries"
            problems.append(f"{here}: has {len(value):,} {what}; at most {ENTRY_LIMIT} are allowed")
        elif isinstance(value, dict):
            children: list[tuple[str, Any]] = []
            for key, item in value.items():
                if len(key) > STRING_LIMIT:
                    problems.append(
                        f"{here}: a key is {len(key):,} characters long; at most "
                        f"{STRING_LIMIT:,} are allowed"
                    )
                    continue
                children.append((f"{where}.{key}" if where else str(key), item))
            todo += reversed(children)
        elif isinstance(value, list):
            todo += reversed([(f"{where}[{i}]", item) for i, item in enumerate(value)])
    return problems


def _refuse(source: str, lines: list[str]) -> ConfigError:
    """The error for these problems, the first MESSAGE_LIMIT of them in full."""
    if len(lines) > MESSAGE_LIMIT:
        more = len(lines) - MESSAGE_LIMIT
        lines = [*lines[:MESSAGE_LIMIT], f"... and {more:,} more problems in {source}"]
    return ConfigError(lines)


def from_data(data: dict[str, Any], source: str, path: Path | None, root: Path) -> Config:
    sizes = size_problems(data)
    if sizes:
        raise _refuse(source, [f"{source}: {p}" for p in sizes])
    names = ", ".join(builtin_profiles())
    named = [("profile", data.get("profile"))]
    rules = data.get("profiles")
    if isinstance(rules, list):
        named += [
            (f"profiles[{i}].use", r.get("use")) for i, r in enumerate(rules) if isinstance(r, dict)
        ]
    unknown = [
        f"{source}: {key}: unknown built-in profile {value!r}; expected one of: {names}, "
        "or a profile table"
        for key, value in named
        if isinstance(value, str) and value not in builtin_profiles()
    ]
    if unknown:
        raise ConfigError(unknown)
    try:
        model = ConfigModel.model_validate(data)
    except ValidationError as e:
        raise _refuse(source, validation_lines(source, e)) from None
    problems = check_selectors(model)
    if isinstance(model.profile, Profile):
        problems += check_profile(model.profile)
    for i, rule in enumerate(model.profiles):
        if isinstance(rule.use, Profile):
            problems += check_profile(rule.use, f"profiles[{i}].use")
    if problems:
        raise _refuse(source, [f"{source}: {p}" for p in problems])
    if isinstance(model.profile, Profile):
        profile = model.profile
    else:
        profile = builtin_profile(model.profile or DEFAULT_PROFILE)
    by_files = tuple(
        (
            tuple(rule.files),
            rule.use if isinstance(rule.use, Profile) else builtin_profile(rule.use),
        )
        for rule in model.profiles
    )
    return Config(path, root, model, profile, data, by_files)


def merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: tables merged key by key, any other value replaced."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def inline_setting(text: str) -> dict[str, Any]:
    """``--config KEY=VALUE``: one TOML setting (``select = ["TL4"]``), as a table; a
    ConfigError when it is not TOML."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(
            [f"--config {text!r}: neither a configuration file nor a TOML KEY=VALUE ({e})"]
        ) from None
    return data


def validate_profile(data: dict[str, Any], source: str) -> Profile:
    """A profile written in the configuration language, validated as in a
    configuration file (the built-in profiles are made this way from their TOML)."""
    config = from_data({"profile": data}, source, None, Path.cwd())
    return config.profile


def profile_data(profile: Profile) -> dict[str, Any]:
    """A profile in its configuration-language form (kebab-case keys, lists)."""
    from pydantic import TypeAdapter

    data: dict[str, Any] = TypeAdapter(Profile).dump_python(
        profile, by_alias=True, mode="json", exclude_none=True
    )
    return data


def read_toml(path: Path) -> dict[str, Any] | None:
    """The tracker-lint table of a file (None for a pyproject.toml without one)."""
    try:
        with path.open("rb") as file:
            raw = file.read(FILE_LIMIT + 1)  # never more: the path may be a device or a pipe
        if len(raw) > FILE_LIMIT:
            raise ConfigError([f"{path}: larger than 1 MiB ({FILE_LIMIT:,} bytes); not read"])
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError([f"{path}: cannot be read ({e})"]) from e
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError([f"{path}: invalid TOML: {e}"]) from None
    except RecursionError:
        raise ConfigError([f"{path}: invalid TOML: arrays or tables nested too deeply"]) from None
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        section = tool.get("tracker-lint") if isinstance(tool, dict) else None
        if section is None:
            return None
        if not isinstance(section, dict):
            raise ConfigError([f"{path}: tool.tracker-lint: expected a table"])
        result: dict[str, Any] = section
        return result
    return data


def load(path: Path) -> Config | None:
    data = read_toml(path)
    if data is None:
        return None
    prefix = "tool.tracker-lint." if path.name == PYPROJECT else ""
    try:
        return from_data(data, str(path), path, path.parent)
    except ConfigError as e:
        if prefix:
            raise ConfigError([_with_prefix(line, str(path), prefix) for line in e.lines]) from None
        raise


def _with_prefix(line: str, source: str, prefix: str) -> str:
    head = f"{source}: "
    return head + prefix + line[len(head) :] if line.startswith(head) else line


SCHEMA_ID = (
    "https://raw.githubusercontent.com/tracker-lint/tracker-lint/main/docs/config-schema.json"
)


def schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of configuration files: the pydantic models, with what
    the tool checks beyond them where a schema can say it too: rule selectors that
    match a rule (any case), severity keys that are rule codes, built-in profile
    names, the checks of :func:`check_profile` that need no cross-reference, the
    length of a group pattern, and the size limits."""
    data = ConfigModel.model_json_schema(by_alias=True)
    _limit_sizes(data)
    selector = {"type": "string", "pattern": _caseless_choice(_selectors())}
    for key in ("select", "extend-select", "ignore"):
        _set_items(data["properties"][key], selector)
    data["properties"]["per-file-ignores"]["additionalProperties"]["items"] = selector
    data["properties"]["severity"]["propertyNames"] = {"pattern": _caseless_choice(list(RULES))}
    _name_builtin_profiles(data)
    definitions = data["$defs"]
    for name, checks in _profile_checks().items():
        definitions[name]["allOf"] = [*definitions[name].get("allOf", []), *checks]
    for option in definitions["Group"]["properties"]["pattern"]["anyOf"]:
        if option.get("type") == "string":
            option["maxLength"] = PATTERN_LIMIT  # the rest of pattern_problem is beyond a schema
    _end_at_the_end(data)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **data,
    }


def _given(key: str, value: dict[str, Any]) -> dict[str, Any]:
    """A schema for an object that has ``key``, with a value that matches ``value``."""
    return {"required": [key], "properties": {key: value}}


def _profile_checks() -> dict[str, list[dict[str, Any]]]:
    """What :func:`check_profile` refuses and a schema can say, by definition (``$defs``):
    each check here is one there. Those that compare values (a status id named
    elsewhere, a duplicate, a derivation's width, a stage state) are beyond a schema."""
    nonempty = {"type": "string", "minLength": 1}
    return {
        "Status": [
            {  # a status needs a symbol or words (or empty = true)
                "anyOf": [
                    _given("symbol", nonempty),
                    _given("words", {"minItems": 1}),
                    _given("empty", {"const": True}),
                ]
            }
        ],
        "Profile": [
            {  # only one status can be what an empty cell means
                "properties": {
                    "statuses": {
                        "contains": _given("empty", {"const": True}),
                        "minContains": 0,
                        "maxContains": 1,
                    }
                }
            },
            {  # derivation rules need stage columns
                "if": _given("derive", {"minItems": 1}),
                "then": _given("stages", _given("columns", {"minItems": 1})),
            },
        ],
        "Columns": [
            {  # with no status column, a tracked table is known by its required columns
                "if": _given("status", {"const": ""}),
                "then": _given("required", {"minItems": 1}),
            }
        ],
        "Totals": [
            {  # a list of totals needs the heading above it (or in-headings = true)
                "if": {"properties": {"kind": {"const": "list"}}},
                "then": {
                    "anyOf": [_given("heading", nonempty), _given("in-headings", {"const": True})]
                },
            }
        ],
        "Total": [
            {  # a fraction total needs `of`
                "if": _given("format", {"const": "fraction"}),
                "then": _given("of", {"not": {"type": "null"}}),
            },
            {  # a grouped total's label needs {group}
                "if": _given("group", {"type": "object"}),
                "then": {"properties": {"label": {"pattern": re.escape(GROUP)}}},
            },
        ],
    }


def _end_at_the_end(node: Any) -> None:
    """Make each pattern's final ``$`` the end of the text in every regex engine.

    A JSON Schema pattern is ECMA-262, where ``$`` is the end of the text, as it is in
    pydantic's patterns and in the tool's exact comparisons; but Python's ``re.search``
    (the ``jsonschema`` package) also lets ``$`` match before a final newline, so that
    ``"TL4\\n"`` would pass. ``(?!\\n)`` after it changes nothing elsewhere.
    """
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
            node["pattern"] = pattern + "(?!\\n)"
        for key, value in node.items():
            if key not in ("default", "const", "enum", "examples"):  # values, not schemas
                _end_at_the_end(value)
    elif isinstance(node, list):
        for value in node:
            _end_at_the_end(value)


def _name_builtin_profiles(node: Any) -> None:
    """A profile given by name (``profile``, ``[[profiles]]``'s ``use``) names a built-in
    one: the string choice beside a profile table gets their names as its enum."""
    if isinstance(node, dict):
        choices = node.get("oneOf", [])
        if any(str(c.get("$ref", "")).endswith("/Profile") for c in choices):
            for choice in choices:
                if choice.get("type") == "string":
                    choice["enum"] = list(builtin_profiles())
        for value in node.values():
            _name_builtin_profiles(value)
    elif isinstance(node, list):
        for value in node:
            _name_builtin_profiles(value)


def _selectors() -> list[str]:
    """Every selector that matches a rule: each code and each of its prefixes."""
    return sorted({code[:i] for code in RULES for i in range(1, len(code) + 1)})


def _caseless_choice(words: list[str]) -> str:
    """An ECMA-262 pattern matching any of ``words`` in any case (it has no ``(?i)``)."""
    alternatives = (
        "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)
        for word in words
    )
    return f"^(?:{'|'.join(alternatives)})$"


def _set_items(node: dict[str, Any], items: dict[str, Any]) -> None:
    """Give the array (or the array of an ``anyOf`` with null) these items."""
    for option in node.get("anyOf", [node]):
        if option.get("type") == "array":
            option["items"] = items


def _limit_sizes(node: Any) -> None:
    """The limits of :func:`size_problems`, on every string, array and table."""
    if isinstance(node, dict):
        kind = node.get("type")
        if kind == "string":
            node.setdefault("maxLength", STRING_LIMIT)
        elif kind == "array":
            node.setdefault("maxItems", ENTRY_LIMIT)
        elif kind == "object" and node.get("additionalProperties") not in (None, False):
            node.setdefault("maxProperties", ENTRY_LIMIT)
            node.setdefault("propertyNames", {"maxLength": STRING_LIMIT})
        for value in node.values():
            _limit_sizes(value)
    elif isinstance(node, list):
        for value in node:
            _limit_sizes(value)


def dump(config: Config, settings: Settings) -> dict[str, Any]:
    """The resolved configuration for one path, as plain data (the profile is the one
    that path gets, ``[[profiles]]`` included)."""
    profile = profile_data(settings.profile)
    return {
        "config-file": str(config.path) if config.path else None,
        "select": sorted(RULES if settings.select is None else settings.select),
        "severity": {
            code: (settings.severity.get(code) or rule.severity).value
            for code, rule in RULES.items()
            if settings.select is None or code in settings.select
        },
        "include": config.model.include,
        "exclude": config.model.exclude,
        "per-file-ignores": config.model.per_file_ignores,
        "profile": profile,
    }


def default_config() -> Config:
    model = ConfigModel()
    return Config(None, Path.cwd(), model, builtin_profile())


def overrides_only(overrides: dict[str, Any]) -> Config:
    """The configuration of a path that has no configuration file, with the command
    line's inline settings."""
    return from_data(overrides, "--config", None, Path.cwd())


__all__ = [
    "ALL",
    "CONFIG_NAME",
    "PYPROJECT",
    "Config",
    "ConfigError",
    "ConfigModel",
    "default_config",
    "dump",
    "load",
    "schema",
]
