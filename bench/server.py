"""A real Herzen web server for benchmarks: gunicorn with N worker processes on a loopback port, the demo's
settings with DEBUG off (DEBUG keeps every query in memory, which would distort memory and speed), and a
sampler that records the peak resident memory (RSS) of each worker while it runs.

    with running_server("postgres://postgres@127.0.0.1:5432/herzen_bench_10k") as server:
        ...requests to server.url...
    server.peak_worker_rss_mb  # the largest RSS any worker reached, in MiB

Only 127.0.0.1 is ever bound or requested.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    peak_rss: dict[int, int] = field(default_factory=dict)  # worker pid -> peak RSS in bytes
    _stop_sampling: threading.Event = field(default_factory=threading.Event)

    def worker_pids(self) -> list[int]:
        try:
            return [child.pid for child in psutil.Process(self.process.pid).children()]
        except psutil.NoSuchProcess:
            return []

    @property
    def peak_worker_rss_mb(self) -> float:
        return round(max(self.peak_rss.values(), default=0) / 2**20, 1)

    def reset_peaks(self) -> None:
        """Forget the peaks so far (e.g. those of warming up), keep sampling."""
        self.peak_rss.clear()

    def _sample(self, interval: float) -> None:
        while not self._stop_sampling.wait(interval):
            for pid in self.worker_pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.NoSuchProcess:
                    continue
                self.peak_rss[pid] = max(rss, self.peak_rss.get(pid, 0))


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before serving")
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=5).read()  # noqa: S310 - loopback only
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer means Django is up
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url} within {timeout:.0f} s")


def server_environment(database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.local",
        HERZEN_DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra or {})
    return env


@contextmanager
def running_server(
    database_url: str,
    *,
    workers: int = 2,
    threads: int = 1,
    env: dict[str, str] | None = None,
    sample_interval: float = 0.2,
    timeout: float = 60,
) -> Iterator[Server]:
    """Start gunicorn (`workers` processes, `threads` threads each) and stop it when the block ends."""
    port = free_port()
    command = [
        str(GUNICORN),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread" if threads > 1 else "--worker-class=sync",
        "--timeout=120",
        "--backlog=2048",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=server_environment(database_url, env))  # noqa: S603
    server = Server(url=f"http://127.0.0.1:{port}", process=process)
    sampler = threading.Thread(target=server._sample, args=(sample_interval,), daemon=True)
    try:
        _wait_until_serving(server.url, process, timeout)
        sampler.start()
        yield server
    finally:
        server._stop_sampling.set()
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
