"""What the tool writes, attacked: text from bids reaching the terminal, the summaries and
OCDS in ways the first round of output-safety tests did not imagine."""

from __future__ import annotations

import io
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tendereval.cli import cli
from tests.cpu_time import cpu_seconds
from tests.io.builders import QUESTIONS, bid_workbook, score_workbook, write_plan

# Characters a terminal acts on or that change how the text around them reads: C0 controls
# (the line breaks the renderer makes itself excepted), DEL, C1 controls, the line and
# paragraph separators and the bidirectional marks, embeddings, overrides and isolates.
UNSAFE_ON_A_TERMINAL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)

# Names a supplier typed into its bid return (control characters as Excel stores them, so the
# reader decodes them back): a window-title escape with a bell, a line break that would forge
# a line of tendereval's own, a line separator, a tab.
TIED = (
    "Evil_x001B_]0;pwned_x0007_ Ltd",
    "Line_x000A_FORGED: all bids valid\u2028 Ltd",
    "Tab\tCo",
)
FORGED = "FORGED: all bids valid"


def unsafe(text: str) -> list[str]:
    return sorted({match.group() for match in UNSAFE_ON_A_TERMINAL.finditer(text)})


@pytest.fixture(scope="module")
def tied_tender(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three bids with hostile names, identical in every figure: first place is tied in both
    lots, so every command has the tied names to say."""
    return level_tender(tmp_path_factory.mktemp("tied") / "tender", TIED)


def level_tender(folder: Path, names: tuple[str, ...]) -> Path:
    """A tender of one bid per name, identical in every figure (so first place is tied in
    both lots)."""
    write_plan(folder)
    for index, name in enumerate(names):
        bid_workbook(folder / "bids" / f"bid{index}.xlsx", name)
    rows = [
        {"supplier": name, "lot": lot, "question": q, "score": 3, "reason": "A sound answer."}
        for name in names
        for lot in ("L1", "L2")
        for q in QUESTIONS
    ]
    score_workbook(folder / "scores" / "ann.xlsx", rows)
    return folder


COMMANDS = {
    "validate": [],
    "score": ["--no-sensitivity", "--no-report"],
    "summaries": [],
    "publish": ["--ocid-prefix", "ocds-abc123"],
    "allocate": [],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_tied_hostile_names_never_reach_the_terminal_raw(command, tied_tender, tmp_path):
    """`summaries` listed what blocks sending (a tie names the tied suppliers) as raw text: a
    name's escape sequence retitled the window and its line break forged a line."""
    args = [command, str(tied_tender), *COMMANDS[command]]
    if command == "summaries":
        args += ["-o", str(tmp_path / "summaries")]
    if command == "publish":
        args += ["-o", str(tmp_path / "award.json")]
    outcome = CliRunner().invoke(cli, args)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.output
    assert outcome.exit_code in (0, 1), outcome.output
    assert unsafe(outcome.output) == [], outcome.output
    assert FORGED not in [line.strip() for line in outcome.output.splitlines()]
    if command in ("score", "summaries", "publish"):
        assert "tied" in outcome.output  # the tied names were really printed


# ---- Invisible characters on the terminal ----------------------------------------------------


def _format_characters() -> list[str]:
    """Every format character (Unicode category Cf) this Python knows: zero-width spaces and
    joiners, the soft hyphen, the byte order mark, the invisible tag letters that can spell a
    hidden message, the bidirectional controls."""
    return [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]


def test_every_invisible_character_is_shown_escaped():
    """'Acme\\u200b Care Ltd' or 'Tag' followed by tag letters printed exactly like an
    ordinary name: the officer could not see that the proposed award's name held hidden
    characters. Each is now shown as its code, and ordinary text is left alone."""
    from tendereval.terminal import printable

    invisible = [
        *_format_characters(),
        "\u034f",  # combining grapheme joiner
        "\u115f", "\u1160", "\u3164", "\uffa0",  # Hangul fillers: drawn as nothing
        *(chr(c) for c in range(0xFE00, 0xFE10)),  # variation selectors
        *(chr(c) for c in range(0xE0100, 0xE01F0)),  # variation selectors supplement
    ]  # fmt: skip
    for char in invisible:
        shown = printable(f"Acme{char} Care Ltd")
        # As Python writes it: \xad, \u200b, \U000e0041.
        assert shown == f"Acme{ascii(char)[1:-1]} Care Ltd", (hex(ord(char)), shown)
    for ordinary in ("Zoë Née", "Łódź Care", "Δέλτα", "日本語", "£1,234.50", "José"):
        assert printable(ordinary) == ordinary


def test_a_pile_of_combining_marks_is_shown_escaped():
    """Combining marks stacked on one letter ("Zalgo" text) are drawn over the lines above and
    below it, hiding tendereval's own words there. One or two marks on a letter are how
    accents are written and stay as they are; a run of three or more is escaped."""
    from tendereval.terminal import printable

    assert printable("Jose\u0301") == "Jose\u0301"
    assert printable("e\u0323\u0302") == "e\u0323\u0302"  # ệ decomposed: two marks
    assert printable("B\u0301\u0301\u0301 Ltd") == "B\\u0301\\u0301\\u0301 Ltd"
    piled = "X" + "\u0336\u0335\u0334" * 20
    assert "\u0336" not in printable(piled)


def test_invisible_characters_in_a_ranked_name_are_visible_in_the_ranking(tmp_path):
    names = ("Acme\u200b Care Ltd", "Tag\U000e0041\U000e0042 Ltd")
    folder = level_tender(tmp_path / "tender", names)
    outcome = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"])
    assert outcome.exit_code == 0, outcome.output
    assert "Acme\\u200b Care Ltd" in outcome.output
    assert "Tag\\U000e0041\\U000e0042 Ltd" in outcome.output
    assert not set(outcome.output) & set(_format_characters())


# ---- A summary names no other bidder ---------------------------------------------------------

BIDDERS = ("Alpha Care Ltd", "Beta Homecare Limited", "Gamma Support CIC", "Delta Ltd")
# What the evaluator wrote about each bid: comparisons that name the competition.
COMPARISONS = {
    "Alpha Care Ltd": "Strongest model; clearer than Beta Homecare's and beyond Gamma Support CIC.",
    "Beta Homecare Limited": "Good, but weaker than ALPHA CARE LTD; similar to Gamma Support.",
    "Gamma Support CIC": "Adequate.",
    "Delta Ltd": "Copied text from Beta Homecare Limited's 2023 bid.",
}


def test_other_bidders_are_found_in_any_case_without_their_legal_form_and_by_file():
    from tendereval.report.redact import OtherBidders

    hide = OtherBidders(
        [
            ("Alpha Care Ltd", "bids/alpha.xlsx"),
            ("Beta Homecare Limited", "bids/beta.xlsx"),
            ("Delta", "bids/delta.xlsx"),
            ("Alpha Care Group", None),
        ]
    )
    keep = {"Alpha Care Ltd"}
    assert hide("Clearer than beta  HOMECARE limited.", keep) == "Clearer than another bidder."
    assert hide("Beta Homecare's answer was weaker.", keep) == "Another bidder's answer was weaker."
    assert hide("Same number as Delta (bids/delta.xlsx)", keep) == (
        "Same number as another bidder (another bidder's file)"
    )
    # The reader's own name is kept whole, never cut down to another bidder's shorter one;
    # a name inside a longer word, or a one-word name in another case, is not a name.
    assert (
        hide("Alpha Care Ltd beat Alpha Care Group", keep) == "Alpha Care Ltd beat another bidder"
    )
    assert hide("the delta of prices; Deltaforce; Betamax", keep) == (
        "the delta of prices; Deltaforce; Betamax"
    )
    assert hide(None, keep) is None and hide("", keep) == ""


NAME_PIECES = [
    "Alpha",
    "alpha",
    "ALPHA",
    "Care",
    "care",
    "Ltd",
    "Limited",
    "Beta",
    "Homecare",
    "Delta",
    "O'Brien",
    "4",
    "U",
    "Caf\u00e9",
    "\u212aare",
    "bids/alpha.xlsx",
    "Group",
]
TEXT_PIECES = [
    *NAME_PIECES,
    "kare",
    "KARE",
    # Letters that match an ASCII one ignoring case, and text that reads otherwise than it is
    # stored: every text with one of them was searched for with every form, 0.1 s or more.
    "\u0130",  # İ
    "\u0131",  # ı
    "\u017f",  # ſ (long s)
    "\u212a",  # Kelvin sign
    "\u2019",  # ’
    "\u00ad",  # soft hyphen
    "\u200b",  # zero-width space
    "\uff21lpha",  # full-width A
    "DELTA\u0130",
    " ",
    "  ",
    "\n",
    ".",
    "'s",
    ",",
    "-",
    "x",
    "the",
    "bids",
    "/",
    "_",
]


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(
        st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4).map(" ".join),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    text=st.lists(st.sampled_from(TEXT_PIECES), max_size=25).map("".join),
    kept=st.integers(0, 5),
)
# A name with a Kelvin sign is found, ignoring case, in a text of plain letters.
@example(names=["\u212aare Group", "Alpha Ltd"], text="kare group did well", kept=1)
def test_searching_only_the_forms_filed_under_a_texts_words_finds_what_every_form_finds(
    names: list[str], text: str, kept: int
) -> None:
    """OtherBidders files each form of a name under its rarest word and searches a text only
    for the forms filed under the text's words: the same replacements as searching for every
    form (case, spacing, apostrophes, look-alike letters, files and non-ASCII included)."""
    from unittest.mock import patch

    from tendereval.report.redact import OtherBidders

    hide = OtherBidders([(name, f"bids/{i}.xlsx") for i, name in enumerate(names)])
    keep = {names[kept % len(names)]}
    with patch.object(OtherBidders, "FILED", False):
        everywhere = hide(text, keep)
    assert hide(text, keep) == everywhere


def test_a_thousand_bidders_are_looked_for_in_a_sentence_at_once():
    """One pattern of every bidder's forms took 40 ms a sentence with a thousand bidders: a
    summary of twenty-five explanations for each of them took over fifteen minutes."""

    from tendereval.report.redact import OtherBidders

    bids = [(f"Supplier {i:04d} Homecare Ltd", f"bids/s{i:04d}.xlsx") for i in range(1000)]
    hide = OtherBidders(bids)
    for text in (
        "A clear staffing plan; better than Supplier 0007 Homecare and bids/s0009.xlsx. " * 3,
        # A curly apostrophe (typed in Word) made the whole text searched for every form.
        "The provider\u2019s plan \u2013 clearer than Supplier 0007 Homecare\u2019s, and "
        "bids/s0009.xlsx. " * 3,
    ):
        start = cpu_seconds()
        for _ in range(100):
            hidden = hide(text, {bids[5][0]})
        assert (cpu_seconds() - start) / 100 < 0.005
        assert "Supplier 0007" not in hidden and "s0009" not in hidden


@pytest.fixture(scope="module")
def compared_tender(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four bids; the evaluator's reasons compare them by name, and Gamma and Delta give one
    company number (a problem naming both, which makes each bid invalid)."""
    folder = tmp_path_factory.mktemp("compared") / "tender"
    write_plan(folder)
    for index, name in enumerate(BIDDERS):
        bid_workbook(
            folder / "bids" / f"{name.split()[0].lower()}.xlsx",
            name,
            organisation={"company_number": "12345678"} if index >= 2 else None,
            rates={
                (lot, item): 20.0 + index if item == "hours" else 35.0
                for lot in ("L1", "L2")
                for item in ("hours", "visits")
            },
        )
    rows = [
        {"supplier": name, "lot": lot, "question": q, "score": 3, "reason": COMPARISONS[name]}
        for name in BIDDERS
        for lot in ("L1", "L2")
        for q in QUESTIONS
    ]
    score_workbook(folder / "scores" / "ann.xlsx", rows)
    return folder


def _cell_texts(path: Path) -> list[str]:
    from openpyxl import load_workbook

    return [
        value
        for ws in load_workbook(path, read_only=True).worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]


def test_no_summary_names_a_bidder_other_than_its_reader_and_the_winner(compared_tender, tmp_path):
    """Beta's summary quoted "similar to Gamma Support", the winner's explanations (shown to
    every bidder) named Beta and Gamma, and Delta's reason named Gamma and its bid file: each
    bidder learnt who else bid. Only the reader and the lot's awarded tender are named now."""
    out = tmp_path / "summaries"
    outcome = CliRunner().invoke(cli, ["summaries", str(compared_tender), "-o", str(out)])
    assert outcome.exit_code == 1, outcome.output  # the shared company number is an error
    assert "named another bidder" in outcome.output
    forms = {
        "Alpha Care Ltd": ("alpha care", "alpha.xlsx"),
        "Beta Homecare Limited": ("beta homecare", "beta.xlsx"),
        "Gamma Support CIC": ("gamma support", "gamma.xlsx"),
        "Delta Ltd": ("delta ltd", "delta.xlsx"),
    }
    read = 0
    for reader in BIDDERS:
        [path] = out.glob(f"{reader.split()[0].lower()}-*.xlsx")
        text = "\n".join(_cell_texts(path)).casefold()
        assert "alpha care ltd" in text  # the winner is named to everyone: the check can fail
        for other in BIDDERS:
            if other not in (reader, "Alpha Care Ltd"):
                found = [form for form in forms[other] if form in text]
                assert found == [], (reader, other, found)
        assert "another bidder" in text
        read += 1
    assert read == len(BIDDERS)


def test_the_library_counts_what_it_hid(compared_tender, tmp_path):
    import tendereval

    done = tendereval.summaries(compared_tender, tmp_path / "summaries")
    assert done.other_bidders_named > 0
    assert done.redacted == 0  # no evaluator was named


# ---- OCDS in: a hostile notice ----------------------------------------------------------------


def test_a_number_too_long_to_read_in_the_notice_is_a_problem_not_a_crash(tmp_path):
    """A whole number of 5,000 digits is valid JSON, but Python refuses to read more than
    4,300 digits (a guard against slow conversions): `init --from-notice` stopped with an
    internal error (exit 3). It is now a problem naming the notice, and nothing is created."""
    from tendereval.ocds.notice import read_notice

    notice = tmp_path / "notice.json"
    notice.write_text(
        '{"releases": [{"ocid": "ocds-abc123-1", "tender": {"id": "T1", "value": '
        '{"amount": ' + "9" * 5000 + "}}}]}",
        encoding="utf-8",
    )
    found, problems = read_notice(notice)
    assert found is None
    assert [(p.code, p.file) for p in problems] == [("notice.syntax", "notice.json")]
    assert "digits" in problems[0].describe()

    outcome = CliRunner().invoke(
        cli, ["init", str(tmp_path / "tender"), "--from-notice", str(notice)]
    )
    assert outcome.exit_code == 1, outcome.output
    assert "notice.json" in outcome.output and "digits" in outcome.output
    assert not (tmp_path / "tender" / "tender.toml").exists()


def test_a_number_too_long_to_read_in_the_plan_is_a_problem_not_a_crash(tmp_path):
    """The same in the plan: `validate` (and every command, which peeks at the plan for its
    proxy table first) stopped with an internal error (exit 3)."""
    from tests.io.builders import PLAN

    folder = tmp_path / "tender"
    write_plan(folder, PLAN.replace("contract_years = 2", "contract_years = " + "9" * 5000))
    bid_workbook(folder / "bids" / "acme.xlsx")
    for command in ("validate", "score"):
        outcome = CliRunner().invoke(cli, [command, str(folder)])
        assert outcome.exit_code in (1, 2), outcome.output
        assert "tender.toml" in outcome.output and "too long" in outcome.output, outcome.output


# ---- A very long name ----------------------------------------------------------------------------


def test_one_very_long_name_does_not_widen_every_row_of_the_ranking(tmp_path):
    """A supplier named with 5,000 characters made the Supplier column 5,000 wide, so every
    row of the lot, every other bidder's included, was 5,000 characters (and wrapped into an
    unreadable screen). The column is now at most 60 wide; the long name is cut short there
    and given in full on the line beneath its row."""
    from tendereval.scoring.output import NAME_WIDTH

    folder = tmp_path / "tender"
    write_plan(folder)
    long_name = "Very Long " * 500 + "Ltd"
    names = ("Acme Care Ltd", long_name)
    for index, name in enumerate(names):
        bid_workbook(folder / "bids" / f"bid{index}.xlsx", name)
    score_workbook(
        folder / "scores" / "ann.xlsx",
        [
            {"supplier": name, "lot": lot, "question": q, "score": 3, "reason": "Sound."}
            for name in names
            for lot in ("L1", "L2")
            for q in QUESTIONS
        ],
    )
    outcome = CliRunner().invoke(cli, ["score", str(folder), "--no-sensitivity", "--no-report"])
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    rows = [line for line in lines if line.lstrip().startswith(("Rank", "----", "1 ", "2 "))]
    assert len(rows) == 8  # header, rule and two bids, in each of two lots
    assert max(len(line) for line in rows) < NAME_WIDTH + 100
    # Beneath its rows, the name's start and its length (a terminal line holds 1,000).
    beneath = f"name of {len(long_name):,} characters (the report's Ranking sheet and --json"
    assert sum(line.strip().startswith(beneath) for line in lines) == 2


# ---- A summary's sheet names -----------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4))
def test_every_lot_sheet_title_is_one_excel_accepts(lots):
    """A plan's lot id ending in an apostrophe ("L1'") made the summary's sheet "Lot L1'",
    which Excel forbids (a sheet name may not begin or end with one): `summaries` stopped with
    an internal error (exit 3). Whatever the lot ids, the titles are now valid and distinct."""
    import xlsxwriter

    from tendereval.report.summaries import _sheet_title

    taken: set[str] = set()
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    for lot in lots:
        book.add_worksheet(_sheet_title(f"Lot {lot}", taken))  # raises for an invalid name
    book.add_worksheet(_sheet_title("Not assessed", taken))


def test_a_lot_id_ending_in_an_apostrophe_gets_its_summaries(tmp_path, monkeypatch):
    import tests.io.builders as builders

    lot = "L1'"
    monkeypatch.setattr(builders, "LOTS", {lot: builders.LOTS["L1"], "L2": builders.LOTS["L2"]})
    folder = tmp_path / "tender"
    write_plan(folder, builders.PLAN.replace('id = "L1"', f'id = "{lot}"'))
    names = ("Alpha Ltd", "Beta Ltd")
    for index, name in enumerate(names):
        bid_workbook(folder / "bids" / f"bid{index}.xlsx", name)
    score_workbook(
        folder / "scores" / "ann.xlsx",
        [
            {"supplier": name, "lot": lot_id, "question": q, "score": 3, "reason": "Sound."}
            for name in names
            for lot_id in (lot, "L2")
            for q in QUESTIONS
        ],
    )
    outcome = CliRunner().invoke(cli, ["summaries", str(folder), "-o", str(tmp_path / "out")])
    assert outcome.exit_code in (0, 1), outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert len(list((tmp_path / "out").glob("*.xlsx"))) == 2


# ---- The library in a notebook: wrong arguments --------------------------------------------------

CARERS = Path(__file__).resolve().parents[2] / "examples" / "carers-short-breaks"


@pytest.mark.parametrize(
    "arguments",
    [
        {"samples": -5},  # gave win probabilities of -0.0 "of -5 weight samples"
        {"samples": 2.5},  # a TypeError from deep inside the sensitivity analysis
        {"samples": "1000"},
        {"samples": 10**9},  # beyond the command line's limit of 1,000,000
        {"seed": 2**70},  # an InvalidOperationError from polars
        {"seed": 1.5},  # silently cut to 1 while 1.5 was recorded
        {"seed": "x"},
        {"seed": -1},  # the command line refuses it: the two must agree
    ],
)
def test_score_refuses_counts_and_seeds_the_command_line_would(arguments):
    import tendereval

    with pytest.raises(tendereval.UsageError, match=next(iter(arguments))):
        tendereval.score(CARERS, **arguments)


def test_decide_says_what_it_needs():
    import tendereval

    with pytest.raises(tendereval.UsageError, match="scored tender"):
        tendereval.decide("examples/carers-short-breaks")


def test_reasons_naming_two_bidders_compile_a_pattern_per_word_not_per_text():
    """Reasons naming two of 300 bidders ("clearer than Provider 0041 Care and Provider 0222
    Care") each compiled a pattern of the forms filed under their words: 8,000 patterns, 12 s
    of 300 suppliers' summaries. Now each word's forms are compiled once, and the matches of
    several are put together as one pattern of them all would find them."""
    import random
    from unittest.mock import patch

    from tendereval.report import redact
    from tendereval.report.redact import OtherBidders

    names = [f"Provider {i:04d} Care Ltd" for i in range(300)]
    hide = OtherBidders([(name, f"bids/p{i:04d}.xlsx") for i, name in enumerate(names)])
    rng = random.Random(3)
    texts = [
        f"Sound; clearer than Provider {rng.randrange(300):04d} Care and provider "
        f"{rng.randrange(300):04d} care ltd\u2019s plan."
        for _ in range(2000)
    ]
    compiled = []
    original = redact._pattern.__wrapped__

    def counting(forms):
        compiled.append(forms)
        return original(forms)

    with patch.object(redact, "_pattern", counting):
        hidden = [hide(text, {"Nobody"}) for text in texts]
    assert len(compiled) <= 300  # one per word at most (a number names one bidder here)
    assert all("Provider" not in text and "provider" not in text for text in hidden)
    with patch.object(OtherBidders, "FILED", False):
        assert [hide(text, {"Nobody"}) for text in texts[:200]] == hidden[:200]
