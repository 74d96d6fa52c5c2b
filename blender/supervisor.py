"""Process supervisor (Linux): the harness starts Blender, and each `--run` command, through it.

    python3 -I -S -B supervisor.py --parent PID -- COMMAND [ARG...]
    python3 -I -S -B supervisor.py --check

It makes itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER): whatever the command starts
and then leaves (a daemon that double-forks, calls setsid, clears its environment, puts its
stdio on /dev/null, or keeps forking and exiting) is re-parented to this process instead of
init, so the whole tree stays known. It is a plain Python interpreter, not Blender: a test
that holds Blender's main thread in an endless loop cannot stop it.

The command runs in its own session (so its pid is its process group, as before), with this
process's stdin, stdout and stderr, which this process then drops (/dev/null), and with
PR_SET_PDEATHSIG SIGKILL, so it dies should this process be killed.

fd 3 is the control channel, one JSON object a line (written and read without the json
module, whose import would be most of this script's start-up). This process says:
    {"event": "spawned", "pid": N, "stdio": ["socket:[...]", ...]}   the command is running
    {"event": "error", "message": "..."}                             it could not be started
    {"event": "exit", "code": N|null, "signal": "SIGSEGV"|null}      the command exited
    {"event": "swept", "leftovers": [{"pid", "command", "killed"}]}  answer to sweep
The harness says:
    {"cmd": "sweep"}    kill every process left in the tree, again and again until there is
                        none (new ones keep being re-parented here), report each once, exit
    {"cmd": "kill"}     the same without a report: the harness is going away
    {"cmd": "release"}  exit, leaving what is left running (the harness chose not to check)
EOF on fd 3, a parent that is no longer the harness (PR_SET_PDEATHSIG), SIGTERM, SIGINT or
SIGHUP: the harness is gone, so the whole tree is killed at once and this process exits.

Arguments and stdio only; no imports beyond the standard library (it runs under Blender's
bundled Python or the system's, 3.7 or newer, with -I -S).
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import time

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
CONTROL_FD = 3
# How long a sweep keeps killing before it reports what would not die (a process stuck in
# the kernel, one the user may not signal).
SWEEP_SECONDS = 5.0

_libc = ctypes.CDLL(None, use_errno=True)


def prctl(option: int, value: int) -> None:
    if _libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def to_json(value: object) -> str:
    """JSON for the few shapes this process says (dicts, lists, str, int, bool, None): the
    json module would cost more start-up time than all the rest of this script."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch == '"' or ch == "\\":
                out.append("\\" + ch)
            elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0:
                out.append("\\u%04x" % ord(ch))
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (to_json(str(k)), to_json(v)) for k, v in value.items()) + "}"
    return "[" + ", ".join(to_json(v) for v in value) + "]"


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return "SIG%d" % signum


def stdio_links() -> list:
    """The pipes and sockets behind this process's stdin, stdout and stderr, which the
    command inherits: whoever holds them later came from it."""
    links = []
    for fd in (0, 1, 2):
        try:
            link = os.readlink("/proc/self/fd/%d" % fd)
        except OSError:
            continue
        if link.startswith(("pipe:[", "socket:[")):
            links.append(link)
    return links


def command_line(pid: int) -> "str | None":
    """As the harness shows processes: argv joined by spaces, else [comm]; None once it is
    a zombie or gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            stat = f.read().decode("utf-8", "replace")
        close = stat.rindex(")")
        if stat[close + 2:close + 3] in ("Z", "X"):
            return None
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv = [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except (OSError, ValueError):
        return None
    return " ".join(argv) if argv else "[%s]" % stat[stat.index("(") + 1:close]


def original_environment() -> dict:
    """The environment this process was started with, for the command. os.environ may differ:
    Python coerces a C locale by setting LC_CTYPE (PEP 538), even under -I."""
    try:
        with open("/proc/self/environ", "rb") as f:
            entries = f.read().split(b"\0")
    except OSError:
        return dict(os.environb)
    return dict(e.split(b"=", 1) for e in entries if b"=" in e)


def children() -> list:
    """This process's children, zombies included (the kernel lists them until reaped)."""
    me = os.getpid()
    found = []
    try:
        tasks = os.listdir("/proc/%d/task" % me)
        for tid in tasks:
            with open("/proc/%d/task/%s/children" % (me, tid)) as f:
                found.extend(int(p) for p in f.read().split())
        return found
    except OSError:
        pass
    # Without CONFIG_PROC_CHILDREN: every process's parent, from its stat line.
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
            if int(stat[stat.rindex(b")") + 2:].split()[1]) == me:
                found.append(int(name))
        except (OSError, ValueError, IndexError):
            continue
    return found


class Supervisor:
    def __init__(self, parent: int, argv: list) -> None:
        self.parent = parent
        self.argv = argv
        self.pid = 0
        self.exited = False
        self.gone = False
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        os.set_blocking(self.wake_r, False)
        self.buffer = b""

    # -- talking to the harness -------------------------------------------------------

    def say(self, message: dict) -> None:
        data = (to_json(message) + "\n").encode("utf-8", "replace")
        try:
            while data:
                data = data[os.write(CONTROL_FD, data):]
        except OSError:
            self.gone = True  # nobody listens any more

    # -- signals ----------------------------------------------------------------------

    def install_signals(self) -> None:
        signal.set_wakeup_fd(self.wake_w, warn_on_full_buffer=False)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes select() through the pipe
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self.on_stop_signal)
        # Sent when the harness thread that started us ends; only its death is ours to act on.
        signal.signal(signal.SIGUSR1, self.on_parent_death)
        prctl(PR_SET_PDEATHSIG, signal.SIGUSR1)
        self.on_parent_death()  # it may have died before the line above

    def on_stop_signal(self, *_: object) -> None:
        self.gone = True

    def on_parent_death(self, *_: object) -> None:
        if os.getppid() != self.parent:
            self.gone = True

    # -- the command ------------------------------------------------------------------

    def spawn(self) -> bool:
        env = original_environment()
        read_end, write_end = os.pipe()  # close-on-exec: EOF once the exec succeeded
        pid = os.fork()
        if pid == 0:  # the child: only async-signal-safe work until exec
            try:
                os.close(read_end)
                for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
                               signal.SIGUSR1, signal.SIGPIPE, signal.SIGXFSZ):
                    signal.signal(signum, signal.SIG_DFL)
                signal.set_wakeup_fd(-1)
                os.setsid()
                prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
                if os.getppid() != self.me:
                    os._exit(127)
                os.execvpe(self.argv[0], self.argv, env)
            except BaseException as exc:  # noqa: BLE001 - reported, never raised in the child
                try:
                    os.write(write_end, ("%s: %s" % (self.argv[0], exc)).encode()[:4000])
                finally:
                    os._exit(127)
        os.close(write_end)
        failure = b""
        while True:
            chunk = os.read(read_end, 4096)
            if not chunk:
                break
            failure += chunk
        os.close(read_end)
        self.pid = pid
        if failure:
            os.waitpid(pid, 0)
            self.exited = True
            self.say({"event": "error", "message": failure.decode("utf-8", "replace")})
            return False
        return True

    def reap(self) -> bool:
        """Collect every child that has exited; False once there is no child at all."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return False
            except InterruptedError:
                continue
            if pid == 0:
                return True
            if pid == self.pid and not self.exited:
                self.exited = True
                if os.WIFSIGNALED(status):
                    self.say({"event": "exit", "code": None, "signal": signal_name(os.WTERMSIG(status))})
                else:
                    self.say({"event": "exit", "code": os.WEXITSTATUS(status), "signal": None})

    def wait_wake(self, timeout: float) -> None:
        try:
            select.select([self.wake_r], [], [], timeout)
            os.read(self.wake_r, 4096)
        except (BlockingIOError, InterruptedError):
            pass

    def kill_tree(self, deadline: float) -> list:
        """SIGKILL every child, and the children re-parented here as those die, until no
        child is left. Only direct children are signalled: their pids cannot be reused
        before this process reaps them. Returns each process seen alive, once."""
        seen = {}
        while self.reap():
            for pid in children():
                if pid in seen:
                    entry = seen[pid]
                else:
                    command = command_line(pid)
                    if command is None:
                        continue  # a zombie: reap() collects it
                    entry = seen[pid] = {"pid": pid, "command": command, "killed": False}
                try:
                    os.kill(pid, signal.SIGKILL)
                    entry["killed"] = True
                except ProcessLookupError:
                    pass
                except PermissionError:
                    entry["killed"] = False
            if time.monotonic() > deadline:
                # Still here after all that: say so rather than wait for ever.
                alive = set(children())
                for pid, entry in seen.items():
                    if pid in alive and command_line(pid) is not None:
                        entry["killed"] = False
                break
            self.wait_wake(0.005)
        return list(seen.values())

    # -- the loop ---------------------------------------------------------------------

    def commands(self) -> list:
        """Complete lines from the harness; ['eof'] when it closed the channel."""
        try:
            data = os.read(CONTROL_FD, 65536)
        except InterruptedError:
            return []
        except OSError:
            data = b""
        if not data:
            return ["eof"]
        self.buffer += data
        *lines, self.buffer = self.buffer.split(b"\n")
        # {"cmd": "sweep"} and the like: the name is all there is to read.
        return [cmd for line in lines for cmd in ("sweep", "kill", "release") if b'"%s"' % cmd.encode() in line]

    def run(self) -> int:
        self.me = os.getpid()
        prctl(PR_SET_CHILD_SUBREAPER, 1)
        os.set_inheritable(CONTROL_FD, False)
        self.install_signals()
        links = stdio_links()
        started = not self.gone and self.spawn()
        # The command holds stdin, stdout and stderr now; this process lets go of them, so
        # they reach EOF when the command and what it started are done with them.
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
        if started:
            self.say({"event": "spawned", "pid": self.pid, "stdio": links})
        elif not self.gone:
            return 1  # could not start the command: said so already
        while True:
            if self.gone:
                self.kill_tree(time.monotonic() + SWEEP_SECONDS)
                os._exit(0)  # nothing to tidy up: skip the interpreter's shutdown
            self.reap()
            try:
                ready, _, _ = select.select([CONTROL_FD, self.wake_r], [], [])
            except InterruptedError:
                continue
            if self.wake_r in ready:
                try:
                    os.read(self.wake_r, 4096)
                except BlockingIOError:
                    pass
            if CONTROL_FD in ready:
                for cmd in self.commands():
                    if cmd == "sweep":
                        leftovers = self.kill_tree(time.monotonic() + SWEEP_SECONDS)
                        self.reap()
                        self.say({"event": "swept", "leftovers": leftovers})
                        # At once: the harness waits for this process to be gone too.
                        os._exit(0)
                    if cmd == "release":
                        return 0
                    if cmd in ("kill", "eof"):
                        self.gone = True


def check() -> int:
    """Whether this interpreter can supervise here: exit 0 when the prctl calls work."""
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    prctl(PR_SET_PDEATHSIG, signal.SIGUSR1)
    return 0


def main(argv: list) -> int:
    if argv[:1] == ["--check"]:
        return check()
    if len(argv) < 4 or argv[0] != "--parent" or argv[2] != "--":
        sys.stderr.write("usage: supervisor.py --parent PID -- COMMAND [ARG...]\n")
        return 2
    return Supervisor(int(argv[1]), argv[3:]).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
