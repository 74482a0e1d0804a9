"""One rule for the name of every workbook written, in one message: a report, a template,
an allocation and the lot splits were refused in three different sentences (and the lot
splits' in a fourth), from Python and from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import tendereval
from tendereval.cli import cli
from tendereval.report.excel import write_report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CARERS = EXAMPLES / "carers-short-breaks"
SAID = (
    "the workbook is written as .xlsx, so its name must end in .xlsx "
    "(got 'report.csv'; for example 'report.xlsx')"
)


def test_python_callers_read_the_one_message(tmp_path: Path) -> None:
    result = tendereval.score(CARERS, sensitivity=False)
    for write in (
        lambda path: write_report(result, path),
        lambda path: tendereval.template("bid-return", CARERS, path),
    ):
        with pytest.raises(tendereval.UsageError) as raised:
            write(tmp_path / "report.csv")
        assert str(raised.value) == SAID
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "command",
    [
        ["score", str(CARERS)],
        ["template", "bid-return", "--tender", str(CARERS)],
        ["allocate", str(EXAMPLES / "offers" / "homecare-offers.csv")],
        ["scenarios", str(EXAMPLES / "homecare-lot-splits" / "scenarios.toml")],
    ],
    ids=lambda command: command[0],
)
def test_every_command_reads_the_one_message(command: list[str], tmp_path: Path) -> None:
    ran = CliRunner().invoke(cli, [*command, "-o", str(tmp_path / "report.csv")])
    assert ran.exit_code == 2, ran.output
    assert SAID in " ".join(ran.output.split())
    assert not list(tmp_path.iterdir())


def test_a_name_with_no_stem_is_not_given_an_example() -> None:
    from tendereval.errors import not_xlsx

    assert not_xlsx(Path("/")) == (
        "the workbook is written as .xlsx, so its name must end in .xlsx (got '')"
    )
    assert not_xlsx(Path("report.")).endswith("(got 'report.'; for example 'report.xlsx')")
