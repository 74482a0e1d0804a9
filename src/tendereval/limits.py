"""The largest values tendereval accepts, and why.

Each is far beyond any real tender, so a value over it is a slip (a rate typed in pence, a
pasted reference number, a key held down) and is reported where it was typed, instead of
overflowing a count or running for hours later on. Standard library only: the bid readers
use these in worker processes.
"""

from __future__ import annotations

# No public contract is worth a trillion pounds; whole pounds up to this, counted in pence,
# also stay far inside a 64-bit integer.
MAX_MONEY = 1e12
# A published notice (one procurement's OCDS releases) runs to a few megabytes; a file far
# larger is not one, and is refused before it is parsed.
MAX_NOTICE_BYTES = 50_000_000
# A date recorded in decisions.toml (a decision, a withdrawal, the standstill) is a day near
# the tender's. One after this year is a slip or a placeholder (9999-12-31 for "not yet"), and
# counting a standstill on from the last days the calendar holds overflows it.
LATEST_RECORDED_YEAR = 2199
# A billion units a year of anything (hours, meals, journeys) is beyond any one contract.
MAX_YEARLY_VOLUME = 1e9
# An offer covers a lot, and a lot-split market's lot adds up its units' volumes, each up to
# MAX_YEARLY_VOLUME: a slip in an offers file is told above this (a lot of two units of a
# billion hours each was refused as the offers table's slip, at a row no officer wrote).
MAX_OFFER_VOLUME = 1e12
# Longer than any public contract runs; whole-life prices are worked out year by year.
MAX_CONTRACT_YEARS = 50
# Score scales run 0–5, 0–10 or 0–100; a million is a slip, and far larger values would
# overflow the weighted sums.
MAX_SCALE_VALUE = 1e6
# An offer's score (a package's is its lots' added up) or quality, in points: scores are
# compared in 1/10,000 points in 64-bit integers, which a score of 1e15 overflowed (the
# allocation stopped with an internal error). Far above any scale's total, and above the
# volume-weighted scores a lot-split market gives its offers (quality × volume / 1,000, up to
# 1e8 for a unit of a billion hours, added over the units of a lot).
MAX_OFFER_POINTS = 1e12
# A lot cap above the number of lots any tender has is no cap; far above it, a slip.
MAX_LOTS = 10_000
# Seeds are kept to 32 bits, which every random generator the tool uses accepts.
MAX_SEED = 2**32 - 1
# Weight samples for win probabilities: 10,000 take 0.1 s for 100 bidders.
MAX_WEIGHT_SAMPLES = 1_000_000
# Scenarios: each price sample re-runs every packaging's allocation; each frontier step solves.
MAX_SCENARIO_SAMPLES = 1_000
MAX_FRONTIER_STEPS = 1_000
# Files the buyer writes. A plan or scenarios file is a few kilobytes (a plan with a thousand
# lots, about 100 KB), its keys three or four parts deep; the TOML parser's time and memory
# grow with the square of a key's depth (20,000 parts took 33 s and 2.4 GB).
MAX_TOML_BYTES = 1024 * 1024
MAX_TOML_DEPTH = 32
# A CSV table (the proxy table, the consolidated form's tables, offers): the largest real one,
# 100,000 score rows with their reasons, is about 30 MB.
MAX_CSV_BYTES = 50 * 1024 * 1024
# Workbooks kept where nothing is read (a folder inside bids/, "Bid returns/" beside it) that
# are opened to tell a bid return from the blank template or a supporting document: each is
# read as a bid return is (up to a second for a large one). Past them, each may be a return,
# and holds the award as one the officer must look at.
MAX_WORKBOOKS_LOOKED_INTO = 200
