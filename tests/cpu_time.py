"""Time a test's work by the processor time it takes, not by the wall clock.

A bound on seconds in a test says the work grows with what a file contains, not with what it
declares. On a machine shared with other suites (load average 10–20 on two cores) the wall clock
of the same work triples and a timed test fails for someone else's load; the processor time this
process, its threads and the child processes it waited for spent does not grow with it."""

from __future__ import annotations

import resource
import time


def cpu_seconds() -> float:
    """Processor seconds spent so far by this process and every child process it has waited
    for (``subprocess.run`` waits): the difference of two readings times the work between."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
