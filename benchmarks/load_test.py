"""Load test of `okg serve`: concurrent SPARQL clients on loopback, named queries mixed.

    python benchmarks/load_test.py [--clients 20] [--seconds 30] [--store .okg] [--timeout 30] [--workers N] [--runaway]

Starts the endpoint on a free loopback port, runs the clients for a bounded time,
stops the endpoint, and prints throughput, p50/p99 latency and failures. With
--runaway, one query that would run for ever is sent as the clients start: its
answer and time are printed, and the server's CPU and memory (its process and
query workers) before the run and after it. Not part of the test suite. Traffic
goes to 127.0.0.1 only.
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

import psutil

from okg.graph.query.library import named_queries

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


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
    parser.add_argument("--timeout", type=float, default=30.0, help="the endpoint's time limit per query")
    parser.add_argument("--workers", type=int, help="the endpoint's query workers (default: its own)")
    parser.add_argument("--runaway", action="store_true", help="send one query that never ends as the clients start")
    options = parser.parse_args()

    # Queries whose parameters all have defaults can run as they are; the endpoint has no bindings.
    queries = [q for q in named_queries() if not q.parameters]
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from okg.graph.cli import main; main()",
            "serve",
            "--store",
            str(options.store),
            "--port",
            str(port),
            "--timeout",
            str(options.timeout),
            *(["--workers", str(options.workers)] if options.workers else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, server)
        url = f"http://127.0.0.1:{port}/sparql"
        latencies: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()
        stop_at = 0.0  # set when the clients start

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
        runaway: dict[str, object] = {}
        if options.runaway:
            _send(url, queries[0].text)  # the workers have answered once: the memory measured is the settled one
            time.sleep(2)
            memory_before = _rss(server)

            def send_runaway() -> None:
                started = time.perf_counter()
                runaway["status"] = _send(url, RUNAWAY)
                runaway["seconds"] = time.perf_counter() - started

            threads.append(threading.Thread(target=send_runaway))
        began = time.monotonic()
        stop_at = began + options.seconds
        for thread in reversed(threads):
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - began
        if options.runaway:
            time.sleep(1)
            cpu = _cpu(server)
            time.sleep(1)
            idle = _cpu(server) - cpu
            time.sleep(3)  # the stopped worker's replacement has loaded the store
            memory_after = _rss(server)
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
    if options.runaway:
        print(f"runaway query: HTTP {runaway['status']} after {runaway['seconds']:.2f} s (limit {options.timeout:g} s)")
        print(
            f"server CPU in the second after: {idle:.2f} s; memory: {memory_before / 2**20:.0f} MB before, "
            f"{memory_after / 2**20:.0f} MB after ({(memory_after - memory_before) / memory_before:+.1%})"
        )
    sys.exit(1 if failures else 0)


def _send(url: str, query: str) -> int:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _tree(server: subprocess.Popen) -> list[psutil.Process]:
    root = psutil.Process(server.pid)
    return [root, *root.children(recursive=True)]


def _rss(server: subprocess.Popen) -> int:
    return sum(process.memory_info().rss for process in _tree(server))


def _cpu(server: subprocess.Popen) -> float:
    return sum(sum(process.cpu_times()[:2]) for process in _tree(server))


if __name__ == "__main__":
    main()
