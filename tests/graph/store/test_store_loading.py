"""Loading the store in batches: the same named graphs and union, each triple once, whatever the batches."""

import pyoxigraph as ox
from rdflib import Literal, URIRef

from okg.graph.store import TermConverter, _batches, _load, _union, n_quads

EX = "https://example.org/"


def _graphs() -> list[tuple[URIRef, bytes]]:
    """Three documents' graphs, each stating one triple the others state too (snapshots do) and a text of its own."""
    terms = TermConverter()
    shared = (URIRef(EX + "recommendation"), URIRef(EX + "madeIn"), URIRef(EX + "report"))
    graphs = []
    for number in range(3):
        name = URIRef(f"{EX}graph/{number}")
        text = (URIRef(EX + "recommendation"), URIRef(EX + "text"), Literal(f"wording {number}\nsecond line"))
        graphs.append((name, n_quads(name, [shared, text], terms)))
    return graphs


def test_batches_keep_the_graphs_in_order_each_once() -> None:
    graphs = _graphs()
    sizes = [len(body) for _, body in graphs]
    assert _batches(graphs, sum(sizes)) == [graphs]
    assert _batches(graphs, 1) == [[graph] for graph in graphs]  # a graph larger than a batch goes alone
    assert _batches(graphs, sizes[0] + sizes[1]) == [graphs[:2], graphs[2:]]


def test_graphs_loaded_in_batches_make_the_store_loaded_at_once() -> None:
    graphs = _graphs()
    stores = []
    for size in (1, 10**9):
        store = ox.Store()
        batches = _batches(graphs, size)
        _load(store, [[body for _, body in batch] for batch in batches], ox.RdfFormat.N_QUADS, jobs=2)
        _load(store, [_union(batch) for batch in batches], ox.RdfFormat.N_TRIPLES, jobs=2)
        stores.append(store)
    assert set(stores[0]) == set(stores[1])
    union = list(stores[0].quads_for_pattern(None, None, None, ox.DefaultGraph()))
    # The triple three graphs state is in the union once; the texts with a line break are whole.
    assert len(union) == 4 and len(stores[0]) == 6 + 4
    assert {q.object.value for q in union if q.predicate.value == EX + "text"} == {f"wording {n}\nsecond line" for n in range(3)}
