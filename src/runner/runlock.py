"""One run at a time: an advisory lock that the operating system releases when its holder dies."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class LockBusy(Exception):
    """Another run holds the lock."""


class RunLock:
    """``with RunLock(path):`` holds an exclusive ``flock`` on ``path`` or raises ``LockBusy`` at once.

    A run killed with ``kill -9`` or by a power cut leaves the file behind but not the lock, so
    the next run is never blocked by a dead one.
    """

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise LockBusy(f"another pipeline run (pid {holder}) is writing to {self.path.parent}; "
                           "this run did nothing. Try again when it has finished.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
