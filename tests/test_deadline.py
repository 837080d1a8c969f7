"""The per-page time limit (kubenotes.deadline): it interrupts Python code and the regular
expression engine alike, names the page, and leaves any other timer as it found it."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest
from kubenotes.deadline import Deadline


class Stopped(Exception):
    pass


def test_a_busy_loop_is_stopped_with_the_page_named() -> None:
    deadline = Deadline(Stopped)
    started = time.monotonic()
    with pytest.raises(Stopped, match=r"^docs/zh/slow\.md: processing the page took more than"):
        deadline.start(0.2, "docs/zh/slow.md")
        while True:
            pass
    assert 0.15 < time.monotonic() - started < 5
    with pytest.raises(Stopped):  # the end of the pass says it again
        deadline.finish()
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0  # nothing left armed


def test_an_error_swallowed_by_the_page_code_comes_back_and_the_pass_ends_with_it() -> None:
    """A diagram renderer turns any exception into a finding: the timer must not stop at the
    first error, or the rest of a hostile page would run without a limit."""
    deadline = Deadline(Stopped)
    swallowed = 0
    deadline.start(0.1, "page.md")
    while swallowed < 3:
        try:
            while True:
                pass
        except Stopped:
            swallowed += 1
    with pytest.raises(Stopped, match=r"^page\.md: "):
        deadline.finish()
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_pass_done_in_time_finishes_quietly() -> None:
    deadline = Deadline(Stopped)
    deadline.start(5, "page.md")
    deadline.finish()
    assert deadline.expired is False


def test_a_regular_expression_in_progress_is_stopped() -> None:
    """The backtracking below runs for hours inside one C call: the engine checks for signals
    while it matches, which is what stops Markdown's quadratic scanners."""
    deadline = Deadline(Stopped)
    started = time.monotonic()
    with pytest.raises(Stopped):
        deadline.start(0.2, "page.md")
        re.match(r"(a|aa)*c", "a" * 200)
    assert time.monotonic() - started < 5
    with pytest.raises(Stopped):
        deadline.finish()
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_page_done_in_time_leaves_no_timer_and_the_old_handler() -> None:
    before = signal.getsignal(signal.SIGALRM)
    deadline = Deadline(Stopped)
    deadline.start(5, "page.md")
    assert signal.getitimer(signal.ITIMER_REAL)[0] > 4
    deadline.stop()
    deadline.stop()  # a second stop does nothing
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_a_timer_that_was_running_goes_on_less_the_time_spent() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.6)
        deadline = Deadline(Stopped)
        deadline.start(5, "page.md")
        time.sleep(0.2)
        deadline.stop()
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0.2 < left < 0.45
        time.sleep(0.6)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_there_is_no_timer() -> None:
    found: list[object] = []

    def other() -> None:
        deadline = Deadline(Stopped)
        found.append(deadline.available())
        deadline.start(0.05, "page.md")  # must neither fail nor arm anything
        time.sleep(0.2)
        deadline.stop()
        found.append("done")

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert found == [False, "done"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
