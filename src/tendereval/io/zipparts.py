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
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO

_LOCAL_HEADER = b"PK\x03\x04"
_LOCAL_HEADER_SIZE = 30


class ZipParts:
    """A zip file read into memory. Raises :class:`zipfile.BadZipFile` (or OSError) when the
    file is not a readable zip."""

    def __init__(self, data: bytes):
        self._data = data
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self.infos = self._zip.infolist()
        self._by_name = self._zip.NameToInfo
        self.repeated = _repeated_names(self.infos)
        self._starts: dict[str, int | None] = {}  # where each part's bytes start, once found
        self._digests: dict[str, bytes | None] = {}

    @classmethod
    def from_path(cls, path: Path) -> ZipParts:
        return cls(path.read_bytes())  # trusted files only (tests, templates): no size check

    def close(self) -> None:
        self._zip.close()

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def info(self, name: str) -> zipfile.ZipInfo | None:
        return self._by_name.get(name)

    def read(self, name: str | zipfile.ZipInfo) -> bytes:
        """A whole part, checked (see the module docstring)."""
        info = self._by_name[name] if isinstance(name, str) else name
        start = self._data_start(info)
        if start is None:
            return self._zip.read(info)
        raw = self._data[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            data = raw
        else:
            inflate = zlib.decompressobj(-15)
            data = inflate.decompress(raw, info.file_size + 1)
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
            with self._zip.open(info) as stream:
                return stream.read(size)
        raw = self._data[start : start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            return raw[:size]
        return zlib.decompressobj(-15).decompress(raw, size)

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
        return self._zip.open(name)

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
