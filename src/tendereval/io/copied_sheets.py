"""Two evaluators' score sheets that are one judgement: the same sheet sent again under another
spelling of the name ("Tom Okafor", "T. Okafor"), with a row or two revised, or a colleague's
sheet copied. Read as two evaluators, one judgement counts twice in every mean.

Two sheets are alike when, of the rows both score (a counted score on each):

* every reason is the other's, word for word (the scores may differ: one evaluator's reasons
  copied and rescored); or
* the score and the reason are both the other's on all rows but one, or on 19 rows in 20
  (whichever allows more): a revised sheet changes a row or two. Not nine in ten: the carers
  example's own evaluators, who write much alike, agree in score and reason on 21 of their
  24 rows (Helen Marsh and Priya Shah), one row short of nine in ten; on a long sheet (the
  homecare example's 288 rows) they agree on three in four at most;

and at least :data:`AT_LEAST` of the reasons they share are distinctive: the evaluator's own
words about the answer (:data:`AT_LEAST_WITH_SHORT`, counting short ones, below). Stock words
are shared without copying: a panel who each write "No comment" on every row (their reasons
recorded at moderation), or each give the scale's descriptor ("Good: meets it fully with
evidence") as the reason, are still two judgements. A reason is stock, not evidence, when it is

* one the evaluator gives for another question too ("No comment", "Meets the requirement in
  full", "See above", row after row). Not one given for one question's answers from several
  suppliers: the examples' evaluators reuse a sentence for answers of like quality, and a
  bid's answer for two lots is often the same, and its reason with it;
* one of the plan's scale descriptors, or its start ("Good", "Good: meets it fully"), or the
  words after its label ("meets it fully with evidence"), punctuation and a score before it
  set aside;
* under :data:`AT_LEAST_WORDS` words ("No response", "Fine", "Agreed at panel", "Clear plan"),
  unless it says more about the answer than its score: the evaluator gives it to this one
  answer alone (one supplier's answer to one question, in one lot or more) and other words to
  another answer to the question given the same score, and the two sheets give the same score
  with it. Short words given answer after answer, or that follow the score ("Good staffing
  detail" for each 4), are a habit two evaluators may share, and scores alike are no sign of a
  copy; the same short words, found nowhere else on either sheet and not the score's, on the
  same answer with the same score, are one judgement written once. A terse evaluator's sheet
  sent again ("Thin rota plan", "Vague rota evidence", new words on each row) is one judgement
  as surely as a wordy one's. Counting these, :data:`AT_LEAST_WITH_SHORT` are needed, not
  :data:`AT_LEAST`: two evaluators may both write "No local jobs" for the one bid offering
  none, on a row or two; or
* one more than :data:`MOST_SHARING` evaluators give, on any row: the panel's wording (a
  drop-down of reasons, a template's text), not one evaluator's copied.

Stock words count against a copy all the same: where two sheets give different ones on a row,
they are not one sheet. Reasons are compared with spaces and capitals set aside. Two sheets
giving the same scores with other reasons are never alike: panels often agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import polars as pl

from tendereval.io.keys import supplier_key

# Fewer distinctive reasons in common than this is too little to call two sheets one.
AT_LEAST = 3
# As many, counting short ones: two evaluators may both write "No local jobs" for the one bid
# offering none, on a row or two, but not row after row of their own words by chance.
AT_LEAST_WITH_SHORT = 6
# A reason of fewer words ("No response", "Fine", "Agreed at panel") is no judgement of the
# bid that two evaluators could only share by copying, unless it is given for one answer alone.
AT_LEAST_WORDS = 4
# A reason more evaluators than this give is the panel's wording (a drop-down of reasons, a
# template's text), not one sheet copied: a sheet sent again or copied is two sheets, three
# or four at most, and a panel is three to five. Were it evidence, each of those evaluators
# beside each other would be a pair to weigh, the work growing with the square of the panel.
MOST_SHARING = 5
# Of the rows both score, one in this many may differ in score or reason (or one, if more).
ONE_DIFFERS_IN = 20
_ROW = ("supplier", "lot", "question")


def alike_sheets(scores: Iterable[dict[str, Any]], descriptors: Iterable[str] = ()) -> pl.DataFrame:
    """Each evaluator whose scores are an earlier evaluator's (in the order they were read),
    alike as the module says, beside the first such one: ``evaluator``, ``source``,
    ``first_evaluator``, ``first_source``, the rows both scored (``shared``), those with the
    same reason (``same_reasons``), of them those whose reason is distinctive
    (``distinctive``), and those with the same score and reason (``agree``).
    ``scores``: the score rows as listed (io.score_rules), evaluators matched as names are;
    ``descriptors``: the text of each of the plan's scale descriptors."""
    rows = _counted(scores)
    pairs = _pairs_sharing_reasons(rows, descriptors)
    if pairs.is_empty():
        return _named(pairs.with_columns(shared=pl.lit(0, pl.UInt32)), rows)
    both = (
        pairs.select("sheet", "first")
        .join(rows.select("sheet", *_ROW), on="sheet")
        .join(rows.select(pl.col("sheet").alias("first"), *_ROW), on=["first", *_ROW])
        .group_by("sheet", "first")
        .agg(shared=pl.len())
    )
    shared, agree = pl.col("shared"), pl.col("agree")
    may_differ = pl.max_horizontal(pl.lit(1, pl.UInt32), shared // ONE_DIFFERS_IN)
    alike = (
        pairs.join(both, on=["sheet", "first"])
        .filter(
            (pl.col("same_reasons") == shared)
            | ((agree >= AT_LEAST) & (shared - agree <= may_differ))
        )
        .sort("sheet", "first")
        .unique("sheet", keep="first", maintain_order=True)
    )
    return _named(alike, rows)


def _counted(scores: Iterable[dict[str, Any]]) -> pl.DataFrame:
    """The counted scores, each evaluator's numbered by the first row read (``sheet``), with
    the reason as compared (``said``: spaces and capitals aside, null when there is none) and
    whether the evaluator gives it for more than one question (``repeated``)."""
    counted = [row for row in scores if row["score"] is not None]
    columns = {
        "evaluator": pl.String,
        "source": pl.String,
        **dict.fromkeys(_ROW, pl.String),
        "score": pl.Float64,
        "reason": pl.String,
    }
    # Built a column at a time: a frame of 60,000 rows made from dicts took a second.
    frame = pl.DataFrame(
        {column: [row[column] for row in counted] for column in columns}, schema=columns
    )
    keys = {name: supplier_key(name) for name in frame.get_column("evaluator").unique()}
    said = pl.col("reason").str.replace_all(r"\s+", " ").str.strip_chars().str.to_lowercase()
    return (
        frame.with_row_index("_read")
        .with_columns(
            _key=pl.col("evaluator").replace_strict(keys, return_dtype=pl.String),
            said=pl.when(said != "").then(said),
        )
        .with_columns(sheet=pl.col("_read").min().over("_key"))
        .with_columns(repeated=pl.col("question").n_unique().over("sheet", "said") > 1)
    )


def _descriptor(descriptors: Iterable[str]) -> pl.Expr:
    """Whether the reason compared (``said``) is one of the scale's descriptors, as the module
    says."""
    # A score before the words ("4 - Good: ...") is set aside with the punctuation.
    plain = (
        pl.col("said")
        .str.replace_all(r"[\W_]+", " ")
        .str.strip_chars()
        .str.replace(r"^(\d+ )+", "")
    )
    return plain.is_in(_descriptor_words(descriptors))


def _descriptor_words(descriptors: Iterable[str]) -> list[str]:
    """Every reason that is a scale descriptor as compared (capitals and punctuation aside):
    each descriptor, and the words after its label ("Good: meets it fully with evidence",
    "meets it fully with evidence"), and the start of either, a word or more."""
    words = set()
    for text in descriptors:
        for form in (text, *re.split(r":|\s[-–—]\s", text, maxsplit=1)[1:]):
            plain = re.sub(r"[\W_]+", " ", form.lower()).split()
            words.update(" ".join(plain[:end]) for end in range(1, len(plain) + 1))
    return sorted(words)


def _pairs_sharing_reasons(rows: pl.DataFrame, descriptors: Iterable[str]) -> pl.DataFrame:
    """Each evaluator (``sheet``) beside each read before them (``first``) with whom they share
    at least AT_LEAST distinctive reasons on the same rows (AT_LEAST_WITH_SHORT counting short
    ones): how many reasons they share (``same_reasons``), of those how many are distinctive
    (``distinctive``) and how many come with the same score (``agree``).

    The pairs are found by joining distinctive reasons alone, each given by MOST_SHARING
    evaluators at most, so the work grows with the score rows, not with the square of the
    panel: joined on every reason, a panel of 60 choosing reasons from a drop-down ("No
    response", "Meets the requirement in full") paired every evaluator with every other on
    every row (2.4 GB for 8,000 rows each). Only those pairs' reasons in common are then
    counted, stock words with the rest."""
    said = rows.drop_nulls("said").select("sheet", *_ROW, "said", "score", "repeated")
    panel_wording = pl.col("sheet").n_unique().over("said") > MOST_SHARING
    short = pl.col("said").str.count_matches(r"\w+") < AT_LEAST_WORDS
    # A short reason is the evaluator's own words about one answer when given to it alone (one
    # supplier's to one question, in one lot or more) and other words go to another answer to
    # the question scored the same: words that follow the score ("Good staffing detail" for
    # each 4) say no more than the score, which panels often agree on.
    says_more = (pl.col("supplier").n_unique().over("sheet", "said") == 1) & (
        pl.col("said").n_unique().over("sheet", "question", "score") > 1
    )
    own = said.filter(
        ~pl.col("repeated") & ~panel_wording & ~_descriptor(descriptors) & (~short | says_more)
    ).with_columns(short=short)
    pairs = (
        own.join(own.drop("short"), on=[*_ROW, "said"], suffix="_first")
        .filter(
            (pl.col("sheet_first") < pl.col("sheet"))
            # Short words are evidence only with the same score: one judgement written once.
            & (~pl.col("short") | (pl.col("score") == pl.col("score_first")))
        )
        .group_by("sheet", first="sheet_first")
        .agg(distinctive=pl.len().cast(pl.UInt32), short=pl.col("short").sum())
        .filter(
            (pl.col("distinctive") - pl.col("short") >= AT_LEAST)
            | (pl.col("distinctive") >= AT_LEAST_WITH_SHORT)
        )
    )
    firsts = said.select(pl.col("sheet").alias("first"), *_ROW, "said", score_first="score")
    in_common = (
        pairs.join(said, on="sheet")
        .join(firsts, on=["first", *_ROW, "said"])
        .group_by("sheet", "first")
        .agg(
            same_reasons=pl.len(),
            distinctive=pl.col("distinctive").first(),
            agree=(pl.col("score") == pl.col("score_first")).sum().cast(pl.UInt32),
        )
    )
    return in_common.select("sheet", "first", "same_reasons", "distinctive", "agree")


def _named(alike: pl.DataFrame, rows: pl.DataFrame) -> pl.DataFrame:
    """``alike`` with each sheet's evaluator and file, as first read."""
    names = rows.filter(pl.col("_read") == pl.col("sheet")).select("sheet", "evaluator", "source")
    firsts = names.select(first="sheet", first_evaluator="evaluator", first_source="source")
    return (
        alike.join(names, on="sheet")
        .join(firsts, on="first")
        .sort("sheet")
        .select(
            "evaluator",
            "source",
            "first_evaluator",
            "first_source",
            "shared",
            "same_reasons",
            "distinctive",
            "agree",
        )
    )
