"""Load test of `okg serve`: concurrent SPARQL clients on loopback, named queries mixed.

    python benchmarks/load_test.py [--clients 20] [--seconds 30] [--store .okg]

Starts the endpoint on a free loopback port, runs the clients for a bounded time,
stops the endpoint, and prints throughput, p50/p99 latency and failures. Not part
of the test suite. Traffic goes to 127.0.0.1 only.
"""

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from graph.library import named_queries


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("okg serve exited before listening")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("okg serve did not start listening within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--store", type=Path, default=Path(".okg"))
    options = parser.parse_args()

    # Queries whose parameters all have defaults can run as they are; the endpoint has no bindings.
    queries = [q for q in named_queries() if not q.parameters]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import main; main()", "serve", "--store", str(options.store), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, server)
        url = f"http://127.0.0.1:{port}/sparql"
        latencies: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + options.seconds

        def client(number: int) -> None:
            turn = number
            while time.monotonic() < stop_at:
                query = queries[turn % len(queries)]
                turn += 1
                data = urllib.parse.urlencode({"query": query.text}).encode()
                request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
                started = time.perf_counter()
                failure = None
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        response.read()
                        if response.status != 200:
                            failure = f"{query.name}: HTTP {response.status}"
                except (urllib.error.URLError, OSError) as error:
                    failure = f"{query.name}: {error}"
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if failure:
                        failures.append(failure)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(options.clients)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(timeout=10)

    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    print(f"clients: {options.clients}, seconds: {wall:.1f}, queries mixed: {len(queries)} named queries")
    print(f"requests: {len(latencies)}, failed: {len(failures)}")
    print(f"throughput: {len(latencies) / wall:.1f} requests/s")
    print(f"latency p50: {statistics.median(ordered) * 1000:.1f} ms, p99: {p99 * 1000:.1f} ms")
    for failure in failures[:5]:
        print(f"  failed: {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
