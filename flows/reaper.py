"""A watchdog that stops a server process when the process that started it dies, even by kill -9.

Prefect starts its local API server (~230 MB) as a plain child process; when the run is killed
it was left running. The watchdog is a tiny process the kernel signals when its parent dies
(PR_SET_PDEATHSIG, Linux), and it then stops the server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

_WATCH = """
import os, signal, sys, time
pid = int(sys.argv[1])
def stop(*_):
    try:
        os.kill(pid, signal.SIGTERM)
        time.sleep(3)
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
if os.getppid() != int(sys.argv[2]):
    stop()
while True:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(0)  # the server ended by itself
    time.sleep(2)
"""


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def reap_with_parent(pid: int) -> subprocess.Popen[bytes] | None:
    """Starts the watchdog for the server process `pid`; gives it (None off Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    return subprocess.Popen(
        [sys.executable, "-c", _WATCH, str(pid), str(os.getpid())],
        preexec_fn=_die_with_parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
