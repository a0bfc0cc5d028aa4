"""Build, start and stop an Apache Jena Fuseki 5.6 from ``services/fuseki/`` (Maven Central).

Why this exists: ``partygraph load sparql`` speaks the SPARQL 1.1 Graph Store Protocol to
any store, and the tests prove it on a real one. Fuseki's distribution site is not
reachable where partygraph is built, Maven Central is: ``services/fuseki/pom.xml`` copies
``jena-fuseki-main`` and its jars into ``target/lib`` and this module runs it on Java 17
with one dataset, ``/partygraph``, whose default graph is the union of its named graphs
(TDB2's ``unionDefaultGraph``): one named graph per article, as partygraph loads them, and
queries over the union, where a triple stated by many articles is seen once.

Used by ``make fuseki-start`` / ``make fuseki-stop`` (``python -m partygraph.fuseki``), by the
pytest fixture of ``tests/conftest_fuseki.py`` and by the load benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from partygraph.errors import StoreError

REPO = Path(__file__).resolve().parents[1]
SERVICE = REPO / "services" / "fuseki"
TARGET = SERVICE / "target"
MAIN_CLASS = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd"
DATASET = "partygraph"

_CONFIG = """\
PREFIX fuseki: <http://jena.apache.org/fuseki#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX tdb2:   <http://jena.apache.org/2016/tdb#>
[] rdf:type fuseki:Server .
<#service> rdf:type fuseki:Service ;
    fuseki:name "{name}" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "sparql" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:update ; fuseki:name "update" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ; fuseki:name "data" ] ;
    fuseki:dataset <#dataset> .
<#dataset> rdf:type tdb2:DatasetTDB2 ;
    tdb2:location "{location}" ;
    tdb2:unionDefaultGraph true .
"""


@dataclass(frozen=True, slots=True)
class FusekiConfig:
    """One Fuseki: its working folder (config, log, pid, data unless in memory) and port."""

    home: Path = SERVICE / "data"
    host: str = "127.0.0.1"
    port: int = 3030
    in_memory: bool = True
    heap: str = "1g"
    java: str = os.environ.get("JAVA", "java")

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}/{DATASET}"

    @property
    def query_endpoint(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_endpoint(self) -> str:
        return f"{self.base}/update"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/data"

    @property
    def pid_file(self) -> Path:
        return self.home / "fuseki.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "fuseki.log"


def built() -> bool:
    return any((TARGET / "lib").glob("jena-fuseki-main-*.jar"))


def build(*, quiet: bool = True) -> None:
    """``mvn package`` the service (the first run downloads ~35 MB from Maven Central)."""
    if built():
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StoreError("Maven (mvn) is needed once to fetch Fuseki into services/fuseki "
                         "(apt-get install maven)")
    cmd = [mvn, "-B", *(["-q"] if quiet else []), "-f", str(SERVICE / "pom.xml"), "package"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not built():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-20:])
        raise StoreError(f"fetching Fuseki failed ({' '.join(cmd)}):\n{tail}")


def java_command(cfg: FusekiConfig) -> list[str]:
    """The command line for ``cfg`` (its config file is written by :func:`start`)."""
    config = cfg.home / "config.ttl"
    return [cfg.java, f"-Xmx{cfg.heap}", "-cp", str(TARGET / "lib" / "*"), MAIN_CLASS,
            "--localhost" if cfg.host in ("127.0.0.1", "localhost") else "",
            "--port", str(cfg.port), "--config", str(config)]


def _ping(cfg: FusekiConfig) -> bool:
    try:
        with urllib.request.urlopen(f"{cfg.query_endpoint}?query=ASK%7B%7D", timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


def start(cfg: FusekiConfig, *, timeout: float = 120.0) -> subprocess.Popen[bytes]:
    """Start Fuseki in the background, wait until it answers; the caller stops it."""
    build()
    cfg.home.mkdir(parents=True, exist_ok=True)
    location = "--mem--" if cfg.in_memory else str(cfg.home / "tdb2")
    (cfg.home / "config.ttl").write_text(_CONFIG.format(name=DATASET, location=location),
                                         encoding="utf-8")
    with open(cfg.log_file, "ab") as log:
        proc = subprocess.Popen([a for a in java_command(cfg) if a], stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=cfg.home, start_new_session=True)
    cfg.pid_file.write_text(f"{proc.pid}\n")
    deadline = time.monotonic() + timeout
    while not _ping(cfg):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc, cfg)
            tail = "\n".join(cfg.log_file.read_text(errors="replace").splitlines()[-20:])
            raise StoreError(f"Fuseki did not start on port {cfg.port} (log {cfg.log_file}):"
                             f"\n{tail}")
        time.sleep(0.3)
    return proc


def stop(proc: subprocess.Popen[bytes] | int, cfg: FusekiConfig, timeout: float = 30) -> None:
    """SIGTERM, then SIGKILL after ``timeout``; a Popen is also waited for (reaped)."""
    pid = proc if isinstance(proc, int) else proc.pid
    with contextlib.suppress(ProcessLookupError):     # already gone
        os.kill(pid, signal.SIGTERM)
    if not isinstance(proc, int):
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    cfg.pid_file.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partygraph.fuseki",
                                     description="Run Apache Jena Fuseki 5.6 for partygraph.")
    parser.add_argument("action", choices=["build", "start", "stop"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("FUSEKI_PORT", "3030")))
    parser.add_argument("--persist", action="store_true",
                        help="keep the data in services/fuseki/data/tdb2 (default: in memory)")
    args = parser.parse_args(argv)
    cfg = FusekiConfig(port=args.port, in_memory=not args.persist)
    try:
        if args.action == "build":
            build(quiet=False)
        elif args.action == "start":
            proc = start(cfg)
            print(f"Fuseki running: pid {proc.pid}, query {cfg.query_endpoint}, "
                  f"graph store {cfg.graph_store}, log {cfg.log_file}")
        elif cfg.pid_file.exists():
            stop(int(cfg.pid_file.read_text().strip()), cfg)
            print("stopped")
        else:
            print("was not running")
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
