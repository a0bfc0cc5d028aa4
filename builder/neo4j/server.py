"""Build, start, stop and wait for the Neo4j launcher of ``services/neo4j/``.

Why this exists: where partygraph is built there is no Docker and Neo4j's download site is
unreachable, but Maven Central is. ``services/neo4j/pom.xml`` resolves Neo4j 5.26 LTS
(``org.neo4j:neo4j``, the whole DBMS) and a small ``Main`` that turns on Bolt; this module
runs it on the machine's Java 17 with the flags Neo4j needs there, keeps a pid file and a log
in the server's home, and waits until Bolt accepts the login before it returns.

Used by ``make neo4j-start`` / ``make neo4j-stop`` (``python -m partygraph.neo4j.server``), by
the pytest fixture of ``tests/conftest_neo4j.py`` and by the benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from partygraph.errors import StoreError
from partygraph.neo4j.connect import DEFAULT_PASSWORD, DEFAULT_USER, Connection, connect

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "services" / "neo4j"
POM = LAUNCHER / "pom.xml"
TARGET = LAUNCHER / "target"
DEFAULT_HOME = LAUNCHER / "data" / "server"
READY_MARK = "partygraph-neo4j READY"
MAIN_CLASS = "org.partygraph.neo4j.Main"

#: What Neo4j 5 needs on Java 17 (the same list its own launcher script passes).
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
)


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """One launcher instance: where it keeps its files and what it listens on.

    Small defaults (1 GiB heap, 256 MiB page cache) suit tests on a 2-core machine; the
    benchmark passes bigger ones. ``NEO4J_HEAP`` / ``NEO4J_PAGECACHE`` override the defaults
    for ``make neo4j-start``.
    """

    home: Path = DEFAULT_HOME
    host: str = "127.0.0.1"
    port: int = 7687
    password: str = field(default_factory=lambda: os.environ.get("NEO4J_PASSWORD",
                                                                  DEFAULT_PASSWORD))
    heap: str = field(default_factory=lambda: os.environ.get("NEO4J_HEAP", "1g"))
    pagecache: str = field(default_factory=lambda: os.environ.get("NEO4J_PAGECACHE", "256m"))
    tx_memory: str = "0"            # 0: Neo4j's default share of the heap
    java: str = field(default_factory=lambda: os.environ.get("JAVA", "java"))

    @property
    def uri(self) -> str:
        return f"bolt://{self.host}:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "neo4j.log"

    def connection(self) -> Connection:
        return Connection(self.uri, DEFAULT_USER, self.password)

    def __repr__(self) -> str:
        return f"ServerConfig(home={str(self.home)!r}, uri={self.uri!r}, heap={self.heap!r})"


# -- build ------------------------------------------------------------------------------------
def launcher_built() -> bool:
    """Whether ``mvn package`` has left the classes and the runtime jars in target/."""
    return ((TARGET / "classes" / "org" / "partygraph" / "neo4j" / "Main.class").is_file()
            and (TARGET / "lib").is_dir() and any((TARGET / "lib").glob("neo4j-5.*.jar")))


def build_launcher(*, force: bool = False, quiet: bool = True) -> None:
    """``mvn package`` the launcher (the first run downloads ~120 MB from Maven Central)."""
    if launcher_built() and not force:
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StoreError("Maven (mvn) is not on PATH: it is needed once to build the Neo4j "
                         "launcher in services/neo4j (apt-get install maven)")
    cmd = [mvn, "-B", *(["-q"] if quiet else []), "-f", str(POM), "package"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not launcher_built():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise StoreError(f"building the Neo4j launcher failed ({' '.join(cmd)}):\n{tail}")


def java_command(cfg: ServerConfig) -> list[str]:
    """The command line that runs the launcher for ``cfg`` (no secrets on it)."""
    classpath = os.pathsep.join([str(TARGET / "classes"), str(TARGET / "lib" / "*")])
    return [cfg.java, f"-Xms{cfg.heap}", f"-Xmx{cfg.heap}", *JVM_FLAGS, "-cp", classpath,
            MAIN_CLASS, "--home", str(cfg.home), "--host", cfg.host, "--port", str(cfg.port),
            "--pagecache", cfg.pagecache, "--tx-memory", cfg.tx_memory]


# -- processes --------------------------------------------------------------------------------
def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now (for a server of its own per test session)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child is not alive
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def read_pid(cfg: ServerConfig) -> int | None:
    """The pid recorded in the home, when that process still runs."""
    try:
        pid = int(cfg.pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pid if _alive(pid) else None


def _port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _log_tail(cfg: ServerConfig, lines: int = 30) -> str:
    try:
        return "\n".join(cfg.log_file.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _ready_since(cfg: ServerConfig, offset: int) -> bool:
    try:
        with open(cfg.log_file, "rb") as f:
            f.seek(offset)
            return READY_MARK.encode() in f.read()
    except OSError:
        return False


def wait_for_bolt(cfg: ServerConfig, timeout: float = 180.0, pid: int | None = None,
                  log_offset: int | None = None) -> None:
    """Return once Bolt on ``cfg.uri`` accepts the login; fail early if the process dies.

    When ``log_offset`` is given (a fresh start), the login is only tried once the launcher
    has logged its READY line past that offset: Bolt opens before the launcher has set the
    password, and early wrong logins would trip Neo4j's authentication rate limit.
    """
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if pid is not None and not _alive(pid):
            raise StoreError(f"the Neo4j launcher (pid {pid}) exited while starting; "
                             f"last lines of {cfg.log_file}:\n{_log_tail(cfg)}")
        if (log_offset is None or _ready_since(cfg, log_offset)) \
                and _port_open(cfg.host, cfg.port):
            try:
                connect(cfg.connection()).close()
                return
            except StoreError as exc:
                last = exc
                if "refused the login" in str(exc):
                    raise
        time.sleep(0.5)
    raise StoreError(f"Neo4j did not answer on {cfg.uri} within {timeout:.0f} s ({last}); "
                     f"last lines of {cfg.log_file}:\n{_log_tail(cfg)}")


def start(cfg: ServerConfig | None = None, *, timeout: float = 180.0, build: bool = True,
          ) -> int:
    """Start the launcher in the background and wait for Bolt; return its pid.

    Idempotent: when the pid file names a live launcher that answers, it is reused. A stale
    pid file is removed. The port must be free otherwise (a clear error says who holds it).
    """
    cfg = cfg or ServerConfig()
    if build:
        build_launcher()
    elif not launcher_built():
        raise StoreError("the Neo4j launcher is not built: run `make neo4j-build`")
    cfg.home.mkdir(parents=True, exist_ok=True)
    pid = read_pid(cfg)
    if pid is not None:
        wait_for_bolt(cfg, timeout=timeout, pid=pid)
        return pid
    cfg.pid_file.unlink(missing_ok=True)
    if _port_open(cfg.host, cfg.port):
        raise StoreError(f"port {cfg.port} on {cfg.host} is already in use by another "
                         "process; stop it or choose another port (NEO4J_PORT=...)")
    env = dict(os.environ, NEO4J_PASSWORD=cfg.password)
    offset = cfg.log_file.stat().st_size if cfg.log_file.exists() else 0
    with open(cfg.log_file, "ab") as log:
        log.write(f"\n=== starting {' '.join(java_command(cfg))}\n".encode())
        log.flush()
        proc = subprocess.Popen(java_command(cfg), stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, cwd=cfg.home,
                                start_new_session=True)
    cfg.pid_file.write_text(f"{proc.pid}\n")
    _LAUNCHED[proc.pid] = proc
    try:
        wait_for_bolt(cfg, timeout=timeout, pid=proc.pid, log_offset=offset)
    except BaseException:
        stop(cfg)
        raise
    return proc.pid


#: The servers this process launched, by pid: kept so that the child is waited for (a
#: dropped Popen of a running child is a ResourceWarning, an error under pytest here)
#: and reaped when stopped.
_LAUNCHED: dict[int, subprocess.Popen[bytes]] = {}


def stop(cfg: ServerConfig | None = None, *, timeout: float = 60.0) -> bool:
    """Stop the launcher named by the pid file (SIGTERM, then SIGKILL after ``timeout``).

    Returns whether a process was stopped. Only that pid is signalled.
    """
    cfg = cfg or ServerConfig()
    pid = read_pid(cfg)
    if pid is None:
        cfg.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    proc = _LAUNCHED.pop(pid, None)
    if proc is not None:      # our child: wait for it (which also reaps it)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        cfg.pid_file.unlink(missing_ok=True)
        return True
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)
    cfg.pid_file.unlink(missing_ok=True)
    return True


def status(cfg: ServerConfig | None = None) -> str:
    """One line: running (pid, uri) or stopped."""
    cfg = cfg or ServerConfig()
    pid = read_pid(cfg)
    if pid is None:
        return f"stopped (home {cfg.home})"
    return f"running: pid {pid}, {cfg.uri}, home {cfg.home}, log {cfg.log_file}"


# -- command line (make neo4j-start / neo4j-stop) ------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partygraph.neo4j.server",
                                     description="Run partygraph's Neo4j 5.26 launcher.")
    parser.add_argument("action", choices=["build", "start", "stop", "status", "restart"])
    parser.add_argument("--home", type=Path,
                        default=Path(os.environ.get("NEO4J_HOME_DIR", DEFAULT_HOME)))
    parser.add_argument("--host", default=os.environ.get("NEO4J_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("NEO4J_PORT", "7687")))
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args(argv)
    cfg = ServerConfig(home=args.home, host=args.host, port=args.port)
    try:
        if args.action == "build":
            build_launcher(force=True, quiet=False)
            print(f"built {TARGET}")
        elif args.action == "status":
            print(status(cfg))
        elif args.action == "stop":
            print("stopped" if stop(cfg) else "was not running")
        else:
            if args.action == "restart":
                stop(cfg)
            pid = start(cfg, timeout=args.timeout)
            print(f"Neo4j 5.26 running: {cfg.uri} (user neo4j, password from NEO4J_PASSWORD), "
                  f"pid {pid}, log {cfg.log_file}")
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
