"""A real Spark standalone cluster on loopback: one master and N workers, each its own JVM.

Started with the ``spark-class`` script that pyspark ships, the way an operator
starts a cluster, with the operator's environment (not the desk's: no
``CASEWORK_*`` variable) and every directory of the cluster inside one private
temporary directory. Used by ``tests/link/test_spark_cluster.py`` and
``bench/link_spark_cluster.py``; everything started is stopped on exit.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"
EXECUTOR_CLASS = "CoarseGrainedExecutorBackend"


def spark_home() -> Path:
    from pyspark.find_spark_home import _find_spark_home

    return Path(_find_spark_home())


def can_run() -> str | None:
    """Why a loopback cluster cannot start here, or None."""
    if shutil.which("java") is None:
        return "Java is not installed"
    try:
        home = spark_home()
    except Exception:  # noqa: BLE001 - pyspark missing or broken
        return "pyspark is not installed"
    if not (home / "bin" / "spark-class").exists():
        return "pyspark has no bin/spark-class"
    return None


def descendants(pid: int) -> list[int]:
    """Process ids below ``pid`` (children, grandchildren ...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_line(pid: int) -> str:
    with suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    return ""


def environment(pid: int) -> dict[str, str]:
    """The environment ``pid`` was started with (empty when it is gone)."""
    with suppress(OSError):
        raw = Path(f"/proc/{pid}/environ").read_bytes()
        pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
        return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}
    return {}


@dataclass
class LoopbackCluster:
    master_url: str
    root: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def worker_pids(self) -> list[int]:
        return [p.pid for p in self.processes[1:]]

    def executor_pids(self) -> list[int]:
        """The executor JVMs the workers are running now (one per worker and application)."""
        return [
            pid for worker in self.worker_pids for pid in descendants(worker) if EXECUTOR_CLASS in command_line(pid)
        ]

    def stop(self) -> None:
        below = [pid for p in self.processes for pid in descendants(p.pid)]
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for pid in below:
            with suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def _operator_environment(root: Path, name: str) -> dict[str, str]:
    keep = ("PATH", "HOME", "JAVA_HOME", "LANG", "LC_ALL")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        SPARK_HOME=str(spark_home()),
        SPARK_LOCAL_IP="127.0.0.1",
        SPARK_LOCAL_DIRS=str(root / name / "local"),
        SPARK_LOG_DIR=str(root / name / "logs"),
        SPARK_NO_DAEMONIZE="1",
        TMPDIR=str(root / name / "tmp"),
    )
    for sub in ("local", "logs", "tmp", "work"):
        (root / name / sub).mkdir(parents=True, mode=0o700, exist_ok=True)
    return env


def _start(root: Path, name: str, args: list[str]) -> tuple[subprocess.Popen[bytes], Path]:
    log = root / name / "daemon.log"
    env = _operator_environment(root, name)
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own fixed command
            [str(spark_home() / "bin" / "spark-class"), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=root / name,
        )
    return process, log


def _wait_for(log: Path, pattern: str, process: subprocess.Popen[bytes], timeout: float) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(pattern, log.read_text(errors="replace"))
        if found:
            return found
        if process.poll() is not None:
            break
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"Spark daemon did not start ({pattern!r} not seen):\n{tail}")


@contextmanager
def loopback_cluster(
    workers: int = 1, cores: int = 1, memory: str = "1g", timeout: float = 300
) -> Iterator[LoopbackCluster]:
    """A standalone master and ``workers`` workers on 127.0.0.1 with random ports; all stopped and removed on exit."""
    root = Path(tempfile.mkdtemp(prefix="spark-cluster-"))
    cluster: LoopbackCluster | None = None
    try:
        master, log = _start(root, "master", [MASTER_CLASS, "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"])
        cluster = LoopbackCluster(master_url="", root=root, processes=[master])
        found = _wait_for(log, r"Starting Spark master at (spark://127\.0\.0\.1:\d+)", master, timeout)
        cluster.master_url = found.group(1)
        logs = []
        for index in range(workers):
            name = f"worker{index + 1}"
            args = [WORKER_CLASS, "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"]
            args += ["--cores", str(cores), "--memory", memory, "--work-dir", str(root / name / "work")]
            worker, worker_log = _start(root, name, [*args, cluster.master_url])
            cluster.processes.append(worker)
            logs.append((worker, worker_log))
        for worker, worker_log in logs:
            _wait_for(worker_log, r"Successfully registered with master", worker, timeout)
        yield cluster
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
