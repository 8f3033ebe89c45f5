"""The SQL engines Splink runs on: DuckDB in process, Spark on one machine or a cluster.

Both are opened here and nowhere else, with :func:`linkage_engine`, a context
manager: whatever happens inside, everything the engine wrote is gone when it
closes. That matters because linkage reads decrypted mention fields (counties,
perpetrators, coordinates, evidence word stems):

* DuckDB runs in memory with spilling disabled, so it never writes them.
* Spark gets a fresh JVM per run whose every directory (shuffle and spill files,
  ``spark.local.dir``; the checkpoint directory; ``java.io.tmpdir``; the SQL
  warehouse) lies inside one private (0700) temporary directory, deleted after
  the run, success or failure. Shuffle, spill and cached blocks are encrypted
  with a key that lives only in the application's memory
  (``spark.io.encryption.enabled``), intermediate tables are kept with
  ``persist`` (memory, spilling encrypted) rather than written as Parquet, and
  the JVM is started without the desk's environment variables
  (``CASEWORK_PASSPHRASE`` above all), so no executor can inherit them.

On a cluster (``spark://host:7077``, ``yarn``, ``k8s://...``) the executors'
shuffle files are on the workers' local directories: see docs/linkage.md for
running on workers with encrypted local disks. Cluster-wide settings (executor
memory, ``spark.driver.host``, ``spark.authenticate``) go where Spark expects
them, ``$SPARK_CONF_DIR/spark-defaults.conf``; the settings above are set here
and win.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from casework.errors import LinkageError
from casework.model import LINK_ENGINES

log = logging.getLogger(__name__)

# Splink warns through its own loggers; without a handler Python would print them
# to stderr through its last-resort handler. An application that configures
# logging still receives them.
logging.getLogger("splink").addHandler(logging.NullHandler())

ENGINES = LINK_ENGINES

LOCAL_MASTER = "local[2]"
"""Spark without a cluster: two worker threads in the driver's JVM."""

SECRET_VARIABLES = ("PGPASSWORD", "PGPASSFILE")
"""Variables besides every ``CASEWORK_*`` one that the JVM must not inherit."""

_launch_lock = threading.Lock()

# pyspark warns on every DataFrame conversion that it has not been tested with pandas 3; the
# conversions linkage uses (Arrow tables in, four columns out) are covered by our tests.
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)


@dataclass(frozen=True)
class SparkEngine:
    """Where Spark runs.

    ``master`` is a Spark master URL (``spark://host:7077``, ``yarn``,
    ``k8s://...`` or ``local[N]``); ``remote`` a Spark Connect URL
    (``sc://host:15002``). With neither, ``SPARK_REMOTE`` is used when set, else
    local mode on two threads.
    """

    master: str | None = None
    remote: str | None = None

    name = "spark"

    def resolved(self) -> SparkEngine:
        """The same engine with the environment's defaults filled in."""
        if self.master or self.remote:
            return self
        remote = os.environ.get("SPARK_REMOTE")
        return SparkEngine(remote=remote) if remote else SparkEngine(master=LOCAL_MASTER)

    @property
    def local(self) -> bool:
        return bool(self.master and self.master.startswith("local"))


Engine = str | SparkEngine
"""An engine name ("duckdb", "spark": local mode) or a :class:`SparkEngine`."""


def engine_from_options(name: str, spark_master: str | None = None) -> Engine:
    """The engine the CLI's ``--engine`` / ``--spark-master`` options ask for."""
    if name not in ENGINES:
        raise LinkageError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
    if spark_master and name != "spark":
        raise LinkageError("--spark-master needs --engine spark")
    return SparkEngine(master=spark_master) if name == "spark" else name


@contextmanager
def linkage_engine(engine: Engine = "duckdb") -> Iterator[Any]:
    """A fresh Splink database API for ``engine``, torn down with everything it wrote on exit."""
    if engine == "duckdb":
        with _duckdb_api() as api:
            yield api
        return
    if engine == "spark":
        engine = SparkEngine()
    if not isinstance(engine, SparkEngine):
        raise LinkageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    with _spark_api(engine.resolved()) as api:
        yield api


def database_api(engine: str = "duckdb") -> Any:
    """A DuckDB Splink API for short work such as explaining one pair; it needs no tear-down.

    In memory and never spilled: DuckDB's default spills to ./.tmp, which would
    put mention fields in plaintext on disk. Spark always goes through
    :func:`linkage_engine`, which removes what it wrote.
    """
    if engine != "duckdb":
        raise LinkageError(f"database_api opens DuckDB only, not {engine!r}: use linkage_engine")
    import duckdb
    from splink import DuckDBAPI

    return DuckDBAPI(connection=duckdb.connect(":memory:", config={"temp_directory": ""}))


@contextmanager
def _duckdb_api() -> Iterator[Any]:
    api = database_api("duckdb")
    try:
        yield api
    finally:
        api.duckdb_con.close()


LOG_CONFIGURATION = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n
"""
"""Spark's log4j2 settings for our JVM: errors only (its defaults print a dozen INFO/WARN lines per run)."""


def _forced_settings(engine: SparkEngine, private: Path) -> dict[str, str]:
    """Settings every run gets whatever spark-defaults.conf says: where files go, encryption, no UI."""
    from splink.backends.spark import similarity_jar_location

    java_options = [
        f"-Djava.io.tmpdir={private / 'tmp'}",
        f"-Dlog4j2.configurationFile=file:{private / 'log4j2.properties'}",
        "-XX:-UsePerfData",  # no hsperfdata file in /tmp
    ]
    settings = {
        "spark.app.name": "casework-link",
        # The driver serves the jar to every executor, which puts it on its class path.
        "spark.jars": similarity_jar_location(),
        "spark.local.dir": str(private / "local"),
        "spark.sql.warehouse.dir": str(private / "warehouse"),
        "spark.driver.extraJavaOptions": " ".join(java_options),
        "spark.io.encryption.enabled": "true",
        # The scored pairs come back through the driver; Spark's 1 GB is too little from ~100,000 mentions.
        "spark.driver.memory": os.environ.get("SPARK_DRIVER_MEMORY", "3g"),
        "spark.eventLog.enabled": "false",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }
    if engine.master:
        settings["spark.master"] = engine.master
    host = urlsplit(engine.master or "").hostname
    if engine.local or host in ("127.0.0.1", "localhost"):
        settings["spark.driver.bindAddress"] = "127.0.0.1"
        settings["spark.driver.host"] = "127.0.0.1"
    return settings


def _default_settings(engine: SparkEngine) -> dict[str, str]:
    """Settings for a desk-sized job, used unless spark-defaults.conf says otherwise.

    Spark's 200 shuffle partitions suit terabytes; a desk's mentions are
    megabytes, and each partition is a task with its own overhead.
    """
    partitions = "4" if engine.local else "8"
    return {"spark.sql.shuffle.partitions": partitions, "spark.default.parallelism": partitions}


def _remove_abandoned_directories() -> None:
    """Delete the private directories of earlier runs whose process was killed before it could."""
    for directory in Path(tempfile.gettempdir()).glob("casework-spark-*"):
        try:
            owner = int((directory / "owner.pid").read_text())
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(directory, ignore_errors=True)
        except (OSError, ValueError):
            continue  # not ours to judge: no owner file, or a process we may not signal


@contextmanager
def _private_directory() -> Iterator[Path]:
    """A 0700 temporary directory with the subdirectories Spark writes to; removed on exit.

    A run killed outright (SIGKILL, power loss) cannot remove its directory; the next
    run removes every such directory whose owning process is gone.
    """
    _remove_abandoned_directories()
    private = Path(tempfile.mkdtemp(prefix="casework-spark-"))
    (private / "owner.pid").write_text(str(os.getpid()), encoding="ascii")
    try:
        for name in ("local", "checkpoints", "tmp", "warehouse"):
            (private / name).mkdir(mode=0o700)
        (private / "log4j2.properties").write_text(LOG_CONFIGURATION, encoding="utf-8")
        yield private
    finally:
        shutil.rmtree(private, ignore_errors=True)


@contextmanager
def _environment_for_jvm(private: Path) -> Iterator[None]:
    """Hide the desk's secrets from the JVM about to be started and point its temporary files at ``private``.

    pyspark copies ``os.environ`` into the JVM it launches; there is no other way
    to give it a smaller environment. The variables are back once the JVM runs.
    """
    saved = dict(os.environ)
    try:
        for name in list(os.environ):
            if name.startswith("CASEWORK_") or name in SECRET_VARIABLES:
                del os.environ[name]
        os.environ["TMPDIR"] = str(private / "tmp")
        os.environ["SPARK_LOCAL_DIRS"] = str(private / "local")
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def _spark_api(engine: SparkEngine) -> Iterator[Any]:
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import SparkAPI
    except ImportError as err:
        raise LinkageError("engine spark: pyspark is not installed (pip install 'casework[spark]')") from err
    if engine.remote:
        with _spark_connect_session(engine.remote) as session:
            yield SparkAPI(spark_session=session, break_lineage_method="persist")  # type: ignore[no-untyped-call]
        return
    with _private_directory() as private, _launch_lock:
        from py4j.protocol import Py4JError
        from pyspark import SparkConf, SparkContext
        from pyspark.errors import PySparkException
        from pyspark.java_gateway import launch_gateway

        if SparkContext._active_spark_context is not None:
            raise LinkageError("engine spark: another Spark session is running in this process")
        forced = list(_forced_settings(engine, private).items())
        # The JVM's own output (start-up notices, Spark's errors) goes to a file that is
        # deleted with the rest; the desk's stderr keeps its one-line messages.
        with _environment_for_jvm(private), (private / "driver.log").open("wb") as output:
            try:
                gateway = launch_gateway(  # type: ignore[no-untyped-call]
                    SparkConf(loadDefaults=False).setAll(forced), popen_kwargs={"stdout": output, "stderr": output}
                )
            except Exception as err:  # noqa: BLE001 - pyspark raises bare runtime errors
                raise LinkageError(
                    f"engine spark: the Spark driver did not start: {_last_error(private / 'driver.log')}"
                ) from err
        try:
            conf = SparkConf(_jvm=gateway.jvm)  # spark-defaults.conf as spark-submit read it
            for key, value in _default_settings(engine).items():
                conf.setIfMissing(key, value)
            context = SparkContext(conf=conf.setAll(forced), gateway=gateway)
            context.setLogLevel("ERROR")
            context.setCheckpointDir(str(private / "checkpoints"))
            yield SparkAPI(spark_session=SparkSession(context), break_lineage_method="persist")  # type: ignore[no-untyped-call]
        except (Py4JError, PySparkException) as err:
            raise LinkageError(f"engine spark: the Spark job failed ({_last_error(private / 'driver.log')})") from err
        finally:
            _stop_jvm(gateway)


_JAVA_ERROR = re.compile(r"\b(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b")


def _last_error(log_file: Path) -> str:
    """The class of the last Java error the JVM logged (never its message, which may quote mention fields)."""
    try:
        found = _JAVA_ERROR.findall(log_file.read_text(errors="replace"))
    except OSError:
        found = []
    return found[-1] if found else "no Java error was logged"


def _stop_jvm(gateway: Any) -> None:
    """Stop the session and end the JVM, so that nothing of this run stays in memory or holds a file open."""
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession()
    try:
        if session is not None:
            session.stop()
        elif SparkContext._active_spark_context is not None:
            SparkContext._active_spark_context.stop()
    except Exception as err:  # noqa: BLE001 - stopping must go on to end the JVM
        log.warning("Spark session did not stop cleanly: %s", type(err).__name__)
    try:
        gateway.shutdown()
    except Exception as err:  # noqa: BLE001
        log.debug("py4j gateway shutdown: %s", type(err).__name__)
    process = getattr(gateway, "proc", None)
    if process is not None:
        if process.stdin is not None:
            process.stdin.close()  # the JVM exits when its stdin closes
        try:
            process.wait(timeout=30)
        except Exception:  # noqa: BLE001 - a JVM that will not exit is killed
            process.kill()
            process.wait()
    # pyspark keeps the gateway of the first JVM for the life of the process; the
    # next run must launch its own.
    SparkContext._gateway = None
    SparkContext._jvm = None


@contextmanager
def _spark_connect_session(remote: str) -> Iterator[Any]:
    """A Spark Connect session: the JVM, its temporary files and the jar are the server's.

    The server is configured by whoever runs it (docs/linkage.md); this process
    starts no JVM, so the desk's environment never leaves it.
    """
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    try:
        session = SparkSession.builder.remote(remote).appName("casework-link").create()
    except Exception as err:  # noqa: BLE001 - a missing client library or an unreachable server
        raise LinkageError(
            f"engine spark: Spark Connect at {remote} is not usable ({type(err).__name__}); "
            "pip install 'pyspark[connect]' and check the server"
        ) from err
    try:
        session.addArtifacts(similarity_jar_location())
        yield session
    finally:
        session.stop()
