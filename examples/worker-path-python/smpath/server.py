"""The UnitWorker service (worker.proto) of the path type, served with grpc's generic handlers.

Every RPC of the service descriptor gets a handler: the ones this type supports, and for the rest
an UNIMPLEMENTED answer that says why (and matches what Describe declares). Each error carries the
trailing metadata "sm-code" (and "sm-hint" when there is something to do), as common.proto's
ErrorCode asks. A request that does not decode answers INVALID_ARGUMENT; no request ends the
process.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import sys
import threading
import time
import traceback

import grpc

from . import config as cfg
from .host import Host
from .units import RpcFail, Units

VERSION = "0.1.0"
TYPE = "path"
# The revision of protos/sysmaster/v1 this worker speaks (DescribeResponse.contract_version).
CONTRACT_VERSION = 1
# When this process image started (usec, realtime): DescribeResponse.image_started_usec.
IMAGE_STARTED_USEC = int(time.time() * 1_000_000)
SECTIONS = ["Path"]


class Log:
    """One JSON line per event on stderr (the core appends it to <log dir>/sm-path.log)."""

    def _write(self, level: str, message: str) -> None:
        line = json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + f".{int(time.time() * 1000) % 1000:03d}Z",
                           "level": level, "name": "sm-path", "pid": os.getpid(), "message": message})
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass

    def info(self, message: str) -> None:
        self._write("info", message)

    def warn(self, message: str) -> None:
        self._write("warn", message)

    def error(self, message: str) -> None:
        self._write("error", message)


class Malformed:
    """What the deserializer hands over for bytes that are not the expected message."""

    def __init__(self, why: str) -> None:
        self.why = why


def _deserializer(cls):
    def parse(data: bytes):
        try:
            return cls.FromString(data)
        except Exception as error:  # noqa: BLE001 - DecodeError and friends
            return Malformed(str(error) or type(error).__name__)
    return parse


def _ascii(text: str) -> str:
    return "".join(ch if 32 <= ord(ch) < 127 else "?" for ch in text)[:1000]


def _abort(context, fail: RpcFail):
    metadata = [("sm-code", fail.code)]
    if fail.hint:
        metadata.append(("sm-hint", _ascii(fail.hint)))
    context.set_trailing_metadata(metadata)
    context.abort(fail.status, fail.message)


class PathWorker:
    def __init__(self, pb_common, pb_worker, units: Units, log: Log) -> None:
        self.c = pb_common
        self.w = pb_worker
        self.units = units
        self.log = log

    # --- the RPCs ---------------------------------------------------------------------------------

    def Describe(self, request, context):
        w = self.w
        return w.DescribeResponse(
            type=TYPE, sections=SECTIONS, version=f"{VERSION} (python {sys.version.split()[0]})", pid=os.getpid(),
            capabilities=w.Capabilities(can_reload=False, can_kill=False, can_reexec=False, once_only=False,
                                        has_processes=False, has_logs=False),
            dependency_rules=w.DependencyRules(order_after_wanted=False, expand_in_tree=False),
            contract_version=CONTRACT_VERSION, image_started_usec=IMAGE_STARTED_USEC)

    def Load(self, request, context):
        w, c = self.w, self.c
        name = request.name
        why = cfg.unit_name_problem(name)
        if why:
            raise RpcFail("ERR_BAD_UNIT_NAME", f'Load: "{_ascii(name)}" is not a valid unit name: {why}.')
        if not name.endswith(".path"):
            raise RpcFail("ERR_INVALID_ARGUMENT", f"Load: {name} is not a path unit (the path worker loads NAME.path).")
        try:
            parsed = cfg.parse_unit(name, request.fragment_path, cfg.sections_from_request(request), dict(request.specifiers))
        except Exception:  # noqa: BLE001 - a parser bug is this unit's problem, not the worker's
            self.log.error(f"{name}: parsing failed: {traceback.format_exc()}")
            parsed = cfg.Parsed(None, [cfg.Problem(request.fragment_path, 0, cfg.SECTION, "",
                                                   "the path worker could not parse this unit (see sm-path.log)")])
        self.units.load(name, parsed)
        for p in parsed.warnings:
            self.log.warn(f"{name}: {p}")

        def problem(p: cfg.Problem):
            return c.ConfigError(file=p.file, line=p.line, section=p.section, key=p.key, message=p.message)

        response = w.LoadResponse(
            errors=[problem(p) for p in parsed.errors], warnings=[problem(p) for p in parsed.warnings],
            properties=parsed.properties, can_reload=False)
        target = parsed.properties["Unit"]
        response.dependencies.extend([w.ImpliedDependency(kind=w.Triggers, unit=target),
                                      w.ImpliedDependency(kind=w.Before, unit=target)])
        # systemd.path(5) "Default Dependencies".
        for kind, unit in ((w.Before, "paths.target"), (w.Requires, "sysinit.target"), (w.After, "sysinit.target"),
                           (w.Conflicts, "shutdown.target"), (w.Before, "shutdown.target")):
            response.default_dependencies.append(w.ImpliedDependency(kind=kind, unit=unit))
        return response

    def Unload(self, request, context):
        self.units.unload(request.name)
        return self.c.Empty()

    def Start(self, request, context):
        self.units.start(request.name)
        return self.c.Empty()

    def Stop(self, request, context):
        self.units.stop(request.name)
        return self.c.Empty()

    def Reload(self, request, context):
        raise RpcFail("ERR_UNIMPLEMENTED", "Path units cannot be reloaded (Describe: can_reload is false).",
                      "daemon-reload re-reads the unit file; restart the path unit to apply it at once")

    def Kill(self, request, context):
        raise RpcFail("ERR_UNIMPLEMENTED", "Path units run no processes to signal (Describe: can_kill is false).",
                      "signal the unit the path unit triggers instead")

    def ResetFailed(self, request, context):
        self.units.reset_failed(request.name)
        return self.c.Empty()

    def Status(self, request, context):
        return self.units.status(request.name)

    def List(self, request, context):
        return self.w.ListResponse(units=self.units.list())

    def Reexec(self, request, context):
        raise RpcFail("ERR_UNIMPLEMENTED", "The path worker cannot re-execute itself (Describe: can_reexec is false).",
                      "kill it: the core starts it again and it restores its units from its state files")

    def Watch(self, request, context):
        q: "queue.Queue" = queue.Queue()
        context.add_callback(lambda: q.put(None))
        self.units.subscribe(q)
        try:
            while True:
                item = q.get()
                if item is None:
                    return
                yield item
        finally:
            self.units.unsubscribe(q)

    def Logs(self, request, context):
        raise RpcFail("ERR_UNIMPLEMENTED", "Path units have no log (Describe: has_logs is false).",
                      "the worker's own log is <log dir>/sm-path.log")

    # --- plumbing -------------------------------------------------------------------------------

    def handler(self):
        """A generic handler for every method of sysmaster.v1.UnitWorker."""
        service = self.w.DESCRIPTOR.services_by_name["UnitWorker"]
        handlers = {}
        for method in service.methods:
            request_cls = self._message_class(method.input_type)
            response_cls = self._message_class(method.output_type)
            impl = getattr(self, method.name, None)
            if impl is None:
                impl = self._unimplemented(method.name)
            if method.server_streaming:
                handlers[method.name] = grpc.unary_stream_rpc_method_handler(
                    self._wrap_stream(method.name, impl), request_deserializer=_deserializer(request_cls),
                    response_serializer=response_cls.SerializeToString)
            else:
                handlers[method.name] = grpc.unary_unary_rpc_method_handler(
                    self._wrap_unary(method.name, impl), request_deserializer=_deserializer(request_cls),
                    response_serializer=response_cls.SerializeToString)
        return grpc.method_handlers_generic_handler(service.full_name, handlers)

    def _message_class(self, descriptor):
        for module in (self.w, self.c):
            cls = getattr(module, descriptor.name, None)
            if cls is not None and cls.DESCRIPTOR.full_name == descriptor.full_name:
                return cls
        raise RuntimeError(f"no generated class for {descriptor.full_name}")

    @staticmethod
    def _unimplemented(name: str):
        def impl(request, context):
            raise RpcFail("ERR_UNIMPLEMENTED", f"The path worker does not implement {name} (it was written for an older worker.proto).")
        return impl

    def _fail_of(self, name: str, request, error: Exception) -> RpcFail:
        if isinstance(error, RpcFail):
            return error
        self.log.error(f"{name}: {traceback.format_exc()}")
        return RpcFail("ERR_INTERNAL", f"{name} failed in the path worker: {type(error).__name__}: {error}")

    def _wrap_unary(self, name: str, impl):
        def handle(request, context):
            if isinstance(request, Malformed):
                fail = RpcFail("ERR_INVALID_ARGUMENT", f"{name}: the request is not a valid message: {request.why}")
            else:
                try:
                    return impl(request, context)
                except Exception as error:  # noqa: BLE001
                    fail = self._fail_of(name, request, error)
            _abort(context, fail)
        return handle

    def _wrap_stream(self, name: str, impl):
        def handle(request, context):
            if isinstance(request, Malformed):
                fail = RpcFail("ERR_INVALID_ARGUMENT", f"{name}: the request is not a valid message: {request.why}")
            else:
                try:
                    yield from impl(request, context)
                    return
                except Exception as error:  # noqa: BLE001
                    fail = self._fail_of(name, request, error)
            _abort(context, fail)
        return handle


# --- main ---------------------------------------------------------------------------------------

def runtime_dir() -> str:
    return os.environ.get("SYSMASTER_RUNTIME_DIR") or "/run/sysmaster"


def serve(argv) -> int:
    import argparse

    from . import protos
    from .inotify import set_process_name

    parser = argparse.ArgumentParser(prog="sm-path", description="The path unit type of sysmaster-ts, in Python.")
    parser.add_argument("--protos", default=None, help="the folder holding sysmaster/v1/*.proto")
    parser.add_argument("--cache", default=None, help="where the generated Python code goes (default <runtime dir>/cache/worker-path-python)")
    parser.add_argument("--generate-only", action="store_true", help="generate the protobuf code and exit")
    args = parser.parse_args(argv)

    set_process_name("sm-path")
    log = Log()
    run = runtime_dir()
    try:
        pb_common, pb_worker = protos.load(args.protos or protos.default_proto_dir(),
                                           args.cache or os.path.join(run, "cache", "worker-path-python"))
    except Exception as error:  # noqa: BLE001
        log.error(f"cannot generate the protobuf code: {error}")
        return 1
    if args.generate_only:
        return 0

    socket_path = os.environ.get("SYSMASTER_WORKER_SOCKET") or os.path.join(run, "workers", f"{TYPE}.sock")
    host = Host(pb_common, pb_worker, os.path.join(run, "host.sock"), log)
    units = Units(pb_common, host, os.path.join(run, "state", TYPE), log)
    worker = PathWorker(pb_common, pb_worker, units, log)
    host.start_watching(units.on_trigger_status)

    from concurrent.futures import ThreadPoolExecutor
    server = grpc.server(ThreadPoolExecutor(max_workers=32, thread_name_prefix="rpc"),
                         options=[("grpc.max_receive_message_length", 16 * 1024 * 1024)])
    server.add_generic_rpc_handlers((worker.handler(),))
    os.makedirs(os.path.dirname(socket_path), mode=0o755, exist_ok=True)
    try:
        os.unlink(socket_path)
    except FileNotFoundError:
        pass
    if server.add_insecure_port(f"unix:{socket_path}") == 0:
        log.error(f"cannot listen on {socket_path}")
        return 1
    server.start()
    log.info(f"serving UnitWorker (type {TYPE}, version {VERSION}) on {socket_path}")

    done = threading.Event()

    def on_signal(signum, _frame):
        log.info(f"signal {signum}: exiting")
        done.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    while not done.wait(3600):
        pass
    server.stop(grace=1).wait(2)
    host.close()
    return 0
