"""Each explanation is redacted once, however many summaries quote it (report.redact).

Found by profiling `summaries` on the commands benchmark's tender (session 41): one reason is
quoted in its bid's summary, the awarded tender's in every other bidder's summary of its lot,
and the counts the command prints read every explanation again, and each time the evaluators'
names and every bidder's name were looked for afresh. Now :class:`Redactor` keeps each text's
redaction, and :class:`OtherBidders` where each text names which bidders, applying only what
the reader may see. What a summary shows must be exactly what it was: the reference below is
the search as it was before, run afresh for every text and reader."""

from __future__ import annotations

from collections.abc import Collection
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.keys import supplier_key
from tendereval.report import redact
from tendereval.report.redact import OtherBidders, Redactor


def _as_before(others: OtherBidders, text: str | None, keep: Collection[str]) -> str | None:
    """:meth:`OtherBidders.__call__` as it was before the names found in a text were kept:
    each text searched again for each reader."""
    if not text or others._pattern is None:
        return text
    pattern = others._pattern
    read = redact._unconfused_read(text, redact._as_read(text))
    if others.FILED:
        filed = others._filed
        hits = sorted(redact._text_words(text if read is None else read.text) & filed.keys())
        groups = [others._group(w, filed[w]) for w in hits]
        if others._always:
            groups.append(others._group("", others._always))
        if not groups:
            return text
        pattern = groups[0][0] if len(groups) == 1 else redact._Either(groups)

    searched = text if read is None else read.text
    places = [] if others._places is None else list(others._places.finditer(searched))

    def replace(match, before):
        found = match.group()
        folded = redact._name_key(found)
        # The reader's own names by supplier_key, as the loader matches a supplier's returns.
        if others._owners.get(folded, set()) & {supplier_key(name) for name in keep}:
            return None
        capitals = others._capitals.get(folded)
        if capitals and not any(redact._has_capitals_of(found, form) for form in capitals):
            return None
        if any(p.start() <= match.start() and match.end() <= p.end() for p in places):
            return None
        if (
            folded in others._one_word
            and found[1:] == found[1:].lower()
            and redact._starts_sentence(before)
            and not redact._POSSESSIVE.match(match.string, match.end())
        ):
            return None
        files = others._files
        return redact._capital(
            before, redact.OTHER_FILE if folded in files else redact.OTHER_BIDDER
        )

    return redact._substitute_read(pattern, text, replace, read)


EVALUATORS = [
    "Tom Okafor",
    "Ruth Ann Marsh",
    "Helen van Dijk",
    "Si\u00e2n Williams",
    "OKAFOR Tom",
    "Strong, Tom",
    "Carers' Reference Group panel",
]
SUPPLIERS = [
    "Romney Marsh Care CIC",
    "Beta Homecare Limited",
    "St Mary\u2019s Care Ltd",
    "Carers First",
    "Alpha Care",
    "Alpha Care Ltd",
    "Provider 0041 Care Ltd",
    "Williams & Strong LLP",
]
FILLER = [
    "read the bid",
    "as",
    "the",
    "The",
    "said",
    "Dr",
    "Mrs",
    "R.",
    "view",
    "clearer than",
    "strong",
    "marsh",
    "I",
    "Ruth",
    "Tom",
    "Sian",
    "Okafor's",
    "bids/beta.xlsx",
    "beta.xlsx",
    "\u2013",
    "\u00ad",
    "\u200b",
    "\uff2f\uff4b\uff41\uff46\uff4f\uff52",
    "Caf\u00e9",
    "\u2122",
]
PIECE = st.one_of(
    st.sampled_from(FILLER),
    st.sampled_from(EVALUATORS),
    st.sampled_from(SUPPLIERS),
    st.sampled_from(SUPPLIERS).map(str.upper),
    st.sampled_from(SUPPLIERS).map(str.lower),
    st.sampled_from(EVALUATORS).map(lambda name: name.split()[-1]),
)
TEXT = st.lists(
    st.tuples(st.sampled_from(["", " ", " ", ", ", ". ", "\n", "; "]), PIECE).map("".join),
    max_size=10,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    evaluators=st.lists(st.sampled_from(EVALUATORS), min_size=1, max_size=4, unique=True),
    suppliers=st.lists(st.sampled_from(SUPPLIERS), min_size=2, max_size=6, unique=True),
    texts=st.lists(TEXT, min_size=1, max_size=6),
    data=st.data(),
)
def test_redacting_a_text_again_gives_what_redacting_it_afresh_gives(
    evaluators, suppliers, texts, data
):
    """Texts quoted many times, to readers who may see different bidders, in any order:
    each as a new redactor and the search as it was before give it."""
    bids = [(name, f"bids/{name.split()[0].lower()}.xlsx") for name in suppliers]
    bids.append(("Beta", "bids/beta.xlsx"))
    names = [*suppliers, "Romney Marsh", None]
    redactor, others = Redactor(evaluators, names), OtherBidders(bids)
    readers = st.frozensets(st.sampled_from([*suppliers, "Beta", "Nobody"]), max_size=3)
    calls = data.draw(
        st.lists(st.tuples(st.sampled_from(texts), readers), min_size=1, max_size=12),
        label="calls",
    )
    for text, keep in calls:
        assert redactor._redacted(text) == Redactor(evaluators, names)._redacted(text)
        assert others(text, keep) == _as_before(OtherBidders(bids), text, keep)
        redacted = redactor(text)
        assert others(redacted, keep) == _as_before(OtherBidders(bids), redacted, keep)
    fresh = Redactor(evaluators, names)
    assert redactor.names_in(texts) == fresh.names_in(texts)
    assert redactor.first_names_in(texts) == Redactor(evaluators, names).first_names_in(texts)
    assert redactor.surnames_left_in(texts) == Redactor(evaluators, names).surnames_left_in(texts)
    # And searching every name everywhere (as tests of the filed search compare) still agrees.
    with patch.object(OtherBidders, "FILED", False):
        for text, keep in calls:
            assert others(text, keep) == _as_before(OtherBidders(bids), text, keep)


def test_a_text_quoted_in_many_summaries_is_searched_once():
    """Before: the awarded tender's reason, quoted in each of its lot's 300 other bidders'
    summaries, was read and searched for every name 300 times (and again for each count)."""
    redactor = Redactor(["Tom Okafor", "Ann Evans"], ["Provider 0001 Care Ltd"])
    others = OtherBidders([(f"Provider {i:04d} Care Ltd", f"bids/{i}.xlsx") for i in range(300)])
    text = "Ann\u2019s view \u2013 sound on Q1; clearer than Provider 0007 Care, as Okafor said"
    reads, searches = [], []
    plain_read, text_words = redact._plain_read, redact._text_words
    with (
        patch.object(redact, "_plain_read", lambda t: reads.append(t) or plain_read(t)),
        patch.object(redact, "_text_words", lambda t: searches.append(t) or text_words(t)),
    ):
        for reader in range(300):
            keep = {f"Provider {reader:04d} Care Ltd", "Provider 0001 Care Ltd"}
            shown = others(redactor(text), keep)
            assert shown == (
                "Ann\u2019s view \u2013 sound on Q1; clearer than "
                + ("Provider 0007 Care" if reader == 7 else "another bidder")
                + ", as an evaluator said"
            )
        assert redactor.names_in([text]) == 1
        assert redactor.surnames_left_in([text]) == 0
    assert len(reads) <= 2  # the full names, then the surnames: once
    assert len(searches) == 1
