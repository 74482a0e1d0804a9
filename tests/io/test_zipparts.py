"""Reading zip parts from memory checks each part as zipfile would, and agrees with zipfile."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io.zipparts import ZipParts


def _zip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    parts=st.dictionaries(
        st.from_regex(r"xl/[a-z]{1,8}\.xml", fullmatch=True), st.binary(max_size=3000), max_size=5
    ),
    stored=st.booleans(),
    size=st.integers(min_value=0, max_value=4000),
)
def test_reads_what_zipfile_reads(parts: dict[str, bytes], stored: bool, size: int) -> None:
    data = _zip(parts, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    archive = ZipParts(data)
    reference = zipfile.ZipFile(io.BytesIO(data))
    for info in archive.infos:
        assert archive.read(info.filename) == reference.read(info.filename)
        assert archive.head(info, size) == reference.read(info.filename)[:size]


def test_a_part_that_inflates_beyond_its_declared_size_is_refused() -> None:
    # Declare 10 bytes for a part that really inflates to 100 KB (the lying zip bomb).
    data = bytearray(_zip({"xl/big.xml": b"<x/>" * 25_000}))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/big.xml")
    directory = bytes(data).rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, directory + 24, 10)  # the directory's uncompressed size
    struct.pack_into("<I", data, info.header_offset + 22, 10)  # and the local header's
    with pytest.raises(zipfile.BadZipFile, match="not the size"):
        ZipParts(bytes(data)).read("xl/big.xml")


def test_a_part_with_the_wrong_checksum_is_refused() -> None:
    data = bytearray(_zip({"xl/a.xml": b"<a>hello</a>"}, zipfile.ZIP_STORED))
    at = bytes(data).find(b"hello")
    data[at] = ord("j")  # same size, different bytes: only the CRC can tell
    with pytest.raises(zipfile.BadZipFile, match="CRC"):
        ZipParts(bytes(data)).read("xl/a.xml")


def test_a_part_named_differently_in_its_local_header_is_refused() -> None:
    data = bytearray(_zip({"xl/a.xml": b"<a/>", "xl/b.xml": b"<b/>"}))
    first = bytes(data).find(b"xl/a.xml")  # the local header's copy of the name comes first
    data[first + 3] = ord("z")
    with pytest.raises(zipfile.BadZipFile, match="named differently"):
        ZipParts(bytes(data)).read("xl/a.xml")


def test_a_part_cut_short_is_refused() -> None:
    data = _zip({"xl/a.xml": bytes(range(256)) * 40}, zipfile.ZIP_STORED)
    archive = ZipParts(data)
    info = archive.info("xl/a.xml")
    assert info is not None
    # Keep the directory but drop the part's last bytes by pointing its offset further on.
    info.header_offset += 7
    with pytest.raises(zipfile.BadZipFile):
        archive.read(info)


def test_a_damaged_deflate_stream_raises() -> None:
    data = bytearray(_zip({"xl/a.xml": b"<a>" + b"x" * 5000 + b"</a>"}))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/a.xml")
    start = info.header_offset + 30 + len(info.filename)
    data[start : start + 4] = b"\xff\xff\xff\xff"
    with pytest.raises((zipfile.BadZipFile, zlib.error)):
        ZipParts(bytes(data)).read("xl/a.xml")


def test_the_head_of_a_part_inflates_only_what_is_asked() -> None:
    archive = ZipParts(_zip({"xl/a.xml": b"<?xml?><root>" + b"y" * 1_000_000 + b"</root>"}))
    info = archive.info("xl/a.xml")
    assert info is not None
    assert archive.head(info, 13) == b"<?xml?><root>"


def test_a_large_part_streams() -> None:
    archive = ZipParts(_zip({"xl/a.xml": b"z" * 200_000}))
    with archive.open("xl/a.xml") as stream:
        assert stream.read(5) == b"zzzzz"


def test_not_a_zip_raises_bad_zip_file() -> None:
    with pytest.raises(zipfile.BadZipFile):
        ZipParts(b"name,price\nAcme,12\n")
