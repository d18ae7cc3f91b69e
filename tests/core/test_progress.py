"""Progress of long-running commands: a bar with rate and ETA on a terminal, lines in a log."""

import io
import re

from django.core.management.base import OutputWrapper

from core.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


class FakeCommand:
    def __init__(self, stderr):
        self.stdout = OutputWrapper(io.StringIO())
        self.stderr = OutputWrapper(stderr)


def test_a_terminal_gets_a_bar_with_rate_and_time_left():
    command = FakeCommand(Terminal())
    with Progress(
        command, 400, verbosity=1, desc="文章", unit="篇", line="%(done)d/%(total)d"
    ) as progress:
        for done in range(100, 401, 100):
            progress.update(done)
            progress.write("中间的消息")
    bar = command.stderr._out.getvalue()
    assert "文章" in bar and "400/400" in bar and "篇/s" in bar and "<" in bar  # elapsed<left
    assert command.stdout._out.getvalue().count("中间的消息") == 4
    assert "100/400" not in command.stdout._out.getvalue()  # no log lines on a terminal


def test_a_log_gets_about_twenty_lines_whatever_the_size():
    command = FakeCommand(io.StringIO())
    with Progress(
        command, 100_000, verbosity=1, desc="文章", unit="篇", line="已处理 %(done)d/%(total)d"
    ) as p:
        for done in range(500, 100_001, 500):
            p.update(done)
    lines = command.stdout._out.getvalue().splitlines()
    assert 19 <= len(lines) <= 21 and lines[-1] == "已处理 100000/100000"
    assert all(re.search(r" \[\d+ 篇/s, ETA \d\d:\d\d\]$", line) for line in lines[:-1])
    assert command.stderr._out.getvalue() == ""


def test_quiet_commands_show_nothing():
    command = FakeCommand(Terminal())
    with Progress(command, 10, verbosity=0, desc="文章", unit="篇", line="%(done)d") as progress:
        progress.update(10)
    assert command.stdout._out.getvalue() == command.stderr._out.getvalue() == ""
