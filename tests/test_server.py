"""``tracker-lint server`` driven over stdio by a real LSP client (pytest-lsp): the
process the editors start, with the messages they send."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import SEED, TODAY
from tracker_lint import Settings, fix_text, lint

pytestmark = pytest.mark.slow

SEED_NAME = "TRACKER.md"


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]
    config=ClientServerConfig(server_command=[sys.executable, "-m", "tracker_lint", "server"]),
)
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    registered: list[types.Registration] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)  # type: ignore[untyped-decorator]
    def register(params: types.RegistrationParams) -> None:  # as an editor answers it
        registered.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=tmp_path.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


async def diagnostics_of(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The next diagnostics published for ``uri`` (those published before were
    forgotten by :func:`forget`, or the document was just opened)."""

    async def published() -> None:
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    await asyncio.wait_for(published(), 10)
    return list(client.diagnostics.pop(uri))


def forget(client: LanguageClient, *uris: str) -> None:
    for uri in uris:
        client.diagnostics.pop(uri, None)


def open_doc(client: LanguageClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    """The editor's didChange: the whole new text (the server asks for full sync)."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def fix_all(client: LanguageClient, uri: str) -> types.CodeAction:
    """The one action the server offers for ``source.fixAll.tracker-lint``."""
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.tracker-lint"]),
        )
    )
    assert actions is not None
    (action,) = [a for a in actions if isinstance(a, types.CodeAction)]
    return action


def utf16(text: str, line: int, column: int) -> int:
    """The UTF-16 offset of a code-point column (0-based) of a line."""
    return len(text.splitlines()[line][:column].encode("utf-16-le")) // 2


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions), last first, as an editor does."""
    lines = text.splitlines(keepends=True)

    def offset(p: types.Position) -> int:
        before = sum(len(line) for line in lines[: p.line])
        line = lines[p.line] if p.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= p.character:
                return before + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return before + len(line.rstrip("\r\n"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
        lines = text.splitlines(keepends=True)
    return text


def seed(tmp_path: Path) -> str:
    if not SEED.exists():
        pytest.skip("the seed tracker is not present beside the project")
    shutil.copy(SEED, tmp_path / SEED_NAME)
    return SEED.read_text(encoding="utf-8")


async def open_seed(
    client: LanguageClient, tmp_path: Path
) -> tuple[str, str, list[types.Diagnostic]]:
    """The seed opened in the editor: its text, its uri and its first diagnostics."""
    text = seed(tmp_path)
    uri = open_doc(client, tmp_path / SEED_NAME, text)
    return text, uri, await diagnostics_of(client, uri)


async def test_the_seed_gets_its_three_findings_and_fix_all_corrects_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    text, uri, found = await open_seed(client, tmp_path)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [
        ("TL401", 19, 19),
        ("TL401", 22, 19),
        ("TL401", 23, 18),
    ]
    assert all(d.source == "tracker-lint" for d in found)
    assert found[0].code_description is not None
    assert found[0].code_description.href.endswith("docs/rules.md#tl401-stats-mismatch")
    fixed = apply(text, edits_of(await fix_all(client, uri), uri, version=1))
    assert fixed == fix_text(text, Settings(today=TODAY)).text


def edits_of(action: types.CodeAction, uri: str, version: int) -> list[types.TextEdit]:
    """The edits of an action, for the document version they were computed on."""
    assert action.edit is not None and action.edit.document_changes is not None
    (change,) = action.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.uri == uri and change.text_document.version == version
    return [e for e in change.edits if isinstance(e, types.TextEdit)]


async def test_fix_all_right_after_an_edit_keeps_the_edit(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Fix all on save comes right after the last change: the fix is of that text."""
    text, uri, _ = await open_seed(client, tmp_path)
    edited = text.replace("# ", "# (edited) ", 1)
    change(client, uri, 2, edited)
    fixed = apply(edited, edits_of(await fix_all(client, uri), uri, version=2))
    assert fixed == fix_text(edited, Settings(today=TODAY)).text
    assert "(edited)" in fixed


async def test_a_bad_configuration_is_shown_once(client: LanguageClient, tmp_path: Path) -> None:
    text = seed(tmp_path)
    (tmp_path / ".tracker-lint.toml").write_text("select = [\n", encoding="utf-8")
    uri = open_doc(client, tmp_path / SEED_NAME, text)
    await client.wait_for_notification(types.WINDOW_SHOW_MESSAGE)
    for version in range(2, 5):
        change(client, uri, version, text)
    await asyncio.sleep(0.6)  # past the debounce of every change
    assert len(client.messages) == 1


async def test_an_edit_gets_a_new_diagnostic_at_its_utf16_position(
    client: LanguageClient, tmp_path: Path
) -> None:
    text, uri, _ = await open_seed(client, tmp_path)
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.count("✅") >= 3)
    # Module 🔄 (U+1F504: two UTF-16 units), Exam ✅: the Status ✅ Complete is wrong
    changed = lines[row].replace("✅", "🔄", 1)
    new_lines = [*lines[:row], changed, *lines[row + 1 :]]
    new_text = "\n".join(new_lines) + "\n"
    change(client, uri, 2, new_text)
    found = await diagnostics_of(client, uri)
    mismatch = [d for d in found if d.code == "TL201"]
    assert len(mismatch) == 1
    column = changed.index("✅ Complete")
    assert mismatch[0].range.start.line == row
    assert mismatch[0].range.start.character == utf16(new_text, row, column)
    assert mismatch[0].range.start.character == column + 1  # 🔄 is two units


async def test_successive_edits_get_what_a_whole_lint_gives(
    client: LanguageClient, tmp_path: Path
) -> None:
    """The server re-reads only what each change touched (its memo): after every
    change, its diagnostics are those of the whole text linted afresh."""
    text, uri, _ = await open_seed(client, tmp_path)
    row = next(line for line in text.splitlines() if line.count("✅") >= 3)
    noted = "A note.\n\n" + text  # every line moves down two
    versions = [
        noted,
        noted.replace(row, row.replace("✅", "🔄", 1)),  # a row's status now wrong
        noted.replace(row, row.replace("✅", "🔄", 1)).replace("Pages**: 52", "Pages**: 55"),
        text.replace("Pages**: 52", "Pages**: 55"),  # the note gone: every line back up
    ]
    for version, new_text in enumerate(versions, 2):
        change(client, uri, version, new_text)
        found = await diagnostics_of(client, uri)
        whole = lint(new_text, Settings(today=date.today()))
        assert [(d.range.start.line, d.range.start.character, d.code) for d in found] == [
            (f.line - 1, utf16(new_text, f.line - 1, f.column - 1), f.code) for f in whole
        ]


async def test_a_changed_configuration_lints_again_and_a_bad_one_is_reported(
    client: LanguageClient, tmp_path: Path
) -> None:
    _, uri, found = await open_seed(client, tmp_path)
    assert len(found) == 3
    config = tmp_path / ".tracker-lint.toml"
    config_uri = config.resolve().as_uri()
    config.write_text('ignore = ["TL401"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    assert await diagnostics_of(client, uri) == []
    config.write_text("select = [\n", encoding="utf-8")  # not TOML
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    assert [d.source for d in await diagnostics_of(client, config_uri)] == ["tracker-lint"]
    assert await diagnostics_of(client, uri) == []  # no findings from a configuration in error
    config.unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Deleted)]
        )
    )
    assert len(await diagnostics_of(client, uri)) == 3


async def test_the_server_keeps_serving_after_malformed_requests(
    client: LanguageClient, tmp_path: Path
) -> None:
    _, uri, _ = await open_seed(client, tmp_path)
    writer = client.protocol.writer
    assert writer is not None
    for body in (
        b"{not json",  # a body that is not JSON
        b'{"jsonrpc": "2.0", "id": 901, "method": "textDocument/hover", "params": {"x": 1}}',
        b'{"jsonrpc": "2.0", "id": 902, "method": "tracker-lint/nothing", "params": {}}',
        b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": null}',
    ):
        writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    await asyncio.sleep(0.3)
    junk = tmp_path / "junk.md"
    junk_uri = open_doc(client, junk, "| a |\n|---|\n| \x00 | ✅ |\n" + "|" * 10_000)
    assert await diagnostics_of(client, junk_uri) == []
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(19, 20))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "55" in hover.contents.value
