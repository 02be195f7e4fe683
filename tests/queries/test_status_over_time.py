"""Two follow-up snapshots of the same recommendations: one node each, one history, the latest status, "as of".

The 2023 table (tests/fixtures/snapshots/, written for these tests) changes four statuses, keeps one
recommendation In progress, rewords one text and adds a report with two recommendations; the 2024 table
states statuses in other schemes' words, which the crosswalk maps to the JIU's.
"""

from collections import Counter

import pytest

from okg.graph.build.pipeline import build_corpus
from okg.graph.check import check_store
from okg.graph.query import in_memory, run_query
from okg.graph.query.library import named_queries
from tests.conftest import corpus_with_snapshots, named

TABLE_2022 = "Status of ILO follow-up to JIU recommendations as of July 2022"
TABLE_2023 = "Status of ILO follow-up to JIU recommendations as of July 2023"
CYBERSECURITY_1 = "https://w3id.org/okg/id/document/JIU/REP/2021/3/recommendation/1"


@pytest.fixture(scope="module", params=["on disk", "in memory"])
def store(two_snapshots, request):
    """Every answer is asked of the store on disk (okg query) and of its in-memory copy (okg serve, the API)."""
    return two_snapshots.store if request.param == "on disk" else in_memory(two_snapshots.store)


def test_every_named_query_answers_each_fact_once(store) -> None:
    for query in named_queries():
        rows = [tuple(sorted(row.items())) for row in named(store, query.name)]
        repeated = [row for row, count in Counter(rows).items() if count > 1]
        assert repeated == [], f"{query.name} repeats rows"


def test_a_fact_two_documents_state_is_one_node_met_once(store) -> None:
    label = "SELECT ?label WHERE { <https://w3id.org/okg/id/document/JIU/REP/2020/7/recommendation/8> rdfs:label ?label }"
    assert [row["label"].value for row in run_query(store, label)] == ["JIU/REP/2020/7 recommendation 8"]
    per_graph = "SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/okg/id/document/JIU/REP/2020/7/recommendation/8> rdfs:label ?label } } ORDER BY ?g"
    assert [row["g"].value.rsplit("/", 1)[-1] for row in run_query(store, per_graph)] == [
        "gb346-pfa9-jiu-follow-up",
        "gb349-pfa9-jiu-follow-up",
    ]


def test_open_recommendations_by_the_latest_status(store) -> None:
    rows = named(store, "open-recommendations")
    assert [(r["recommendation"], r["implementation"], r["assessed"]) for r in rows] == [
        ("JIU/REP/2020/7 recommendation 6", "In progress", "2023-07"),
        ("JIU/REP/2020/8 recommendation 6", "In progress", "2023-07"),
        ("JIU/REP/2022/2 recommendation 1", "Not started", "2023-07"),
    ]
    assert rows[1]["remarks"] == ("The network of environmental focal points continues its work; a first report is planned for 2024.")


def test_as_of_a_date_between_the_snapshots_gives_the_older_status(store) -> None:
    rows = named(store, "open-recommendations", as_of="2022-12-31")
    assert [(r["as_of"], r["recommendation"], r["implementation"], r["assessed"]) for r in rows] == [
        ("2022-12-31", "JIU/REP/2020/7 recommendation 8", "In progress", "2022-07"),
        ("2022-12-31", "JIU/REP/2020/8 recommendation 6", "In progress", "2022-07"),
        ("2022-12-31", "JIU/REP/2021/3 recommendation 1", "In progress", "2022-07"),
    ]
    # The text as the assessing document (the 2022 table) words it; the 2023 table rewords it.
    assert rows[2]["text"].endswith(
        "present it to their respective legislative and governing bodies at the earliest "
        "opportunity, covering the elements contributing to improved cyberresilience "
        "examined in the present report."
    )
    assert named(store, "open-recommendations", as_of="2021-12-31") == []


def test_counts_by_acceptance_use_the_latest_status_and_as_of(store) -> None:
    latest = named(store, "recommendations-by-acceptance")
    assert [(r["acceptance"], r["recommendations"]) for r in latest] == [
        ("Accepted", "15"),
        ("Not accepted", "6"),
        ("Under consideration", "1"),
    ]
    in_2022 = named(store, "recommendations-by-acceptance", as_of="2022-12-31")
    assert [(r["acceptance"], r["recommendations"]) for r in in_2022] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]


def test_counts_by_status_overall_use_the_latest_status(store) -> None:
    rows = [r for r in named(store, "recommendations-by-status") if r["report"] == "all reports"]
    assert [(r["acceptance"], r["implementation"], r["recommendations"]) for r in rows] == [
        ("Accepted", "Implemented", "12"),
        ("Accepted", "In progress", "2"),
        ("Accepted", "Not started", "1"),
        ("Not accepted", "not reported", "6"),
        ("Under consideration", "not reported", "1"),
    ]


def test_not_accepted_by_the_latest_status(store) -> None:
    rows = named(store, "not-accepted-recommendations")
    assert [r["recommendation"] for r in rows] == [
        "JIU/REP/2020/8 recommendation 5",
        "JIU/REP/2020/8 recommendation 9",
        "JIU/REP/2021/2 recommendation 1",
        "JIU/REP/2021/2 recommendation 3",
        "JIU/REP/2021/2 recommendation 7",
        "JIU/REP/2021/3 recommendation 2",
    ]
    assert (rows[5]["assessed"], rows[5]["reasons"]) == (
        "2023-07",
        "The Governing Body did not take up the recommendation. See comments on Recommendation 1 above.",
    )


def test_history_lists_each_assessment_once_oldest_first_with_its_document(store) -> None:
    rows = named(store, "recommendation-status-history", recommendation="JIU/REP/2021/3 recommendation 1")
    assert [(r["as_of"], r["acceptance"], r["implementation"], r.get("impact_achieved"), r["reported_in"], r["document"]) for r in rows] == [
        ("2022-07", "Accepted", "In progress", None, TABLE_2022, "GB.346/PFA/9"),
        ("2023-07", "Accepted", "Implemented", "Yes", TABLE_2023, "GB.349/PFA/9"),
    ]


def test_transitions_between_consecutive_snapshots(store) -> None:
    rows = named(store, "status-transitions")
    assert [(r["recommendation"], r["from_status"], r["to_status"], r["change"], r["from_date"], r["to_date"]) for r in rows] == [
        ("JIU/REP/2020/7 recommendation 6", "Under consideration", "Accepted, In progress", "changed", "2022-07", "2023-07"),
        ("JIU/REP/2020/7 recommendation 8", "Accepted, In progress", "Accepted, Implemented", "changed", "2022-07", "2023-07"),
        ("JIU/REP/2020/8 recommendation 6", "Accepted, In progress", "Accepted, In progress", "unchanged", "2022-07", "2023-07"),
        ("JIU/REP/2021/3 recommendation 1", "Accepted, In progress", "Accepted, Implemented", "changed", "2022-07", "2023-07"),
        ("JIU/REP/2021/3 recommendation 2", "Under consideration", "Not accepted", "changed", "2022-07", "2023-07"),
    ]
    assert {(r["from_document"], r["to_document"]) for r in rows} == {(TABLE_2022, TABLE_2023)}
    stuck = named(store, "status-transitions", status="In progress")
    assert [r["recommendation"] for r in stuck if r["change"] == "unchanged"] == ["JIU/REP/2020/8 recommendation 6"]


def test_both_wordings_are_kept_and_the_check_says_so_once(two_snapshots) -> None:
    texts = run_query(two_snapshots.store, f"SELECT ?g ?text WHERE {{ GRAPH ?g {{ <{CYBERSECURITY_1}> okg:recommendationText ?text }} }} ORDER BY ?g")
    wordings = [(row["g"].value.rsplit("/", 1)[-1], row["text"].value) for row in texts]
    assert [graph for graph, _ in wordings] == ["gb346-pfa9-jiu-follow-up", "gb349-pfa9-jiu-follow-up"]
    assert "improved cyberresilience" in wordings[0][1] and "improved cyber-resilience" in wordings[1][1]

    report = check_store(two_snapshots.store)
    assert report.count("Violation") == 0
    reworded = [f for f in report.findings if f.rule == "Recommendation worded differently by two documents"]
    assert [(f.severity, f.focus) for f in reworded] == [("Info", CYBERSECURITY_1)]
    assert (f"({TABLE_2022} lines 108-119; {TABLE_2023} lines 11-11)") in reworded[0].message


@pytest.fixture(scope="module")
def three_snapshots(tmp_path_factory):
    """The bundled table and two later ones; the 2024 table states its statuses in other schemes' words."""
    folder = tmp_path_factory.mktemp("three-snapshots")
    return build_corpus(corpus_with_snapshots(folder / "corpus", 2023, 2024), folder / "store")


def test_statuses_in_other_words_resolve_to_their_own_schemes(three_snapshots) -> None:
    assert three_snapshots.failed == []
    statuses = run_query(
        three_snapshots.store,
        """
        SELECT ?label ?acceptance ?implementation WHERE {
          ?assessment okg:reportedIn/dcterms:title "Status of ILO follow-up to JIU recommendations as of July 2024" ;
                      okg:assesses/rdfs:label ?label ; okg:acceptanceStatus ?acceptance ; okg:implementationStatus ?implementation
        } ORDER BY ?label""",
    )
    vocab = "https://w3id.org/okg/vocab/"
    assert [(r["label"].value, r["acceptance"].value.removeprefix(vocab), r["implementation"].value.removeprefix(vocab)) for r in statuses] == [
        ("JIU/REP/2020/8 recommendation 6", "acceptance/accepted", "follow-up-status/completed"),
        ("JIU/REP/2022/2 recommendation 1", "acceptance/accepted", "response-implementation/partially-completed"),
        ("JIU/REP/2022/2 recommendation 2", "response-acceptance/partially-accepted", "follow-up-status/pending"),
    ]
    assert check_store(three_snapshots.store).count("Violation") == 0


def test_one_query_counts_implemented_across_schemes(three_snapshots) -> None:
    rows = named(three_snapshots.store, "implemented-across-schemes")
    assert [(r["scheme"], r["status"], r["match"], r["recommendations"]) for r in rows] == [
        ("Implementation status", "Implemented", "same", "12"),
        ("Follow-up status (other organizations)", "Completed", "exact", "1"),
    ]
    before = named(three_snapshots.store, "implemented-across-schemes", as_of="2023-12-31")
    assert [(r["status"], r["recommendations"]) for r in before] == [("Implemented", "12")]


def test_open_recommendations_follow_the_crosswalk(three_snapshots) -> None:
    rows = named(three_snapshots.store, "open-recommendations")
    assert [(r["recommendation"], r["implementation"], r["assessed"]) for r in rows] == [
        ("JIU/REP/2020/7 recommendation 6", "In progress", "2023-07"),
        ("JIU/REP/2022/2 recommendation 1", "Partially completed", "2024-07"),
        ("JIU/REP/2022/2 recommendation 2", "Pending", "2024-07"),
    ]


def test_the_page_draws_a_status_in_other_words_as_the_crosswalk_counts_it(three_snapshots) -> None:
    # "Completed" is exactly Implemented, "Partially completed" close enough to In progress to count with it
    from okg.viz.overview import build_overview

    overview = build_overview(three_snapshots.store)
    recommendation = "https://w3id.org/okg/id/document/JIU/REP/{}/recommendation/{}".format
    statuses = {key: overview.recommendations[recommendation(*key)]["status"] for key in (("2020/8", 6), ("2022/2", 1), ("2022/2", 2))}
    assert statuses == {("2020/8", 6): "implemented", ("2022/2", 1): "in progress", ("2022/2", 2): "open"}


def test_the_check_warns_of_impact_never_assessed_on_latest_statuses_only(tmp_path) -> None:
    # test data written for this test: a 2023 table in which JIU/REP/2020/8 recommendation 1, Implemented in 2022,
    # is In progress again, and recommendation 3, Implemented in 2022 with no impact given, has its impact assessed
    manifest = corpus_with_snapshots(tmp_path / "corpus", 2023)
    table = (tmp_path / "corpus" / "jiu-follow-up-2023.txt").read_text(encoding="utf-8")
    header = next(line for line in table.splitlines() if line.startswith("Report\t"))
    report = "JIU/REP/2020/8: Review of mainstreaming environmental sustainability"
    rows = [
        f"{report}\t1\tDevelop a policy.\tE\tEnhanced effectiveness\tAccepted\tIn progress\t\tUnder review.",
        f"{report}\t3\tDevote resources.\tE\tEnhanced effectiveness\tAccepted\tImplemented\tYes\tDone.",
    ]
    (tmp_path / "corpus" / "jiu-follow-up-2023.txt").write_text(f"Status as of July 2023\n\n{header}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    summary = build_corpus(manifest, tmp_path / "store")
    assert summary.failed == []
    rule = "Implemented recommendation whose impact was never assessed"
    warned = {f.focus.removeprefix("https://w3id.org/okg/id/document/") for f in check_store(summary.store).findings if f.rule == rule}
    assert "JIU/REP/2020/8/recommendation/1/status/gb346-pfa9-jiu-follow-up" not in warned  # In progress now
    assert "JIU/REP/2020/8/recommendation/3/status/gb346-pfa9-jiu-follow-up" not in warned  # its impact assessed in 2023
    assert "JIU/REP/2020/8/recommendation/2/status/gb346-pfa9-jiu-follow-up" in warned  # neither: still warned
    assert len(warned) == 8


def test_the_build_summary_counts_each_node_once(two_snapshots) -> None:
    # 28 recommendations in the bundled corpus, 2 more in the 2023 table; 4 JIU reports and the 2023 table's new one
    assert (two_snapshots.entities["okg:Recommendation"], two_snapshots.entities["okg:JiuReport"]) == (30, 5)
    assert two_snapshots.entities["okg:StatusAssessment"] == 20 + 7  # each document its own


def test_a_cross_reference_to_a_restated_recommendation_is_listed_once(two_snapshots) -> None:
    # both tables state JIU/REP/2021/3 recommendation 1, and each one's remark on recommendation 2 points to it
    rows = [r for r in named(two_snapshots.store, "cross-references") if r["to"] == "JIU/REP/2021/3 recommendation 1"]
    assert [(r["from"], r["scope"]) for r in rows] == [
        ("Status of JIU/REP/2021/3 recommendation 2 as of July 2022", "within document"),
        ("Status of JIU/REP/2021/3 recommendation 2 as of July 2023", "within document"),
    ]


def test_theme_items_pair_each_document_with_its_own_words(two_snapshots) -> None:
    # the 2022 table writes "cyberresilience", a word of the theme; the 2023 table "cyber-resilience", which is not:
    # each row gives the words its own document holds
    rows = [r for r in named(two_snapshots.store, "theme-items", theme="Digital technology") if r["item"] == "JIU/REP/2021/3 recommendation 1"]
    assert [(r["document"], r["evidence"]) for r in rows] == [
        (TABLE_2022, "cybersecurity, cyberresilience"),
        (TABLE_2023, "cybersecurity"),
    ]


def test_the_card_shows_the_printed_status_and_is_drawn_as_the_crosswalk_counts_it(three_snapshots) -> None:
    from okg.viz.cards import cards, status_class

    recommendation = "https://w3id.org/okg/id/document/JIU/REP/2020/8/recommendation/6"
    card = cards(three_snapshots.store, {recommendation})[recommendation]
    assert (card.status, status_class(card)) == ("Accepted / Completed", "implemented")
    assert "standing" not in card.as_dict()  # how it is drawn, not a fact the card shows
