import casework


def test_all_is_sorted_and_exported() -> None:
    assert list(casework.__all__) == sorted(casework.__all__)
    for name in casework.__all__:
        assert hasattr(casework, name)


def test_cli_help_lists_no_traceback() -> None:
    from click.testing import CliRunner

    from casework.cli import main

    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
