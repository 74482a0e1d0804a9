"""Where everything sits in the workbooks tendereval sends out and reads back.

One source of truth for the template writer (``tendereval.templates``) and the loaders
(``tendereval.io``): sheet names, the label/value rows of form sheets, and the column headers
of table sheets. Loaders find a table's header row by its first header (within the first
``HEADER_SEARCH_ROWS`` rows) so an officer inserting a title row does not break loading, and
find form fields by their label in column A.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

HEADER_SEARCH_ROWS = 15
TABLE_HEADER_ROW = 4  # where the templates put table headers (rows 1–3: title and notes)
FORM_FIRST_ROW = 4  # where the templates put the first label/value row of a form sheet


@dataclass(frozen=True)
class Field:
    """A label/value row of a form sheet: label in column A, value in column B."""

    key: str
    label: str
    kind: str  # text, money, count, yes_no, choice, date, list
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    # Other labels read as this field, as for a column's aliases ('Evaluator group' for
    # 'Evaluator group (blank for the main panel)').
    aliases: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        """What the templates write beside the answer, in the Notes column (C)."""
        if self.kind == "list":
            return (self.help + ". " if self.help else "") + "Separate names with ;"
        return self.help


@dataclass(frozen=True)
class Column:
    """A column of a table sheet."""

    key: str
    header: str
    kind: str  # text, money, number, share, yes_no, choice, lot, lots, supplier, question
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 16
    filled_by: str = "supplier"  # "template" when tendereval pre-fills it, else who types it
    # False for a column the template fills in to be seen beside the others and nothing reads
    # (a lot's name, a question's scale): what Excel hides of it hides nothing that counts.
    read: bool = True
    # Other headers read as this column: the same words retyped as suppliers retype them
    # ('Yearly uplift' for 'Yearly uplift (%)'). The key is always one ('unit rate').
    aliases: tuple[str, ...] = ()


YES_NO = ("yes", "no")
ORG_TYPES = (
    "private company",
    "charity",
    "community interest company",
    "mutual",
    "public body",
    "in-house team",
    "other",
)
SUPPLY_CHAIN_ROLES = ("consortium member", "subcontractor")
CONFLICT_CHOICES = ("none", "declared")

# ---- The bid return (one workbook per supplier) ---------------------------------------------
BID_INSTRUCTIONS = "Instructions"
BID_ORGANISATION = "Organisation"
BID_SUPPLY_CHAIN = "Supply chain"
BID_PRICES = "Prices"
BID_PACKAGES = "Packages"
BID_SOCIAL_VALUE = "Social value"


def prices_title_block(contract_years: int) -> tuple[str, str, str]:
    """The Prices sheet's title and two notes (cells A1 to A3 of the bid return), which the
    loader compares with what a return shows there: words the supplier typed over them
    ("prices include VAT") are said, not taken for the template's."""
    return (
        "Price schedule",
        "Type a unit rate (£, excluding VAT) for every item of each lot you bid for, and any "
        "yearly uplift. Leave every rate of a lot blank if you are not bidding for it.",
        f"Prices are evaluated over {contract_years} year(s) using the yearly volumes "
        "shown, separately from the quality of your bid.",
    )


def optional_bid_sheets(lots: int, commitments_scored: bool) -> tuple[str, ...]:
    """The sheets of the bid return made for a plan of ``lots`` lots that a supplier may
    leave empty (the Organisation and Prices sheets must be filled in): Supply chain always,
    Packages when there is more than one lot, Social value when the plan scores commitments.
    The template has these; the reader looks for them."""
    return (
        BID_SUPPLY_CHAIN,
        *((BID_PACKAGES,) if lots > 1 else ()),
        *((BID_SOCIAL_VALUE,) if commitments_scored else ()),
    )


ORGANISATION_FIELDS: tuple[Field, ...] = (
    Field("legal_name", "Legal name of the organisation", "text", required=True),
    Field("trading_name", "Trading name (if different)", "text"),
    Field("company_number", "Company number", "text", help="Companies House number, if registered"),
    Field("charity_number", "Charity number", "text", help="Charity Commission number, if any"),
    Field("address", "Registered address", "text", required=True),
    Field("org_type", "Type of organisation", "choice", required=True, choices=ORG_TYPES),
    Field(
        "vcse",
        "Voluntary, community or social enterprise (VCSE)?",
        "yes_no",
        required=True,
        choices=YES_NO,
        help="A non-governmental, value-driven organisation that principally reinvests its "
        "surpluses in social, environmental or cultural objectives",
    ),
    Field("staff", "Staff headcount", "count", required=True),
    Field("turnover", "Annual turnover (£)", "money", required=True),
    Field("balance_sheet", "Balance sheet total (£)", "money", required=True),
    Field("contact_name", "Contact name", "text"),
    Field("contact_email", "Contact email", "text"),
    # Last, so the rows above keep the places returns made before it have them. The
    # Procurement Regulations 2024 reg 31(2)(c): each assessment summary gives the supplier's
    # unique identifier, the one the Central Digital Platform allocates (its PPON).
    Field(
        "unique_identifier",
        "Unique identifier (Find a Tender / Central Digital Platform)",
        "text",
        help="Your Public Procurement Organisation Number (PPON), as Find a Tender shows it "
        "once you are registered, e.g. PDZV-7449-YCMT",
        aliases=("Unique identifier", "PPON", "Public Procurement Organisation Number"),
    ),
)

SUPPLY_CHAIN_COLUMNS: tuple[Column, ...] = (
    Column("name", "Organisation name", "text", required=True, width=32),
    Column("role", "Role", "choice", required=True, choices=SUPPLY_CHAIN_ROLES, width=20),
    Column("company_number", "Company or charity number", "text", width=18),
    Column("staff", "Staff headcount", "number"),
    Column("turnover", "Annual turnover (£)", "money"),
    Column("sme", "SME?", "yes_no", required=True, choices=YES_NO, width=8),
    Column("vcse", "VCSE?", "yes_no", required=True, choices=YES_NO, width=8),
    Column("share", "Share of the work (%)", "share", required=True),
    Column("lots", "Lots (blank = all)", "lots", width=20),
)

# One row per lot × price item, pre-filled by the template; the supplier types the unit rate
# (and any yearly uplift). A lot whose rates are all blank is a lot the supplier did not bid for.
PRICE_COLUMNS: tuple[Column, ...] = (
    Column("lot", "Lot", "lot", required=True, filled_by="template", width=10),
    Column("lot_name", "Lot name", "text", filled_by="template", width=24, read=False),
    Column("item", "Item", "text", required=True, filled_by="template", width=18),
    Column("description", "Description", "text", filled_by="template", width=32),
    Column("unit", "Unit", "text", filled_by="template", width=10, read=False),
    Column("volume", "Yearly volume", "number", filled_by="template", width=14),
    Column("unit_rate", "Unit rate (£)", "money", required=True, width=14),
    Column(
        "uplift",
        "Yearly uplift (%)",
        "share",
        width=14,
        aliases=(
            "Yearly uplift",
            "Yearly uplift %",
            "Annual uplift",
            "Annual uplift %",
            "Annual uplift (%)",
            "Uplift %",
            "Uplift (%)",
        ),
    ),
)

PACKAGE_COLUMNS: tuple[Column, ...] = (
    Column("package", "Package name", "text", required=True, width=20),
    Column("lots", "Lots in the package (separate with ;)", "lots", required=True, width=36),
    Column("price", "Whole-contract price for the package (£)", "money", required=True, width=22),
)

SOCIAL_VALUE_COLUMNS: tuple[Column, ...] = (
    Column("lot", "Lot (blank = every lot bid for)", "lot", width=14),
    Column("measure", "Measure id", "choice", required=True, width=12),
    Column("units", "Units committed", "number", required=True, width=14),
    Column("description", "How you will deliver it", "text", width=48),
)

# ---- The score sheet (one workbook per evaluator) --------------------------------------------
SCORE_INSTRUCTIONS = "Instructions"
SCORE_DECLARATION = "Declaration"
SCORE_SCORES = "Scores"
SCORE_SCALES = "Scales"

DECLARATION_FIELDS: tuple[Field, ...] = (
    Field("evaluator", "Evaluator name", "text", required=True),
    Field("role", "Role and organisation", "text"),
    Field(
        "group",
        "Evaluator group (blank for the main panel)",
        "text",
        help="e.g. service_users for a service-user panel declared in the plan",
        aliases=("Evaluator group",),
    ),
    Field("declared_on", "Date of declaration", "date", required=True),
    Field(
        "conflict",
        "Conflict of interest",
        "choice",
        required=True,
        choices=CONFLICT_CHOICES,
        help="'declared' if you have any interest in a bidder; name them below",
    ),
    Field("conflicted_suppliers", "Suppliers you have a conflict with (separate with ;)", "list"),
)

SCORE_COLUMNS: tuple[Column, ...] = (
    Column("supplier", "Supplier", "supplier", required=True, filled_by="template", width=30),
    Column("lot", "Lot", "lot", required=True, filled_by="template", width=10),
    Column("question", "Question", "question", required=True, filled_by="template", width=10),
    Column("title", "Question title", "text", filled_by="template", width=36, read=False),
    Column("scale", "Scale", "text", filled_by="template", width=24, read=False),
    Column("score", "Score", "number", required=True, filled_by="evaluator", width=8),
    Column(
        "reason", "Reason for the score", "text", required=True, filled_by="evaluator", width=60
    ),
)

# ---- The moderation workbook (consensus scores) ---------------------------------------------
MODERATION_SHEET = "Moderation"
MODERATION_COLUMNS: tuple[Column, ...] = (
    Column("supplier", "Supplier", "supplier", required=True, width=30),
    Column("lot", "Lot", "lot", required=True, width=10),
    Column("question", "Question", "question", required=True, width=10),
    Column("score", "Consensus score", "number", required=True, filled_by="moderator", width=10),
    Column(
        "reason",
        "Reason for the consensus score",
        "text",
        required=True,
        filled_by="moderator",
        width=60,
    ),
    Column("moderator", "Moderated by", "text", filled_by="moderator", width=20),
    # Filled in when the workbook is made after the evaluators' scores are in, for the panel
    # to moderate from; never read back (the scores counted are the evaluators' own sheets').
    Column(
        "evaluator_scores",
        "Evaluators' scores (when this sheet was made)",
        "text",
        filled_by="template",
        width=44,
        read=False,
    ),
    Column(
        "to_moderate",
        "Scores far apart: to moderate",
        "text",
        filled_by="template",
        width=36,
        read=False,
    ),
)

# ---- The consolidated matrix (evaluation.xlsx, or evaluation/ with one CSV per sheet) -------
# Headers in row 1, one table per sheet; column names are the frame column names.
MATRIX_WORKBOOK = "evaluation.xlsx"
MATRIX_FOLDER = "evaluation"
MATRIX_SHEETS: dict[str, tuple[str, ...]] = {
    "Suppliers": (
        "supplier",
        "legal_name",
        "trading_name",
        "company_number",
        "charity_number",
        "address",
        "org_type",
        "vcse",
        "staff",
        "turnover",
        "balance_sheet",
        # What each assessment summary gives of a supplier (reg 31(2)(b)-(c)) beside its
        # name and address.
        "contact_email",
        "unique_identifier",
    ),
    "Prices": ("supplier", "lot", "item", "unit_rate", "uplift"),
    "Scores": ("evaluator", "group", "supplier", "lot", "question", "score", "reason"),
    "SocialValue": ("supplier", "lot", "measure", "units", "description"),
    "Packages": ("supplier", "package", "lots", "price"),
    "Declarations": ("evaluator", "group", "declared_on", "conflict", "conflicted_suppliers"),
    "Moderation": ("supplier", "lot", "question", "score", "reason", "moderator"),
    "SupplyChain": (
        "supplier",
        "name",
        "role",
        "company_number",
        "staff",
        "turnover",
        "sme",
        "vcse",
        "share",
        "lots",
    ),
}
# The matrix columns holding numbers (money, counts, shares, scores): where a CSV file's
# decimal mark decides how "1.234" reads (io.csvfile.decimal_marks).
MATRIX_NUMBERS = frozenset(
    {
        "staff",
        "turnover",
        "balance_sheet",
        "unit_rate",
        "uplift",
        "score",
        "units",
        "price",
        "share",
    }
)
MATRIX_REQUIRED_SHEETS = ("Suppliers", "Prices", "Scores")
# Where each matrix sheet's rows come from in the folder form: a column headed as that form's
# template heads it, or by one of its aliases ('Yearly uplift (%)', 'Uplift (%)' on Prices,
# 'Moderated by' on Moderation, 'Evaluator group' on Scores), is the matrix's column too. One
# table of headings for both forms, so a heading read in one is read in the other.
MATRIX_HEADINGS: dict[str, tuple[Column | Field, ...]] = {
    "Suppliers": ORGANISATION_FIELDS,
    "Prices": PRICE_COLUMNS,
    "Scores": (*SCORE_COLUMNS, *DECLARATION_FIELDS),
    "SocialValue": SOCIAL_VALUE_COLUMNS,
    "Packages": PACKAGE_COLUMNS,
    "Declarations": DECLARATION_FIELDS,
    "Moderation": MODERATION_COLUMNS,
    "SupplyChain": SUPPLY_CHAIN_COLUMNS,
}
# Columns a matrix sheet must have; the others are optional.
MATRIX_REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "Suppliers": ("supplier",),
    "Prices": ("supplier", "lot", "item", "unit_rate"),
    "Scores": ("evaluator", "supplier", "lot", "question", "score"),
    "SocialValue": ("supplier", "measure", "units"),
    "Packages": ("supplier", "package", "lots", "price"),
    "Declarations": ("evaluator", "conflict"),
    "Moderation": ("supplier", "lot", "question", "score", "reason"),
    "SupplyChain": ("supplier", "name", "role"),
}

# ---- Shared by every template -----------------------------------------------------------------
# A hidden sheet holding the values of data-driven drop-downs (lot ids, measure ids, supplier
# names). Loaders ignore it.
LISTS_SHEET = "Lists"
# The custom document properties saying which tender and plan a template was made from all
# start with this (tendereval/template_marks.py); readers keep only these.
MARK_PREFIX = "Tendereval "
# What a workbook tendereval wrote is ("evaluation report", "assessment summary" …): one put
# back among the inputs (a report copied into bids/) is known by it, not read as a bid.
OUTPUT_MARK = f"{MARK_PREFIX}output"
# An assessment summary's record of the sending decisions.toml gave when it was written
# (report/summaries.py sending_when_written).
SENDING_MARK = f"{MARK_PREFIX}summaries_sent_on"

# ---- Folders of a tender ---------------------------------------------------------------------
BIDS_FOLDER = "bids"
SCORES_FOLDER = "scores"
REPORTS_FOLDER = "reports"
# Inside the summaries folder, where summaries an earlier run left are kept (never deleted: one
# may be what a supplier was sent).
SUPERSEDED = "superseded"
# The tender notice as published (Find a Tender's OCDS release or release package), kept in the
# tender folder: `validate` checks the plan against it and `publish` takes the ocid from it.
NOTICE_FILE = "notice.json"


def default_report_path(folder: str | Path, tender_id: str, public: bool = False) -> Path:
    """``<folder>/reports/<tender-id>-evaluation.xlsx`` (``…-evaluation-public.xlsx``). Here,
    not beside the report's writer, so that a command writing no report (``score
    --no-report``, ``summaries``, ``publish``) does not import the Excel writer (about 50 ms)
    only to say where the report would be."""
    from tendereval.io.keys import slug

    name = f"{slug(tender_id) or 'tender'}-evaluation{'-public' if public else ''}.xlsx"
    return Path(folder) / REPORTS_FOLDER / name


def plan_file_path(name: str) -> str:
    """A file the plan names in the tender folder (``social_value.proxy_table``), with ``\\``
    read as a folder separator, as ``/`` is: a plan written on Windows
    (``"data\\my-proxies.csv"``) names the same file when the tender folder is moved to a Mac
    or Linux, where ``\\`` is a letter of a file's name."""
    return name.replace("\\", "/")


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Files Excel could have saved that we can at least explain; anything else is ignored.
SPREADSHEET_SUFFIXES = (*WORKBOOK_SUFFIXES, ".xls", ".xlsb")
# Spreadsheets a return or score sheet could have been saved as by another program, or as a
# template: LibreOffice's (.ods, its template .ots, its one-file XML .fods, StarOffice's .sxc),
# Excel's templates (.xlt, .xltx, .xltm), WPS Spreadsheets' (.et, .ett), Apple's Numbers,
# Gnumeric's, Lotus 1-2-3's and Works' (.wk1 ...), Quattro Pro's, and the plain-text SYLK and
# DIF that every spreadsheet program saves. A bid saved as .fods was "not a workbook" and
# left the results with a warning while the award went ahead; it is a bid sent in another
# format, as an .ods is, which holds the award until it is put right.
OTHER_SPREADSHEET_SUFFIXES = (
    ".ods", ".ots", ".fods", ".sxc", ".numbers", ".xlt", ".xltx", ".xltm", ".et", ".ett",
    ".gnumeric", ".wk1", ".wk3", ".wk4", ".wks", ".123", ".qpw", ".slk", ".dif",
)  # fmt: skip
# Data a bid or score sheet could have been sent in instead of the workbook. Not a .txt: in
# bids/ it is a covering letter or notes, and read as a return it was a bid received (in a
# plan of one lot, an invalid bid holding the award, with its own assessment summary). It is
# a document not read, as a PDF is, unless what it holds is a workbook.
DATA_SUFFIXES = (".csv", ".tsv", *OTHER_SPREADSHEET_SUFFIXES)
# What a browser adds to a download it has not finished: the file under it is still a bid.
DOWNLOADING_SUFFIXES = (".part", ".partial", ".crdownload", ".download")
# What a bid return or score sheet can be, as a file kept where nothing is read (a folder
# inside bids/, a folder named almost as bids/ is, a zip) is counted as a workbook: Excel's
# formats, and a spreadsheet program's own a return may be saved in. Not a .txt or a .csv: in
# such a place it is a covering letter or an officer's notes, and counted as a workbook it
# was an error holding the award, the advice to move it into bids/ making it an invalid bid.
HELD_WORKBOOK_SUFFIXES = (*SPREADSHEET_SUFFIXES, *OTHER_SPREADSHEET_SUFFIXES)
# Documents that are no spreadsheet: Office's others (Word, PowerPoint, Visio, Project,
# Publisher), which a password locks as it locks a workbook, and the documents a supplier
# attaches beside them. A file so named whose bytes are a password-protected Office file is
# the document its name says, not a workbook (io/formats.ole_workbook).
DOCUMENT_SUFFIXES = (
    ".doc", ".docx", ".docm", ".dot", ".dotx", ".dotm", ".ppt", ".pptx", ".pptm", ".pot",
    ".potx", ".potm", ".pps", ".ppsx", ".ppsm", ".vsd", ".vsdx", ".vsdm", ".mpp", ".pub",
    ".pdf", ".rtf", ".odt", ".odp", ".pages", ".key",
)  # fmt: skip


def in_folder(file: str, folder: str) -> bool:
    """Whether ``file``, as problems and the audit trail name it, is in the tender's
    ``folder`` (``bids``): the folder is named as it is on disk, and Windows users rename
    freely ("Bids/weald.xlsx" is in bids/)."""
    first, slash, _ = file.partition("/")
    return bool(slash) and first.casefold() == folder


def names_a_submission(name: str) -> bool:
    """Whether a file's name says it is a workbook (or data sent instead of one): by its
    suffix, also under a trailing space or dot (kept by a download on Linux, dropped by
    Windows) or a half-finished download's suffix. Every such file in bids/ is in the
    results (but a workbook whose sheets show it is no bid return, such as a score sheet
    saved there), and a record in decisions.toml names it by its file name."""
    return _suffix(name) in SPREADSHEET_SUFFIXES + DATA_SUFFIXES


def names_a_workbook(name: str) -> bool:
    """Whether a file's name says it is a workbook of today's format (:data:`WORKBOOK_SUFFIXES`,
    .xlsx or .xlsm), which Excel opens as one: under an .xls or .xlsb name (Excel 97-2003's
    and the binary format's), a workbook of today's format is opened as what it is not."""
    return _suffix(name) in WORKBOOK_SUFFIXES


def names_a_held_workbook(name: str, also: tuple[str, ...] = ()) -> bool:
    """Whether a file's name says it is a bid return or score sheet (:data:`HELD_WORKBOOK_
    SUFFIXES`, or one of ``also``: ".csv" in a folder of the consolidated form's tables),
    read as :func:`names_a_submission` reads it, where it is kept but not read."""
    return _suffix(name) in HELD_WORKBOOK_SUFFIXES + also


def names_a_document(name: str) -> bool:
    """Whether a file's name says it is a document that is no spreadsheet
    (:data:`DOCUMENT_SUFFIXES`), read as :func:`names_a_submission` reads it."""
    return _suffix(name) in DOCUMENT_SUFFIXES


def _suffix(name: str) -> str:
    """A file's suffix in lower case, also under a trailing space or dot, or a half-finished
    download's suffix ("weald.xlsx.part": ".xlsx")."""
    folded = name.casefold().rstrip(" .")
    stem, suffix = posixpath.splitext(folded)
    if suffix in DOWNLOADING_SUFFIXES:
        suffix = posixpath.splitext(stem.rstrip(" ."))[1]
    return suffix
