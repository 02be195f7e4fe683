"""`okg serve` under load, hostile queries and signals: a real server process, real HTTP clients, real Oxigraph."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message

import psutil
import pytest

from tests.conftest import free_port

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = "SELECT (COUNT(*) AS ?n) WHERE { ?r a <https://w3id.org/okg/ontology#Recommendation> }"
OKG = [sys.executable, "-c", "from okg.graph.cli import main; main()"]


@contextmanager
def server(store, *options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """``okg serve`` on a free loopback port, its stderr kept apart; yields the endpoint URL and the process."""
    port = free_port()
    process = subprocess.Popen(
        [*OKG, "serve", "--store", str(store), "--port", str(port), *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"okg serve exited: {process.stderr.read()}")
                if time.monotonic() > deadline:
                    pytest.fail("okg serve did not start listening within 60 s")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/sparql", process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


def request(
    url: str,
    query: str | None = None,
    *,
    data: bytes | None = None,
    content_type: str | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> tuple[int, str, Message]:
    """Status, body and headers of one request (a query POSTed as a form unless ``data`` is given)."""
    if query is not None:
        data, content_type = urllib.parse.urlencode({"query": query}).encode(), "application/x-www-form-urlencoded"
    sent = {"Accept": "text/csv", **(headers or {})}
    if content_type:
        sent["Content-Type"] = content_type
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=sent), timeout=timeout) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def tree(process: subprocess.Popen) -> list[psutil.Process]:
    """The server process and its workers."""
    root = psutil.Process(process.pid)
    return [root, *root.children(recursive=True)]


def rss(process: subprocess.Popen) -> int:
    return sum(p.memory_info().rss for p in tree(process))


def cpu_seconds(process: subprocess.Popen) -> float:
    total = 0.0
    for p in tree(process):
        times = p.cpu_times()
        total += times.user + times.system
    return total


def settle(process: subprocess.Popen, workers: int) -> None:
    """Wait until every worker is up and the tree's memory stops moving (a killed worker is replaced)."""
    deadline = time.monotonic() + 60
    previous = -1
    while time.monotonic() < deadline:
        if len(tree(process)) >= workers + 1:
            now = rss(process)
            if previous > 0 and abs(now - previous) < 0.01 * previous:
                return
            previous = now
        time.sleep(0.5)
    pytest.fail("the server's workers did not settle within 60 s")


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_runaway_query_is_stopped_in_time_and_blocks_nobody(built_corpus) -> None:
    with server(built_corpus.store, "--timeout", "5", "--workers", "2") as (url, process):
        assert request(url, SIMPLE)[:2] == (200, "n\r\n28\r\n")
        settle(process, workers=2)
        memory_before = rss(process)
        workers = tree(process)[1:]

        runaway: dict = {}

        def send_runaway() -> None:
            started = time.monotonic()
            runaway["answer"] = request(url, RUNAWAY)
            runaway["seconds"] = time.monotonic() - started

        sender = threading.Thread(target=send_runaway)
        sender.start()
        time.sleep(0.3)  # the runaway query is being evaluated
        latencies: list[float] = []
        answers: list[tuple[int, str]] = []
        lock = threading.Lock()

        def client() -> None:
            for _ in range(25):
                started = time.monotonic()
                status, body, _ = request(url, SIMPLE)
                with lock:
                    latencies.append(time.monotonic() - started)
                    answers.append((status, body))

        clients = [threading.Thread(target=client) for _ in range(20)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        assert sender.is_alive()  # the simple queries were all answered while the runaway one ran
        sender.join()

        status, body, _ = runaway["answer"]
        assert (status, body) == (400, "the query took longer than the 5 s limit\n")
        assert runaway["seconds"] <= 5 + 1
        assert answers == [(200, "n\r\n28\r\n")] * 500
        assert sorted(latencies)[int(0.99 * len(latencies)) - 1] <= 1.0

        # the worker that evaluated it was stopped with the 400: nothing computes it any more
        assert len([worker for worker in workers if not _alive(worker)]) == 1
        settle(process, workers=2)  # its replacement has loaded the store
        busy = cpu_seconds(process)
        time.sleep(1)
        assert cpu_seconds(process) - busy < 0.2
        assert abs(rss(process) - memory_before) <= 0.1 * memory_before
        assert request(url, SIMPLE)[:2] == (200, "n\r\n28\r\n")


def test_beyond_the_queue_requests_get_503_with_retry_after(built_corpus) -> None:
    with server(built_corpus.store, "--timeout", "3", "--workers", "1", "--queue", "0") as (url, _):
        sender = threading.Thread(target=request, args=(url, RUNAWAY))
        sender.start()
        time.sleep(0.5)
        status, body, headers = request(url, SIMPLE)
        assert (status, body, headers["Retry-After"]) == (503, "every query worker is busy and the queue is full; try again shortly\n", "1")
        sender.join()
        deadline = time.monotonic() + 30
        while (answer := request(url, SIMPLE))[0] == 503 and time.monotonic() < deadline:
            time.sleep(0.2)  # the stopped worker's replacement is loading the store
        assert answer[:2] == (200, "n\r\n28\r\n")


def test_a_query_over_the_memory_limit_is_stopped(built_corpus) -> None:
    greedy = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b ?c ?d ?e ?f WHERE { ?a ?b ?c . ?d ?e ?f } }"
    with server(built_corpus.store, "--timeout", "60", "--max-memory", "50", "--workers", "1") as (url, _):
        started = time.monotonic()
        assert request(url, greedy)[:2] == (400, "the query needed more than the 50 MB memory limit\n")
        assert time.monotonic() - started < 30
        assert request(url, SIMPLE)[:2] == (200, "n\r\n28\r\n")


def test_a_megabyte_query_is_answered_within_the_limit_and_others_meanwhile(built_corpus) -> None:
    values = " ".join(f'"value number {n}"' for n in range(60_000))
    huge = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?v {{ {values} }} }}"
    assert len(huge.encode()) > 2**20
    with server(built_corpus.store, "--timeout", "10", "--workers", "2") as (url, _):
        assert request(url, SIMPLE)[:2] == (200, "n\r\n28\r\n")  # the workers are up
        big: dict = {}

        def send() -> None:
            started = time.monotonic()
            big["answer"] = request(url, huge)[:2]
            big["seconds"] = time.monotonic() - started

        sender = threading.Thread(target=send)
        sender.start()
        others = []
        while sender.is_alive() and len(others) < 20:
            started = time.monotonic()
            others.append((request(url, SIMPLE)[:2], time.monotonic() - started < 1))
        sender.join()
        assert big["answer"] in [(200, "n\r\n60000\r\n"), (400, "the query took longer than the 10 s limit\n")]
        assert big["seconds"] <= 10 + 1
        assert set(others) <= {((200, "n\r\n28\r\n"), True)}


@pytest.fixture()
def listener() -> Iterator[tuple[int, socket.socket]]:
    """A TCP listener on loopback that records whether anything connected to it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.settimeout(0.5)
        yield sock.getsockname()[1], sock


def _connected(sock: socket.socket) -> bool:
    try:
        sock.accept()[0].close()
        return True
    except TimeoutError:
        return False


def test_service_is_refused_without_any_outbound_connection(built_corpus, listener) -> None:
    port, sock = listener
    with server(built_corpus.store, "--timeout", "5") as (url, _):
        for query in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        ):
            assert request(url, query)[:2] == (
                400,
                "SERVICE (federated query) is not allowed on this endpoint; start okg serve with --allow-service\n",
            )
        assert not _connected(sock)
        # the word elsewhere (a string, a variable, a prefixed name) is no federated query
        assert request(url, 'SELECT ?service WHERE { BIND("SERVICE <x>" AS ?service) }')[:2] == (200, "service\r\nSERVICE <x>\r\n")


def test_allow_service_lets_federated_queries_out(built_corpus, listener) -> None:
    port, sock = listener
    with server(built_corpus.store, "--timeout", "3", "--allow-service") as (url, _):
        request(url, f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
        assert _connected(sock)


def test_bad_bodies_and_foreign_hosts_are_refused(built_corpus) -> None:
    with server(built_corpus.store, "--timeout", "5") as (url, _):
        # not UTF-8, directly or once percent-decoded: 400 and the reason, not a 500
        assert request(url, data=b'ASK { ?s ?p "\xff" }', content_type="application/sparql-query")[:2] == (
            400,
            "the request body is not UTF-8 (byte 0xff at offset 13)\n",
        )
        assert request(url, data=b"query=ASK%20%7B%7D%FF", content_type="application/x-www-form-urlencoded")[:2] == (
            400,
            "a form value is not UTF-8 once percent-decoded\n",
        )
        # a form value is decoded once: the same answer by POST as by GET
        text = 'SELECT ("%41" AS ?x) {}'
        assert request(url, text)[:2] == (200, "x\r\n%41\r\n")
        assert request(f"{url}?{urllib.parse.urlencode({'query': text})}")[:2] == (200, "x\r\n%41\r\n")
        # a name this endpoint does not answer to (DNS rebinding), another site's page
        assert request(url, SIMPLE, headers={"Host": "attacker.example"})[:2] == (
            421,
            "Host attacker.example is not this endpoint's address; start okg serve with --public-host NAME to accept another name\n",
        )
        assert request(url, SIMPLE, headers={"Origin": "http://attacker.example"})[:2] == (
            403,
            "cross-origin requests are refused (Origin http://attacker.example)\n",
        )
        assert request(url, SIMPLE, headers={"Sec-Fetch-Site": "cross-site"})[:2] == (
            403,
            "cross-origin requests are refused (Sec-Fetch-Site cross-site)\n",
        )
        assert request(url, SIMPLE, headers={"Host": "localhost", "Sec-Fetch-Site": "same-origin"})[0] == 200
    with server(built_corpus.store, "--public-host", "okg.example") as (url, _):
        assert request(url, SIMPLE, headers={"Host": "okg.example"})[:2] == (200, "n\r\n28\r\n")


def test_a_port_in_use_is_one_line_and_exit_2(built_corpus) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run([*OKG, "serve", "--store", str(built_corpus.store), "--port", str(port)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"okg: cannot listen on 127.0.0.1:{port} (Address already in use)\n")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_ends_the_server_cleanly(built_corpus, stop) -> None:
    with server(built_corpus.store, "--timeout", "5") as (url, process):
        port = url.split(":")[2].split("/")[0]
        assert request(url, SIMPLE)[0] == 200
        workers = tree(process)[1:]
        os.kill(process.pid, stop)
        assert process.wait(timeout=20) == 0
        assert process.stderr.read() == f"okg: SPARQL endpoint at http://127.0.0.1:{port}/sparql (read-only, 5 s per query)\n"
        deadline = time.monotonic() + 5  # multiprocessing's resource tracker ends a moment after the server
        while time.monotonic() < deadline and any(_alive(worker) for worker in workers):
            time.sleep(0.1)
        assert [worker.pid for worker in workers if _alive(worker)] == []
