"""A generator for hostile and broken bid files, so none has to be kept in git.

Each builder writes one file into ``folder`` and returns its path. Most start from a good bid
return (``good``, made by :func:`tests.io.builders.bid_workbook`) and change one part of its
zip, so the file is a real workbook except for the one attack or defect. Every builder runs in
well under a second and writes at most a few megabytes: the decompression bomb is a
hand-written deflate stream (a block of zeros repeated) rather than gigabytes squeezed by zlib,
and the million-row sheet is written as XML text straight into the zip.
"""

from __future__ import annotations

import os
import random
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PRICES_PART = "xl/worksheets/sheet3.xml"  # builders.bid_workbook: Organisation, Supply chain,
ORGANISATION_PART = "xl/worksheets/sheet1.xml"  # Prices, Packages, Social value, in that order

Builder = Callable[[Path, Path], Path]


# ---- Rewriting a good workbook -----------------------------------------------------------


def rewrite(
    good: Path,
    target: Path,
    replace: dict[str, bytes | str] | None = None,
    drop: tuple[str, ...] = (),
) -> Path:
    """``good`` copied to ``target`` with some parts replaced or added (``replace``) and some
    left out (``drop``)."""
    replace = dict(replace or {})
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename in drop:
                continue
            data = replace.pop(info.filename, None)
            out.writestr(info.filename, source.read(info.filename) if data is None else data)
        for name, data in replace.items():
            out.writestr(name, data)
    return target


def part(good: Path, name: str) -> str:
    with zipfile.ZipFile(good) as archive:
        return archive.read(name).decode("utf-8")


# ---- Crafted XML -------------------------------------------------------------------------

_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def _laughs_sheet() -> str:
    """An Organisation sheet whose legal name is &lol9; — 10⁹ "lol"s (3 GB) if expanded."""
    return (
        _LAUGHS + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="4"><c r="A4" t="inlineStr"><is><t>Legal name</t></is></c>'
        '<c r="B4" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )


def billion_laughs(folder: Path, good: Path) -> Path:
    """The classic entity-expansion attack in a worksheet part."""
    return rewrite(good, folder / "laughs.xlsx", {ORGANISATION_PART: _laughs_sheet()})


def billion_laughs_utf16(folder: Path, good: Path) -> Path:
    """The same attack encoded as UTF-16, which a byte search for ``<!DOCTYPE`` would miss."""
    data = _laughs_sheet().replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    return rewrite(good, folder / "laughs16.xlsx", {ORGANISATION_PART: data.encode("utf-16")})


def external_entity(folder: Path, good: Path) -> Path:
    """An XML external entity (XXE) pointing at a file on the evaluator's machine."""
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheets>&secret;</sheets></workbook>"
    )
    return rewrite(good, folder / "xxe.xlsx", {"xl/workbook.xml": xml})


def ebcdic_xml(folder: Path, good: Path) -> Path:
    """A part declaring EBCDIC, in which ``<!DOCTYPE`` is not the ASCII bytes a scan looks
    for. Python's parser happens to refuse cp500; the check refuses every encoding Excel never
    writes before any parser is asked, so no parser's list of encodings matters."""
    xml = b'<?xml version="1.0" encoding="cp500"?>' + (
        '<!DOCTYPE w [<!ENTITY a "b">]><workbook/>'.encode("cp500")
    )
    return rewrite(good, folder / "ebcdic.xlsx", {"xl/workbook.xml": xml})


# ---- Zip bombs ---------------------------------------------------------------------------

_MIB = 1 << 20


def _zero_deflate(mebibytes: int) -> bytes:
    """A raw deflate stream of ``mebibytes`` MiB of zeros, built in milliseconds: after a full
    flush zlib emits the same bytes for each identical 1 MiB block, so one block is repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(_MIB)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + packer.flush(zlib.Z_FINISH)


def _crc_of_zeros(mebibytes: int) -> int:
    """CRC-32 of ``mebibytes`` MiB of zeros without computing over gigabytes: appending zeros
    is an affine map on the 32-bit CRC state, so the 1 MiB map is squared as needed."""

    def table(apply: Callable[[int], int]) -> tuple[int, list[int]]:
        base = apply(0)
        return base, [apply(1 << bit) ^ base for bit in range(32)]

    def run(affine: tuple[int, list[int]], state: int) -> int:
        base, columns = affine
        for bit in range(32):
            if state >> bit & 1:
                base ^= columns[bit]
        return base

    step = table(lambda state: zlib.crc32(bytes(_MIB), state))
    crc = 0
    while mebibytes:
        if mebibytes & 1:
            crc = run(step, crc)
        step = table(lambda state, s=step: run(s, run(s, state)))
        mebibytes >>= 1
    return crc


def _raw_zip(path: Path, entries: list[tuple[str, int, int, bytes, int]]) -> Path:
    """A zip written by hand: (name, method, crc, stored bytes, declared unpacked size).

    zipfile cannot store a precompressed stream or lie about sizes; this can."""
    local, central = bytearray(), bytearray()
    for name, method, crc, data, size in entries:
        raw = name.encode()
        offset = len(local)
        local += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(raw), 0
        )
        local += raw + data
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(raw),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += raw
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0
    )
    path.write_bytes(bytes(local + central + end))
    return path


def _stored(good: Path, leave_out: str) -> list[tuple[str, int, int, bytes, int]]:
    with zipfile.ZipFile(good) as archive:
        return [
            (i.filename, 0, zlib.crc32(data), data, len(data))
            for i in archive.infolist()
            if i.filename != leave_out
            for data in [archive.read(i.filename)]
        ]


def zip_bomb(folder: Path, good: Path, gibibytes: int = 3) -> Path:
    """A workbook whose Prices sheet unpacks to ``gibibytes`` GiB of zeros from ~3 MB."""
    mib = gibibytes * 1024
    bomb = (PRICES_PART, 8, _crc_of_zeros(mib), _zero_deflate(mib), mib * _MIB)
    return _raw_zip(folder / "bomb.xlsx", [*_stored(good, PRICES_PART), bomb])


def many_parts(folder: Path, good: Path, parts: int = 10_001) -> Path:
    """A zip with 10,001 empty parts (Excel writes tens): a directory that size is harmless,
    but the check must refuse it before listing, so a million parts would be refused too."""
    target = rewrite(good, folder / "many-parts.xlsx")
    with zipfile.ZipFile(target, "a", zipfile.ZIP_STORED) as archive:
        for index in range(parts):
            archive.writestr(f"p/{index}", b"")
    return target


def lying_zip_bomb(folder: Path, good: Path) -> Path:
    """A zip whose directory claims a small Prices part that really inflates to 1 GiB: the
    declared sizes pass every check, so reading must itself stop at the declared size."""
    bomb = (PRICES_PART, 8, 0, _zero_deflate(1024), 2 * _MIB)
    return _raw_zip(folder / "liar.xlsx", [*_stored(good, PRICES_PART), bomb])


# ---- Huge sheets -------------------------------------------------------------------------

_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:XFD1048576"/><sheetData>'
)
_PRICE_HEADER = (
    '<row r="4"><c r="A4" t="inlineStr"><is><t>Lot</t></is></c>'
    '<c r="C4" t="inlineStr"><is><t>Item</t></is></c>'
    '<c r="G4" t="inlineStr"><is><t>Unit rate (£)</t></is></c></row>'
)


def _price_rows(first: int, last: int) -> Iterator[str]:
    """Rows pricing lot L1's two items (hours at 20, visits at 35) over and over."""
    for r in range(first, last + 1):
        item, rate = ("hours", 20) if r % 2 else ("visits", 35)
        yield (
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>L1</t></is></c>'
            f'<c r="C{r}" t="inlineStr"><is><t>{item}</t></is></c><c r="G{r}"><v>{rate}</v></c>'
            "</row>"
        )


def million_rows(folder: Path, good: Path, rows: int = 1_000_000) -> Path:
    """A Prices sheet with a million filled rows, streamed into the zip as text."""
    target = rewrite(good, folder / "million-rows.xlsx", drop=(PRICES_PART,))
    with (
        zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(PRICES_PART, "w", force_zip64=True) as stream,
    ):
        stream.write((_SHEET_HEAD + _PRICE_HEADER).encode())
        batch: list[str] = []
        for row in _price_rows(5, rows + 4):
            batch.append(row)
            if len(batch) == 10_000:
                stream.write("".join(batch).encode())
                batch.clear()
        stream.write(("".join(batch) + "</sheetData></worksheet>").encode())
    return target


def huge_dimensions(folder: Path, good: Path) -> Path:
    """A Prices sheet claiming A1:XFD1048576, with a stray value in the very last cell, all
    16,384 columns of the title row filled, and a real two-row price table in between."""
    wide = (
        '<row r="1">'
        + "".join(f'<c r="{_letters(c)}1"><v>{c}</v></c>' for c in range(1, 16_385))
        + "</row>"
    )
    body = (
        _SHEET_HEAD
        + wide
        + _PRICE_HEADER
        + "".join(_price_rows(5, 6))
        + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    return rewrite(good, folder / "huge-dimensions.xlsx", {PRICES_PART: body})


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def damaged_sheet(folder: Path, good: Path) -> Path:
    """A well-formed workbook whose Prices sheet holds a number cell that is not a number: the
    damage shows only when the sheet itself is read, after the workbook has opened."""
    body = (
        _SHEET_HEAD
        + _PRICE_HEADER
        + '<row r="5"><c r="A5" t="inlineStr"><is><t>L1</t></is></c><c r="G5" t="n">'
        "<v>twenty</v></c></row></sheetData></worksheet>"
    )
    return rewrite(good, folder / "damaged-sheet.xlsx", {PRICES_PART: body})


# ---- Files that are not what they claim ---------------------------------------------------


def not_a_zip(folder: Path, good: Path) -> Path:
    path = folder / "pdf-renamed.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return path


def truncated(folder: Path, good: Path) -> Path:
    data = good.read_bytes()
    path = folder / "half-downloaded.xlsx"
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _ole(streams: list[str]) -> bytes:
    """The start of an OLE compound file: its magic number, a header, and a directory naming
    ``streams`` in UTF-16 as real compound files do (enough for any reader to sniff)."""
    header = OLE_MAGIC + bytes(16) + struct.pack("<HH", 0x3E, 3) + b"\xfe\xff" + bytes(480)
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in ["Root Entry", *streams]
    )
    return header + directory + bytes(512)


def old_xls(folder: Path, good: Path) -> Path:
    path = folder / "old-format.xls"
    path.write_bytes(_ole(["Workbook", "\x05SummaryInformation"]))
    return path


def encrypted(folder: Path, good: Path) -> Path:
    path = folder / "locked.xlsx"
    path.write_bytes(_ole(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    return path


def empty_file(folder: Path, good: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def xlsb(folder: Path, good: Path) -> Path:
    path = folder / "binary.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


# ---- Workbooks that load with a warning --------------------------------------------------

_VBA = OLE_MAGIC + b"\x00" * 504 + "VBA".encode("utf-16-le")


def macro_xlsm(folder: Path, good: Path) -> Path:
    """A macro-enabled workbook (.xlsm with a VBA project)."""
    return rewrite(good, folder / "macros.xlsm", {"xl/vbaProject.bin": _VBA})


def macro_inside_xlsx(folder: Path, good: Path) -> Path:
    """A VBA project hidden inside a file named .xlsx."""
    return rewrite(good, folder / "sneaky-macros.xlsx", {"xl/vbaProject.bin": _VBA})


def external_links(folder: Path, good: Path) -> Path:
    """A workbook linking to another workbook on a server (Excel would offer to update it)."""
    link = (
        '<?xml version="1.0" encoding="UTF-8"?><externalLink '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships" r:id="rId1"/></externalLink>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
        'Target="file://///fileserver/pricing/rates.xlsx" TargetMode="External"/></Relationships>'
    )
    return rewrite(
        good,
        folder / "linked.xlsx",
        {
            "xl/externalLinks/externalLink1.xml": link,
            "xl/externalLinks/_rels/externalLink1.xml.rels": rels,
        },
    )


def hidden_sheets(folder: Path, good: Path) -> Path:
    """The Prices sheet hidden and the Packages sheet very hidden (only VBA can show it)."""
    book = (
        part(good, "xl/workbook.xml")
        .replace(
            'name="Prices" sheetId="3" state="visible"', 'name="Prices" sheetId="3" state="hidden"'
        )
        .replace(
            'name="Packages" sheetId="4" state="visible"',
            'name="Packages" sheetId="4" state="veryHidden"',
        )
    )
    return rewrite(good, folder / "hidden.xlsx", {"xl/workbook.xml": book})


# ---- The corpus ----------------------------------------------------------------------------

REFUSED: dict[str, Builder] = {
    "billion_laughs": billion_laughs,
    "billion_laughs_utf16": billion_laughs_utf16,
    "external_entity": external_entity,
    "ebcdic_xml": ebcdic_xml,
    "many_parts": many_parts,
    "zip_bomb": zip_bomb,
    "lying_zip_bomb": lying_zip_bomb,
    "not_a_zip": not_a_zip,
    "truncated": truncated,
    "damaged_sheet": damaged_sheet,
    "old_xls": old_xls,
    "encrypted": encrypted,
    "empty_file": empty_file,
    "xlsb": xlsb,
}
WARNED: dict[str, Builder] = {
    "macro_xlsm": macro_xlsm,
    "macro_inside_xlsx": macro_inside_xlsx,
    "external_links": external_links,
    "hidden_sheets": hidden_sheets,
}
BOUNDED: dict[str, Builder] = {"million_rows": million_rows, "huge_dimensions": huge_dimensions}


def write_corpus(folder: Path, good: Path) -> dict[str, Path]:
    """Every hostile file written into ``folder``: name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: build(folder, good) for name, build in {**REFUSED, **WARNED, **BOUNDED}.items()}


# ---- Round 2: inputs tried as an attacker would (issue 15) --------------------------------
#
# The large ones are built in about a second each without holding gigabytes: a block of
# random items longer than deflate's 32 KB window is repeated, so the part compresses about
# 10 to 1 (inside every declared-size check, as the attacks that found these faults were) and
# only the items differ.

STYLES_PART = "xl/styles.xml"
SHARED_STRINGS_PART = "xl/sharedStrings.xml"


def _repeated(
    make: Callable[[random.Random], bytes], count: int, seed: int = 15
) -> Iterator[bytes]:
    """``count`` items, as chunks: a block of 20,000 random ones, repeated (never the whole
    in memory at once)."""
    rng = random.Random(seed)
    items = [make(rng) for _ in range(min(count, 20_000))]
    block = b"".join(items)
    whole, rest = divmod(count, len(items))
    for _ in range(whole):
        yield block
    yield b"".join(items[:rest])


Chunks = bytes | list["bytes | Iterator[bytes]"]


def _with_parts(good: Path, target: Path, parts: dict[str, Chunks]) -> Path:
    """``good`` with ``parts`` replaced or added, each deflated fast (level 1) and streamed
    into the zip: a part is bytes, or a list of bytes and iterators of bytes."""
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for info in source.infolist():
            if info.filename not in parts:
                out.writestr(info.filename, source.read(info.filename))
        for name, data in parts.items():
            with out.open(name, "w", force_zip64=True) as stream:
                for piece in [data] if isinstance(data, bytes) else data:
                    for chunk in [piece] if isinstance(piece, bytes) else piece:
                        stream.write(chunk)
    return target


def oversized(folder: Path, good: Path, gibibytes: float = 3) -> Path:
    """A bid of several GiB on disk (sparse: it takes no space), all zeros."""
    path = folder / f"oversized-{gibibytes:g}gb.xlsx"
    with path.open("wb") as handle:
        handle.truncate(int(gibibytes * 2**30))
    return path


_STYLES_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def many_cell_formats(folder: Path, good: Path, count: int = 3_000_000, name: str = "") -> Path:
    """A styles part listing three million cell formats (Excel allows 64,000)."""
    seed = zlib.crc32(name.encode())  # each bid its own styles
    xfs = _repeated(lambda rng: b'<xf numFmtId="%d"/>' % rng.randint(0, 49), count, seed)
    styles = [_STYLES_HEAD + b'<cellXfs count="%d">' % count, xfs, b"</cellXfs></styleSheet>"]
    return _with_parts(good, folder / f"{name or 'many-cell-formats'}.xlsx", {STYLES_PART: styles})


def many_shared_strings(folder: Path, good: Path, count: int = 10_000_000) -> Path:
    """A shared-strings table of ten million tiny strings, the first of them the supplier's
    name (which the Organisation sheet then refers to)."""
    filler = _repeated(
        lambda rng: b"<si><t>%s</t></si>" % bytes(rng.choices(b"abcdefghij", k=2)), count
    )
    strings = [
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>Hostile Ltd</t></si>",
        filler,
        b"</sst>",
    ]
    organisation = part(good, ORGANISATION_PART).replace(
        '<c r="B4" t="inlineStr"><is><t>Hostile Ltd</t></is></c>', '<c r="B4" t="s"><v>0</v></c>'
    )
    return _with_parts(
        good,
        folder / "many-strings.xlsx",
        {SHARED_STRINGS_PART: strings, ORGANISATION_PART: organisation.encode()},
    )


def many_empty_rows(folder: Path, good: Path, rows: int = 25_000_000) -> Path:
    """A Prices sheet of 25 million empty rows (Excel's last row is 1,048,576)."""
    body = _repeated(lambda rng: rng.choice((b"<row/>", b"<row />")), rows)
    sheet = [_SHEET_HEAD.encode() + _PRICE_HEADER.encode(), body, b"</sheetData></worksheet>"]
    return _with_parts(good, folder / "empty-rows.xlsx", {PRICES_PART: sheet})


def wide_row(folder: Path, good: Path, cells: int = 10_000_000) -> Path:
    """A Prices row of ten million cells without references (Excel's last column is 16,384)."""
    row = _repeated(lambda rng: b"<c><v>%d</v></c>" % rng.randint(0, 9), cells)
    sheet = [
        _SHEET_HEAD.encode() + _PRICE_HEADER.encode() + b'<row r="5">',
        row,
        b"</row></sheetData></worksheet>",
    ]
    return _with_parts(good, folder / "wide-row.xlsx", {PRICES_PART: sheet})


def many_hidden_sheets(folder: Path, good: Path, sheets: int = 100_000) -> Path:
    """A workbook listing 100,000 hidden sheets, all pointing at one small part (about half a
    megabyte on disk)."""
    book = part(good, "xl/workbook.xml")
    rels = part(good, "xl/_rels/workbook.xml.rels")
    extra = "".join(
        f'<sheet name="h{index}" sheetId="{index + 100}" state="hidden" r:id="rIdH"/>'
        for index in range(sheets)
    )
    book = book.replace("</sheets>", extra + "</sheets>")
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    )
    if 'xmlns:r="' not in book.split(">", 2)[1]:
        book = book.replace(
            "<workbook ",
            '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships" ',
            1,
        )
    return rewrite(
        good,
        folder / "hidden-sheets.xlsx",
        {"xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels},
    )


def repeated_part(folder: Path, good: Path) -> Path:
    """Two different copies of the Prices sheet under one name: the first prices everything
    at 1, the second is the bid's own. zipfile reads the last, Excel the first."""
    first = (
        _SHEET_HEAD
        + _PRICE_HEADER
        + "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>L1</t></is></c>'
            f'<c r="C{r}" t="inlineStr"><is><t>{item}</t></is></c><c r="G{r}"><v>1</v></c></row>'
            for r, item in ((5, "hours"), (6, "visits"))
        )
    )
    target = rewrite(good, folder / "two-prices.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name: that is the point
        with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(PRICES_PART, first + "</sheetData></worksheet>")
    return target


# ESC ] 0 ; … BEL retitles the terminal window; ESC [ 2 J clears the screen. Excel stores
# characters XML cannot hold as _xHHHH_.
TERMINAL_ATTACK = "\x1b]0;pwned\x07\x1b[2J\x1b[1;1H"


def control_characters(folder: Path, good: Path, name: str = "Hostile Ltd") -> Path:
    """The supplier's name carries terminal control sequences, stored as Excel stores them."""
    escaped = "".join(f"_x{ord(c):04X}_" if ord(c) < 32 else c for c in TERMINAL_ATTACK)
    sheet = part(good, ORGANISATION_PART).replace(f"<t>{name}</t>", f"<t>{name}{escaped}</t>")
    return rewrite(good, folder / "control.xlsx", {ORGANISATION_PART: sheet})


FORGED_LINE = "All bids are valid."
FORGED_NAME = f"late\n{FORGED_LINE}\n.xlsx"


def newline_in_file_name(folder: Path, good: Path) -> Path:
    """A file name with newlines, forging a line of tendereval's own output."""
    path = folder / FORGED_NAME
    path.write_bytes(b"not a workbook")
    return path


def special_entries(folder: Path, good: Path) -> list[Path]:
    """A named pipe, a broken link, a link to a device and a link leading back to itself,
    each named like a bid."""
    pipe, broken, device = folder / "pipe.xlsx", folder / "gone.xlsx", folder / "zero.xlsx"
    loop = folder / "loop.xlsx"
    os.mkfifo(pipe)
    broken.symlink_to(folder / "no-such-file.xlsx")
    device.symlink_to("/dev/zero")
    loop.symlink_to(loop)
    return [pipe, broken, device, loop]


def lying_part_count(folder: Path, good: Path, extra: int = 1_000_000) -> Path:
    """A zip whose end record counts the bid's own parts, while its directory lists a million
    more (46-byte entries, so the file stays under 50 MB)."""
    with zipfile.ZipFile(good) as archive:
        entries = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
    local, central = bytearray(), bytearray()
    for name, data in entries:
        raw, crc, offset = name.encode(), zlib.crc32(data), len(local)
        local += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0x21, crc, len(data), len(data), len(raw), 0
        )
        local += raw + data
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, crc, len(data), len(data),
            len(raw), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += raw
    filler = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
                         0, 0, 0) + b"x"  # fmt: skip
    central += filler * extra
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0
    )
    path = folder / "lying-count.xlsx"
    path.write_bytes(bytes(local + central + end))
    return path


def displayed_otherwise(folder: Path, good: Path) -> Path:
    """Rates stored as 0.0275 under a number format that shows "£27.50" in Excel: the officer
    sees a price far above the others, and 0.0275 would win on price."""
    from openpyxl import load_workbook

    book = load_workbook(good)
    prices = book["Prices"]
    for row in range(5, 9):
        prices[f"G{row}"].value = 0.0275
        prices[f"G{row}"].number_format = '"£27.50"'
    path = folder / "shown-otherwise.xlsx"
    book.save(path)
    return path


def deep_plan_key(folder: Path, levels: int = 20_000) -> Path:
    """A plan with a dotted key 20,000 parts deep."""
    plan = folder / "tender.toml"
    plan.write_text(plan.read_text() + "\njunk" + ".a" * levels + " = 1\n")
    return plan


def huge_proxy_table(folder: Path, gibibytes: float = 1.5) -> Path:
    """The plan's proxy table, 1.5 GiB of zeros (sparse) in the tender folder."""
    path = folder / "social-value-proxies-2026.csv"
    with path.open("wb") as handle:
        handle.truncate(int(gibibytes * 2**30))
    return path


CYRILLIC_A = "\u0430"
ZERO_WIDTH_SPACE = "\u200b"


# The attacks above, by name (tests/hostile/test_attacks.py runs each in a child process and
# prints its time and peak memory; the tender-level ones take the tender folder instead).
ATTACKS: dict[str, Callable[..., object]] = {
    "oversized": oversized,
    "many_cell_formats": many_cell_formats,
    "many_shared_strings": many_shared_strings,
    "many_empty_rows": many_empty_rows,
    "wide_row": wide_row,
    "many_hidden_sheets": many_hidden_sheets,
    "repeated_part": repeated_part,
    "control_characters": control_characters,
    "newline_in_file_name": newline_in_file_name,
    "special_entries": special_entries,
    "lying_part_count": lying_part_count,
    "displayed_otherwise": displayed_otherwise,
    "deep_plan_key": deep_plan_key,
    "huge_proxy_table": huge_proxy_table,
}
