"""What every check shares: result lines, private ports, bounded processes stopped by their PID.

Every process runs under `timeout --foreground` in its own session, so a signal reaches only the program itself
(as the kubelet's SIGTERM reaches only PID 1) and the suite's trap can still kill the whole tree by the PID
recorded in $CONFORMANCE_PIDS.
"""

import os
import signal
import socket
import subprocess
import time

_RESULTS = os.environ.get("CONFORMANCE_RESULTS")
_PIDS = os.environ.get("CONFORMANCE_PIDS")


def report(ok, program, check, env, detail=None):
    line = "%s %s: %s [%s]" % ("PASS" if ok else "FAIL", program, check, env)
    print(line, flush=True)
    if not ok and detail:
        for d in str(detail).rstrip().splitlines()[-25:]:
            print("    | " + d, flush=True)
    if _RESULTS:
        with open(_RESULTS, "a") as f:
            f.write(line + "\n")
    return ok


def note(text):
    print("  note: " + text, flush=True)


_taken = set()


def free_port():
    """A port nothing listens on now (asked of the kernel), never handed out twice in one run."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _taken:
            _taken.add(port)
            return port


def wait_for(predicate, limit, interval=0.2, alive=lambda: True):
    """Polls `predicate` for up to `limit` seconds; gives up at once when `alive()` turns false."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and alive():
        if predicate():
            return True
        time.sleep(interval)
    return alive() and bool(predicate())


def port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class Proc:
    """One program, bounded by `limit` seconds, logging to `log`, run as uid/gid when given."""

    def __init__(self, argv, cwd, env, limit, log, uid=None, gid=None):
        self.log = log
        prefix = ["timeout", "--foreground", "-k", "10", str(int(limit))]
        if uid is not None:
            prefix += ["setpriv", "--reuid", str(uid), "--regid", str(gid), "--clear-groups", "--"]
        self.argv = argv
        with open(log, "ab") as out:
            self.p = subprocess.Popen(prefix + argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        if _PIDS:
            with open(_PIDS, "a") as f:
                f.write("%d\n" % self.p.pid)

    @property
    def pid(self):
        return self.p.pid

    def running(self):
        return self.p.poll() is None

    def signal(self, sig=signal.SIGTERM):
        """timeout --foreground passes the signal to the program only, not to the children it forked."""
        if self.running():
            os.kill(self.p.pid, sig)

    def wait(self, limit):
        try:
            return self.p.wait(limit)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, limit=30):
        """SIGTERM, then after `limit` seconds SIGKILL to the process group the PID leads; returns the exit code."""
        self.signal(signal.SIGTERM)
        code = self.wait(limit)
        self.kill()
        return code

    def kill(self):
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.p.wait()

    def output(self):
        with open(self.log, errors="replace") as f:
            return f.read()


def run(argv, cwd, env, limit, uid=None, gid=None):
    """A short command to completion: (exit code, output); 124 when it outlived its limit."""
    prefix = ["timeout", "-k", "5", str(int(limit))]
    if uid is not None:
        prefix += ["setpriv", "--reuid", str(uid), "--regid", str(gid), "--clear-groups", "--"]
    p = subprocess.run(prefix + argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode(errors="replace")


def base_env():
    """The environment every program starts from: the system's PATH and locale, nothing of the caller's Python."""
    return {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1"}  # nothing written into the checkout (shim/, the helpers)
