"""inotify(7) through ctypes on libc, and the watch plan of one path specification.

The plan follows what systemd.path(5) promises ("the path and, while it does not exist, its
parents"): the deepest existing directory on the way to the path is watched for entries created
or moved in, every existing ancestor above it for being moved away, and the path itself (once it
exists) with the events its kind cares about.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import struct
from typing import Dict, List, Tuple

IN_ACCESS = 0x00000001
IN_MODIFY = 0x00000002
IN_ATTRIB = 0x00000004
IN_CLOSE_WRITE = 0x00000008
IN_MOVED_FROM = 0x00000040
IN_MOVED_TO = 0x00000080
IN_CREATE = 0x00000100
IN_DELETE = 0x00000200
IN_DELETE_SELF = 0x00000400
IN_MOVE_SELF = 0x00000800
IN_Q_OVERFLOW = 0x00004000
IN_IGNORED = 0x00008000
IN_MASK_ADD = 0x20000000
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000

# What each kind of specification watches on the path itself.
SELF_FLAGS = {
    "PathExists": IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB,
    "PathExistsGlob": IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB,
    "PathChanged": IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO,
    "PathModified": IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY,
    "DirectoryNotEmpty": IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB | IN_CREATE | IN_MOVED_TO,
}
# The deepest existing ancestor: something may appear in it.
PARENT_FLAGS = IN_MOVE_SELF | IN_DELETE_SELF | IN_CREATE | IN_MOVED_TO
# An ancestor above that one: only its being moved away matters.
ANCESTOR_FLAGS = IN_MOVE_SELF

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
_libc.inotify_init1.argtypes = [ctypes.c_int]
_libc.inotify_init1.restype = ctypes.c_int
_libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
_libc.inotify_add_watch.restype = ctypes.c_int

_EVENT = struct.Struct("iIII")


def set_process_name(name: str) -> None:
    """prctl(PR_SET_NAME): the name ps and /proc/PID/comm show."""
    try:
        _libc.prctl(15, name.encode()[:15], 0, 0, 0)
    except Exception:  # noqa: BLE001 - cosmetic only
        pass


class Inotify:
    """One inotify instance (one per watching unit, closed as a whole when the unit stops watching)."""

    def __init__(self) -> None:
        fd = _libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if fd < 0:
            e = ctypes.get_errno()
            raise OSError(e, f"inotify_init1: {os.strerror(e)}")
        self.fd = fd

    def add(self, path: str, mask: int) -> int:
        wd = _libc.inotify_add_watch(self.fd, os.fsencode(path), mask | IN_MASK_ADD)
        if wd < 0:
            e = ctypes.get_errno()
            raise OSError(e, f"inotify_add_watch({path}): {os.strerror(e)}", path)
        return wd

    def read(self) -> List[Tuple[int, int, str]]:
        """Every pending event as (wd, mask, name); [] when there is none."""
        out: List[Tuple[int, int, str]] = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return out
            except OSError as error:
                if error.errno == errno.EINTR:
                    continue
                raise
            if not data:
                return out
            pos = 0
            while pos + _EVENT.size <= len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, pos)
                raw = data[pos + _EVENT.size: pos + _EVENT.size + length]
                out.append((wd, mask, os.fsdecode(raw.split(b"\0", 1)[0])))
                pos += _EVENT.size + length

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def prefixes(path: str) -> List[str]:
    """"/a/b/c" → ["/", "/a", "/a/b", "/a/b/c"]."""
    if path == "/":
        return ["/"]
    parts = path.strip("/").split("/")
    return ["/"] + ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]


def plan(specs) -> Tuple[Dict[str, int], Dict[int, str]]:
    """The watch masks for a unit's specs: (path → mask, spec index → its own path when it exists)."""
    masks: Dict[str, int] = {}
    primaries: Dict[int, str] = {}
    for index, spec in enumerate(specs):
        chain = prefixes(spec.path)
        existing = []
        for p in chain:
            if not os.path.exists(p):
                break
            existing.append(p)
        if not existing:        # "/" itself is gone: nothing to watch
            continue
        for p in existing[:-1]:
            masks[p] = masks.get(p, 0) | ANCESTOR_FLAGS
        deepest = existing[-1]
        if deepest == spec.path:
            masks[deepest] = masks.get(deepest, 0) | SELF_FLAGS[spec.type]
            primaries[index] = deepest
        else:
            masks[deepest] = masks.get(deepest, 0) | PARENT_FLAGS
    return masks, primaries
