"""A time limit on one page's processing, so that a hostile page cannot hold a build for hours.

Some text makes Python-Markdown's scanners quadratic: each ``<`` that could open a tag, a
CDATA section or an angle-bracket link is scanned to the end of the page when nothing closes
it. On this machine 36 KB of ``<![CDATA[`` took 30 s to convert, 32 KB of ``<a "`` 4 s, and a
page of 4 MiB (the file size limit) would take days. Escaping each known pattern before the
conversion (as :mod:`kubenotes.links.hygiene` does for unclosed comments) cannot be complete,
so a build also gives each page a budget of wall-clock time
(``extra.kubenotes.page_seconds_limit``, default 20 s; the slowest real page takes a fraction
of a second): a timer runs while the page is converted and while its HTML is rendered, and
when it fires, the page's processing stops with an error that names the page.

The timer is ``SIGALRM`` (:func:`signal.setitimer`), which Python offers only in the main
thread of a POSIX process. ``mkdocs build``, ``gh-deploy``, ``mkdocs serve`` and ``make serve``
all build there (and a forked language build starts its own timers: timers are not inherited
across ``fork``); a build run from another thread has no limit. Python runs the handler
between bytecodes, and its regular expression engine checks for signals while it matches, so
the error comes within milliseconds of the limit. Code that catches every exception (a
diagram renderer turning any failure into a finding) could swallow it, so once expired the
timer fires again every quarter second until the page's pass ends, and the end of the pass
raises the error itself if it was swallowed each time. A timer that was already set (a test
runner's, say) is set again when the page is done, less the time the page took.
"""

from __future__ import annotations

import signal
import threading
import time
from typing import Any


class Deadline:
    """Starts and stops the per-page timer; ``error`` is the exception class it raises (the
    mkdocs hook passes mkdocs' PluginError, so that the build ends with a one-line error)."""

    REPEAT = 0.25  # seconds between further errors once the limit is passed

    def __init__(self, error: type[Exception] = TimeoutError) -> None:
        self.error = error
        self.expired = False
        self._armed = False
        self._what = ""
        self._seconds = 0.0
        self._previous_handler: Any = None
        self._previous_timer = (0.0, 0.0)
        self._started = 0.0

    @staticmethod
    def available() -> bool:
        """True where a timer can be set: POSIX, and the main thread."""
        main = threading.current_thread() is threading.main_thread()
        return main and hasattr(signal, "setitimer")

    def start(self, seconds: float, what: str) -> None:
        """Arm the timer for ``what`` (a page's path, for the message); a timer this object
        already runs is replaced. Does nothing where :meth:`available` is false."""
        self.stop()
        self.expired = False
        if seconds <= 0 or not self.available():
            return
        self._what, self._seconds = what, seconds
        self._previous_handler = signal.signal(signal.SIGALRM, self._expired)
        self._started = time.monotonic()
        self._previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds, self.REPEAT)
        self._armed = True

    def finish(self) -> None:
        """End of the page's pass: :meth:`stop`, then raise the error if the limit was passed
        (whatever caught the errors the timer raised on the way)."""
        self.stop()
        if self.expired:
            self.expired = False
            raise self._error()

    def stop(self) -> None:
        """Disarm the timer and put back the handler and timer that were there before."""
        if not self._armed:
            return
        self._armed = False  # first: an alarm still on its way is ignored by _expired
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous_handler)
        delay, interval = self._previous_timer
        if delay > 0:  # another timer was running: it goes on, as if never interrupted
            left = delay - (time.monotonic() - self._started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), interval)

    def _expired(self, signum: int, frame: Any) -> None:
        if not self._armed:  # an alarm delivered while stop() was putting things back
            return
        self.expired = True
        raise self._error()

    def _error(self) -> Exception:
        return self.error(
            f"{self._what}: processing the page took more than {self._seconds:g} s, the limit "
            "against hostile input (extra.kubenotes.page_seconds_limit). Text that opens many "
            "tags, CDATA sections or <...> links and never closes them makes Markdown's "
            "scanners quadratic: escape the < characters, or split the page"
        )
