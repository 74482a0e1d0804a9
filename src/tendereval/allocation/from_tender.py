"""Offers from a scored tender folder: what ``tendereval allocate DIR`` chooses from.

Each *ranked* bid becomes a single-lot offer: its price is the evaluated (whole-life) price,
its score the bid's total score and its quality the bid's quality points. Disqualified and
invalid bids cannot be awarded, so they make no offer.

Each package offer in a bid return becomes an offer for its lots at the package price, when the
supplier's bid is ranked in every lot of the package (a package cannot include a lot the
supplier could not win on its own). Its score is the sum of the supplier's totals in those
lots, each rounded to the 4 places single offers are compared in, and its quality the lowest
of its quality points there — so a package meets a per-lot quality minimum only if every lot
in it does. Under the score objective a package's discount therefore does not raise its
score; it matters for the cost objective and for budgets.

SME and VCSE status come from the supplier's organisation details (an in-house team or public
body is neither); an unknown status counts as not an SME / not a VCSE, with a note saying so
(:func:`unknown_status_notes`). Second tier: the shares of the work a bid names for SME or
VCSE consortium members and subcontractors; an entry restricted to some lots counts in a
package for those lots, pro rata by the supplier's own evaluated prices in the package's lots.
"""

from __future__ import annotations

import polars as pl

from tendereval.allocation.offers import OFFER_SCHEMA
from tendereval.award.recorded import Decisions
from tendereval.comparison import rounded_expr
from tendereval.io.bid_rules import NOT_ENTERPRISES
from tendereval.scoring.common import key_map, with_key
from tendereval.scoring.result import ScoreResult


def offers_from_scores(result: ScoreResult) -> pl.DataFrame:
    """The offer frame (``OFFER_SCHEMA``) for the ranked bids and package offers of a scored
    tender: the packages and supply chains as scoring read them (``result.packages``,
    ``result.supply_chain``: a package the loaders' rules leave out is not offered), each
    matched to its bids as scoring matches supplier names, and offered under the name the
    results give."""
    # A lot the buyer decided not to award is offered to nobody ([[no_award]]).
    closed = [lot for lot, award in result.award.lots.items() if award.not_to_award]
    ranked = result.results.filter(
        (pl.col("status") == "ranked") & ~pl.col("lot").is_in(closed)
    ).select(
        "supplier",
        "lot",
        pl.col("evaluated_price").alias("price"),
        pl.col("total").alias("score"),
        pl.col("quality_score").alias("quality"),
    )
    status = _status(result)
    singles = ranked.with_columns(
        offer_id=pl.col("supplier") + pl.lit(" / ") + pl.col("lot"),
        lots=pl.concat_list(pl.col("lot")),
    ).drop("lot")
    keys = key_map(
        [*ranked.get_column("supplier"), *result.packages.get_column("supplier"),
         *result.supply_chain.get_column("supplier")]
    )  # fmt: skip
    packages = _package_offers(_as_ranked(result.packages, ranked, keys), ranked)
    offers = pl.concat([singles, packages], how="diagonal_relaxed")
    offers = offers.join(status, on="supplier", how="left").with_columns(
        pl.col("sme").fill_null(False),
        pl.col("vcse").fill_null(False),
        group=pl.lit(None, dtype=pl.String),
        volume=pl.lit(None, dtype=pl.Float64),  # a bid names no capacity
    )
    offers = _second_tier(offers, _as_ranked(result.supply_chain, ranked, keys), ranked)
    return offers.select([pl.col(name).cast(dtype) for name, dtype in OFFER_SCHEMA.items()]).sort(
        "offer_id"
    )


def _as_ranked(frame: pl.DataFrame, ranked: pl.DataFrame, keys: dict[str, str]) -> pl.DataFrame:
    """``frame`` with each supplier named as the ranked bids name it ("BLUEBELL HOMECARE LTD"
    in a notebook's packages is Bluebell Homecare Ltd's: scoring reads it so). A supplier with
    no ranked bid keeps its name (it has nothing to be offered with)."""
    if frame.is_empty():
        return frame
    named = with_key(ranked.select("supplier").unique(), keys).unique("skey", keep="first")
    return (
        with_key(frame, keys)
        .join(named.rename({"supplier": "_ranked"}), on="skey", how="left", maintain_order="left")
        .with_columns(supplier=pl.coalesce("_ranked", "supplier"))
        .drop("skey", "_ranked")
    )


_AN = {"SME": "an SME", "VCSE": "a VCSE"}


def unknown_status_notes(result: ScoreResult, offers: pl.DataFrame) -> list[str]:
    """A note for each of SME and VCSE status saying how many ``offers`` come from suppliers
    whose status is unknown (figures missing, or a type of organisation that cannot be read)
    and how they were counted: as not SMEs / not VCSEs, so a share never rests on a status
    nobody knows. An in-house team or a public body is neither, known, and not counted here.
    (The offers counted such a supplier as not an SME without a word, while the score CSV
    left its status blank.)"""
    neither = _not_enterprises(result)
    unknown = offers.select("offer_id", "supplier").join(
        _status(result).select(
            "supplier",
            unknown_sme=pl.col("sme").is_null() & ~pl.col("supplier").is_in(neither),
            unknown_vcse=pl.col("vcse").is_null(),
        ),
        on="supplier",
        how="left",
    )
    notes = []
    for what, column in (("SME", "unknown_sme"), ("VCSE", "unknown_vcse")):
        named = unknown.filter(pl.col(column))
        if named.height:
            suppliers = ", ".join(named["supplier"].unique(maintain_order=True).sort())
            one = named.height == 1
            notes.append(
                f"The {what} status of {named.height} offer{'' if one else 's'} is unknown "
                f"({suppliers}): {'it is' if one else 'they are'} counted as not "
                f"{_AN[what] if one else what + 's'} in the {what} shares, until the "
                "supplier's details are put right."
            )
    return notes


def unknown_partner_notes(result: ScoreResult, offers: pl.DataFrame) -> list[str]:
    """A note for each of SME and VCSE status saying which consortium members and
    subcontractors of the suppliers making ``offers`` gave no answer that could be read (the
    loader's warning is at each cell), and how their shares were counted: as not SMEs / not
    VCSEs in the second-tier shares, as an unknown supplier's status is counted. Only entries
    whose share counts (shares adding up to over 100% count in none: their error says so).
    (They counted as "no" without a word.)"""
    chain = result.supply_chain
    if chain.is_empty():
        return []
    keys = key_map([*offers.get_column("supplier"), *chain.get_column("supplier")])
    offering = with_key(offers.select("supplier").unique(), keys).select("skey")
    counted = (
        with_key(chain, keys)
        .join(offering, on="skey", how="semi")
        .filter(pl.col("share").fill_null(0.0) > 0)
    )
    notes = []
    for what, column in (("SME", "sme"), ("VCSE", "vcse")):
        unknown = counted.filter(pl.col(column).is_null())
        if unknown.is_empty():
            continue
        named = unknown.select(
            pl.format("{} in {}'s bid", pl.col("name").fill_null("(no name)"), "supplier")
        ).to_series()
        one = unknown.height == 1
        notes.append(
            f"The {what} status of {unknown.height} consortium member{'' if one else 's'} or "
            f"subcontractor{'' if one else 's'} is unknown ({', '.join(named)}): "
            f"{'it is' if one else 'they are'} counted as not "
            f"{_AN[what] if one else what + 's'} in the second-tier {what} shares, until the "
            "supplier says which and its answer is recorded in decisions.toml "
            f"([[clarification]] at the {what}? cell, with {what.lower()} = true or false)."
        )
    return notes


def _not_enterprises(result: ScoreResult) -> list[str]:
    """The suppliers that are an in-house team or a public body: neither SME nor large."""
    suppliers = result.suppliers
    if "org_type" not in suppliers.columns:
        return []
    neither = suppliers.filter(pl.col("org_type").is_in(NOT_ENTERPRISES))
    return neither.get_column("supplier").to_list()


def _status(result: ScoreResult) -> pl.DataFrame:
    """One row per supplier with its SME and VCSE status (null when not decidable)."""
    return result.results.group_by("supplier").agg(
        pl.col("sme").drop_nulls().first(), pl.col("vcse").drop_nulls().first()
    )


def _package_offers(packages: pl.DataFrame, ranked: pl.DataFrame) -> pl.DataFrame:
    if packages.is_empty():
        return pl.DataFrame(schema={"supplier": pl.String, "offer_id": pl.String})
    exploded = packages.select("supplier", "package", "lots", "price").explode("lots")
    joined = exploded.join(
        ranked.select("supplier", pl.col("lot").alias("lots"), "score", "quality"),
        on=["supplier", "lots"],
        how="left",
    )
    per_package = joined.group_by("supplier", "package").agg(
        pl.col("lots").sort(),
        pl.col("price").first(),
        # Each lot's total as single offers are compared, to 4 places, then added: the
        # package then ties with its own lots' offers where they tie lot by lot. (Summed
        # unrounded, 92.21234 + 92.20074 rounded to 184.4131 against 92.2123 + 92.2007 =
        # 184.4130, and a package £1m dearer won under the score objective.)
        rounded_expr(pl.col("score")).sum().alias("score"),
        pl.col("quality").min().alias("quality"),
        pl.col("score").null_count().alias("missing"),
    )
    return per_package.filter(pl.col("missing") == 0).select(
        "supplier",
        (pl.col("supplier") + pl.lit(" / package ") + pl.col("package")).alias("offer_id"),
        "lots",
        "price",
        "score",
        "quality",
    )


def _second_tier(offers: pl.DataFrame, chain: pl.DataFrame, ranked: pl.DataFrame) -> pl.DataFrame:
    """Add the shares of each offer's work named for SME and VCSE partners (0..1). An entry
    for some lots counts in an offer for those of its lots, pro rata by the supplier's own
    evaluated price in each (its bid there, ranked in every lot of a package): the work a
    package does in a lot is what the supplier prices it at. (30% of the work in DAR counted
    for the DAR offer and for nothing in the package DAR;GRA;SWA that won DAR.)"""
    if chain.is_empty():
        return offers.with_columns(
            sme_subcontract_share=0.0,
            vcse_subcontract_share=0.0,
            second_tier_from=pl.lit(None, pl.String),
        )
    entries = chain.select(
        "supplier",
        pl.col("lots").alias("entry_lots"),
        pl.col("share").fill_null(0.0),
        pl.col("sme").fill_null(False),
        pl.col("vcse").fill_null(False),
        _entry_words().alias("entry"),
    )
    covered = (
        _lot_weights(offers, ranked)
        .join(entries, on="supplier", how="inner")
        .filter(
            (pl.col("entry_lots").list.len() == 0)
            | pl.col("entry_lots").list.contains(pl.col("lot"))
        )
        .group_by("offer_id")
        .agg(
            *(
                (pl.col("share") * pl.col("weight") * pl.col(kind))
                .sum()
                .clip(0, 1)
                .alias(f"{kind}_subcontract_share")
                for kind in ("sme", "vcse")
            ),
            # The entries that count, each once (an entry for every lot joins each lot).
            pl.col("entry")
            .filter((pl.col("sme") | pl.col("vcse")) & (pl.col("share") > 0))
            .unique(maintain_order=True)
            .str.join("; ")
            .replace("", None)
            .alias("second_tier_from"),
        )
    )
    return offers.join(covered, on="offer_id", how="left").with_columns(
        pl.col("sme_subcontract_share").fill_null(0.0),
        pl.col("vcse_subcontract_share").fill_null(0.0),
    )


def _entry_words() -> pl.Expr:
    """A supply-chain entry in words, for where an offer's second-tier shares come from:
    "Village Carers CIC: SME, VCSE, 30% of the work in DAR"."""
    status = pl.concat_list(
        pl.when(pl.col("sme")).then(pl.lit("SME")), pl.when(pl.col("vcse")).then(pl.lit("VCSE"))
    ).list.drop_nulls()
    lots = (
        pl.when(pl.col("lots").list.len() == 0)
        .then(pl.lit("every lot"))
        .otherwise(pl.col("lots").list.join(", "))
    )
    return pl.format(
        "{}: {}, {}% of the work in {}",
        pl.col("name").fill_null("(no name)"),
        status.list.join(", "),
        (pl.col("share").fill_null(0.0) * 100).round(2),
        lots,
    )


def _lot_weights(offers: pl.DataFrame, ranked: pl.DataFrame) -> pl.DataFrame:
    """offer_id, supplier, lot and ``weight``: the lot's part of the offer's work, the
    supplier's evaluated price in the lot over its prices in all the offer's lots (1 for a
    single-lot offer)."""
    prices = ranked.select("supplier", "lot", pl.col("price").alias("lot_price"))
    return (
        offers.select("offer_id", "supplier", pl.col("lots").alias("lot"))
        .explode("lot")
        .join(prices, on=["supplier", "lot"], how="left")
        .with_columns(weight=pl.col("lot_price") / pl.col("lot_price").sum().over("offer_id"))
        .drop("lot_price")
    )


def tie_values_from_scores(
    result: ScoreResult, offers: pl.DataFrame, decisions: Decisions | None = None
) -> pl.DataFrame:
    """What the plan's tie-break compares for each offer (see ``allocate(tie_values=)``):
    its quality points, its social value points and the two together, each summed over its
    lots from each lot's value to the 4 places a single-lot offer is compared in, how many of
    its lots the buyer's recorded ``decisions`` (default: those the result's award follows)
    give its supplier, and a single-lot offer's rank in its lot."""
    decisions = decisions if decisions is not None else result.award.decisions
    chosen = [(award.lot, award.award_to) for award in decisions.standing_awards]
    return _tie_values(result, offers, chosen)


def tie_values_from_award(result: ScoreResult, offers: pl.DataFrame) -> pl.DataFrame:
    """The tie values of :func:`tie_values_from_scores`, with ``preferred`` the number of an
    offer's lots the published award (the result's award decision) gives its supplier, in
    place of the buyer's recorded decisions: what ``allocate DIR`` breaks its last ties by.
    The award follows the decisions it applies, and the plan's published lot-cap rule where it
    settles what the optimiser leaves level. (Differential red team, session 37: under
    ``cap_rule = "descending_value"`` and a cap of 1, Hazel's L2 and L3 scored the same; the
    award gave Hazel L3 by the rule and score exited 0, while allocate called L2 and L3
    undecided, exited 1 and asked for a decision that score, once recorded, called not needed
    and did not apply, yet it made allocate exit 0.)"""
    chosen = [
        (lot, award.supplier)
        for lot, award in result.award.lots.items()
        if award.awarded and award.supplier
    ]
    return _tie_values(result, offers, chosen)


def _tie_values(
    result: ScoreResult, offers: pl.DataFrame, chosen: list[tuple[str, str]]
) -> pl.DataFrame:
    """The tie values, ``preferred`` counting the (lot, supplier) pairs ``chosen``."""
    recorded = pl.DataFrame(chosen, schema={"lot": pl.String, "award_to": pl.String}, orient="row")
    keys = key_map([*result.results.get_column("supplier").to_list(), *recorded["award_to"]])
    preferred = with_key(recorded, keys, "award_to").select("lot", "skey", preferred=pl.lit(1))
    bids = (
        with_key(result.results.filter(pl.col("status") == "ranked"), keys)
        .join(preferred, on=["lot", "skey"], how="left")
        .select(
            "supplier",
            "lot",
            "rank",
            pl.col("quality_score").fill_null(0.0),
            pl.col("social_value_score").fill_null(0.0),
            pl.col("preferred").fill_null(0),
        )
    )
    return (
        offers.select("offer_id", "supplier", "lots")
        .explode("lots")
        .join(bids, left_on=["supplier", "lots"], right_on=["supplier", "lot"], how="left")
        .group_by("offer_id", maintain_order=True)
        .agg(
            # Each lot's points as its single-lot offer is compared (quality and social value
            # together rounded once, as the ranking does), then added: a package then ties
            # with its own lots' offers where they tie lot by lot. (Summed unrounded, 40.12343
            # + 30.12343 rounded to 70.2469 against the single offers' 40.1234 + 30.1234 =
            # 70.2468, and rounding, not the points, decided between them.)
            rounded_expr(pl.col("quality_score")).sum().alias("quality"),
            rounded_expr(pl.col("social_value_score")).sum().alias("social_value"),
            rounded_expr(pl.col("quality_score") + pl.col("social_value_score"))
            .sum()
            .alias("quality_and_social_value"),
            pl.col("preferred").sum().cast(pl.Int64),
            pl.when(pl.len() == 1).then(pl.col("rank").first()).alias("lot_rank"),
        )
    )
