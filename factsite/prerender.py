"""Render pages in a forked child process while the parent gets on with other work.

A site generator builds pages one at a time on one core. Rendering the generated pages ahead,
on the other core, hides that work behind the generator's own (Markdown conversion, theme
templates, search indexing). The child is forked, so it shares everything already loaded and
needs nothing pickled but its results.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_FINISHED = "\0finished"
_FAILED = "\0failed"


class PrerenderError(RuntimeError):
    """The child failed; the message is its error (and traceback for anything unexpected)."""


class Prerenderer(Generic[T]):
    """Renders each job in a child process, in order; `result(job)` waits for that one."""

    def __init__(
        self,
        jobs: Iterable[str],
        render: Callable[[str], T],
        afterwards: Callable[[], dict[str, str]],
        expected: type[Exception] | tuple[type[Exception], ...] = (),
    ) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(send, list(jobs), render, afterwards, expected), daemon=True)
        self._process.start()
        send.close()
        self._ready: dict[str, Any] = {}

    def _wait_for(self, key: str) -> Any:
        while key not in self._ready:
            try:
                received, value = self._receive.recv()
            except EOFError:
                raise PrerenderError("the rendering process ended without its results") from None
            if received == _FAILED:
                self.close()
                raise PrerenderError(value)
            self._ready[received] = value
        return self._ready.pop(key)

    def result(self, job: str) -> T:
        """The rendered job, once the child has it."""
        value: T = self._wait_for(job)
        return value

    def afterwards(self) -> dict[str, str]:
        """What `afterwards` returned in the child, once every job is rendered."""
        value: dict[str, str] = self._wait_for(_FINISHED)
        self.close()
        return value

    def close(self) -> None:
        """Stop the child, if it is still running."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def _run(
    send: Connection,
    jobs: list[str],
    render: Callable[[str], Any],
    afterwards: Callable[[], dict[str, str]],
    expected: type[Exception] | tuple[type[Exception], ...],
) -> None:
    # `expected` errors carry a message for the user; anything else is a bug, sent in full.
    try:
        for job in jobs:
            send.send((job, render(job)))
        send.send((_FINISHED, afterwards()))
    except expected as error:
        send.send((_FAILED, str(error)))
    except Exception:  # reported in full to the parent, which fails the build
        send.send((_FAILED, traceback.format_exc()))
    finally:
        send.close()
