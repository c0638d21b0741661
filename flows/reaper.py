"""A watchdog that stops the Prefect server a run started when the run dies, even by kill -9.

Prefect starts its local API server (~230 MB) as a plain child process; when the run was
killed it was left running. The watchdog is a tiny process started BEFORE the server: it
polls its parent (the run) and, once the parent is gone, stops every process that carries this
run's token in its environment. The token is put in the environment only while the server is
being started, so the server (and anything it forks) carries it from its first instruction on:
a kill at any point of the server's start, even between its fork and its first answer, leaves
nothing behind. Polling `getppid` rather than relying on PR_SET_PDEATHSIG alone matters: the
kernel sends that signal when the parent *thread* ends, not the process.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

TOKEN_ENV = "LITCURATE_REAP_TOKEN"

# Kept free of the words "prefect" and "uvicorn": tests and operators look for the server by them.
_WATCH = r"""
import os, signal, sys, time
owner, mark = int(sys.argv[1]), ("%s=" % sys.argv[2]).encode() + sys.argv[3].encode()
signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the run's own end is seen by polling, below
signal.signal(signal.SIGINT, signal.SIG_IGN)   # a Ctrl-C of the run reaches its whole group

def marked():
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != os.getpid():
            try:
                with open("/proc/%s/environ" % name, "rb") as fh:
                    if mark in fh.read().split(b"\0"):
                        found.append(int(name))
            except OSError:
                pass
    return found

while os.getppid() == owner:
    time.sleep(0.1)
# A server forked just before the kill shows the token once it has exec'd (milliseconds):
# keep looking for a while, asking each to stop, then killing what is left.
asked = {}
end = time.monotonic() + 6
while time.monotonic() < end:
    now = time.monotonic()
    for pid in marked():
        try:
            if pid not in asked:
                os.kill(pid, signal.SIGTERM)
                asked[pid] = now
            elif now - asked[pid] > 3:
                os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    time.sleep(0.1)
for pid in marked():
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
"""

_WATCHDOG: subprocess.Popen[bytes] | None = None
_TOKEN = ""


def _watchdog() -> str | None:
    """Starts this process's watchdog once; gives its token (None off Linux: no /proc)."""
    global _WATCHDOG, _TOKEN
    if not sys.platform.startswith("linux"):
        return None
    if _WATCHDOG is None or _WATCHDOG.poll() is not None:
        _TOKEN = f"{os.getpid()}-{secrets.token_hex(8)}"
        _WATCHDOG = subprocess.Popen(
            [sys.executable, "-c", _WATCH, str(os.getpid()), TOKEN_ENV, _TOKEN],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not in the run's process group: a group signal must not end it first
        )
    return _TOKEN


@contextmanager
def reaped_with_this_process() -> Iterator[None]:
    """Within it, every process started carries a token the watchdog (started first, here)
    stops them by when this process dies; the token leaves the environment on exit."""
    token = _watchdog()
    if token is None:
        yield
        return
    before = os.environ.get(TOKEN_ENV)
    os.environ[TOKEN_ENV] = token
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(TOKEN_ENV, None)
        else:
            os.environ[TOKEN_ENV] = before
