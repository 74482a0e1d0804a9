"""The standard output and error as the command line writes to them.

A reader that stops early (``tendereval score t | head -1``) closes the pipe: every later line
is dropped and the run goes on to the end, writing its files, and exits as its work came out.
Before, click ended it with exit 1, the code for problems in the inputs, saying nothing, though
the inputs were clean and the report written. A standard output that cannot be written for
another reason (a full disk, ``> /dev/full``) stops the run with advice and exit 1, as any
output that cannot be written does; it was a crash, "a bug in tendereval" (exit 3).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from tendereval.output_errors import OutputNotWritten


class StdoutNotWritten(OutputNotWritten):
    """The standard output could not be written (a full disk): said in words, exit 1."""

    def __init__(self, cause: OSError):
        # Imported here: pathlib is a tenth of `tendereval --help`'s start-up, which never
        # writes anything.
        from pathlib import Path

        super().__init__(Path("<standard output>"), cause)

    def advice(self) -> str:
        if self.errno == errno.EBADF:
            return (
                "Could not write the standard output: the command was run with none (closed, "
                "as `>&-` or a scheduled job leaves it), so the output sent to it (-) had "
                "nowhere to go. Give a file name in place of -, and run the command again."
            )
        return (
            f"Could not write the standard output: {self.strerror}. Is the disk it was sent "
            "to full? Free some space, or send the output elsewhere, and run the command again."
        )


class _Stream:
    """A standard stream that drops what it is given once its reader has gone; for the
    standard output, any other failure is :class:`StdoutNotWritten`. Everything else is
    the stream's own."""

    def __init__(self, stream: TextIO, *, is_stdout: bool) -> None:
        self.stream = stream
        self.is_stdout = is_stdout
        self.failed: OSError | None = None

    def write(self, text: str) -> int:
        self._guarded(self.stream.write, text)
        return len(text)

    def flush(self) -> None:
        self._guarded(self.stream.flush)

    def write_bytes(self, data: bytes) -> None:
        """Write bytes beneath the text layer, guarded as text is."""
        self._guarded(_bytes_out, self.stream, data)

    def __getattr__(self, name: str) -> Any:
        # No buffer is offered beneath the text: click, finding a stream set to ASCII
        # (PYTHONIOENCODING=ascii), wrote its lines into the buffer as UTF-8, past the escapes
        # the text layer gives what the console cannot show (cli.py). Given none, click writes
        # through the text layer as everything else does. Bytes go through write_bytes.
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self.stream, name)

    def _guarded(self, call: Any, *args: Any) -> None:
        if self.failed is None:
            try:
                call(*args)
                return
            except OSError as exc:
                # What is left in the stream's buffer goes nowhere, not to the same failure
                # when Python flushes the stream on the way out.
                self.failed = exc
                _point_at_nothing(self.stream)
        # Said on every write, not once: click tries a write to learn what kind of stream
        # this is, and takes any error for an answer.
        if self.is_stdout and self.failed.errno != errno.EPIPE:
            raise StdoutNotWritten(self.failed) from self.failed


def write_data(stream: TextIO, text: str) -> None:
    """Write ``text``, a JSON or CSV output sent to the standard output (``--json -``,
    ``publish -o -``), as the bytes its file would hold: UTF-8, each line ending as written.
    Through the text layer it took the console's encoding: where that is not UTF-8 (Windows
    redirecting the output, cp1252; ``PYTHONIOENCODING=ascii``) it was not UTF-8, and a
    character the encoding has no code for was escaped (``\\u0175``), as the command's own
    lines are (cli.py), so the JSON was not JSON and the names in the CSV not the buyer's.
    A stream with no bytes beneath it (a notebook's, a test's) is given the text. Python run
    with the standard output closed has none (``sys.stdout`` is None): the output is lost, said
    as any standard output that cannot be written is, not a crash."""
    if stream is None:
        raise StdoutNotWritten(OSError(errno.EBADF, os.strerror(errno.EBADF)))
    if isinstance(stream, _Stream):
        stream.write_bytes(text.encode("utf-8"))
    elif getattr(stream, "buffer", None) is not None:
        _bytes_out(stream, text.encode("utf-8"))
    else:
        stream.write(text)


def _bytes_out(stream: TextIO, data: bytes) -> None:
    if getattr(stream, "buffer", None) is None:  # a guarded stream in memory
        stream.write(data.decode("utf-8"))
        return
    stream.flush()  # the text written before it comes first
    stream.buffer.write(data)
    stream.buffer.flush()


def _point_at_nothing(stream: TextIO) -> None:
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # a stream in memory (a test's, a notebook's)
        return
    nothing = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nothing, descriptor)
    os.close(nothing)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """While the block runs, ``sys.stdout`` and ``sys.stderr`` are guarded as above."""
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is not None:  # (None when Python runs without one)
        sys.stdout = _Stream(stdout, is_stdout=True)  # type: ignore[assignment]
    if stderr is not None:
        sys.stderr = _Stream(stderr, is_stdout=False)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
