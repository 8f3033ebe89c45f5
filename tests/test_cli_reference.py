"""The CLI reference in docs/ is generated from --help and must be current."""

from pathlib import Path

from casework.cli import main
from casework.cli.reference import cli_reference

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_docs_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is stale: run `python -m casework.cli.reference > docs/cli.md`"
    )


def test_every_command_help_ends_with_an_example() -> None:
    missing = [name for name, command in main.commands.items() if "Example" not in (command.help or "")]
    assert not missing, f"commands whose --help has no example: {missing}"
