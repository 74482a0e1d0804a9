"""A loaded tender: the plan, the tidy frames of everything that came in, and the problems.

This is what the loaders return (:func:`tendereval.io.tender.load_tender`) and what scoring
takes. Build one by hand for tests or notebooks with :meth:`Tender.from_frames`.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tendereval.award.recorded import Decisions
from tendereval.errors import Problem, UsageError, path_argument
from tendereval.inputs import folder_kept, remembered
from tendereval.io import frames as F
from tendereval.io.keys import supplier_key
from tendereval.pandas_frames import described
from tendereval.plan import Plan
from tendereval.shown import brief
from tendereval.terminal import name_text
from tendereval.wording import listed

FRAME_NAMES = (
    "suppliers",
    "supply_chain",
    "bids",
    "prices",
    "packages",
    "commitments",
    "declarations",
    "scores",
    "moderation",
    "proxies",
    "inputs",
)

# What the files gave a tender: its frames, the problems found, the recorded decisions.
AsRead = tuple[dict[str, pl.DataFrame], tuple[Problem, ...], Decisions]
# What the files gave each tender read lately (see Tender._remember_as_read), by the list of
# its files with their SHA-256 (the inputs frame's rows): a tender built from a read tender's
# frames lists the same files. The last few are kept, as a notebook has a few tenders open at
# once.
_AS_READ: OrderedDict[tuple, AsRead] = OrderedDict()
_AS_READ_KEPT = 8

# The columns a frame handed in must have: a key, or a figure scoring reads. Any other column
# may be left out (where a value came from, reasons, groups, what is only reported) and is
# then null, as the loaders leave a blank cell. A missing key or figure was null too, and
# changed the answer without a word: every score by nobody, a consensus or a commitment of
# nothing.
REQUIRED: dict[str, tuple[str, ...]] = {
    "suppliers": ("supplier",),
    "supply_chain": ("supplier", "name"),
    "bids": ("supplier", "lot"),
    "prices": ("supplier", "lot", "item", "unit_rate", "uplift"),
    "packages": ("supplier", "package", "lots", "price"),
    "commitments": ("supplier", "measure", "units"),
    "declarations": ("evaluator", "conflict"),
    "scores": ("evaluator", "supplier", "lot", "question", "score"),
    "moderation": ("supplier", "lot", "question", "score"),
    "proxies": ("measure", "proxy_value"),
    "inputs": ("path", "kind"),
}

# Figures that cannot be below zero. The loaders refuse a negative amount, and NaN or infinity
# anywhere, at its cell (io.cells, commitments.negative); a frame handed in could hold them,
# and a commitment of NaN units made a total of NaN that was ranked first.
NOT_NEGATIVE: dict[str, tuple[str, ...]] = {
    "prices": ("volume",),
    "packages": ("price",),
    "commitments": ("units",),
    "proxies": ("proxy_value",),
}


# Equal only to itself (``==`` is ``is``), and so usable as a dict key: the default ``==``
# compared the frames, and a frame has no single truth value (polars' TypeError). Two runs
# are compared frame by frame (``a.results.equals(b.results)``).
@dataclass(eq=False)
class Tender:
    """Everything known about one tender. ``plan`` is None when the plan itself is unusable."""

    plan: Plan | None
    folder: Path | None = None
    suppliers: pl.DataFrame = field(default_factory=lambda: F.empty("suppliers"))
    supply_chain: pl.DataFrame = field(default_factory=lambda: F.empty("supply_chain"))
    bids: pl.DataFrame = field(default_factory=lambda: F.empty("bids"))
    prices: pl.DataFrame = field(default_factory=lambda: F.empty("prices"))
    packages: pl.DataFrame = field(default_factory=lambda: F.empty("packages"))
    commitments: pl.DataFrame = field(default_factory=lambda: F.empty("commitments"))
    declarations: pl.DataFrame = field(default_factory=lambda: F.empty("declarations"))
    scores: pl.DataFrame = field(default_factory=lambda: F.empty("scores"))
    moderation: pl.DataFrame = field(default_factory=lambda: F.empty("moderation"))
    proxies: pl.DataFrame = field(default_factory=lambda: F.empty("proxies"))
    inputs: pl.DataFrame = field(default_factory=lambda: F.empty("inputs"))
    problems: list[Problem] = field(default_factory=list)
    # The buyer's decisions recorded after scoring (decisions.toml): ties, lot-cap awards,
    # standstill dates.
    decisions: Decisions = field(default_factory=Decisions)
    # What the files gave (_remember_as_read), None for a tender not read from files. Given on
    # to a copy made with dataclasses.replace, which is held to it too: found only by the
    # files it lists, a copy escaped once eight other tenders had been read, or when it was
    # given another list of files.
    _as_read: AsRead | None = field(default=None, kw_only=True, repr=False, compare=False)

    def __repr__(self) -> str:
        return brief(self)

    def __setattr__(self, name: str, value: object) -> None:
        # Every frame and the plan are checked however they arrive (the loaders, from_frames,
        # or a notebook's ``tender.scores = …``): an unchecked frame failed deep in polars.
        if name in FRAME_NAMES:
            value, unread = _conformed(name, value)
            # (A new dict: a copy of the tender shares the old one.)
            object.__setattr__(self, "_unread", {**self.__dict__.get("_unread", {}), name: unread})
        elif name == "plan" and value is not None and not isinstance(value, Plan):
            raise UsageError(
                f"plan must be a Plan (tendereval.load_plan reads one), not {value!r:.60}"
            )
        elif name == "problems":
            value = _problems_checked(value)
        elif name == "decisions" and not isinstance(value, Decisions):
            raise UsageError(
                "decisions must be a tendereval Decisions (a loaded tender's, or "
                f"tendereval.award.recorded.Decisions()), not {type(value).__name__}"
            )
        elif name == "folder" and value is not None:
            # Absolute: what is written from the tender after an os.chdir goes into it still.
            value = remembered(
                path_argument("folder", value, "the tender folder (text or pathlib.Path)")
            )
        if name == "folder":
            value = folder_kept(self, value, "tender")
        object.__setattr__(self, name, value)

    @classmethod
    def from_frames(
        cls,
        plan: Plan | None,
        folder: Path | None = None,
        problems: list[Problem] | None = None,
        decisions: Decisions | None = None,
        **frames: pl.DataFrame,
    ) -> Tender:
        """A tender from frames given by name; each is conformed to its schema, others empty.
        A frame must have the columns in :data:`REQUIRED`; others may be left out. ``plan``
        None (what ``load_plan`` gives for a plan it could not read) is a UsageError: scored,
        it was "the evaluation plan cannot be used" with no problem saying why."""
        if plan is None:
            raise UsageError(
                "plan is None: tendereval.load_plan could not read the plan, and the problems "
                "it returned with it say why; put them right in the plan file and load it again"
            )
        unknown = sorted(set(frames) - set(FRAME_NAMES))
        if unknown:
            raise UsageError(
                f"there is no frame called {unknown[0]!r:.60}; the frames are "
                f"{', '.join(FRAME_NAMES)}"
            )
        suppliers = frames.get("suppliers")
        if plan is not None and isinstance(suppliers, pl.DataFrame) and suppliers.width:
            # Its columns as they are read ("SME" is sme, "Staff" staff).
            suppliers = _columns_named("suppliers", suppliers)[0]
            if "sme" not in suppliers.columns:
                frames["suppliers"] = _with_sme(plan, suppliers)
        return cls(
            plan=plan,
            folder=folder,
            problems=list(problems or []),
            decisions=decisions or Decisions(),
            **frames,
        )

    def _remember_as_read(self) -> Tender:
        """Keep what the files gave (the frames, the problems found, the recorded decisions),
        so that scoring can tell a tender changed in Python since (:meth:`changed_since_read`).
        The loader calls it. Kept on the tender itself, however many others are loaded after
        it and on a copy made of it with ``dataclasses.replace``; and by the files it lists,
        so a tender built from its frames is held to it too (for the last few tenders
        read)."""
        frames = {name: getattr(self, name).clone() for name in FRAME_NAMES}
        record = (frames, tuple(self.problems), self.decisions)
        object.__setattr__(self, "_as_read", record)
        key = _files_of(self)
        _AS_READ[key] = record
        _AS_READ.move_to_end(key)
        while len(_AS_READ) > _AS_READ_KEPT:
            _AS_READ.popitem(last=False)
        return self

    def changed_since_read(self) -> list[str]:
        """What was changed in Python since the files were read: the names of the frames,
        "problems" and "decisions" ([] for a tender not read from files, or unchanged). An edit
        in place (``tender.scores[0, "score"] = 5``) is found too: polars replaces the edited
        column, which the copy kept does not share."""
        read = self._as_read or _AS_READ.get(_files_of(self))
        if read is None:
            return []
        frames, problems, decisions = read
        changed = [name for name, frame in frames.items() if not getattr(self, name).equals(frame)]
        if tuple(self.problems) != problems:
            changed.append("problems")
        if self.decisions != decisions:
            changed.append("decisions")
        return changed

    def decisions_as_read(self) -> bool:
        """Whether the decisions are those read from the folder's decisions.toml (checked
        then): not replaced in Python, nor given to a tender built from frames."""
        read = self._as_read or _AS_READ.get(_files_of(self))
        return read is not None and self.decisions == read[2]

    def inputs_changed(self) -> list[Problem]:
        """An error when the tender was changed in Python since its files were read: the
        results are then not those of the files the audit trail lists by their SHA-256, and
        the award must not go out on them (the summaries and the notice wait), while they can
        still be explored."""
        changed = self.changed_since_read()
        if not changed:
            return self._not_read_from_folder()
        named = [f"the {name} frame" for name in changed if name in FRAME_NAMES] + [
            f"the {name}" for name in changed if name not in FRAME_NAMES
        ]
        return [
            Problem(
                f"{listed(named)} of the tender {'was' if len(named) == 1 else 'were'} changed in "
                "Python after it was read from its files, so the results are not those of the "
                "files the audit trail lists",
                file=f"{name_text(self.folder.name)}/" if self.folder else "",
                found=", ".join(changed),
                expected="to award on a change, make it in the files (a corrected bid "
                "return, score sheet or decisions.toml) and score the folder again",
                code="tender.changed_in_python",
            )
        ]

    def _not_read_from_folder(self) -> list[Problem]:
        """The same error as for a change, for a tender never read from files but given a
        ``folder``, or a plan read from a file (``Tender.from_frames(plan, **frames)`` with no
        record of the files its frames came from): any frame of it may have been changed, and
        nothing can tell. Rebuilt that way with an edited score, it was ready, and its
        summaries and notice went out under the plan file's tender id and SHA-256. Its results
        can still be explored and written. A tender whose plan was made in Python too records
        no file, and is not held."""
        if self._as_read is not None or _files_of(self) in _AS_READ:
            return []
        if self.folder is not None:
            return [
                _built_in_python(f"given the folder {name_text(self.folder.name)}/", self.folder)
            ]
        if self.plan is not None and self.plan.fingerprint is not None:
            return [_built_in_python(f"given the plan read from {name_text(self.plan.source)}")]
        return []

    def inputs_scored(self) -> tuple[pl.DataFrame, list[Problem]]:
        """The inputs as the audit trail of a result made from this tender must list them,
        and an error when its plan is not the one read from its folder.

        The plan is listed as it is: read from another file (``tender.plan =
        load_plan(...)``), with that file's fingerprint; made or changed in Python
        (``dataclasses.replace``), with none. When the tender's own plan was read from its
        folder, every output would otherwise have said the results were made under it (its
        SHA-256 on the report, the summaries and the notice), though its weights and rules
        were not the ones used. The error holds the award back (the summaries and the notice
        wait for it), while the results can still be explored."""
        plan = self.plan
        if plan is None:
            return self.inputs, []
        listed = self.inputs.filter(pl.col("kind") == "plan")
        read = listed.item(0, "sha256") if listed.height else None
        own = plan.fingerprint
        if own is None and read is None:  # no plan file either way: nothing to record
            return self.inputs, []
        if own is not None and own.sha256 == read:
            return self.inputs, []
        row = {
            "path": plan.source,
            "kind": "plan",
            "sha256": own.sha256 if own else None,
            "bytes": own.size if own else None,
        }
        inputs = pl.concat([F.frame("inputs", [row]), self.inputs.filter(pl.col("kind") != "plan")])
        if read is None:  # a tender of frames, given a plan read from a file
            return inputs, []
        scored = (
            f"another file's (SHA-256 {own.sha256})"
            if own is not None
            else "one made or changed in Python, which no file records"
        )
        return inputs, [
            Problem(
                f"the plan scored is not the tender folder's {listed.item(0, 'path')} "
                f"(SHA-256 {read}) but {scored}",
                file=listed.item(0, "path"),
                expected="to award under a change, make it in the plan file (approved and, "
                "if a notice was published, matching it) and score the folder again",
                code="plan.not_the_folders",
            )
        ]

    def unlisted_bids(
        self, suppliers: list[str] | None = None, frames: tuple[str, ...] = ("scores", "prices")
    ) -> pl.DataFrame:
        """The bids (``supplier``, ``lot``) given rows in ``frames`` whose supplier has no row
        in the bids frame (among ``suppliers``, when the caller knows which can be). The
        loaders never make one from prices (they come with the bid); a tender built by hand
        can, and scoring would drop its bids. (Scores for a supplier that did not bid are
        left out by design: the loader names each at its cell.)"""
        listed = {supplier_key(name) for name in self.bids.get_column("supplier").drop_nulls()}
        named = pl.concat(
            [getattr(self, frame).select("supplier", "lot") for frame in frames]
        ).drop_nulls()
        if suppliers is not None:
            named = named.filter(pl.col("supplier").is_in(suppliers))
        named = named.unique()
        keys = {name: supplier_key(name) for name in named.get_column("supplier").unique()}
        return named.filter(
            ~pl.col("supplier").replace_strict(keys, return_dtype=pl.String).is_in(list(listed))
        ).sort("supplier", "lot")

    def unread_columns(self) -> dict[str, tuple[str, ...]]:
        """{frame: the columns it was given that are none of its own}, for each frame set
        with such columns: they are left out when the frame is set, and scoring warns of each
        (``frame.unknown_column``), naming the nearest column of the frame."""
        return {name: unread for name, unread in self.__dict__.get("_unread", {}).items() if unread}

    def check_figures(self) -> None:
        """A UsageError for the first figure no workbook could hold (NaN, infinity, a
        negative amount) in any frame: scoring checks again, since a frame checked when it was
        set can be edited in place (``tender.commitments[0, "units"] = …``)."""
        for name in FRAME_NAMES:
            _figures_checked(name, getattr(self, name))
        _one_row_per_supplier(self.suppliers)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def _built_in_python(given: str, folder: Path | None = None) -> Problem:
    """The error holding a tender built from frames and ``given`` a folder or a plan file,
    not read from files (:meth:`Tender._not_read_from_folder`)."""
    return Problem(
        f"the tender was built in Python (Tender.from_frames) and {given}, not read from its "
        "files: nothing records which files its frames came from, so the results are not those "
        "of any tender folder's files",
        file=f"{name_text(folder.name)}/" if folder else "",
        found="no record of the files read (the inputs frame of a tender load_tender read lately)",
        expected="to award, score the folder itself (tendereval.score(folder)) or a tender "
        "load_tender read from it; the results can be explored as they are",
        code="tender.changed_in_python",
    )


def _with_sme(plan: Plan, suppliers: pl.DataFrame) -> pl.DataFrame:
    """``suppliers`` with each one's SME status under the plan's SME definition, decided from
    its figures as the loaders decide it (a frame with no ``sme`` column left every status
    unknown, and the report counted no SME bid, without a word)."""
    from tendereval.io.bid_rules import suppliers_sme

    return suppliers.with_columns(
        sme=pl.Series(suppliers_sme(plan.sme, suppliers), dtype=pl.Boolean)
    )


def _files_of(tender: Tender) -> tuple:
    """The files a tender lists, each with its SHA-256 and size."""
    return tuple(tender.inputs.iter_rows())


def _conformed(name: str, df: object) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """``df`` cast to the named frame's schema, or a UsageError naming the frame and the
    column: a notebook's frame of text rates ('£27.50', 'TBC') or a pandas frame failed
    inside polars with InvalidOperationError or AttributeError. With it, the names of the
    columns given that are none of the frame's (left out)."""
    if not isinstance(df, pl.DataFrame):
        raise UsageError(f"{name} must be a polars DataFrame, not {described(df)}")
    if not df.width:  # pl.DataFrame(): none of them
        return F.empty(name), ()
    df, unread = _columns_named(name, df)
    _no_true_or_false(name, df)
    missing = [column for column in REQUIRED[name] if column not in df.columns]
    if missing:
        found = ", ".join(df.columns[:12]) + (", …" if df.width > 12 else "")
        raise UsageError(
            f"{name}: there is no {missing[0]!r:.60} column (found {found:.300}); expected "
            f"the columns {', '.join(REQUIRED[name])}, and any of "
            f"{', '.join(c for c in F.SCHEMAS[name] if c not in REQUIRED[name])}"
        )
    df = _yes_or_no_read(name, _as_text(df))
    try:
        conformed = F.conform(name, df)
    except pl.exceptions.PolarsError:
        pass
    else:
        _figures_checked(name, conformed)
        if name == "suppliers":
            _one_row_per_supplier(conformed)
        return conformed, unread
    for column, dtype in F.SCHEMAS[name].items():
        if column not in df.columns:
            continue
        values = df.get_column(column)
        try:
            cast = values.cast(dtype, strict=False)
        except pl.exceptions.PolarsError:
            # No reading of this type as that one at all (text as a list of lots).
            raise UsageError(
                f"{name}: column '{column}' holds {values.dtype} values, which cannot be read "
                f"as {dtype} (found {values.drop_nulls().head(3).to_list()!r:.80}); expected "
                f"{_EXPECTED.get(dtype, str(dtype))}"
            ) from None
        failed = values.filter(cast.is_null() & values.is_not_null())
        if failed.len():
            raise UsageError(
                f"{name}: column '{column}' must hold {dtype} values; {failed.len()} cannot be "
                f"read as such (found {failed.head(3).to_list()!r:.80})"
            )
    raise UsageError(f"{name} cannot be cast to the columns and types of its schema")


# What a column of each type expects, in a UsageError's words.
_EXPECTED = {
    pl.List(pl.String): 'a list of texts for each row, such as ["CSB", "EAST"]',
    pl.Float64: "numbers",
    pl.String: "text",
}


def _column_key(column: str) -> str:
    """A column's name as a frame's columns are matched: ignoring capitals, and spaces or
    hyphens around and between its words (``Unit Rate`` is ``unit_rate``), as the offers
    frame of ``allocate`` matches its headers."""
    return re.sub(r"[\s\-]+", "_", column.strip().lower())


def _columns_named(name: str, df: pl.DataFrame) -> tuple[pl.DataFrame, tuple[str, ...]]:
    """``df`` with each column whose name is one of the frame's but for capitals and spaces
    (``Group``, `` group``: a pandas or CSV export) named as the frame names it, and the
    names of the columns that are none of the frame's. Such a column was left out without a
    word: an evaluator group's scores in a ``Group`` column counted as the main panel's. Two
    columns read as one (``group`` and ``Group``) are a UsageError: which holds the values?"""
    schema = F.SCHEMAS[name]
    if all(column in schema for column in df.columns):
        return df, ()  # almost always
    read: dict[str, str] = {}
    unread = []
    for column in df.columns:
        key = _column_key(column)
        if key not in schema:
            unread.append(column)
            continue
        other = next((given for given, known in read.items() if known == key), None)
        if other is not None:
            raise UsageError(
                f"{name}: the columns {other!r:.60} and {column!r:.60} are both read as its "
                f"'{key}' column (capitals and spaces aside); expected one '{key}' column: "
                "drop or rename the other"
            )
        read[column] = key
    renamed = {given: known for given, known in read.items() if given != known}
    return (df.rename(renamed) if renamed else df), tuple(unread)


def _no_true_or_false(name: str, df: pl.DataFrame) -> None:
    """A UsageError for a column of True/False where the frame holds numbers or text, naming
    the frame, the column and the first row: polars read True as 1.0 without a word (a yearly
    uplift of 100%, one unit committed, a score of 1), where a workbook's TRUE in an uplift
    cell is the loader's error ("a true/false value is not a percentage"), and ``allocate``'s
    offers frame refuses it too."""
    schema = F.SCHEMAS[name]
    for column, dtype in df.schema.items():
        if dtype != pl.Boolean or schema.get(column, pl.Boolean) == pl.Boolean:
            continue
        given = df.with_row_index("_row", offset=1).filter(pl.col(column).is_not_null())
        if given.is_empty():
            continue  # all null: nothing given
        first = given.row(0, named=True)
        whose = f" for {first['supplier']!r:.60}" if first.get("supplier") else ""
        expected = _EXPECTED.get(schema[column], str(schema[column]))
        raise UsageError(
            f"{name}: column '{column}' holds true/false values, which are not "
            f"{expected} (found {first[column]} in row {first['_row']}{whose}); expected "
            f"{expected}, as a workbook's TRUE or FALSE in such a cell is refused"
        )


def _as_text(df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with each categorical column as text: a pandas frame's category, or a score
    typed as a category, failed inside polars ("cannot cast categorical types to Float64")."""
    categorical = [c for c, t in df.schema.items() if isinstance(t, (pl.Categorical, pl.Enum))]
    return df.with_columns(pl.col(categorical).cast(pl.String)) if categorical else df


def _yes_or_no_read(name: str, df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with each column its schema holds as True/False read as the loaders read a
    yes-or-no cell (``io.cells.parse_yes_no``: yes/no, y/n, true/false, 1/0, any case), or a
    UsageError naming the frame, the column and the supplier for a value that is neither:
    NaN in a float ``sme`` column was cast to True, and 'yes'/'no' text failed in polars."""
    from tendereval.io.cells import parse_yes_no

    for column, dtype in F.SCHEMAS[name].items():
        if dtype != pl.Boolean or column not in df.columns:
            continue
        values = df.get_column(column)
        if values.dtype in (pl.Boolean, pl.Null):
            continue
        read = {}
        for value in values.drop_nulls().unique(maintain_order=True).to_list():
            read[value], problem = parse_yes_no(value)
            if problem is None and read[value] is not None:
                continue
            first = df.filter(pl.col(column) == value).row(0, named=True)
            whose = f" for {first['supplier']!r:.60}" if first.get("supplier") else ""
            shown = "NaN" if value != value else repr(value)  # NaN is the one value not itself
            raise UsageError(
                f"{name}: column '{column}' holds a value that is neither yes nor no (found "
                f"{shown}{whose}); expected True or False (or yes/no, 1/0, as a workbook "
                "cell is read), or null where it is not known"
            )
        df = df.with_columns(
            pl.col(column).replace_strict(read, default=None, return_dtype=pl.Boolean)
        )
    return df


def _problems_checked(problems: object) -> list[Problem]:
    """``problems`` as a list, or a UsageError for anything in it that is not a Problem:
    text ('checked by hand') was taken, and scoring failed with AttributeError."""
    if not isinstance(problems, (list, tuple)):
        raise UsageError(
            f"problems must be a list of tendereval Problems, not {type(problems).__name__}"
        )
    for problem in problems:
        if not isinstance(problem, Problem):
            raise UsageError(
                "problems must be a list of tendereval Problems (a loaded tender's, or "
                f"tendereval.Problem(message, file=…)), not {problem!r:.60} "
                f"({type(problem).__name__})"
            )
    return problems if isinstance(problems, list) else list(problems)


# What a supplier is known by in the suppliers frame, each given once for it: its SME and
# VCSE status (the results, the report, the lot-splitting policies) and who it is in the
# award notice (the supplier's id is its company or charity number; its legal name).
ONE_PER_SUPPLIER = ("sme", "vcse", "company_number", "charity_number", "legal_name")
NUMBERS = ["company_number", "charity_number"]


def _one_row_per_supplier(suppliers: pl.DataFrame) -> None:
    """A UsageError when two rows of the suppliers frame for one supplier (named as scoring
    matches names) disagree on what it is known by (:data:`ONE_PER_SUPPLIER`): one of them
    was used, in the results, the report and the published award (whose supplier id was the
    first row's company number), without a word about the other. (The loaders give one row
    per supplier.) Names and numbers are compared ignoring spaces around them, and numbers
    ignoring capitals (sc012345 is SC012345)."""
    if suppliers.height < 2:
        return
    names = suppliers.get_column("supplier").drop_nulls().unique().to_list()
    keys = {name: supplier_key(name) for name in names}
    if len(set(keys.values())) == suppliers.get_column("supplier").drop_nulls().len():
        return  # one row per supplier: nothing to disagree
    disagree = (
        suppliers.filter(pl.col("supplier").is_not_null())
        .with_columns(
            pl.col("legal_name").str.strip_chars().replace("", None),
            pl.col(NUMBERS).str.strip_chars().str.to_uppercase().replace("", None),
            _key=pl.col("supplier").replace_strict(keys, return_dtype=pl.String),
        )
        .group_by("_key", maintain_order=True)
        .agg("supplier", *(pl.col(c).unique(maintain_order=True) for c in ONE_PER_SUPPLIER))
    )
    for column in ONE_PER_SUPPLIER:
        differing = disagree.filter(pl.col(column).list.len() > 1)
        if not differing.is_empty():
            _rows_disagree(differing.row(0, named=True), column)


def _rows_disagree(row: dict, column: str) -> None:
    """The UsageError for a supplier's rows (``row``: its names and values as listed) that
    give more than one ``column``."""
    # (True and False as the error for sme and vcse always showed them.)
    shown = ", ".join(
        "blank" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row[column]
    )
    spellings = list(dict.fromkeys(row["supplier"]))
    named = " and ".join(repr(n)[:80] for n in spellings[:2])
    raise UsageError(
        f"suppliers: {len(row['supplier'])} rows for {named} disagree on {column} (found "
        f"{shown:.200}); expected one row per supplier, as load_tender makes it (names are "
        "matched ignoring case and spaces)"
    )


def _figures_checked(name: str, df: pl.DataFrame) -> None:
    """A UsageError naming the frame, the column and the row of the first value in ``df``
    that is NaN or infinite, or below zero where it cannot be."""
    never_negative = NOT_NEGATIVE.get(name, ())
    checks = [
        (
            column,
            ~pl.col(column).is_finite()
            | (pl.col(column) < 0 if column in never_negative else pl.lit(False)),
        )
        for column, dtype in df.schema.items()
        if dtype == pl.Float64
    ]
    if not checks or df.is_empty():
        return
    counts = df.select(expr.sum().alias(column) for column, expr in checks).row(0, named=True)
    for column, expr in checks:
        if not counts[column]:
            continue
        first = df.filter(expr).row(0, named=True)
        whose = f" for {first['supplier']!r:.60}" if first.get("supplier") else ""
        expected = "a number of 0 or more" if column in never_negative else "a number"
        value = first[column]
        shown = "NaN" if value != value else repr(value)  # NaN is the one value not itself
        rows = counts[column]
        raise UsageError(
            f"{name}: column '{column}' holds {rows} value{'s' if rows > 1 else ''} that "
            f"{'are' if rows > 1 else 'is'} not {expected} (found {shown}{whose}); expected "
            f"{expected}, or null where there is none"
        )
