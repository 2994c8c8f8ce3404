#!/usr/bin/env python3
"""ui_pty - drive a full-screen program in a pseudo-terminal and time it.

  ui_pty.py [--cols 80 --rows 24] [--wait TEXT] [--keys SPEC]...
            [--tag NAME=VALUE]... -- cmd args

Starts cmd in a pty of the given size with TERM=xterm-256color, reads its
output, and prints one JSON object:
  first_ms      ms from start until TEXT (a regex; default: any output) appeared
                on the screen stream (escape sequences removed) and the
                output then paused for QUIET ms (the end of the first frame)
  keys          for each --keys SPEC "name:key:count": the key is sent
                count times; for each press, ms until the last byte of the
                frame it caused (the output then paused for QUIET ms) and
                the bytes of that frame; p50/p99 ms and median bytes.
  --until REGEX after a --keys: each press is timed to the frame showing
                REGEX (on the output since the press, escape sequences
                removed), not to the end of the burst: the answer's frame,
                without the typing's echo before it nor background
                figures after it; the output must have been quiet for
                SETTLE ms before each press
  --reset KEY   after a --keys: KEY is sent after each press, untimed
                (esc clears a filter, q leaves a detail, so the next press
                does the same again)
  peak_rss_kb   the program's VmHWM (peak resident set) after the last key
  every --tag   copied into the object as it is (e.g. size=1000000)
Keys: j, k, G, g, ^F (page down: the desk's PgDn), ^B, enter, esc, or
literal text; "/text\\r" types a filter.
"""
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import fcntl
import time

QUIET = float(os.environ.get("UI_PTY_QUIET_MS", "120")) / 1000.0
SETTLE = float(os.environ.get("UI_PTY_SETTLE_MS", "300")) / 1000.0
ESC_RE = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]|\x1b[=>78]")

KEYS = {"enter": b"\r", "esc": b"\x1b", "^F": b"\x06", "^B": b"\x02",
        "pgdn": b"\x1b[6~", "pgup": b"\x1b[5~", "down": b"\x1b[B"}


def read_burst(fd, deadline, quiet=QUIET, last=None):
    """Reads until the output pauses for `quiet` s (after at least one byte,
    or after `last` when given) or the deadline passes; returns (bytes,
    time of the last byte)."""
    buf = b""
    while True:
        now = time.monotonic()
        if now > deadline:
            break
        wait = quiet if last is not None else deadline - now
        r, _, _ = select.select([fd], [], [], max(0.0, min(wait, deadline - now)))
        if not r:
            if last is not None:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        last = time.monotonic()
    return buf, last


def read_until(fd, deadline, regex):
    """Reads until regex shows in the output (escape sequences removed);
    returns (bytes, time of the chunk that completed it), then drains the
    rest of the burst."""
    buf = b""
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        if regex.search(ESC_RE.sub(b"", buf)):
            at = time.monotonic()
            rest, _ = read_burst(fd, at + 5, QUIET, at)
            return buf + rest, at
    return buf, None


def pct(v, p):
    v = sorted(v)
    if not v:
        return None
    i = min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))
    return v[i]


def main():
    args = sys.argv[1:]
    cols, rows, wait, specs, tags = 80, 24, None, [], {}
    while args and args[0] != "--":
        a = args.pop(0)
        if a == "--cols":
            cols = int(args.pop(0))
        elif a == "--rows":
            rows = int(args.pop(0))
        elif a == "--wait":
            wait = args.pop(0).encode()
        elif a == "--keys":
            specs.append([args.pop(0), None, None])
        elif a == "--until":
            specs[-1][1] = re.compile(args.pop(0).encode())
        elif a == "--reset":
            k = args.pop(0)
            specs[-1][2] = KEYS.get(k, k.encode())
        elif a == "--tag":
            k, _, v = args.pop(0).partition("=")
            tags[k] = v
    cmd = args[1:]
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8",
               LC_ALL="C.UTF-8")
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    out = dict(tags, cols=cols, rows=rows)
    seen = b""
    first = None
    deadline = t0 + 120
    while first is None and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        seen += chunk
        if wait is None or re.search(wait, ESC_RE.sub(b"", seen)):
            _, last = read_burst(fd, time.monotonic() + 5, QUIET,
                                 time.monotonic())
            first = (last - t0) * 1000
    out["first_ms"] = first
    out["first_bytes"] = len(seen)
    for spec, until, reset in specs:
        # name:key:count, where the key itself may hold colons
        # ("filter:/status:CAPTURED\r:1")
        if spec.count(":") >= 2:
            name, rest = spec.split(":", 1)
            key, count = rest.rsplit(":", 1)
        else:
            name, key, count = spec, spec, "1"
        data = KEYS.get(key, key.encode().decode("unicode_escape").encode())
        times, sizes = [], []
        for _ in range(int(count)):
            if until is None:
                read_burst(fd, time.monotonic() + 0.05, 0.02)  # drain
            else:
                read_burst(fd, time.monotonic() + 3, SETTLE, time.monotonic())
            ts = time.monotonic()
            os.write(fd, data)
            if until is None:
                buf, last = read_burst(fd, ts + 10)
            else:
                buf, last = read_until(fd, ts + 10, until)
            if reset is not None:
                read_burst(fd, time.monotonic() + 3, SETTLE, time.monotonic())
                os.write(fd, reset)
            if last is None:
                continue
            times.append((last - ts) * 1000)
            sizes.append(len(buf))
        out[name] = {"n": len(times), "p50_ms": pct(times, 50),
                     "p99_ms": pct(times, 99), "bytes": pct(sizes, 50)}
    try:
        with open("/proc/%d/status" % pid) as st:
            for line in st:
                if line.startswith("VmHWM:"):
                    out["peak_rss_kb"] = int(line.split()[1])
    except OSError:
        pass
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except OSError:
        pass
    print(json.dumps(out))


if __name__ == "__main__":
    main()
