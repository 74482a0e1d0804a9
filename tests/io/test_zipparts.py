"""Reading zip parts from memory checks each part as zipfile would, and agrees with zipfile."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tendereval.io import zipparts
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


# ---- The directory read without zipfile (zipparts.plain_directory) -----------------------------


def _as_zipfile_lists(data: bytes) -> object:
    """What zipfile lists of each part (the fields the readers use), or the error it raises."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [
                (
                    i.filename,
                    i.orig_filename,
                    i.file_size,
                    i.compress_size,
                    i.CRC,
                    i.compress_type,
                    i.flag_bits,
                    i.header_offset,
                )
                for i in archive.infolist()
            ]
    except Exception as exc:
        return ("raised", type(exc).__name__)


def _as_listed(entries: list) -> list[tuple]:
    return [
        (
            e.filename,
            e.orig_filename,
            e.file_size,
            e.compress_size,
            e.CRC,
            e.compress_type,
            e.flag_bits,
            e.header_offset,
        )
        for e in entries
    ]


NAMES = st.sampled_from(
    ["xl/a.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml", "xl/é.xml", "a\\b.xml", "x"]
)


@st.composite
def zips(draw: st.DrawFn) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # a name given twice is meant
        for name in draw(st.lists(NAMES, max_size=4)):
            info = zipfile.ZipInfo(name)
            info.compress_type = draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]))
            info.comment = draw(st.sampled_from([b"", b"note"]))
            info.extra = draw(st.sampled_from([b"", b"\xca\xfe\x00\x00", b"\x01\x00\x00\x00"]))
            archive.writestr(info, draw(st.binary(max_size=200)))
        archive.comment = draw(st.sampled_from([b"", b"saved by"]))
    data = draw(st.sampled_from([b"", b"junk before the zip"])) + buffer.getvalue()
    # Bytes of the directory and end record overwritten: the reader must either decline or
    # read what zipfile reads.
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 3))):
        at = len(data) - 1 - draw(st.integers(0, min(len(data) - 1, 200)))
        data[at] = draw(st.integers(0, 255))
    return bytes(data)


@settings(max_examples=600, deadline=None)
@given(data=zips())
def test_a_plain_directory_lists_what_zipfile_lists(data: bytes) -> None:
    listed = zipparts.plain_directory(data)
    if listed is not None:
        assert _as_listed(listed) == _as_zipfile_lists(data)


def test_what_excel_libreoffice_and_openpyxl_write_is_a_plain_directory() -> None:
    root = Path(__file__).parents[2] / "examples"
    books = sorted(root.glob("*/bids/*.xlsx")) + sorted(root.glob("*/scores/*.xlsx"))
    assert books
    for path in books:
        data = path.read_bytes()
        listed = zipparts.plain_directory(data)
        assert listed is not None, path
        assert _as_listed(listed) == _as_zipfile_lists(data)


def test_what_is_not_plain_is_read_by_zipfile_as_before() -> None:
    plain = _zip({"xl/a.xml": b"<a/>", "xl/b.xml": b"<b/>" * 50})
    prepended = b"junk" + plain
    assert zipparts.plain_directory(prepended) is None
    archive = ZipParts(prepended)  # zipfile adjusts the offsets for what was put in front
    assert archive.read("xl/b.xml") == b"<b/>" * 50
    assert [i.filename for i in archive.infos] == ["xl/a.xml", "xl/b.xml"]


def test_a_part_left_to_zipfile_is_read_through_its_own_entry() -> None:
    # A method the reader leaves to zipfile (bzip2): read through zipfile's entry at the same
    # place in the directory, also when the directory itself was read without zipfile.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("xl/a.xml", b"<a>" + b"x" * 300 + b"</a>")
    data = buffer.getvalue()
    assert zipparts.plain_directory(data) is not None
    archive = ZipParts(data)
    assert archive.read("xl/a.xml") == b"<a>" + b"x" * 300 + b"</a>"
    assert archive.head(archive.infos[0], 3) == b"<a>"
    with archive.open("xl/a.xml") as stream:
        assert stream.read(3) == b"<a>"


def test_a_zip64_locator_before_the_end_record_is_left_to_zipfile() -> None:
    # The last 20 bytes of the directory (here a part's comment) read as a zip64 locator
    # naming another disk: zipfile refuses the file, so the reader must not list it.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("xl/a.xml")
        info.comment = b"PK\x06\x07" + struct.pack("<LQL", 1, 0, 2)
        archive.writestr(info, b"<a/>")
    data = buffer.getvalue()
    assert _as_zipfile_lists(data) == ("raised", "BadZipFile")
    assert zipparts.plain_directory(data) is None


def test_sizes_in_an_extra_field_are_left_to_zipfile() -> None:
    # A directory entry whose size reads 0xFFFFFFFF, the real size given in a zip64 extra
    # field: zipfile reads the size from the extra field.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("xl/a.xml")
        info.extra = struct.pack("<HHQ", 1, 8, 4)
        archive.writestr(info, b"<a/>")
    data = bytearray(buffer.getvalue())
    struct.pack_into("<I", data, bytes(data).rfind(b"PK\x01\x02") + 24, 0xFFFFFFFF)
    assert _as_zipfile_lists(bytes(data))[0][2] == 4  # type: ignore[index]
    assert zipparts.plain_directory(bytes(data)) is None


# ---- Reading a part whole after its head (inflating carries on) --------------------------------


def _outcome(read: object) -> object:
    try:
        return read()  # type: ignore[operator]
    except Exception as exc:
        return ("raised", type(exc).__name__, str(exc))


@settings(max_examples=150, deadline=None)
@given(
    content=st.binary(max_size=5000) | st.text(max_size=3000).map(str.encode),
    sizes=st.lists(st.integers(min_value=1, max_value=6000), max_size=3),
    declared=st.sampled_from([None, 0, 1, 10, 1023, 1024, 1025]),
    damage=st.sampled_from([None, 5, 40, -3]),
)
def test_a_part_read_after_its_head_is_what_reading_it_afresh_gives(
    content: bytes, sizes: list[int], declared: int | None, damage: int | None
) -> None:
    data = bytearray(_zip({"xl/a.xml": content}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/a.xml")
    if declared is not None:  # a part that lies about its size
        directory = bytes(data).rfind(b"PK\x01\x02")
        struct.pack_into("<I", data, directory + 24, declared)
        struct.pack_into("<I", data, info.header_offset + 22, declared)
    if damage is not None and info.compress_size > abs(damage):  # its deflate stream damaged
        start = info.header_offset + 30 + len(b"xl/a.xml")
        data[start + damage % info.compress_size] ^= 0x55
    afresh = ZipParts(bytes(data))
    expected = _outcome(lambda: afresh.read("xl/a.xml"))
    archive = ZipParts(bytes(data))
    for size in sizes:
        head = _outcome(lambda size=size: archive.head(archive.info("xl/a.xml"), size))
        fresh = ZipParts(bytes(data))
        assert head == _outcome(lambda f=fresh, size=size: f.head(f.info("xl/a.xml"), size))
    assert _outcome(lambda: archive.read("xl/a.xml")) == expected
    assert _outcome(lambda: archive.read("xl/a.xml")) == expected  # and again, afresh


def test_a_lying_part_read_after_its_head_unpacks_no_more_than_it_declares() -> None:
    # 64 MB of zeros declared as 10 bytes: carrying on from the head must stop one byte past
    # the declared size, as reading afresh does, not unpack the 64 MB.
    import tracemalloc

    data = bytearray(_zip({"xl/big.xml": bytes(64 << 20)}))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/big.xml")
    struct.pack_into("<I", data, bytes(data).rfind(b"PK\x01\x02") + 24, 10)
    struct.pack_into("<I", data, info.header_offset + 22, 10)
    archive = ZipParts(bytes(data))
    assert archive.head(archive.info("xl/big.xml"), 4) == bytes(4)
    tracemalloc.start()
    try:
        with pytest.raises(zipfile.BadZipFile, match="not the size"):
            archive.read("xl/big.xml")
        assert tracemalloc.get_traced_memory()[1] < 1 << 20
    finally:
        tracemalloc.stop()
