"""The path units: their state machine (systemd.path(5)), their watches and their persisted state.

Sub-states and the ActiveState each maps onto:
  dead    → inactive   not watching
  waiting → active     watching the paths, the triggered unit is not running
  running → active     the triggered unit was started (or is running); not watching until it stops
  failed  → failed     stopped by itself; `result` says why (trigger-limit-hit, unit-start-limit-hit,
                       resources)

Every public method takes the worker's one lock; the gRPC handlers, the inotify thread, the
WatchUnits thread and the timers all go through it.
"""
from __future__ import annotations

import errno
import glob
import json
import os
import select
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Optional

import grpc

from . import config as cfg
from .host import sm_code
from .inotify import IN_Q_OVERFLOW, SELF_FLAGS, Inotify, plan

UP = ("activating", "active", "reloading", "deactivating")
ACTIVE_OF = {"dead": "inactive", "waiting": "active", "running": "active", "failed": "failed"}
# How long the triggered unit may stay down after its start job was enqueued before the job is
# taken as finished without running it (a condition skipped it, a dependency failed). WatchUnits
# carries states, not jobs, so this is the only way to notice a job that changed nothing.
SETTLE_S = 3.0
STATE_VERSION = 1


def now_usec() -> int:
    return time.time_ns() // 1000


def mono_usec() -> int:
    return time.monotonic_ns() // 1000


class RpcFail(Exception):
    """An error answer: the sm-code name (common.proto ErrorCode), its gRPC status and a sentence."""

    STATUS = {
        "ERR_INTERNAL": grpc.StatusCode.INTERNAL, "ERR_UNIT_NOT_FOUND": grpc.StatusCode.NOT_FOUND,
        "ERR_INVALID_ARGUMENT": grpc.StatusCode.INVALID_ARGUMENT, "ERR_BAD_UNIT_NAME": grpc.StatusCode.INVALID_ARGUMENT,
        "ERR_BAD_SETTING": grpc.StatusCode.FAILED_PRECONDITION, "ERR_WRONG_STATE": grpc.StatusCode.FAILED_PRECONDITION,
        "ERR_UNIMPLEMENTED": grpc.StatusCode.UNIMPLEMENTED, "ERR_SYSTEM": grpc.StatusCode.INTERNAL,
    }

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.status = self.STATUS[code]
        self.message = message
        self.hint = hint


class RateLimit:
    """systemd's ratelimit: at most `burst` events per window of `interval` starting at the first."""

    def __init__(self) -> None:
        self.begin: Optional[int] = None
        self.num = 0

    def below(self, interval_usec: int, burst: int) -> bool:
        if interval_usec == 0 or burst == 0:
            return True
        now = mono_usec()
        if self.begin is None or (interval_usec != cfg.INFINITY and now - self.begin > interval_usec):
            self.begin = now
            self.num = 1
            return True
        if self.num < burst:
            self.num += 1
            return True
        return False

    def reset(self) -> None:
        self.begin = None
        self.num = 0


class Unit:
    def __init__(self, name: str) -> None:
        self.name = name
        self.parsed: Optional[cfg.Parsed] = None
        self.config: Optional[cfg.PathConfig] = None    # the last valid configuration
        self.state = "dead"
        self.result = "success"
        self.invocation_id = ""
        self.ts = {k: 0 for k in ("inactive_exit_usec", "active_enter_usec", "active_exit_usec", "inactive_enter_usec",
                                  "state_change_usec", "active_enter_monotonic_usec", "inactive_exit_monotonic_usec")}
        self.inotify: Optional[Inotify] = None
        self.primary_wds: Dict[int, int] = {}          # spec index → wd of the path itself
        self.prev_exists: Dict[int, bool] = {}         # PathChanged/PathModified: did it exist last time
        self.ratelimit = RateLimit()
        self.run_token = 0
        self.run_since = 0          # realtime usec of our start request; 0: running because the unit was up
        self.seen_up = False
        self.await_snapshot = False  # restored: re-check once the triggered unit's state is known
        self.notices: List[str] = []
        self.published = 0          # how many statuses went out (a Start must produce one)


class Units:
    def __init__(self, pb_common, host, state_dir: str, log) -> None:
        self.c = pb_common
        self.host = host
        self.state_dir = state_dir
        self.log = log
        self.lock = threading.RLock()
        self.units: Dict[str, Unit] = {}
        self.trigger_status: Dict[str, object] = {}
        self.subscribers: List = []
        self.fd_units: Dict[int, Unit] = {}
        self.epoll = select.epoll()
        self.pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="enqueue")
        self.persisted = self._read_persisted()
        threading.Thread(target=self._io_loop, name="inotify", daemon=True).start()

    # --- requests from the core ---------------------------------------------------------------

    def load(self, name: str, parsed: cfg.Parsed) -> None:
        with self.lock:
            unit = self.units.get(name)
            new = unit is None
            if unit is None:
                unit = Unit(name)
                self.units[name] = unit
            unit.parsed = parsed
            if parsed.config is not None:
                old = unit.config
                unit.config = parsed.config
                record = self.persisted.pop(name, None) if new or unit.state == "dead" else None
                if record is not None and unit.state == "dead":
                    self._restore(unit, record)
                elif unit.state == "waiting" and old != parsed.config:
                    # daemon-reload of a watching unit: watch what the file says now.
                    self._unwatch(unit)
                    unit.prev_exists = {}
                    self._enter_waiting(unit, initial=True, from_notify=False)
                elif unit.state == "running" and old is not None and old.unit != parsed.config.unit:
                    # It was waiting for the old Unit= to stop; that is no longer what it triggers.
                    unit.prev_exists = {}
                    self._enter_waiting(unit, initial=True, from_notify=False)
            self._update_watched()

    def unload(self, name: str) -> None:
        with self.lock:
            unit = self._get(name)
            if unit.state in ("waiting", "running"):
                raise RpcFail("ERR_WRONG_STATE", f"{name} is {ACTIVE_OF[unit.state]} ({unit.state}); stop it before unloading it.")
            self._unwatch(unit)
            del self.units[name]
            self._remove_state(name)
            self._update_watched()

    def start(self, name: str) -> None:
        with self.lock:
            unit = self._get(name)
            if unit.parsed is not None and unit.parsed.errors:
                raise RpcFail("ERR_BAD_SETTING", f"Unit {name} has a bad setting: {unit.parsed.errors[0]}",
                              "fix the unit file, then run daemon-reload")
            if unit.state in ("waiting", "running"):
                self._publish(unit, spontaneous=False)      # already started: nothing to do
                return
            unit.result = "success"
            unit.invocation_id = uuid.uuid4().hex
            unit.ratelimit.reset()
            unit.prev_exists = {}
            unit.notices = self._make_directories(unit.config)
            published = unit.published
            self._enter_waiting(unit, initial=True, from_notify=False, spontaneous=False)
            if unit.published == published:
                self._publish(unit, spontaneous=False)      # a Start always produces an event

    def stop(self, name: str) -> None:
        with self.lock:
            unit = self._get(name)
            if unit.state in ("dead", "failed"):
                self._publish(unit, spontaneous=False)      # idempotent: already stopped
                return
            self._enter_dead(unit, "success", spontaneous=False)

    def reset_failed(self, name: str) -> None:
        with self.lock:
            unit = self._get(name)
            if unit.state == "failed":
                unit.result = "success"
                self._set_state(unit, "dead", spontaneous=False)

    def status(self, name: str):
        with self.lock:
            return self._status(self._get(name), spontaneous=False)

    def list(self):
        with self.lock:
            return [self._status(u, spontaneous=False) for u in self.units.values()]

    def subscribe(self, q) -> None:
        """A Watch stream: the snapshot now, then every change (registered atomically with it)."""
        with self.lock:
            for u in self.units.values():
                q.put(self._status(u, spontaneous=False))
            self.subscribers.append(q)

    def unsubscribe(self, q) -> None:
        with self.lock:
            if q in self.subscribers:
                self.subscribers.remove(q)

    # --- the triggered units' states (WatchUnits) -------------------------------------------------

    def on_trigger_status(self, status) -> None:
        with self.lock:
            self.trigger_status[status.name] = status
            state = self.c.ActiveState.Name(status.active_state)
            up = state in UP
            for unit in list(self.units.values()):
                if unit.config is None or unit.config.unit != status.name:
                    continue
                if unit.await_snapshot:
                    unit.await_snapshot = False
                    if unit.state == "running" and up:
                        unit.seen_up = True
                    elif unit.state in ("running", "waiting"):
                        self._enter_waiting(unit, initial=False, from_notify=True)
                    continue
                if unit.state == "running":
                    if up:
                        unit.seen_up = True
                    elif state == "failed" and status.result == "start-limit-hit":
                        self._warn(unit, f"{status.name} hit its start limit; {unit.name} stops watching (unit-start-limit-hit).")
                        self._enter_dead(unit, "unit-start-limit-hit")
                    elif unit.seen_up or unit.run_since == 0 or status.state_change_usec >= unit.run_since:
                        self.log.info(f"{unit.name}: {status.name} is {state}; checking the paths again")
                        self._enter_waiting(unit, initial=False, from_notify=True)
                elif unit.state == "waiting" and up:
                    self.log.info(f"{unit.name}: {status.name} was started by someone else; not watching while it runs")
                    self._unwatch(unit)
                    unit.run_since = 0
                    unit.seen_up = True
                    self._set_state(unit, "running")

    def _trigger_down_or_unknown(self, unit: Unit):
        st = self.trigger_status.get(unit.config.unit)
        if st is None:
            return True, None
        return self.c.ActiveState.Name(st.active_state) not in UP, st

    # --- the state machine (systemd's path_enter_*) ------------------------------------------------

    def _enter_waiting(self, unit: Unit, initial: bool, from_notify: bool, spontaneous: bool = True) -> None:
        down, _ = self._trigger_down_or_unknown(unit)
        if not down:
            self._unwatch(unit)
            unit.run_since = 0
            unit.seen_up = True
            self._set_state(unit, "running", spontaneous)
            return
        hit = self._check(unit, initial, from_notify)
        if hit:
            self._enter_running(unit, hit, spontaneous)
            return
        try:
            self._watch(unit)
        except OSError as error:
            self._warn(unit, f"cannot watch the paths of {unit.name}: {error.strerror or error}")
            self._enter_dead(unit, "resources", spontaneous)
            return
        # The paths may have changed between the check and the watches: check again.
        hit = self._check(unit, False, from_notify)
        if hit:
            self._enter_running(unit, hit, spontaneous)
            return
        self._set_state(unit, "waiting", spontaneous)

    def _enter_running(self, unit: Unit, trigger_path: str, spontaneous: bool = True) -> None:
        conf = unit.config
        if not unit.ratelimit.below(conf.trigger_interval_usec, conf.trigger_burst):
            self._warn(unit, f"{unit.name}: trigger limit hit ({conf.trigger_burst} in "
                             f"{cfg.format_timespan(conf.trigger_interval_usec)}), refusing further activation.")
            self._enter_dead(unit, "trigger-limit-hit", spontaneous)
            return
        self._unwatch(unit)
        unit.run_token += 1
        token = unit.run_token
        unit.run_since = now_usec()
        unit.seen_up = False
        self.log.info(f"{unit.name}: triggered by {trigger_path}; starting {conf.unit}")
        self._set_state(unit, "running", spontaneous)
        self.pool.submit(self._enqueue, unit, token, conf.unit)

    def _enqueue(self, unit: Unit, token: int, target: str) -> None:
        def current() -> bool:
            with self.lock:
                return unit.run_token == token and unit.state == "running" and self.units.get(unit.name) is unit
        try:
            job = self.host.enqueue_start(target, current)
            self.log.info(f"{unit.name}: job {job} starts {target}")
        except grpc.RpcError as error:
            code = sm_code(error)
            with self.lock:
                if not current():
                    return
                self._warn(unit, f"{unit.name}: cannot start {target}: {error.details()} ({code})")
                self._enter_dead(unit, "unit-start-limit-hit" if code == "ERR_START_LIMIT" else "resources")
            return
        except Exception as error:  # noqa: BLE001 - a bug must not end the thread silently
            self.log.error(f"{unit.name}: EnqueueJob: {error!r}\n{traceback.format_exc()}")
            with self.lock:
                if current():
                    self._enter_dead(unit, "resources")
            return
        timer = threading.Timer(SETTLE_S, self._settle, (unit, token))
        timer.daemon = True
        timer.start()

    def _settle(self, unit: Unit, token: int) -> None:
        with self.lock:
            if unit.run_token != token or unit.state != "running" or unit.seen_up or self.units.get(unit.name) is not unit:
                return
            down, st = self._trigger_down_or_unknown(unit)
            if not down:
                unit.seen_up = True
                return
            if st is not None and self.c.ActiveState.Name(st.active_state) == "failed" and st.result == "start-limit-hit":
                self._warn(unit, f"{unit.config.unit} hit its start limit; {unit.name} stops watching (unit-start-limit-hit).")
                self._enter_dead(unit, "unit-start-limit-hit")
                return
            self.log.info(f"{unit.name}: the start job of {unit.config.unit} ended without running it; checking the paths again")
            self._enter_waiting(unit, initial=False, from_notify=True)

    def _enter_dead(self, unit: Unit, result: str, spontaneous: bool = True) -> None:
        self._unwatch(unit)
        unit.run_token += 1
        if unit.result == "success":
            unit.result = result
        self._set_state(unit, "dead" if unit.result == "success" else "failed", spontaneous)

    def _check(self, unit: Unit, initial: bool, from_notify: bool) -> str:
        """The path that makes the unit trigger now, or "" (systemd's path_check_good)."""
        for index, spec in enumerate(unit.config.specs):
            if spec.type == cfg.PATH_EXISTS:
                good = os.path.exists(spec.path)
            elif spec.type == cfg.PATH_EXISTS_GLOB:
                good = bool(glob.glob(spec.path))
            elif spec.type == cfg.DIRECTORY_NOT_EMPTY:
                good = _directory_not_empty(spec.path)
            else:
                exists = os.path.exists(spec.path)
                before = unit.prev_exists.get(index)
                good = not initial and not from_notify and before is not None and exists != before
                unit.prev_exists[index] = exists
            if good:
                return spec.path
        return ""

    def _make_directories(self, conf: cfg.PathConfig) -> List[str]:
        notices = []
        if not conf.make_directory:
            return notices
        for spec in conf.specs:
            if spec.type in (cfg.PATH_EXISTS, cfg.PATH_EXISTS_GLOB):
                continue
            try:
                _mkdir_p(spec.path, conf.directory_mode)
            except OSError as error:
                notices.append(f"MakeDirectory=yes could not create {spec.path}: {error.strerror or error}")
                self.log.warn(notices[-1])
        return notices

    # --- inotify ---------------------------------------------------------------------------------

    def _watch(self, unit: Unit) -> None:
        self._unwatch(unit)
        for _attempt in range(10):
            masks, primaries = plan(unit.config.specs)
            if not masks:
                raise OSError(errno.ENOENT, "not even / exists")
            ino = Inotify()
            wds: Dict[str, int] = {}
            raced = False
            try:
                for path, mask in masks.items():
                    try:
                        wds[path] = ino.add(path, mask)
                    except OSError as error:
                        if error.errno in (errno.ENOENT, errno.ENOTDIR):
                            raced = True        # removed between the plan and the watch: plan again
                            break
                        if error.errno != errno.EACCES:
                            raise
            except BaseException:
                ino.close()
                raise
            if raced:
                ino.close()
                continue
            unit.inotify = ino
            unit.primary_wds = {i: wds[p] for i, p in primaries.items() if p in wds}
            self.fd_units[ino.fd] = unit
            self.epoll.register(ino.fd, select.EPOLLIN)
            return
        raise OSError(errno.EAGAIN, "the paths keep changing while the watches are set up")

    def _unwatch(self, unit: Unit) -> None:
        if unit.inotify is None:
            return
        fd = unit.inotify.fd
        self.fd_units.pop(fd, None)
        try:
            self.epoll.unregister(fd)
        except OSError:
            pass
        unit.inotify.close()
        unit.inotify = None
        unit.primary_wds = {}

    def _io_loop(self) -> None:
        while True:
            try:
                ready = self.epoll.poll(1.0)
            except InterruptedError:
                continue
            for fd, _mask in ready:
                with self.lock:
                    unit = self.fd_units.get(fd)
                    if unit is None or unit.inotify is None or unit.inotify.fd != fd:
                        continue
                    try:
                        events = unit.inotify.read()
                    except OSError:
                        events = [(-1, IN_Q_OVERFLOW, "")]
                    if not events:
                        continue
                    try:
                        self._on_events(unit, events)
                    except Exception:  # noqa: BLE001 - one unit's bug must not stop the loop
                        self.log.error(f"{unit.name}: handling inotify events: {traceback.format_exc()}")

    def _on_events(self, unit: Unit, events) -> None:
        """systemd's path_dispatch_io: a change of a PathChanged=/PathModified= path triggers; any
        other event re-checks everything and watches again."""
        if unit.state not in ("waiting", "running") or unit.config is None:
            return
        changed = ""
        for wd, mask, _name in events:
            for index, spec in enumerate(unit.config.specs):
                if spec.type in (cfg.PATH_CHANGED, cfg.PATH_MODIFIED) and unit.primary_wds.get(index) == wd \
                        and mask & SELF_FLAGS[spec.type]:
                    changed = changed or spec.path
        if changed:
            self._enter_running(unit, changed)
        else:
            self._unwatch(unit)
            self._enter_waiting(unit, initial=False, from_notify=False)

    # --- state, status, persistence -----------------------------------------------------------

    def _set_state(self, unit: Unit, state: str, spontaneous: bool = True) -> None:
        before = ACTIVE_OF[unit.state]
        after = ACTIVE_OF[state]
        old = (unit.state, unit.result)
        unit.state = state
        now, mono = now_usec(), mono_usec()
        if before != after:
            if before in ("inactive", "failed") and after == "active":
                unit.ts["inactive_exit_usec"] = unit.ts["active_enter_usec"] = now
                unit.ts["inactive_exit_monotonic_usec"] = unit.ts["active_enter_monotonic_usec"] = mono
            elif before == "active":
                unit.ts["active_exit_usec"] = unit.ts["inactive_enter_usec"] = now
        if old != (unit.state, unit.result) or before != after:
            unit.ts["state_change_usec"] = now
        if old != (unit.state, unit.result) or before != after:
            self._persist(unit)
            self._publish(unit, spontaneous)     # a Watch event is a change, not a re-arm
        if old != (unit.state, unit.result):
            self.log.info(f"{unit.name}: {old[0]} -> {state}" + (f" ({unit.result})" if unit.result != "success" else ""))

    def _status(self, unit: Unit, spontaneous: bool):
        c = self.c
        notices = list(unit.notices)
        return c.UnitStatus(
            name=unit.name, active_state=c.ActiveState.Value(ACTIVE_OF[unit.state]), sub_state=unit.state,
            result=unit.result, spontaneous=spontaneous, invocation_id=unit.invocation_id, notices=notices, **unit.ts)

    def _publish(self, unit: Unit, spontaneous: bool) -> None:
        unit.published += 1
        status = self._status(unit, spontaneous)
        for q in list(self.subscribers):
            q.put(status)

    def _warn(self, unit: Unit, message: str) -> None:
        self.log.warn(message)
        self.host.report(unit.name, "warning", message)

    def _get(self, name: str) -> Unit:
        why = cfg.unit_name_problem(name)
        if why:
            raise RpcFail("ERR_BAD_UNIT_NAME", f'"{name}" is not a valid unit name: {why}.')
        unit = self.units.get(name)
        if unit is None:
            raise RpcFail("ERR_UNIT_NOT_FOUND", f"Unit {name} is not loaded in the path worker.")
        return unit

    def _update_watched(self) -> None:
        self.host.set_watched(u.config.unit for u in self.units.values() if u.config is not None)

    def _state_file(self, name: str) -> str:
        return os.path.join(self.state_dir, name + ".json")

    def _persist(self, unit: Unit) -> None:
        """<state>/path/NAME.json, written atomically (temporary file, fsync, rename)."""
        path = self._state_file(unit.name)
        if unit.state == "dead" and unit.result == "success":
            self._remove_state(unit.name)
            return
        record = {"version": STATE_VERSION, "name": unit.name, "state": unit.state, "result": unit.result,
                  "invocation_id": unit.invocation_id, **unit.ts}
        try:
            os.makedirs(self.state_dir, mode=0o755, exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
            try:
                os.write(fd, json.dumps(record).encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            os.rename(tmp, path)
        except OSError as error:
            self.log.warn(f"{unit.name}: cannot persist its state in {path}: {error.strerror or error}")

    def _remove_state(self, name: str) -> None:
        try:
            os.unlink(self._state_file(name))
        except FileNotFoundError:
            pass
        except OSError as error:
            self.log.warn(f"{name}: cannot remove {self._state_file(name)}: {error.strerror or error}")

    def _read_persisted(self) -> Dict[str, dict]:
        out: Dict[str, dict] = {}
        try:
            names = os.listdir(self.state_dir)
        except FileNotFoundError:
            return out
        except OSError as error:
            self.log.warn(f"cannot read {self.state_dir}: {error.strerror or error}")
            return out
        for entry in names:
            path = os.path.join(self.state_dir, entry)
            if entry.endswith(".tmp"):
                try:
                    os.unlink(path)      # a write that was cut short
                except OSError:
                    pass
                continue
            if not entry.endswith(".json"):
                continue
            try:
                with open(path) as f:
                    record = json.load(f)
                if record.get("version") != STATE_VERSION or record.get("state") not in ACTIVE_OF \
                        or record.get("name") != entry[: -len(".json")]:
                    raise ValueError("not a state file of this version")
                out[record["name"]] = record
            except (OSError, ValueError) as error:
                self.log.warn(f"ignoring the state file {path}: {error}")
        if out:
            self.log.info(f"found the persisted state of {len(out)} unit(s): {', '.join(sorted(out))}")
        return out

    def _restore(self, unit: Unit, record: dict) -> None:
        """A unit a previous worker had started: it comes back in the same state, watching again."""
        unit.state = record["state"]
        unit.result = record.get("result") or "success"
        unit.invocation_id = record.get("invocation_id") or ""
        for key in unit.ts:
            value = record.get(key)
            if isinstance(value, int) and value >= 0:
                unit.ts[key] = value
        self.log.info(f"{unit.name}: restored as {ACTIVE_OF[unit.state]} ({unit.state})")
        if unit.state == "waiting":
            unit.prev_exists = {}
            self._check(unit, initial=True, from_notify=False)     # remembers what exists now
            try:
                self._watch(unit)
            except OSError as error:
                self._warn(unit, f"cannot watch the paths of {unit.name}: {error.strerror or error}")
                self._enter_dead(unit, "resources")
                return
        self._publish(unit, spontaneous=True)
        if unit.state in ("waiting", "running"):
            unit.run_since = 0
            unit.seen_up = False
            unit.await_snapshot = True
            if unit.config.unit in self.trigger_status:
                self.on_trigger_status(self.trigger_status[unit.config.unit])


def _directory_not_empty(path: str) -> bool:
    try:
        with os.scandir(path) as it:
            return any(True for _ in it)
    except OSError:
        return False


def _mkdir_p(path: str, mode: int) -> None:
    """mkdir -p with `mode` on every directory it creates (whatever the umask)."""
    if os.path.isdir(path):
        return
    parent = os.path.dirname(path)
    if parent and parent != path:
        _mkdir_p(parent, mode)
    try:
        os.mkdir(path, mode)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
        return
    os.chmod(path, mode)
