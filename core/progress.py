"""Progress for long-running management commands.

On a terminal: a tqdm bar with count, rate and time left, on stderr. In a log (stderr is
not a terminal: cron, CI, ``| tee``): a plain line about every twentieth of the way, with
rate and time left, on stdout, so that a log shows progress without a screenful of carriage returns.
"""

import shutil
import time

from tqdm import tqdm


class Progress:
    """Call ``update(done)`` as work advances and ``close()`` at the end (or use ``with``)."""

    def __init__(self, command, total: int, *, verbosity: int, desc: str, unit: str, line: str):
        """``line`` is the log line, formatted with ``done`` and ``total``; nothing is
        shown at ``verbosity`` 0."""
        self.command, self.total, self.line = command, total, line
        self.verbosity, self.unit = verbosity, unit
        self.started = time.monotonic()
        self.bar = None
        self.shown = -1
        if verbosity >= 1 and total > 1 and command.stderr.isatty():
            # A terminal that reports no width (some pseudo-terminals) would get an empty bar.
            width = shutil.get_terminal_size().columns
            self.bar = tqdm(
                total=total, desc=desc, unit=unit, file=command.stderr._out, ncols=width
            )

    def update(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            return
        step = done * 20 // max(self.total, 1)
        if self.verbosity >= 1 and self.total > 1 and step != self.shown:
            self.shown = step
            line = self.line % {"done": done, "total": self.total}
            elapsed = time.monotonic() - self.started
            if 0 < done < self.total and elapsed > 0:
                rate = done / elapsed
                left = tqdm.format_interval((self.total - done) / rate)
                line += f" [{rate:.0f} {self.unit}/s, ETA {left}]"
            self.command.stdout.write(line)

    def write(self, message: str, *, error: bool = False) -> None:
        """A message between updates, without breaking the bar."""
        stream = self.command.stderr if error else self.command.stdout
        if self.bar is not None:
            self.bar.clear()
        stream.write(message)
        if self.bar is not None:
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
