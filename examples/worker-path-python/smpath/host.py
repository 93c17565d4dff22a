"""The client side of WorkerHost (worker.proto), served by the core on <runtime>/host.sock.

A worker outlives the core: while a core is being replaced the calls fail UNAVAILABLE, so
EnqueueJob is retried for a while, and the WatchUnits stream is opened again (with the current
set of units) whenever it ends.
"""
from __future__ import annotations

import threading
import time
from typing import Callable, Iterable, List, Optional

import grpc

SERVICE = "/sysmaster.v1.WorkerHost/"
CHANNEL_OPTIONS = [
    ("grpc.initial_reconnect_backoff_ms", 100),
    ("grpc.min_reconnect_backoff_ms", 100),
    ("grpc.max_reconnect_backoff_ms", 1000),
]


def sm_code(error: grpc.RpcError) -> str:
    """The "sm-code" trailing metadata of an error (common.proto ErrorCode), ERR_INTERNAL when absent."""
    try:
        for key, value in error.trailing_metadata() or ():
            if key == "sm-code":
                return value
    except Exception:  # noqa: BLE001 - not every RpcError carries metadata
        pass
    return "ERR_INTERNAL"


class Host:
    def __init__(self, pb_common, pb_worker, socket_path: str, log, from_type: str = "path") -> None:
        self.c = pb_common
        self.w = pb_worker
        self.socket_path = socket_path
        self.log = log
        self.from_type = from_type
        self.channel = grpc.insecure_channel(f"unix:{socket_path}", options=CHANNEL_OPTIONS)
        self._enqueue = self.channel.unary_unary(
            SERVICE + "EnqueueJob", request_serializer=self.w.HostJobRequest.SerializeToString,
            response_deserializer=self.w.HostJobResponse.FromString)
        self._report = self.channel.unary_unary(
            SERVICE + "ReportEvent", request_serializer=self.w.HostEvent.SerializeToString,
            response_deserializer=self.c.Empty.FromString)
        self._watch = self.channel.unary_stream(
            SERVICE + "WatchUnits", request_serializer=self.w.WatchUnitsRequest.SerializeToString,
            response_deserializer=self.c.UnitStatus.FromString)
        self._watch_lock = threading.Condition()
        self._watch_units: List[str] = []
        self._watch_call = None
        self._watch_generation = 0
        self._closing = False
        self._on_status: Optional[Callable] = None

    # --- EnqueueJob / ReportEvent ------------------------------------------------------------

    def enqueue_start(self, unit: str, keep_trying: Callable[[], bool], patience_s: float = 30.0) -> int:
        """EnqueueJob(start, replace); retries UNAVAILABLE for `patience_s` while keep_trying()."""
        request = self.w.HostJobRequest(unit=unit, type=self.w.start, mode=self.w.replace, from_type=self.from_type)
        deadline = time.monotonic() + patience_s
        delay = 0.1
        while True:
            try:
                return self._enqueue(request, timeout=10).job_id
            except grpc.RpcError as error:
                retry = error.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
                if not retry or time.monotonic() + delay > deadline or not keep_trying():
                    raise
                self.log.info(f"EnqueueJob {unit}/start: the core is not there ({error.code().name}); retrying")
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def report(self, unit: str, kind: str, message: str) -> None:
        """ReportEvent, best effort in the background (the core logs it; a warning shows in status)."""
        kinds = {"info": self.w.info, "warning": self.w.warning, "notify": self.w.notify}

        def send() -> None:
            try:
                self._report(self.w.HostEvent(unit=unit, kind=kinds[kind], message=message), timeout=5)
            except grpc.RpcError as error:
                self.log.info(f"ReportEvent for {unit} not delivered: {error.code().name}")

        threading.Thread(target=send, name="report", daemon=True).start()

    # --- WatchUnits ----------------------------------------------------------------------------

    def start_watching(self, on_status: Callable) -> None:
        self._on_status = on_status
        threading.Thread(target=self._watch_loop, name="watch-units", daemon=True).start()

    def set_watched(self, units: Iterable[str]) -> None:
        """Watches exactly these units from now on (the stream is reopened when the set changes)."""
        wanted = sorted(set(units))[:1000]
        with self._watch_lock:
            if wanted == self._watch_units:
                return
            self._watch_units = wanted
            self._watch_generation += 1
            if self._watch_call is not None:
                self._watch_call.cancel()
            self._watch_lock.notify_all()

    def close(self) -> None:
        with self._watch_lock:
            self._closing = True
            if self._watch_call is not None:
                self._watch_call.cancel()
            self._watch_lock.notify_all()
        self.channel.close()

    def _watch_loop(self) -> None:
        delay = 0.1
        while True:
            with self._watch_lock:
                while not self._closing and not self._watch_units:
                    self._watch_lock.wait()
                if self._closing:
                    return
                units = list(self._watch_units)
                generation = self._watch_generation
                call = self._watch(self.w.WatchUnitsRequest(units=units))
                self._watch_call = call
            got = False
            try:
                for status in call:
                    got = True
                    delay = 0.1
                    self._on_status(status)
                why = "the stream ended"
            except grpc.RpcError as error:
                why = error.code().name
            with self._watch_lock:
                self._watch_call = None
                if self._closing:
                    return
                if generation != self._watch_generation:
                    continue            # the set changed: reopen at once
            if not got:
                self.log.info(f"WatchUnits {','.join(units)}: {why}; opening it again in {delay:.1f}s")
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
