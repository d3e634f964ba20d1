"""The deployment in deploy/, started on loopback: PostgreSQL, N `coach serve` processes and Debian's
nginx with the shipped configuration (only its ports and paths changed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from coach.testing.processes import stop_process
from tests.web.conftest import ROOT, Server, free_port

NGINX = "/usr/sbin/nginx"
SITE = ROOT / "deploy" / "nginx-coach.conf"
# who was served by which process: the test tells its trainees apart by an X-Trainee header
LOG_FORMAT = "'$msec|$http_x_trainee|$upstream_addr|$status|$request_method|$uri'"


def site_config(site: str, listen: int, backends: list[int]) -> str:
    """The shipped site with its upstream servers and listening port replaced."""
    shipped = re.search(r"(?m)^\s*server 127\.0\.0\.1:\d+([^\n]*)\n", site)
    assert shipped, "no upstream servers in the shipped nginx configuration"
    servers = "".join(f"    server 127.0.0.1:{p}{shipped.group(1)}\n" for p in backends)  # as shipped: only the port
    site, count = re.subn(r"(?m)^\s*server 127\.0\.0\.1:\d+[^\n]*\n", "", site)
    assert count, "no upstream servers in the shipped nginx configuration"
    site = site.replace("    keepalive 32;\n", servers + "    keepalive 32;\n")
    site, count = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen};", site)
    assert count == 1
    return site


class Nginx:
    """Debian's nginx in the foreground, its files in a folder of its own."""

    def __init__(self, backends: list[int], port: int | None = None):
        self.port = port or free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="coach-nginx-"))
        os.chmod(self.folder, 0o755)  # worker processes run as an unprivileged user when started as root
        (self.folder / "coach.conf").write_text(site_config(SITE.read_text(encoding="utf-8"), self.port, backends))
        (self.folder / "nginx.conf").write_text(f"""
worker_processes 1;
pid {self.folder}/nginx.pid;
error_log {self.folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format coach {LOG_FORMAT};
    access_log {self.folder}/access.log coach;
    client_body_temp_path {self.folder}/body;
    proxy_temp_path {self.folder}/proxy;
    fastcgi_temp_path {self.folder}/fastcgi;
    uwsgi_temp_path {self.folder}/uwsgi;
    scgi_temp_path {self.folder}/scgi;
    include {self.folder}/coach.conf;
}}
""")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Nginx:
        args = [NGINX, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"), "-e",
                str(self.folder / "error.log"), "-g", "daemon off;"]
        checked = subprocess.run([*args, "-t"], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0, checked.stderr
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"nginx did not answer: {(self.folder / 'error.log').read_text()}")

    def served(self) -> list[tuple[float, str, str, int, str]]:
        """(time, trainee, upstream(s), status, uri) for every request logged."""
        out = []
        for line in (self.folder / "access.log").read_text().splitlines():
            at, trainee, upstream, status, _method, uri = line.split("|", 5)
            out.append((float(at), trainee, upstream, int(status), uri))
        return out

    def stop(self) -> None:
        stop_process(self.proc)
        shutil.rmtree(self.folder, ignore_errors=True)


class Cluster:
    """`processes` coach servers on one database, behind nginx."""

    def __init__(self, database: str, home: Path, processes: int, env_extra: dict[str, str] | None = None):
        self.servers = [Server(database, env_extra=env_extra, home=home) for _ in range(processes)]
        self.nginx = Nginx([s.port for s in self.servers])

    @property
    def url(self) -> str:
        return self.nginx.url

    def start(self) -> Cluster:
        with ThreadPoolExecutor(len(self.servers)) as pool:
            list(pool.map(Server.start, self.servers))
        self.nginx.start()
        return self

    def pids(self) -> list[int]:
        return [s.proc.pid for s in self.servers if s.proc is not None and s.proc.poll() is None]

    def stop(self) -> None:
        self.nginx.stop()
        for server in self.servers:
            if server.proc is not None and server.proc.poll() is None:
                server.stop()

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()
