"""The worker as the core sees it: a real sm-path process, a fake WorkerHost on host.sock, real
files and real inotify. Run: python3 -m unittest discover -s tests (from the example's folder)."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.dont_write_bytecode = True
sys.path.insert(0, ROOT)

from smpath import protos  # noqa: E402

CACHE = tempfile.mkdtemp(prefix="sm-path-test-cache-")
c, w = protos.load(protos.default_proto_dir(), CACHE)


class FakeHost:
    """WorkerHost: records EnqueueJob; each job runs `on_job(unit)` and reports the unit's states."""

    def __init__(self, sock: str) -> None:
        self.jobs: "queue.Queue[str]" = queue.Queue()
        self.events: "queue.Queue[str]" = queue.Queue()
        self.watchers = []
        self.states = {}
        self.on_job = lambda unit: None
        self.lock = threading.Lock()
        self.server = grpc.server(ThreadPoolExecutor(max_workers=8))
        handlers = {
            "EnqueueJob": grpc.unary_unary_rpc_method_handler(self.enqueue, w.HostJobRequest.FromString, w.HostJobResponse.SerializeToString),
            "ReportEvent": grpc.unary_unary_rpc_method_handler(self.report, w.HostEvent.FromString, c.Empty.SerializeToString),
            "WatchUnits": grpc.unary_stream_rpc_method_handler(self.watch, w.WatchUnitsRequest.FromString, c.UnitStatus.SerializeToString),
        }
        self.server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("sysmaster.v1.WorkerHost", handlers),))
        self.server.add_insecure_port(f"unix:{sock}")
        self.server.start()

    def status(self, unit: str):
        return self.states.get(unit) or c.UnitStatus(name=unit, active_state=c.inactive, sub_state="dead")

    def set_state(self, unit: str, state, sub: str, result: str = "success") -> None:
        st = c.UnitStatus(name=unit, active_state=state, sub_state=sub, result=result, state_change_usec=time.time_ns() // 1000)
        with self.lock:
            self.states[unit] = st
            for names, q in self.watchers:
                if unit in names:
                    q.put(st)

    def enqueue(self, request, context):
        assert request.type == w.start and request.from_type == "path"
        self.jobs.put(request.unit)
        threading.Thread(target=self.run_job, args=(request.unit,), daemon=True).start()
        return w.HostJobResponse(job_id=7)

    def run_job(self, unit: str) -> None:
        time.sleep(0.05)
        self.set_state(unit, c.activating, "start")
        self.on_job(unit)
        time.sleep(0.05)
        self.set_state(unit, c.inactive, "dead")

    def report(self, request, context):
        self.events.put(request.message)
        return c.Empty()

    def watch(self, request, context):
        q: "queue.Queue" = queue.Queue()
        with self.lock:
            for u in request.units:
                q.put(self.status(u))
            entry = (set(request.units), q)
            self.watchers.append(entry)
        context.add_callback(lambda: q.put(None))
        try:
            while True:
                item = q.get()
                if item is None:
                    return
                yield item
        finally:
            with self.lock:
                self.watchers.remove(entry)


class WorkerTest(unittest.TestCase):
    def setUp(self) -> None:
        self.dir = tempfile.mkdtemp(prefix="sm-path-test-")
        self.run_dir = os.path.join(self.dir, "run")
        self.files = os.path.join(self.dir, "files")
        os.makedirs(self.run_dir)
        os.makedirs(self.files)
        self.host = FakeHost(os.path.join(self.run_dir, "host.sock"))
        self.proc = None
        self.start_worker()

    def tearDown(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.host.server.stop(0)
        self.log.close()
        if os.environ.get("SM_PATH_TEST_LOG"):
            with open(self.log.name) as f:
                print(f.read())
        shutil.rmtree(self.dir, ignore_errors=True)

    def start_worker(self) -> None:
        env = {"PATH": "/usr/bin:/bin", "SYSMASTER_RUNTIME_DIR": self.run_dir}
        self.log = open(os.path.join(self.dir, "worker.log"), "ab")
        self.proc = subprocess.Popen([os.path.join(ROOT, "sm-path"), "--cache", CACHE], env=env, stdout=self.log, stderr=self.log)
        sock = os.path.join(self.run_dir, "workers", "path.sock")
        self.channel = grpc.insecure_channel(f"unix:{sock}")
        deadline = time.time() + 10
        while True:
            try:
                self.call("Describe", w.DescribeRequest(), w.DescribeResponse, timeout=1)
                return
            except grpc.RpcError:
                if time.time() > deadline or self.proc.poll() is not None:
                    raise AssertionError("the worker did not come up: " + open(self.log.name).read())
                time.sleep(0.1)

    def call(self, method, request, response_cls, timeout=5):
        fn = self.channel.unary_unary(f"/sysmaster.v1.UnitWorker/{method}", request_serializer=lambda m: m.SerializeToString(),
                                      response_deserializer=response_cls.FromString)
        return fn(request, timeout=timeout)

    def call_error(self, method, request, response_cls=c.Empty):
        try:
            self.call(method, request, response_cls)
        except grpc.RpcError as error:
            code = dict(error.trailing_metadata() or ()).get("sm-code")
            return error.code(), code, error.details()
        raise AssertionError(f"{method} succeeded")

    def watch(self):
        fn = self.channel.unary_stream("/sysmaster.v1.UnitWorker/Watch", request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=c.UnitStatus.FromString)
        stream = fn(w.WatchRequest())
        q: "queue.Queue" = queue.Queue()

        def pump():
            try:
                for st in stream:
                    q.put(st)
            except grpc.RpcError:
                pass
        threading.Thread(target=pump, daemon=True).start()
        self.addCleanup(stream.cancel)
        return q

    def next_of(self, q, name, timeout=5):
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError(f"no status of {name} within {timeout}s")
            st = q.get(timeout=left)
            if st.name == name:
                return st

    def load(self, name, entries, file="/x/u.path", line=1):
        section = c.Section(name="Path", file=file, line=line,
                            entries=[c.Entry(key=k, value=v, file=file, line=line + 1 + i) for i, (k, v) in enumerate(entries)])
        return self.call("Load", w.LoadRequest(name=name, fragment_path=file, sections=[section], specifiers={"n": name}), w.LoadResponse)

    def wait_for(self, check, timeout=5):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if check():
                return True
            time.sleep(0.05)
        return check()

    # --- the contract ------------------------------------------------------------------------

    def test_describe_is_honest(self):
        d = self.call("Describe", w.DescribeRequest(), w.DescribeResponse)
        self.assertEqual(d.type, "path")
        self.assertEqual(list(d.sections), ["Path"])
        self.assertEqual(d.pid, self.proc.pid)
        caps = d.capabilities
        self.assertFalse(caps.can_reload or caps.can_kill or caps.can_reexec or caps.has_processes or caps.has_logs)

    def test_unsupported_rpcs_answer_unimplemented(self):
        self.load("a.path", [("PathExists", f"{self.files}/a")])
        for method, request, response in (("Reload", w.UnitRequest(name="a.path"), c.Empty),
                                          ("Kill", w.KillRequest(name="a.path", signal=15), c.Empty),
                                          ("Reexec", w.ReexecRequest(), w.ReexecResponse)):
            status, code, details = self.call_error(method, request, response)
            self.assertEqual((status, code), (grpc.StatusCode.UNIMPLEMENTED, "ERR_UNIMPLEMENTED"), method)
            self.assertTrue(details)
        logs = self.channel.unary_stream("/sysmaster.v1.UnitWorker/Logs", request_serializer=lambda m: m.SerializeToString(),
                                         response_deserializer=c.LogLine.FromString)
        with self.assertRaises(grpc.RpcError) as caught:
            list(logs(c.LogsRequest(name="a.path"), timeout=5))
        self.assertEqual(caught.exception.code(), grpc.StatusCode.UNIMPLEMENTED)

    def test_errors_carry_codes_and_garbage_kills_nobody(self):
        self.assertEqual(self.call_error("Status", w.UnitRequest(name="nope.path"), c.UnitStatus)[:2],
                         (grpc.StatusCode.NOT_FOUND, "ERR_UNIT_NOT_FOUND"))
        self.assertEqual(self.call_error("Start", w.UnitRequest(name="../etc"))[:2], (grpc.StatusCode.INVALID_ARGUMENT, "ERR_BAD_UNIT_NAME"))
        self.assertEqual(self.call_error("Load", w.LoadRequest(name="x.service"), w.LoadResponse)[:2],
                         (grpc.StatusCode.INVALID_ARGUMENT, "ERR_INVALID_ARGUMENT"))
        raw = self.channel.unary_unary("/sysmaster.v1.UnitWorker/Load", request_serializer=lambda b: b, response_deserializer=lambda b: b)
        for garbage in (b"\xff" * 64, os.urandom(4096), b"\x0a\x05\xff\xfe\xfd\xfc\xfb"):
            with self.assertRaises(grpc.RpcError) as caught:
                raw(garbage, timeout=5)
            self.assertEqual(caught.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        # values that are not what they should be, and odd bytes in them
        r = self.load("g.path", [("PathExists", "rel/ative"), ("DirectoryMode", "999"), ("TriggerLimitBurst", "-1"),
                                 ("MakeDirectory", "perhaps"), ("Unit", "x.path"), ("PathChanged", "/a/../b"),
                                 ("PathModified", "/%Q"), ("TriggerLimitIntervalSec", "5 parsecs"), ("PathExists", "/\u2603/\x01")])
        self.assertEqual(len(r.errors), 8, [e.message for e in r.errors])
        self.assertEqual(self.proc.poll(), None)
        self.assertEqual(self.call("Describe", w.DescribeRequest(), w.DescribeResponse).type, "path")

    def test_random_loads_answer_and_kill_nobody(self):
        import random
        rnd = random.Random(7)
        keys = ["PathExists", "PathExistsGlob", "PathChanged", "PathModified", "DirectoryNotEmpty", "Unit",  # no MakeDirectory: random paths must not be created
                "DirectoryMode", "TriggerLimitIntervalSec", "TriggerLimitBurst", "", "\u2603", "X" * 300]
        alphabet = "/%.*?[]{}@\\ \t:-_01azAZ\u00e9\u2603\x01\x7f"
        for i in range(150):
            entries = [(rnd.choice(keys), "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) if rnd.random() < 0.9 else "/" * 5000)
                       for _ in range(rnd.randint(0, 6))]
            name = rnd.choice([f"f{i}.path", f"f@{i}.path", f"f@.path", "a\\x2d.path"])
            section = c.Section(name=rnd.choice(["Path", "Service", ""]), line=rnd.randint(0, 2**32 - 1),
                                entries=[c.Entry(key=k, value=v, file=rnd.choice(["", "/x"]), line=rnd.randint(0, 2**32 - 1)) for k, v in entries])
            self.call("Load", w.LoadRequest(name=name, sections=[section], specifiers={"n": name, "%": "x"}), w.LoadResponse)
            try:
                self.call("Start", w.UnitRequest(name=name), c.Empty)
                self.call("Stop", w.UnitRequest(name=name), c.Empty)
            except grpc.RpcError as error:
                self.assertEqual(error.code(), grpc.StatusCode.FAILED_PRECONDITION, error.details())
        self.assertIsNone(self.proc.poll())
        self.assertEqual(self.call("Describe", w.DescribeRequest(), w.DescribeResponse).pid, self.proc.pid)
        with open(self.log.name) as f:
            self.assertNotIn("Traceback", f.read())

    def test_load_reports_places_defaults_and_dependencies(self):
        r = self.load("foo.path", [("Frobnicate", "yes")], file="/u/foo.path", line=3)
        self.assertEqual(len(r.errors), 1)
        self.assertEqual((r.errors[0].file, r.errors[0].line, r.errors[0].section), ("/u/foo.path", 3, "Path"))
        self.assertEqual([(x.file, x.line, x.key) for x in r.warnings], [("/u/foo.path", 4, "Frobnicate")])
        r = self.load("foo.path", [("PathExists", "/tmp/%n.flag"), ("TriggerLimitBurst", "many")], file="/u/foo.path", line=3)
        self.assertEqual([(x.file, x.line, x.key) for x in r.errors], [("/u/foo.path", 5, "TriggerLimitBurst")])
        r = self.load("foo.path", [("PathExists", "/tmp/%n.flag")])
        self.assertEqual(list(r.errors), [])
        self.assertEqual(r.properties["Unit"], "foo.service")
        self.assertEqual(r.properties["Paths"], "PathExists=/tmp/foo.path.flag")
        self.assertIn((w.Triggers, "foo.service"), [(d.kind, d.unit) for d in r.dependencies])
        self.assertEqual(sorted((w.DependencyKind.Name(d.kind), d.unit) for d in r.default_dependencies),
                         [("After", "sysinit.target"), ("Before", "paths.target"), ("Before", "shutdown.target"),
                          ("Conflicts", "shutdown.target"), ("Requires", "sysinit.target")])
        self.assertFalse(r.can_reload)
        bad = self.load("bad.path", [("TriggerLimitBurst", "x")])
        self.assertTrue(bad.errors)
        self.assertEqual(self.call_error("Start", w.UnitRequest(name="bad.path"))[:2], (grpc.StatusCode.FAILED_PRECONDITION, "ERR_BAD_SETTING"))

    # --- behaviour --------------------------------------------------------------------------------

    def test_path_exists_triggers_and_waits_again(self):
        flag = os.path.join(self.files, "deep", "er", "flag")
        self.host.on_job = lambda unit: os.unlink(flag)
        self.load("t.path", [("PathExists", flag), ("Unit", "job.service")])
        q = self.watch()
        self.assertEqual(self.next_of(q, "t.path").sub_state, "dead", "the snapshot")
        self.call("Start", w.UnitRequest(name="t.path"), c.Empty)
        st = self.next_of(q, "t.path")
        self.assertEqual((st.active_state, st.sub_state, st.spontaneous), (c.active, "waiting", False))
        self.assertTrue(self.host.jobs.empty())
        os.makedirs(os.path.dirname(flag))          # parents appear first: still waiting
        time.sleep(0.3)
        self.assertTrue(self.host.jobs.empty())
        open(flag, "w").close()
        self.assertEqual(self.host.jobs.get(timeout=5), "job.service")
        st = self.next_of(q, "t.path")
        self.assertEqual((st.sub_state, st.spontaneous), ("running", True))
        st = self.next_of(q, "t.path")
        self.assertEqual(st.sub_state, "waiting")
        self.assertTrue(self.host.jobs.empty(), "the flag was removed by the job: no second trigger")
        # Stop is idempotent and always answered with a state.
        self.call("Stop", w.UnitRequest(name="t.path"), c.Empty)
        self.assertEqual(self.next_of(q, "t.path").active_state, c.inactive)
        self.call("Stop", w.UnitRequest(name="t.path"), c.Empty)
        self.assertEqual(self.next_of(q, "t.path").active_state, c.inactive)
        open(flag, "w").close()
        time.sleep(0.3)
        self.assertTrue(self.host.jobs.empty(), "a stopped unit does not trigger")

    def test_path_changed_fires_on_close_after_write_not_on_write(self):
        target = os.path.join(self.files, "conf")
        open(target, "w").close()
        self.load("c.path", [("PathChanged", target)])
        self.call("Start", w.UnitRequest(name="c.path"), c.Empty)
        time.sleep(0.2)
        self.assertTrue(self.host.jobs.empty(), "an existing file does not trigger PathChanged=")
        with open(target, "w") as f:
            f.write("x")
            f.flush()
            time.sleep(0.4)
            self.assertTrue(self.host.jobs.empty(), "a write without close does not trigger PathChanged=")
        self.assertEqual(self.host.jobs.get(timeout=5), "c.service")

    def test_path_modified_fires_on_write(self):
        target = os.path.join(self.files, "m")
        open(target, "w").close()
        self.load("m.path", [("PathModified", target)])
        self.call("Start", w.UnitRequest(name="m.path"), c.Empty)
        with open(target, "w") as f:
            f.write("x")
            f.flush()
            self.assertEqual(self.host.jobs.get(timeout=5), "m.service")

    def test_loading_a_watching_unit_again_watches_the_new_paths(self):
        a, b = os.path.join(self.files, "a"), os.path.join(self.files, "b")
        self.load("re.path", [("PathExists", a)])
        self.call("Start", w.UnitRequest(name="re.path"), c.Empty)
        r = self.load("re.path", [("PathExists", b)])
        self.assertEqual(list(r.errors), [])
        open(a, "w").close()
        time.sleep(0.3)
        self.assertTrue(self.host.jobs.empty(), "the old path is not watched any more")
        open(b, "w").close()
        self.assertEqual(self.host.jobs.get(timeout=5), "re.service")

    def test_path_exists_glob(self):
        self.host.on_job = lambda unit: [os.unlink(os.path.join(self.files, n)) for n in os.listdir(self.files) if n.endswith(".req")]
        self.load("g.path", [("PathExistsGlob", os.path.join(self.files, "*.req"))])
        self.call("Start", w.UnitRequest(name="g.path"), c.Empty)
        open(os.path.join(self.files, "x.other"), "w").close()
        time.sleep(0.3)
        self.assertTrue(self.host.jobs.empty(), "a file that does not match does not trigger")
        open(os.path.join(self.files, "x.req"), "w").close()
        self.assertEqual(self.host.jobs.get(timeout=5), "g.service")
        self.assertTrue(self.wait_for(lambda: self.call("Status", w.UnitRequest(name="g.path"), c.UnitStatus).sub_state == "waiting"))

    def test_directory_not_empty_with_make_directory(self):
        spool = os.path.join(self.files, "spool", "in")
        self.host.on_job = lambda unit: [os.unlink(os.path.join(spool, n)) for n in os.listdir(spool)]
        self.load("d.path", [("DirectoryNotEmpty", spool), ("MakeDirectory", "yes"), ("DirectoryMode", "0700")])
        self.call("Start", w.UnitRequest(name="d.path"), c.Empty)
        self.assertEqual(os.stat(spool).st_mode & 0o7777, 0o700)
        time.sleep(0.2)
        self.assertTrue(self.host.jobs.empty())
        open(os.path.join(spool, "item"), "w").close()
        self.assertEqual(self.host.jobs.get(timeout=5), "d.service")
        self.assertTrue(self.wait_for(lambda: self.call("Status", w.UnitRequest(name="d.path"), c.UnitStatus).sub_state == "waiting"))

    def test_trigger_limit(self):
        flag = os.path.join(self.files, "stays")
        open(flag, "w").close()
        self.load("l.path", [("PathExists", flag), ("TriggerLimitBurst", "3"), ("TriggerLimitIntervalSec", "1min")])
        q = self.watch()
        self.call("Start", w.UnitRequest(name="l.path"), c.Empty)
        deadline = time.time() + 10
        while True:
            st = self.next_of(q, "l.path", timeout=max(0.1, deadline - time.time()))
            if st.active_state == c.failed:
                break
        self.assertEqual(st.result, "trigger-limit-hit")
        self.assertEqual(self.host.jobs.qsize(), 3)
        self.assertIn("trigger limit", self.host.events.get(timeout=5))
        self.call("ResetFailed", w.UnitRequest(name="l.path"), c.Empty)
        st = self.call("Status", w.UnitRequest(name="l.path"), c.UnitStatus)
        self.assertEqual((st.active_state, st.result), (c.inactive, "success"))

    def test_unit_started_by_someone_else_is_running(self):
        self.load("o.path", [("PathExists", os.path.join(self.files, "o"))])
        self.call("Start", w.UnitRequest(name="o.path"), c.Empty)
        self.host.set_state("o.service", c.active, "running")
        self.assertTrue(self.wait_for(lambda: self.call("Status", w.UnitRequest(name="o.path"), c.UnitStatus).sub_state == "running"))
        self.host.set_state("o.service", c.inactive, "dead")
        self.assertTrue(self.wait_for(lambda: self.call("Status", w.UnitRequest(name="o.path"), c.UnitStatus).sub_state == "waiting"))
        self.assertEqual(self.call_error("Unload", w.UnitRequest(name="o.path"))[:2], (grpc.StatusCode.FAILED_PRECONDITION, "ERR_WRONG_STATE"))

    def test_kill_9_restores_the_watching_units(self):
        flag = os.path.join(self.files, "after-restart")
        self.host.on_job = lambda unit: os.unlink(flag)
        self.load("r.path", [("PathExists", flag)])
        self.load("idle.path", [("PathExists", flag + ".idle")])
        self.call("Start", w.UnitRequest(name="r.path"), c.Empty)
        before = self.call("Status", w.UnitRequest(name="r.path"), c.UnitStatus)
        self.assertEqual(os.listdir(os.path.join(self.run_dir, "state", "path")), ["r.path.json"])
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()
        self.start_worker()
        self.assertEqual(list(self.call("List", w.ListRequest(), w.ListResponse).units), [], "nothing before Load")
        q = self.watch()
        self.load("r.path", [("PathExists", flag)])
        self.load("idle.path", [("PathExists", flag + ".idle")])
        st = self.next_of(q, "r.path")
        self.assertEqual((st.active_state, st.sub_state, st.invocation_id, st.active_enter_usec),
                         (c.active, "waiting", before.invocation_id, before.active_enter_usec))
        states = {s.name: s.sub_state for s in self.call("List", w.ListRequest(), w.ListResponse).units}
        self.assertEqual(states, {"r.path": "waiting", "idle.path": "dead"})
        open(flag, "w").close()
        self.assertEqual(self.host.jobs.get(timeout=5), "r.service")
        self.assertTrue(self.wait_for(lambda: self.call("Status", w.UnitRequest(name="r.path"), c.UnitStatus).sub_state == "waiting"))


if __name__ == "__main__":
    unittest.main()
