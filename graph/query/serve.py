"""A read-only SPARQL 1.1 Protocol endpoint over the built graph, answered by Oxigraph in worker processes.

Oxigraph's Python API cannot cancel a query (oxigraph/oxigraph#1926), so each
query is parsed, evaluated and serialised in a worker process holding its own
in-memory copy of the store; a worker past the time limit or the memory limit
is killed and replaced, which frees its CPU and memory at once. The event loop
only reads requests, checks them and waits: a slow query never blocks another
client. As many queries run at once as there are workers; a bounded number wait
for one, and beyond that a request gets 503 with Retry-After.

The protocol is a small Starlette application rather than rdflib-endpoint, which
parses every query with rdflib first (minutes for a large VALUES block, outside
any limit), decodes form values twice and serves a query page from a CDN.
"""

import asyncio
import io
import math
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO
from urllib.parse import parse_qsl, urlsplit

import psutil
import pyoxigraph as ox
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from okg.errors import QueryError, ServeError
from okg.graph.lifeline import die_with_parent
from okg.graph.query import run_query, uses_keyword
from okg.graph.query.query_page import render_query_page
from okg.graph.query.substitution import substituted
from okg.graph.sinks import Sink, sink, sinks
from okg.graph.store.backends import Backend, SparqlServer, open_backend
from okg.graph.store.remote import remote_answer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 100_000
DEFAULT_MAX_MEMORY = 2048  # MB one query may add to its worker
DEFAULT_QUEUE = 64  # requests that may wait for a worker
MAX_BODY = 16 * 2**20  # bytes of a request body

_TEXT = "text/plain; charset=utf-8"
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"

# The formats in the order the endpoint prefers them: the first is the answer to a client that accepts anything, and a
# wildcard (text/*) is answered in the first format it covers; a sink not named here comes after these, by name.
PREFERRED = {"results": ("json", "xml", "csv", "tsv"), "triples": ("turtle", "ntriples", "rdfxml", "jsonld")}


@cache
def offered(kind: str) -> dict[str, Sink]:
    """The media types a client may ask for, each with the sink that answers it: those the sinks of ``kind`` name
    (``results`` for SELECT and ASK, ``triples`` for CONSTRUCT and DESCRIBE), in the order of :data:`PREFERRED`,
    every format's own type before the aliases, so that a wildcard picks a format by its own type.
    """
    preferred = PREFERRED.get(kind, ())
    answering = sorted(
        (found for found in sinks(kind) if found.media_types),
        key=lambda found: (preferred.index(found.name) if found.name in preferred else len(preferred), found.name),
    )
    types: dict[str, Sink] = {}
    for position in range(max(len(found.media_types) for found in answering)):
        for found in answering:
            if position < len(found.media_types):
                types.setdefault(found.media_types[position], found)
    return types


# What the `format` parameter may name (as Fuseki and Virtuoso take it), and the media types each stands for:
# a short name covers the results format and the graph format it means, so one name serves SELECT and CONSTRUCT alike.
FORMAT_NAMES = {
    "json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "n3": "text/turtle",  # Turtle is N3
}


@dataclass(frozen=True)
class Limits:
    """What one query, and the endpoint as a whole, may take."""

    timeout: float = DEFAULT_TIMEOUT  # seconds per query, parsing and serialising included
    max_results: int = DEFAULT_MAX_RESULTS  # rows or triples per answer
    max_memory: int = DEFAULT_MAX_MEMORY  # MB a query may add to its worker
    workers: int = max(2, os.cpu_count() or 1)  # queries evaluated at once
    queue: int = DEFAULT_QUEUE  # requests waiting for a worker before 503
    allow_service: bool = False  # SERVICE (federated queries) let through


@dataclass(frozen=True)
class Job:
    """One query as a worker gets it."""

    query: str
    accept: str
    base_iri: str
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    max_results: int
    allow_service: bool
    bindings: tuple[tuple[str, str], ...] = ()  # variable name and its value in N-Triples, from `$name` fields


@dataclass(frozen=True)
class Answer:
    """What the endpoint sends back: a status, a media type, a body."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def refusal(status: int, reason: str, headers: dict[str, str] | None = None) -> Answer:
    """An error answer: the reason in one line of plain text."""
    return Answer(status, _TEXT, (reason.replace("\n", " ") + "\n").encode(), headers or {})


# --- in a worker process -------------------------------------------------------------------------------

Evaluate = Callable[[Job], "ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]"]


def _local(backend: Backend) -> Evaluate:
    database = backend.in_memory()

    def evaluate(job: Job) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        return run_query(
            database, job.query, bound_terms(job.bindings), default_graphs=job.default_graphs, named_graphs=job.named_graphs, base_iri=job.base_iri
        )

    return evaluate


def _remote(endpoint: str, timeout: float) -> Evaluate:
    def evaluate(job: Job) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        graphs = job.default_graphs is not None or job.named_graphs is not None
        return remote_answer(
            endpoint,
            substituted(job.query, bound_terms(job.bindings)),
            list(job.default_graphs or ()) if graphs else None,
            list(job.named_graphs or ()) if graphs else None,
            timeout=timeout + 1,
        )

    return evaluate


def bound_terms(bindings: tuple[tuple[str, str], ...]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The terms of `$name` fields, each value an IRI or a literal written as in N-Triples (RDF4J's protocol extension)."""
    terms = {}
    for name, value in bindings:
        try:
            triples = list(ox.parse(f"<urn:okg:s> <urn:okg:p> {value} .", format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError:
            triples = []
        if len(triples) != 1 or not isinstance(triples[0].object, (ox.NamedNode, ox.Literal)):
            raise QueryError(f'${name}: {value!r} is not an IRI (<...>) or a literal ("...", with ^^<datatype> or @lang) in N-Triples')
        terms[name] = triples[0].object
    return terms


def _work(connection: Connection, backend: Backend, timeout: float, parent: int) -> None:
    """A worker: load the data, say it is ready, then answer jobs until the pipe closes."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group; the server stops its workers
    try:
        evaluate = _remote(backend.location, timeout) if isinstance(backend, SparqlServer) else _local(backend)
    except Exception as error:  # the parent reports it in one line
        connection.send(f"{type(error).__name__}: {error}")
        return
    connection.send(None)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answered = answer(evaluate, job)
        except Exception as error:  # a bug must cost this query only, not the worker
            answered = refusal(500, f"the query could not be answered ({type(error).__name__}: {error})")
        connection.send(answered)


def answer(evaluate: Evaluate, job: Job) -> Answer:
    """The answer to ``job``: its results serialised as the client asked, or the reason it was refused."""
    if not job.allow_service and uses_keyword(job.query, "SERVICE"):
        return refusal(400, "SERVICE (federated query) is not allowed on this endpoint; start okg serve with --allow-service")
    try:
        results = evaluate(job)
        if isinstance(results, ox.QueryBoolean):
            return _written(negotiate(job.accept, offered("results")), results)
        if isinstance(results, ox.QuerySolutions):
            return _counted(
                negotiate(job.accept, offered("results")),
                sink("results", "tsv"),  # a header, then a line a row
                results,
                job.max_results + 1,
                f"the result has more than {job.max_results} rows; narrow the query or add a LIMIT",
                lambda tsv: ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV),
            )
        return _counted(
            negotiate(job.accept, offered("triples")),
            sink("triples", "ntriples"),  # a line a triple
            results,
            job.max_results,
            f"the result has more than {job.max_results} triples; narrow the query",
            lambda triples: (quad.triple for quad in ox.parse(triples, format=ox.RdfFormat.N_TRIPLES)),
        )
    except NotAcceptable as refused:
        return refusal(406, str(refused))
    except QueryError as error:
        return refusal(400, str(error))
    except (OSError, RuntimeError, ValueError, SyntaxError) as error:  # raised while the results are read
        return refusal(400, f"the query failed: {error}")


def _counted(chosen: Sink, counting: Sink, results: object, lines: int, too_large: str, read_back: Callable[[bytes], object]) -> Answer:
    """``results`` written as ``chosen`` asks, refused past ``lines`` lines of the line-based format ``counting``.

    They are written by ``counting`` first, into a stream that stops it past the limit (Oxigraph writes far faster than
    Python could count rows one by one); a client asking for that format gets those bytes, any other the results read
    back and written by ``chosen``.
    """
    written = _capped(lambda out: counting.write(results, out), lines, too_large)
    if chosen == counting:
        return Answer(200, chosen.media_types[0], written)
    return _written(chosen, read_back(written))


def _written(chosen: Sink, answer: object) -> Answer:
    """``answer`` written by the sink ``chosen``, labelled with its own media type."""
    body = io.BytesIO()
    chosen.write(answer, body)
    return Answer(200, chosen.media_types[0], body.getvalue())


class NotAcceptable(Exception):
    """The client accepts none of the media types this answer can be given in."""


def negotiate(accept: str, types: Mapping[str, Sink]) -> Sink:
    """The format of ``types`` that the Accept header ``accept`` prefers; the first of them when any will do.

    An answer is labelled with its format's own media type (``application/json`` asked
    for a SELECT gets ``application/sparql-results+json``).
    """
    wanted = preferences(accept)
    if not wanted:
        return next(iter(types.values()))
    for media_type in wanted:
        if media_type in types:
            return types[media_type]
        kind, _, subtype = media_type.partition("/")
        if subtype == "*":
            for name, found in types.items():
                if kind == "*" or name.startswith(f"{kind}/"):
                    return found
    raise NotAcceptable(
        f"no answer in the media types accepted ({accept}); this query can be answered in "
        + ", ".join(sorted({found.media_types[0] for found in types.values()}))
    )


def preferences(accept: str) -> list[str]:
    """The media types of the Accept header ``accept``, most wanted first (by quality, then order); none with q=0."""
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media_type, *parameters = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type and quality > 0:
            wanted.append((-quality, position, media_type.lower()))
    return [media_type for _, _, media_type in sorted(wanted)]


class _TooLarge(Exception):
    """An answer past the size limit, stopped while it was being written."""


class _Capped(io.RawIOBase):
    """What Oxigraph writes into it, kept; writing more than ``lines`` lines stops it with :class:`_TooLarge`."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self._left = lines
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        chunk = bytes(data)
        self._left -= chunk.count(b"\n")
        if self._left < 0:
            raise _TooLarge
        self._parts.append(chunk)
        return len(chunk)

    def value(self) -> bytes:
        return b"".join(self._parts)


def _capped(write: Callable[[IO[bytes]], object], lines: int, too_large: str) -> bytes:
    """What ``write`` writes, in a line-based format (TSV, N-Triples); :class:`QueryError` past ``lines`` lines.

    Oxigraph serialises rows and triples far faster than Python can look at them
    one by one; counting lines as it writes keeps that speed and still stops a huge
    answer early.
    """
    out = _Capped(lines)
    try:
        # Oxigraph writes into any binary file-like object (its write()); its stubs name only IO[bytes].
        write(out)  # type: ignore[arg-type]
    except _TooLarge:
        raise QueryError(too_large) from None
    return out.value()


# --- in the server process ------------------------------------------------------------------------------


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class _Worker:
    """One worker process and the pipe to it; used by one request at a time."""

    def __init__(self, start: Callable[[], tuple[multiprocessing.process.BaseProcess, Connection]]) -> None:
        self._start = start
        self.process, self.connection = start()
        self._usage = psutil.Process(self.process.pid)

    def ready(self) -> None:
        """Wait until the worker has loaded the data; a worker that could not load it is an error."""
        problem = self.connection.recv() if self.connection.poll(600) else "it did not start within 600 s"
        if problem is not None:
            self.stop()
            raise ServeError(f"a query worker could not start ({problem})")

    def run(self, job: Job, limits: Limits) -> tuple[Answer, bool]:
        """The worker's answer to ``job``, or a refusal when it ran out of time or memory (it is then killed)."""
        try:
            self.connection.send(job)
            baseline = self._usage.memory_info().rss
        except (OSError, psutil.NoSuchProcess):  # it died between two queries
            self.stop()
            return refusal(500, "the query worker stopped unexpectedly; the query was not answered"), True
        ceiling = baseline + limits.max_memory * 2**20
        deadline = time.monotonic() + limits.timeout
        while (remaining := deadline - time.monotonic()) > 0:
            if self.connection.poll(min(0.05, remaining)):  # look at its memory every 50 ms meanwhile
                try:
                    return self.connection.recv(), False
                except (EOFError, OSError):
                    break  # the worker died (its memory limit from the system, a crash)
            try:
                if self._usage.memory_info().rss > ceiling:
                    self.stop()
                    return refusal(400, f"the query needed more than the {limits.max_memory} MB memory limit"), True
            except psutil.NoSuchProcess:
                break
        else:
            self.stop()
            return refusal(400, f"the query took longer than the {limits.timeout:g} s limit"), True
        self.stop()
        return refusal(500, "the query worker stopped unexpectedly; the query was not answered"), True

    def restart(self) -> None:
        """A fresh worker in place of a killed one."""
        self.process, self.connection = self._start()
        self._usage = psutil.Process(self.process.pid)
        self.ready()

    def stop(self) -> None:
        """Kill the worker now: nothing it is doing is worth waiting for."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryPool:
    """Worker processes answering queries, a bounded queue in front of them."""

    def __init__(self, backend: Backend, limits: Limits) -> None:
        self.limits = limits
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited

        def start() -> tuple[multiprocessing.process.BaseProcess, Connection]:
            ours, theirs = context.Pipe()
            process = context.Process(target=_work, args=(theirs, backend, limits.timeout, os.getpid()), name="okg-query", daemon=True)
            process.start()
            theirs.close()
            return process, ours

        self._workers = [_Worker(start) for _ in range(limits.workers)]
        for worker in self._workers:
            worker.ready()
        # One thread per worker waits for its answer, one more per worker restarts it: never starved.
        self._threads = ThreadPoolExecutor(max_workers=2 * limits.workers, thread_name_prefix="okg-wait")
        self._idle = list(self._workers)
        # Requests waiting for a worker, oldest first. A freed worker is handed to the oldest one directly:
        # with asyncio.Queue a newcomer can take it first, and a request could wait behind ever newer ones.
        self._waiters: deque[asyncio.Future[_Worker]] = deque()

    async def run(self, job: Job) -> Answer:
        """Answer ``job`` on the next idle worker; :class:`Busy` when too many requests already wait."""
        worker = await self._acquire()
        answered = asyncio.get_running_loop().run_in_executor(self._threads, worker.run, job, self.limits)
        # The worker goes back (or is replaced) when its answer is in, even if this request was abandoned meanwhile.
        answered.add_done_callback(lambda done: self._done(worker, done))
        result, _ = await asyncio.shield(answered)
        return result

    async def _acquire(self) -> _Worker:
        if self._idle and not self._waiters:
            return self._idle.pop()
        if len(self._waiters) >= self.limits.queue:
            raise Busy
        waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())  # handed over just as the request was abandoned
            else:
                self._waiters.remove(waiter)
            raise

    def _release(self, worker: _Worker) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    def _done(self, worker: _Worker, done: "asyncio.Future[tuple[Answer, bool]]") -> None:
        if done.cancelled() or done.exception() is not None or done.result()[1]:
            loop = asyncio.get_running_loop()
            loop.run_in_executor(self._threads, worker.restart).add_done_callback(lambda restarted: self._restarted(worker, restarted))
        else:
            self._release(worker)

    def _restarted(self, worker: _Worker, restarted: "asyncio.Future[None]") -> None:
        if restarted.exception() is None:
            self._release(worker)
        else:  # one worker fewer; the others go on answering
            print(f"okg: {restarted.exception()}", file=sys.stderr)

    def close(self) -> None:
        """Stop every worker."""
        for worker in self._workers:
            worker.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)


# --- the protocol -----------------------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.answer = refusal(status, reason)


def _form(text: str) -> list[tuple[str, str]]:
    """The fields of a URL-encoded form, each value percent-decoded once; not UTF-8 is refused."""
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise _Refused(400, "a form value is not UTF-8 once percent-decoded") from None


async def _body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise _Refused(413, f"the request body is larger than {MAX_BODY // 2**20} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _Refused(400, f"the request body is not UTF-8 (byte 0x{body[error.start]:02x} at offset {error.start})") from None


async def _operation(request: Request) -> tuple[str | None, list[tuple[str, str]]]:
    """The query text of a request and all its protocol fields, or a refusal as the SPARQL 1.1 Protocol says."""
    fields = _form(request.url.query)
    if request.method == "POST":
        media_type, _, parameters = request.headers.get("content-type", "").partition(";")
        media_type = media_type.strip().lower()
        body = await _body(request)
        if media_type == _FORM:
            text = _utf8(body)
            # decoding a large form takes a while (50 ms a megabyte): not on the event loop, where it would stall everyone
            posted = _form(text) if len(text) < 2**16 else await asyncio.to_thread(_form, text)
            if any(name in ("query", "update") for name, _ in fields):
                raise _Refused(400, "the query (or update) is both in the URL and in the body; send it once")
            fields += posted
        elif media_type == _QUERY:
            charset = dict(_parameter(p) for p in parameters.split(";") if "=" in p).get("charset", "utf-8")
            if charset.lower() not in ("utf-8", "utf8"):
                raise _Refused(400, f"the query is in {charset}; the SPARQL 1.1 Protocol requires UTF-8")
            if any(name == "query" for name, _ in fields):
                raise _Refused(400, "the query is both in the URL and in the body; send it once")
            fields.append(("query", _utf8(body)))
        elif media_type == "application/sparql-update":
            raise _Refused(403, "updates are refused: this endpoint is read-only")
        else:
            given = f"Content-Type {media_type}" if media_type else "no Content-Type"
            raise _Refused(415, f"a POST needs Content-Type {_FORM} or {_QUERY} ({given} given)")
    names = [name for name, _ in fields]
    if "update" in names:
        raise _Refused(403, "updates are refused: this endpoint is read-only")
    queries = [value for name, value in fields if name == "query"]
    if len(queries) > 1:
        raise _Refused(400, f"the request has {len(queries)} queries; send one")
    return (queries[0] if queries else None), fields


def _parameter(text: str) -> tuple[str, str]:
    name, _, value = text.partition("=")
    return name.strip().lower(), value.strip().strip('"')


def _accept(request: Request, fields: list[tuple[str, str]]) -> str:
    """The media types the client accepts: those its `format` parameter names, else its Accept header.

    Some clients send `format` twice, a short name and a media type (SPARQLWrapper
    for TSV, RDF/XML and JSON-LD): the first one known is taken.
    """
    formats = [value.strip().lower() for name, value in fields if name == "format"]
    if not formats:
        return request.headers.get("accept", "")
    for named in formats:
        if named in FORMAT_NAMES:
            return FORMAT_NAMES[named]
        if named in offered("results") or named in offered("triples"):
            return named
    raise _Refused(400, f"unknown format {formats[0]!r}; the format parameter takes {', '.join(FORMAT_NAMES)} or a media type")


_PAGE_TYPES = ("text/html", "application/xhtml+xml")
# The page runs its own inline script and asks this endpoint only: nothing else may load.
_PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
    "img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _wants_page(request: Request) -> bool:
    """Whether a GET without a query comes from a browser: one that prefers HTML to the Turtle service description."""
    for media_type in preferences(request.headers.get("accept", "")):
        if media_type in _PAGE_TYPES:
            return True
        if media_type in ("text/turtle", "text/*", "*/*"):
            return False
    return False


def query_page() -> Answer:
    """The query page: an editor, every named query as an example, results as tables; it loads nothing from elsewhere."""
    return Answer(
        200, "text/html; charset=utf-8", render_query_page().encode(), {"Content-Security-Policy": _PAGE_POLICY, "X-Content-Type-Options": "nosniff"}
    )


def service_description(url: str) -> Answer:
    """What the endpoint offers (SPARQL 1.1 Service Description), answered to a GET without a query."""
    results = "".join(
        f"  sd:resultFormat <http://www.w3.org/ns/formats/{name}> ;\n"
        for name in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "RDF_XML",
            "JSON-LD",
        )
    )
    body = (
        f"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\n"
        f"<{url}> a sd:Service ;\n  sd:endpoint <{url}> ;\n  sd:supportedLanguage sd:SPARQL11Query ;\n{results}"
        f"  sd:feature sd:UnionDefaultGraph .\n"
    )
    return Answer(200, "text/turtle; charset=utf-8", body.encode())


def create_app(
    store: Path | Backend,
    limits: Limits = Limits(),
    endpoint: str | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    public_hosts: tuple[str, ...] = (),
) -> Starlette:
    """The endpoint application: SPARQL at /sparql, read-only, each query within ``limits``.

    ``store`` is where the graph lives (a store folder, an export, a server: graph/store/backends.py).
    The release of a store folder current now is held and served until the server stops
    (a rebuild meanwhile is not seen); a server's answers come from the server. ``endpoint``
    is the same as a server's URL as ``store``. Requests must name ``host`` (and ``port``),
    or one of ``public_hosts``, in their Host header.
    """
    backend = open_backend(endpoint or store).for_serving()
    pool = QueryPool(backend, limits)
    hosts = _accepted_hosts(host, port, public_hosts)

    async def sparql(request: Request) -> Response:
        try:
            result = await _handle(request)
        except _Refused as refused:
            result = refused.answer
        return Response(result.body, status_code=result.status, media_type=result.media_type, headers={"Vary": "Accept", **result.headers})

    async def _handle(request: Request) -> Answer:
        host_header = request.headers.get("host", "").lower()
        if host_header not in hosts:
            raise _Refused(
                421, f"Host {host_header or '(none)'} is not this endpoint's address; start okg serve with --public-host NAME to accept another name"
            )
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc.lower() not in hosts:
            raise _Refused(403, f"cross-origin requests are refused (Origin {origin})")
        if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):  # a browser's request from another page
            raise _Refused(403, "cross-origin requests are refused (Sec-Fetch-Site " + request.headers["sec-fetch-site"] + ")")
        if request.method not in ("GET", "POST"):
            return refusal(405, "the SPARQL endpoint takes GET and POST", {"Allow": "GET, POST"})
        query, fields = await _operation(request)
        base = str(request.url.replace(query=""))
        if query is None:
            if request.method == "GET" and not fields:
                return query_page() if _wants_page(request) else service_description(base)
            raise _Refused(400, "the request has no query")
        default_graphs = tuple(value for name, value in fields if name == "default-graph-uri")
        named_graphs = tuple(value for name, value in fields if name == "named-graph-uri")
        graphs = bool(default_graphs or named_graphs)
        job = Job(
            query=query,
            accept=_accept(request, fields),
            base_iri=base,
            default_graphs=default_graphs if graphs else None,
            named_graphs=named_graphs if graphs else None,
            max_results=limits.max_results,
            allow_service=limits.allow_service,
            bindings=tuple((name[1:], value) for name, value in fields if name.startswith("$") and len(name) > 1),
        )
        try:
            return await pool.run(job)
        except Busy:
            return refusal(
                503,
                "every query worker is busy and the queue is full; try again shortly",
                {"Retry-After": str(max(1, math.ceil(limits.timeout / 10)))},
            )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()
            backend.close()

    async def home(_: Request) -> Response:
        return RedirectResponse("/sparql", status_code=303)  # the query page, for a browser opening the bare address

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    return Starlette(
        routes=[Route("/", home), Route("/sparql", sparql, methods=methods), Route("/sparql/", sparql, methods=methods)], lifespan=lifespan
    )


def _accepted_hosts(host: str, port: int, public_hosts: tuple[str, ...]) -> set[str]:
    """The Host header values that name this endpoint (so a DNS-rebound name cannot reach it)."""
    names = {host.lower(), *(name.lower() for name in public_hosts)}
    if host in ("127.0.0.1", "::1", "localhost"):
        names |= {"127.0.0.1", "localhost", "::1"}
    accepted = set()
    for name in names:
        shown = f"[{name}]" if ":" in name and not name.startswith("[") else name
        accepted |= {shown, f"{shown}:{port}"}
    return accepted


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port``, or :class:`ServeError` in one line (the port in use, ...).

    Bound first, so a port in use is known before anything starts; it listens only
    when the server starts, after the query workers are ready, so a client that
    connects earlier is refused and retries rather than waiting in the dark.
    """
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as error:
        raise ServeError(f"cannot listen on {host}:{port} ({error.strerror or error})") from None
    return sock


class _Server(uvicorn.Server):
    """uvicorn, except that a stop asked for by SIGTERM or SIGINT ends the process cleanly (exit 0).

    uvicorn raises the signal again once shut down, which ends the process by the
    signal (143) or with a KeyboardInterrupt traceback.
    """

    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def serve(app: Starlette, sock: socket.socket) -> None:
    """Answer requests on ``sock`` until SIGTERM or SIGINT."""
    config = uvicorn.Config(app, log_level="error", access_log=False, timeout_graceful_shutdown=2, lifespan="on")
    _Server(config).run(sockets=[sock])
