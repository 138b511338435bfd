"""A deadline for a blocking network exchange, which socket timeouts cannot give.

A socket timeout bounds each read, so a peer that sends a byte now and then (a server
dripping its headers), or a server that is stopped while its kernel still acknowledges
everything (SIGSTOP, a frozen VM), holds the caller as long as it likes. A Watchdog keeps a
duplicate of each socket the exchange uses and, when its time is up, shuts them from a timer
thread: the blocked read or wait returns at once with an error, which the caller, seeing
`fired`, reports as the deadline it is. Only the duplicates are ever closed here, never a
descriptor the library holds.
"""

from __future__ import annotations

import os
import socket
import threading
from types import TracebackType


class Watchdog:
    """Shuts the sockets given to `watch` once `seconds` have passed (a context manager)."""

    def __init__(self, seconds: float):
        self._lock = threading.Lock()
        self._sockets: dict[int, socket.socket] = {}  # by the library's descriptor
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._over = False
        self.fired = False

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._timer.cancel()
        with self._lock:
            self._over = True
            for duplicate in self._sockets.values():
                duplicate.close()
            self._sockets.clear()

    def watch(self, fileno: int) -> None:
        """Shut this socket too when the time is up (at once, if it is up already)."""
        with self._lock:
            if self._over or fileno in self._sockets or fileno < 0:
                return
            try:
                duplicate = socket.socket(fileno=os.dup(fileno))
            except OSError:
                return  # closed meanwhile: nothing left to wait on
            self._sockets[fileno] = duplicate
            if self.fired:
                _shut(duplicate)

    def unwatch(self, fileno: int) -> None:
        """The exchange is done with this socket (a connection back in its pool): leave it be."""
        with self._lock:
            duplicate = self._sockets.pop(fileno, None)
            if duplicate is not None:
                duplicate.close()

    def _fire(self) -> None:
        with self._lock:
            if self._over:
                return
            self.fired = True
            for duplicate in self._sockets.values():
                _shut(duplicate)


def _shut(duplicate: socket.socket) -> None:
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # not connected any more
