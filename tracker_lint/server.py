"""``tracker-lint server``: a language server over stdio (``pip install
'tracker-lint[server]'``), built on pygls.

Diagnostics on open, change (debounced) and save; code actions for each fix (safe
ones preferred), "fix all" (``source.fixAll.tracker-lint``) and a suppression
comment; hover on a total or a status cell; a changed configuration file re-lints
every open document, and a bad one is a diagnostic on that file. Everything a
request needs comes from :mod:`tracker_lint.editor`; this module only speaks LSP.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from tracker_lint import __version__
from tracker_lint.editor import Diagnosis, Lines, diagnose, fixed_all, hover, silence
from tracker_lint.engine import Settings
from tracker_lint.errors import ConfigError
from tracker_lint.findings import Finding, Fix, Severity
from tracker_lint.incremental import Memo
from tracker_lint.workspace import CONFIG_NAME, PYPROJECT, Workspace

FIX_ALL = "source.fixAll.tracker-lint"
SOURCE = "tracker-lint"
DEBOUNCE = 0.15  # seconds of quiet after a change before the buffer is linted
RULES_DOC = "https://github.com/tracker-lint/tracker-lint/blob/main/docs/rules.md"

log = logging.getLogger(__name__)


class TrackerServer(LanguageServer):
    """The server's state: the workspace (configuration per folder, as the command
    line finds it), and the last diagnosis of every open document."""

    def __init__(self) -> None:
        # Full text on every change: pygls's incremental edits split lines as
        # str.splitlines() does (at U+2028 too), where editors do not.
        super().__init__(
            "tracker-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.tracker_workspace = Workspace(Settings())
        self.diagnoses: dict[str, Diagnosis] = {}
        self.memos: dict[str, Memo] = {}  # per open document: only what changed is re-read
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.config_errors: set[str] = set()  # uris of configuration files in error
        self.shown: set[str] = set()  # configuration errors already shown in a message


server = TrackerServer()


def _encoding() -> str:
    """The position encoding agreed with the client (utf-16 unless it asked for another)."""
    encoding = server.workspace.position_encoding
    if isinstance(encoding, types.PositionEncodingKind):
        return str(encoding.value)
    return encoding or "utf-16"


def _lines(diagnosis: Diagnosis) -> Lines:
    """The positions of a diagnosed buffer, in the encoding agreed with the client."""
    return Lines(diagnosis.text, _encoding(), diagnosis.line_starts())


def _range(lines: Lines, start: int, end: int) -> types.Range:
    (a, b), (c, d) = lines.position(start), lines.position(end)
    return types.Range(types.Position(a, b), types.Position(c, d))


def _diagnostic(lines: Lines, f: Finding) -> types.Diagnostic:
    severity = (
        types.DiagnosticSeverity.Error
        if f.severity is Severity.ERROR
        else types.DiagnosticSeverity.Warning
    )
    return types.Diagnostic(
        range=_range(lines, f.start, f.end),
        message=f.message,
        severity=severity,
        code=f.code,
        code_description=types.CodeDescription(href=f"{RULES_DOC}#{f.code.lower()}-{f.name}"),
        source=SOURCE,
    )


def _path(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


def _is_markdown(uri: str, language: str | None) -> bool:
    from tracker_lint.cli.files import MARKDOWN_SUFFIXES

    return language == "markdown" or Path(uri.split("?")[0]).suffix.lower() in MARKDOWN_SUFFIXES


def lint_document(uri: str) -> Diagnosis | None:
    """Lint an open document as it is now and publish its diagnostics (none for a
    document that is not Markdown); a bad configuration is reported on its file."""
    handle = server.pending.pop(uri, None)
    if handle is not None:
        handle.cancel()
    document = server.workspace.get_text_document(uri)
    if not _is_markdown(uri, document.language_id):
        return None
    try:
        diagnosis = diagnose(
            server.tracker_workspace,
            document.source,
            _path(uri),
            date.today(),
            document.version,
            server.memos.setdefault(uri, Memo()),
        )
    except ConfigError as error:
        _config_error(error)
        server.diagnoses.pop(uri, None)
        _publish(uri, [], document.version)
        return None
    server.diagnoses[uri] = diagnosis
    lines = _lines(diagnosis)
    _publish(uri, [_diagnostic(lines, f) for f in diagnosis.findings], document.version)
    return diagnosis


def current(uri: str) -> Diagnosis | None:
    """The diagnosis of the document as the editor has it now: linted again, at once,
    when a change came after the last lint (a fix computed from older text would undo
    what was typed since)."""
    diagnosis = server.diagnoses.get(uri)
    document = server.workspace.text_documents.get(uri)
    if document is None:
        return None
    if diagnosis is None or diagnosis.version != document.version or uri in server.pending:
        diagnosis = lint_document(uri)
    return diagnosis


def _publish(uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
    )


def _config_error(error: ConfigError) -> None:
    """One diagnostic on the configuration file, and a message: the server goes on."""
    lines = error.lines or [str(error)]
    said = "\n".join(lines)
    if said in server.shown:
        return  # shown once: not again at every keystroke
    server.shown.add(said)
    first = lines[0]
    file = first.split(":", 1)[0] if ":" in first else ""
    path = Path(file)
    if file and path.exists():
        uri = path.resolve().as_uri()
        server.config_errors.add(uri)
        diagnostic = types.Diagnostic(
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            message="\n".join(lines),
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )
        _publish(uri, [diagnostic], None)
    server.window_show_message(
        types.ShowMessageParams(
            type=types.MessageType.Error,
            message="tracker-lint: the configuration is not valid: " + "; ".join(lines),
        )
    )


def relint_all() -> None:
    """A configuration changed: forget every configuration read, lint again."""
    server.tracker_workspace = Workspace(Settings())
    server.shown.clear()
    for uri in list(server.config_errors):
        _publish(uri, [], None)
    server.config_errors.clear()
    for uri in list(server.workspace.text_documents):
        _safely(uri)


def _schedule(uri: str, delay: float) -> None:
    handle = server.pending.pop(uri, None)
    if handle is not None:
        handle.cancel()
    loop = asyncio.get_running_loop()
    server.pending[uri] = loop.call_later(delay, _safely, uri)


def _safely(uri: str) -> None:
    try:
        lint_document(uri)
    except Exception:  # a bug must not end the editing session: log it, keep serving
        log.exception("tracker-lint: linting %s failed", uri)


def _is_config(uri: str) -> bool:
    return uri.endswith((f"/{CONFIG_NAME}", f"/{PYPROJECT}"))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(params: types.DidOpenTextDocumentParams) -> None:
    _safely(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(params: types.DidChangeTextDocumentParams) -> None:
    _schedule(params.text_document.uri, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(params: types.DidSaveTextDocumentParams) -> None:
    if _is_config(params.text_document.uri):
        relint_all()
    else:
        _safely(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    handle = server.pending.pop(uri, None)
    if handle is not None:
        handle.cancel()
    server.diagnoses.pop(uri, None)
    server.memos.pop(uri, None)
    _publish(uri, [], None)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
    if any(_is_config(change.uri) for change in params.changes):
        relint_all()


@server.feature(types.INITIALIZED)
async def initialized(params: types.InitializedParams) -> None:
    """Ask the client to report changes of configuration files, when it can."""
    capabilities = server.client_capabilities
    watch = capabilities.workspace and capabilities.workspace.did_change_watched_files
    if not (watch and watch.dynamic_registration):
        return
    watchers = [
        types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in (CONFIG_NAME, PYPROJECT)
    ]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = types.Registration(
        id="tracker-lint-configuration",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await server.client_register_capability_async(
            types.RegistrationParams(registrations=[registration])
        )
    except JsonRpcException:  # a client that says it can and then cannot: lint on save only
        log.warning("tracker-lint: the client refused to watch configuration files")


def _edit(uri: str, version: int | None, lines: Lines, fixes: list[Fix]) -> types.WorkspaceEdit:
    """The edits of the version they were computed on: an editor refuses them when the
    document has changed since."""
    edits: list[types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit] = [
        types.TextEdit(_range(lines, f.start, f.end), f.replacement) for f in fixes
    ]
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(
        document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)]
    )


def _changed_lines(old: str, new: str) -> Fix:
    """The smallest span of whole lines that turns ``old`` into ``new`` (one edit, so
    that the cursor and the folds of the lines around it stay)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    start = old.rfind("\n", 0, start) + 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    return Fix(start, len(old) - end, new[start : len(new) - end])


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL],
        resolve_provider=False,
    ),
)
def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    diagnosis = current(uri)
    if diagnosis is None:
        return []
    lines = _lines(diagnosis)
    only = params.context.only
    version = diagnosis.version
    actions: list[types.CodeAction] = []
    if not only or any(k.startswith("quickfix") for k in only):
        start = lines.offset(params.range.start.line, params.range.start.character)
        end = lines.offset(params.range.end.line, params.range.end.character)
        for f in diagnosis.findings:
            if f.end < start or f.start > end:
                continue
            diagnostic = _diagnostic(lines, f)
            if f.fix is not None:
                unsafe = f.fix.applicability == "unsafe"
                actions.append(
                    types.CodeAction(
                        title=f"Fix {f.code}{' (unsafe)' if unsafe else ''}: {f.message}",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=_edit(uri, version, lines, [f.fix]),
                        is_preferred=not unsafe,
                    )
                )
            silenced = silence(diagnosis, f)
            if silenced is not None:
                actions.append(
                    types.CodeAction(
                        title=f"Silence {f.code} on this line (disable-line comment)",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=_edit(uri, version, lines, [silenced]),
                    )
                )
    # Fix all only when asked for by kind (on save, or from the source-action menu):
    # it rewrites the document, and a lightbulb asks at every move of the cursor.
    if only and any(FIX_ALL.startswith(k) for k in only):
        new = fixed_all(diagnosis)
        if new is not None:
            actions.append(
                types.CodeAction(
                    title="Fix all safe tracker-lint findings",
                    kind=FIX_ALL,
                    edit=_edit(uri, version, lines, [_changed_lines(diagnosis.text, new)]),
                )
            )
    return actions


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(params: types.HoverParams) -> types.Hover | None:
    diagnosis = current(params.text_document.uri)
    if diagnosis is None:
        return None
    lines = _lines(diagnosis)
    text = hover(diagnosis, lines.offset(params.position.line, params.position.character))
    if text is None:
        return None
    return types.Hover(types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


def serve() -> None:
    """Serve over standard input and output until the client says exit."""
    server.start_io()
