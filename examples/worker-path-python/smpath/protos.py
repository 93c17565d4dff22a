"""The sysmaster.v1 message classes, generated with protoc from the repository's .proto files.

Generated once per content of the protos into a cache directory (never committed): the folder
is named by a hash of the .proto files and the protobuf runtime version, written under a temporary
name and renamed into place, so two workers starting at once do not see half a generation.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from types import ModuleType
from typing import Tuple

PROTO_FILES = ("sysmaster/v1/common.proto", "sysmaster/v1/worker.proto")


def default_proto_dir() -> str:
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for candidate in (os.path.join(here, "..", "..", "protos"), "/usr/share/sysmaster/protos"):
        if os.path.isfile(os.path.join(candidate, PROTO_FILES[1])):
            return os.path.normpath(candidate)
    return os.path.normpath(os.path.join(here, "..", "..", "protos"))


def generate(proto_dir: str, cache_root: str) -> str:
    """Generates (or finds) the Python code of the protos; returns the folder to put on sys.path."""
    import google.protobuf  # the runtime the code is generated for

    digest = hashlib.sha256(google.protobuf.__version__.encode())
    for name in PROTO_FILES:
        path = os.path.join(proto_dir, name)
        try:
            with open(path, "rb") as f:
                digest.update(name.encode() + b"\0" + f.read())
        except OSError as error:
            raise RuntimeError(f"cannot read {path} ({error.strerror}); pass --protos DIR (the folder holding sysmaster/v1/*.proto)") from error
    target = os.path.join(cache_root, digest.hexdigest()[:16])
    if os.path.isfile(os.path.join(target, "complete")):
        return target
    protoc = shutil.which("protoc") or ("/usr/bin/protoc" if os.path.exists("/usr/bin/protoc") else None)
    if not protoc:
        raise RuntimeError("protoc is not installed (Debian: apt-get install protobuf-compiler)")
    os.makedirs(cache_root, mode=0o755, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".gen-", dir=cache_root)
    try:
        run = subprocess.run([protoc, "-I", proto_dir, f"--python_out={tmp}", *PROTO_FILES],
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise RuntimeError(f"protoc failed ({run.returncode}): {run.stderr.strip()}")
        with open(os.path.join(tmp, "complete"), "w") as f:
            f.write(google.protobuf.__version__ + "\n")
        try:
            os.rename(tmp, target)
        except OSError:
            if not os.path.isfile(os.path.join(target, "complete")):
                raise
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def load(proto_dir: str, cache_root: str) -> Tuple[ModuleType, ModuleType]:
    """(common_pb2, worker_pb2)."""
    folder = generate(proto_dir, cache_root)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    common = importlib.import_module("sysmaster.v1.common_pb2")
    worker = importlib.import_module("sysmaster.v1.worker_pb2")
    return common, worker
