"""urllib3 connections whose sockets the running attempt's watchdog (planner.watchdog) can shut:
from the TCP connect through the TLS handshake, the answer's status line and headers, and its
body. The FDC transport (planner.fdc.client) mixes this into its pools' connection classes."""

from __future__ import annotations

import functools
import socket
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

from planner.watchdog import Watchdog

# The watchdog of the attempt running in this thread, read by the connections it uses.
_ATTEMPT: ContextVar[Watchdog | None] = ContextVar("fdc_attempt", default=None)


@contextmanager
def watched_attempt(seconds: float) -> Iterator[Watchdog]:
    """One attempt: every socket its connections use is shut once `seconds` have passed."""
    with Watchdog(seconds) as watchdog:
        token = _ATTEMPT.set(watchdog)
        try:
            yield watchdog
        finally:
            _ATTEMPT.reset(token)


def _watch_socket(sock: socket.socket) -> None:
    watchdog = _ATTEMPT.get()
    if watchdog is not None:
        watchdog.watch(sock.fileno())


class _WatchedConnection:
    """Mixed into a urllib3 connection class: a new socket, or a pooled one reused, is watched."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()  # type: ignore[misc]
        _watch_socket(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        sock = getattr(self, "sock", None)
        if sock is not None:  # a connection from the pool, reused
            _watch_socket(sock)
        super().request(*args, **kwargs)  # type: ignore[misc]


@functools.cache
def watched(connection_class: type) -> type:
    """A pool's connection class with _WatchedConnection mixed in (made once per class)."""
    if issubclass(connection_class, _WatchedConnection):
        return connection_class
    return type(f"Watched{connection_class.__name__}", (_WatchedConnection, connection_class), {})
