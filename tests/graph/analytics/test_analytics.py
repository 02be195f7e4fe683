"""NetworkX analytics on the bundled corpus: central units, paths, components, exports."""

import csv

import networkx as nx
import pytest
from click.testing import CliRunner

from okg.errors import NodeNotFound
from okg.graph.analytics import centrality, co_responsibility, components, entity_network, export, find_node, neighbourhood, shortest_path
from okg.graph.cli import main


@pytest.fixture(scope="module")
def network(built_corpus):
    return entity_network(built_corpus.store)


def test_the_top_unit_by_co_responsibility(network) -> None:
    rows = centrality(co_responsibility(network))
    top = rows[0]
    # DDG/P shares six of the eight evaluation recommendations with 20 other units.
    assert (top.unit, top.degree, top.shared) == ("DDG/P", 20, 30)
    assert max(rows, key=lambda r: r.betweenness).unit == "DDG/P"
    assert len(rows) == 23
    # HRD shares only evaluation recommendation 8, with MULTILATERALS, PARDEV, PROGRAM, DDG/P and DDG/FOP.
    hrd = next(r for r in rows if r.unit == "HRD")
    assert (hrd.degree, hrd.shared) == (5, 5)


def test_a_path_between_hrd_and_a_jiu_report_is_printed_with_labels(built_corpus) -> None:
    result = CliRunner().invoke(main, ["analyze", "path", "HRD", "JIU/REP/2020/8", "--store", str(built_corpus.store)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "4 steps"
    assert lines[0].endswith("--[mentions]--> Human Resources Development Department")
    assert lines[3].endswith("--[made in]--> JIU/REP/2020/8")
    assert all(" --[" in line and "]--> " in line for line in lines[:4])


def test_a_path_follows_stated_links_when_there_are(network) -> None:
    steps = shortest_path(network, "SOCPRO", "Social Protection Floors Recommendation, 2012 (No. 202)")
    assert [(s.relation, s.inferred) for s in steps] == [("responsible unit", False), ("mentions", False)]
    assert steps[0].subject == "High-level evaluation of the ILO's COVID-19 response: recommendation 5"


def test_unknown_or_ambiguous_names_are_reported(network) -> None:
    with pytest.raises(NodeNotFound, match="no node is named 'Nowhere'"):
        shortest_path(network, "HRD", "Nowhere")


def test_components_and_orphans(network) -> None:
    found = components(network)
    assert found.sizes[0] > 300 and len(found.sizes) == 7
    assert found.orphans == [
        ("ProgrammeOutcome", f"Policy outcome {n}: {title}")
        for n, title in [
            (1, "Strong tripartite constituents and influential and inclusive social dialogue"),
            (2, "International labour standards and authoritative and effective supervision"),
            (4, "Sustainable enterprises as generators of employment and promoters of innovation and decent work"),
            (5, "Skills and lifelong learning to facilitate access to and transitions in the labour market"),
            (7, "Adequate and effective protection at work for all"),
        ]
    ]


def test_exports_for_other_graph_tools(network, tmp_path) -> None:
    export(network, tmp_path / "okg.graphml", tmp_path / "csv")
    again = nx.read_graphml(tmp_path / "okg.graphml")
    assert (again.number_of_nodes(), again.number_of_edges()) == (network.number_of_nodes(), network.number_of_edges())
    with open(tmp_path / "csv" / "edges.csv", encoding="utf-8") as edges:
        rows = list(csv.DictReader(edges))
    assert len(rows) == network.number_of_edges()
    assert {r["inferred"] for r in rows} == {"true", "false"}


def test_analyze_commands(store_location: str, tmp_path) -> None:
    store = store_location
    table = CliRunner().invoke(main, ["analyze", "centrality", "--store", store])
    assert table.exit_code == 0 and "DDG/P" in table.output.splitlines()[3]
    parts = CliRunner().invoke(main, ["analyze", "components", "--store", store])
    assert "orphans: 5" in parts.output
    written = CliRunner().invoke(main, ["analyze", "export", "--graphml", str(tmp_path / "g.graphml"), "--store", store])
    assert written.exit_code == 0 and (tmp_path / "g.graphml").is_file()
    nothing = CliRunner().invoke(main, ["analyze", "export", "--store", store])
    assert nothing.exit_code == 2


@pytest.mark.parametrize(
    ("name", "depth"),
    [
        ("HRD", 1),
        ("hrd", 2),
        ("Human Resources Development Department", 1),
        ("JIU/REP/2020/8", 1),
        ("crisis RESPONSE", 2),
        ("https://w3id.org/okg/id/standard/C190", 2),
    ],
)
def test_a_neighbourhood_read_around_the_node_is_the_one_cut_from_the_whole_network(network, built_corpus, name, depth) -> None:
    around = neighbourhood(built_corpus.store, name, depth).network
    centre = find_node(network, name)
    expected = network.subgraph(nx.single_source_shortest_path_length(network.to_undirected(as_view=True), centre, cutoff=depth))
    assert centre in around and len(around) > 1
    assert dict(around.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(around.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_a_neighbourhood_of_a_name_nothing_has_is_refused(built_corpus) -> None:
    with pytest.raises(NodeNotFound, match="no node is named 'NOSUCHUNIT'"):
        neighbourhood(built_corpus.store, "NOSUCHUNIT", 1)
