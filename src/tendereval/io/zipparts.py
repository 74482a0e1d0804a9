"""The parts of a zip file held in memory, read without :mod:`zipfile`'s per-part overhead.

An .xlsx is a zip of a dozen small XML parts. The safety checks look at the start of every
part and the reader unpacks several of them; through :class:`zipfile.ZipFile` each of those
costs about 20 microseconds of Python before any byte is inflated, which for a thousand bid
returns adds up to more than the parsing. :class:`ZipParts` reads the file once, lets
:mod:`zipfile` parse the central directory (the hard part of the format, with its zip64 and
encoding cases), and then inflates a part's bytes straight from memory with :mod:`zlib`:

* a whole part is checked as :mod:`zipfile` checks it: its local header must name the same
  part as the directory, it must inflate to exactly the size the directory declares (so a
  part that lies about its size cannot unpack more), and its CRC-32 must match;
* the start of a part (:meth:`ZipParts.head`) inflates only the bytes asked for;
* anything unusual (a compression method other than stored or deflate, an encrypted part) is
  left to :mod:`zipfile`, which raises its own error;
* part names given twice (ignoring case) are listed in :attr:`ZipParts.repeated`, for the
  safety checks to refuse: zipfile would silently read the last copy, Excel the first.

Large parts are streamed through :meth:`ZipParts.open` (zipfile's reader), so memory holds the
compressed file once and never a huge part unpacked.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

_LOCAL_HEADER = b"PK\x03\x04"
_LOCAL_HEADER_SIZE = 30


class ZipParts:
    """A zip file read into memory. Raises :class:`zipfile.BadZipFile` (or OSError) when the
    file is not a readable zip."""

    def __init__(self, data: bytes):
        self._data = data
        listed = plain_directory(data)
        self._zip: zipfile.ZipFile | None = None
        if listed is None:  # anything unusual: zipfile reads it (or refuses it) as ever
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self.infos: list[zipfile.ZipInfo] | list[Entry] = self._zip.infolist()
            self._by_name: dict[str, zipfile.ZipInfo] | dict[str, Entry] = self._zip.NameToInfo
        else:
            self.infos = listed
            self._by_name = {info.filename: info for info in listed}  # the last, as zipfile
        self.repeated = _repeated_names(self.infos)
        self._folded: dict[str, str] | None = None  # name ignoring case → the name, once asked
        self._starts: dict[str, int | None] = {}  # where each part's bytes start, once found
        # Inflating left off after a part's head, by the entry's offset and sizes (which fix
        # the bytes inflated and how many may come out): see head().
        self._started: dict[tuple[int, int, int], tuple[Any, bytes]] = {}
        self._digests: dict[str, bytes | None] = {}

    @classmethod
    def from_path(cls, path: Path) -> ZipParts:
        return cls(path.read_bytes())  # trusted files only (tests, templates): no size check

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def _zipfile(self, info: zipfile.ZipInfo | Entry) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
        """zipfile's reader and its entry for ``info``, for what is left to zipfile (the
        directory read here is the same list, in the same order, as zipfile reads)."""
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(self._data))
        if isinstance(info, Entry):
            return self._zip, self._zip.infolist()[info.index]
        return self._zip, info

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self._by_name.get(name)

    def find(self, name: str) -> str | None:
        """The name of the part called ``name``, ignoring case (None when there is none).

        Part names are compared ignoring case (Open Packaging Conventions): a relationship to
        ``xl/worksheets/sheet1.xml`` finds a part saved as ``xl/worksheets/Sheet1.xml`` in
        Excel, and must here too. The safety checks refuse a zip holding two names that
        differ only in case, so at most one part can be meant."""
        if name in self._by_name:
            return name
        if self._folded is None:
            # Every name folded in one call (a zip name holds no NUL: zipfile cuts it there),
            # the first of two alike kept: asked of every bid for parts it does not have.
            names = [info.filename for info in self.infos]
            folded = "\x00".join(names).casefold().split("\x00")
            self._folded = dict(zip(reversed(folded), reversed(names), strict=True))
        return self._folded.get(name.casefold())

    def read(self, name: str | zipfile.ZipInfo) -> bytes:
        """A whole part, checked (see the module docstring)."""
        info = self._by_name[name] if isinstance(name, str) else name
        start = self._data_start(info)
        if start is None:
            archive, entry = self._zipfile(info)
            return archive.read(entry)
        raw = self._data[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            data = raw
        else:
            limit = info.file_size + 1  # one byte more than declared shows a part that lies
            started = self._started.pop(_key(info), None)
            if started is None:
                data = zlib.decompressobj(-15).decompress(raw, limit)
            else:  # the head already inflated: carry on from where it stopped
                inflate, head = started
                more = limit - len(head)
                data = (
                    head + inflate.decompress(inflate.unconsumed_tail, more)
                    if more > 0
                    else head[:limit]
                )
        if len(data) != info.file_size:
            raise zipfile.BadZipFile(f"the part {info.filename} is not the size its zip declares")
        if zlib.crc32(data) != info.CRC:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
        return data

    def head(self, info: zipfile.ZipInfo, size: int) -> bytes:
        """Up to ``size`` bytes from the start of a part, inflating no more than that."""
        if size <= 0:  # zlib reads a limit of 0 as "no limit"
            return b""
        start = self._data_start(info)
        if start is None:
            archive, entry = self._zipfile(info)
            with archive.open(entry) as stream:
                return stream.read(size)
        raw = self._data[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            return raw[:size]
        inflate = zlib.decompressobj(-15)
        head = inflate.decompress(raw, size)
        # The safety checks read the head of every part; the reader then reads some of them
        # whole. Inflating carries on from the head rather than starting again (setting up a
        # deflate block is most of what a kilobyte costs). A few kept, of small parts only.
        if info.file_size <= CARRIED_ON_BYTES and len(self._started) < CARRIED_ON_PARTS:
            self._started[_key(info)] = (inflate, head)
        return head

    def digest(self, info: zipfile.ZipInfo) -> bytes | None:
        """A digest of everything a part unpacks from and is checked against (its stored
        bytes, method, declared sizes and CRC-32): two parts with the same digest unpack to
        the same bytes and pass or fail the same checks, so what was found in one holds for
        the other, without keeping either. None for a part left to zipfile."""
        if info.filename in self._digests:  # the checks and the reader both ask
            return self._digests[info.filename]
        start = self._data_start(info)
        found = None
        if start is not None:
            digest = hashlib.blake2b(
                struct.pack(
                    "<HQQI", info.compress_type, info.file_size, info.compress_size, info.CRC
                ),
                digest_size=16,
            )
            digest.update(memoryview(self._data)[start : start + info.compress_size])
            found = digest.digest()
        self._digests[info.filename] = found
        return found

    def open(self, name: str) -> IO[bytes]:
        """A part as a stream (for parts too large to unpack whole)."""
        archive, entry = self._zipfile(self._by_name[name])
        return archive.open(entry)

    def _data_start(self, info: zipfile.ZipInfo) -> int | None:
        """Where a part's compressed bytes start, or None to leave the part to zipfile."""
        if info.filename in self._starts:  # the checks and the reader both ask
            return self._starts[info.filename]
        start = self._find_start(info)
        self._starts[info.filename] = start
        return start

    def _find_start(self, info: zipfile.ZipInfo) -> int | None:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        if info.flag_bits & 0x1:  # encrypted
            return None
        at = info.header_offset
        header = self._data[at : at + _LOCAL_HEADER_SIZE]
        if len(header) < _LOCAL_HEADER_SIZE or header[:4] != _LOCAL_HEADER:
            raise zipfile.BadZipFile(f"no local header for the part {info.filename}")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        name = self._data[at + _LOCAL_HEADER_SIZE : at + _LOCAL_HEADER_SIZE + name_length]
        written = info.orig_filename
        # A name of ASCII letters is the same bytes in both encodings; encoding it as ASCII
        # is a C call, where cp437 goes through Python (every part of every bid is named so).
        encoding = "ascii" if written.isascii() else "utf-8" if info.flag_bits & 0x800 else "cp437"
        if name != written.encode(encoding):
            raise zipfile.BadZipFile(f"the part {info.filename} is named differently inside")
        start = at + _LOCAL_HEADER_SIZE + name_length + extra_length
        if start + info.compress_size > len(self._data):
            raise zipfile.BadZipFile(f"the part {info.filename} is cut short")
        return start


class Entry:
    """A part as the zip's directory lists it: what zipfile's ZipInfo holds that the
    readers use, under the same names, and where it is in the directory."""

    __slots__ = (
        "CRC",
        "compress_size",
        "compress_type",
        "file_size",
        "filename",
        "flag_bits",
        "header_offset",
        "index",
        "orig_filename",
    )

    def __init__(self, name: str, fields: tuple[int, ...], index: int):
        self.filename = self.orig_filename = name
        self.flag_bits, self.compress_type, self.CRC = fields[0], fields[1], fields[2]
        self.compress_size, self.file_size, self.header_offset = fields[3], fields[4], fields[5]
        self.index = index


_END = struct.Struct("<4s4H2LH")  # the end of central directory record
_END_SIZE = 22
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")  # zipfile's structCentralDir
_ENTRY_SIZE = 46
_ZIP64_LOCATOR = b"PK\x06\x07"
_MAX_EXTRACT_VERSION = 63  # zipfile's: a part needing a later version is refused by it


def plain_directory(data: bytes) -> list[Entry] | None:
    """The parts of a zip whose directory has the plain shape Excel, LibreOffice and
    openpyxl write, read straight from the bytes; None for anything else, which zipfile then
    reads (or refuses) as it always has.

    Plain: the end record the last 22 bytes with no comment and no zip64 locator before it,
    the directory right before it (nothing prepended to the zip), and every entry whole
    inside the directory with its signature, an ASCII name without NUL (or, on Windows, a
    backslash), no extra field (zipfile would decode zip64 sizes there) and a version zipfile
    can extract. For such a directory zipfile lists the same parts, in the same order, with
    the same names, sizes, checksums, methods, flags and offsets (tests/io/test_zipparts.py)."""
    end = len(data) - _END_SIZE
    if end < 0:
        return None
    signature, _, _, _, _, size, offset, comment = _END.unpack_from(data, end)
    if signature != b"PK\x05\x06" or comment or offset + size != end:
        return None
    if data[end - 20 : end - 16] == _ZIP64_LOCATOR:
        return None
    entries: list[Entry] = []
    at = offset
    unpack = _ENTRY.unpack_from
    while at < end:
        if at + _ENTRY_SIZE > end:
            return None
        fields = unpack(data, at)
        name_length, extra_length, comment_length = fields[12], fields[13], fields[14]
        if fields[0] != b"PK\x01\x02" or extra_length or fields[3] > _MAX_EXTRACT_VERSION:
            return None
        name = data[at + _ENTRY_SIZE : at + _ENTRY_SIZE + name_length]
        at += _ENTRY_SIZE + name_length + extra_length + comment_length
        if at > end or not name.isascii() or b"\x00" in name:
            return None
        text = name.decode("ascii")
        if os.sep != "/" and os.sep in text:  # zipfile would turn it into "/"
            return None
        # flag bits, method, CRC-32, sizes (compressed, unpacked), local header's offset
        entries.append(Entry(text, (*fields[5:7], *fields[9:12], fields[18]), len(entries)))
    return entries


CARRIED_ON_BYTES = 1024 * 1024  # parts a reader reads whole (io/xlsx.WHOLE_PART_BYTES)
CARRIED_ON_PARTS = 16  # about 40 KB each, held until the part is read or the file closed


def _key(info: zipfile.ZipInfo | Entry) -> tuple[int, int, int]:
    return (info.header_offset, info.compress_size, info.file_size)


def _repeated_names(infos: list[zipfile.ZipInfo]) -> list[str]:
    """Part names given to more than one part, ignoring case (as the Open Packaging
    Conventions do): zipfile keeps the last of them, other programs the first."""
    seen: set[str] = set()
    repeated = []
    for info in infos:
        name = info.filename.casefold()
        if name in seen:
            repeated.append(info.filename)
        seen.add(name)
    return repeated
