"""Load check for `onrecord serve`: requests/s and p95 latency of the speaker and question pages at 1 and 8
concurrent clients, on loopback, for a bounded time each.

    python bench/serve.py --db polnear.db [--seconds 10] [--clients 1 8]

Starts `onrecord serve` on a free loopback port over the store (read only: nothing is written), walks
the 20 most quoted speakers' pages and every question's page round-robin, and prints one row per
(page, clients).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "ONRECORD_API_KEY"}
    command = [sys.executable, "-m", "onrecord", "serve", "--db", db, "--port", str(port)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("onrecord serve did not start within 60 s")


def load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[int, list[float], int]:
    """Requests done, their latencies (s) and the non-200 count, with ``clients`` threads for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as session:
            n = offset
            while time.monotonic() < stop:
                started = time.perf_counter()
                status = session.get(paths[n % len(paths)]).status_code
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    errors += status != 200
                n += 1

    threads = [threading.Thread(target=client, args=(i * 7,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store: SQLite file or postgresql:// URL")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each (page, clients) run lasts")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    process, base = start(args.db)
    try:
        speakers = httpx.get(f"{base}/api/speakers", params={"limit": 20}).json()["speakers"]
        questions = httpx.get(f"{base}/api/questions").json()["questions"]
        pages = {
            "speaker": [f"/speakers/{s['id']}" for s in speakers],
            "question": [f"/questions/{q['id']}" for q in questions],
        }
        status = httpx.get(f"{base}/api").json()["status"]
        print(
            f"store: {status['articles']} articles, {status['statements']} statements, "
            f"{status['speakers']} speakers, {len(questions)} questions; {args.seconds:g} s per row, loopback"
        )
        print(
            f"{'page':<10}{'clients':>8}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}"
        )
        for name, paths in pages.items():
            if not paths:
                print(f"{name:<10}  (none in this store)")
                continue
            load(base, paths[:2], 1, 1.0)  # warm up
            for clients in args.clients:
                done, latencies, errors = load(base, paths, clients, args.seconds)
                p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) > 1 else latencies[0]
                print(
                    f"{name:<10}{clients:>8}{done:>10}{done / args.seconds:>9.1f}"
                    f"{statistics.median(latencies) * 1000:>9.1f}{p95 * 1000:>9.1f}{errors:>8}"
                )
    finally:
        process.terminate()
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
