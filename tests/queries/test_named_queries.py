"""Every named query, run on the bundled corpus, against the answer the documents give."""

import pytest

from okg.graph.query import in_memory
from okg.graph.query.library import named_queries
from okg.graph.store.backends import open_backend
from tests.conftest import named

JIU_TABLE = "Status of ILO follow-up to JIU recommendations as of July 2022"
HLE = "High-level evaluation of the ILO's COVID-19 response"


@pytest.fixture(scope="module", params=["on disk", "in memory", "on a SPARQL server"])
def store(built_corpus, request):
    """Every answer is asked of the store on disk (okg query), of its in-memory copy (okg serve, the API), and of the
    corpus built into an existing SPARQL server (Virtuoso; `--store URL`), its parameters written into the query."""
    if request.param == "on disk":
        return built_corpus.store
    if request.param == "in memory":
        return in_memory(built_corpus.store)
    return open_backend(request.getfixturevalue("corpus_on_server"))


def test_the_library_has_at_least_fifteen_questions_each_with_its_header() -> None:
    queries = named_queries()
    assert len(queries) >= 15
    for query in queries:
        assert query.question.endswith("?"), query.name
        assert query.columns, query.name
        assert query.text.startswith("# Question:"), query.name


def test_recommendations_by_acceptance(store) -> None:
    rows = named(store, "recommendations-by-acceptance")
    assert [(r["acceptance"], r["recommendations"]) for r in rows] == [
        ("Accepted", "13"),
        ("Not accepted", "5"),
        ("Under consideration", "2"),
    ]


def test_recommendations_by_status_per_report_and_overall(store) -> None:
    rows = named(store, "recommendations-by-status")
    assert [(r["report"], r["acceptance"], r["implementation"], r["recommendations"]) for r in rows] == [
        ("JIU/REP/2020/7", "Accepted", "Implemented", "3"),
        ("JIU/REP/2020/7", "Accepted", "In progress", "1"),
        ("JIU/REP/2020/7", "Under consideration", "not reported", "1"),
        ("JIU/REP/2020/8", "Accepted", "Implemented", "7"),
        ("JIU/REP/2020/8", "Accepted", "In progress", "1"),
        ("JIU/REP/2020/8", "Not accepted", "not reported", "2"),
        ("JIU/REP/2021/2", "Not accepted", "not reported", "3"),
        ("JIU/REP/2021/3", "Accepted", "In progress", "1"),
        ("JIU/REP/2021/3", "Under consideration", "not reported", "1"),
        ("all reports", "Accepted", "Implemented", "10"),
        ("all reports", "Accepted", "In progress", "3"),
        ("all reports", "Not accepted", "not reported", "5"),
        ("all reports", "Under consideration", "not reported", "2"),
    ]


def test_open_recommendations(store) -> None:
    rows = named(store, "open-recommendations")
    assert [(r["recommendation"], r["implementation"], r["assessed"]) for r in rows] == [
        ("JIU/REP/2020/7 recommendation 8", "In progress", "2022-07"),
        ("JIU/REP/2020/8 recommendation 6", "In progress", "2022-07"),
        ("JIU/REP/2021/3 recommendation 1", "In progress", "2022-07"),
    ]
    assert rows[2]["remarks"].startswith("The Office presents “Review of the ILO’s cybersecurity framework” (GB.346/PFA/3)")


def test_not_accepted_recommendations_with_reasons(store) -> None:
    rows = named(store, "not-accepted-recommendations")
    assert [r["recommendation"] for r in rows] == [
        "JIU/REP/2020/8 recommendation 5",
        "JIU/REP/2020/8 recommendation 9",
        "JIU/REP/2021/2 recommendation 1",
        "JIU/REP/2021/2 recommendation 3",
        "JIU/REP/2021/2 recommendation 7",
    ]
    assert rows[2]["reasons"].startswith("The ILO does not use the landlocked developing countries (LLDC) category")
    assert rows[4]["reasons"].startswith("See comments on Recommendations 1 and 3 above.")
    assert all(r["reasons"] for r in rows)


def test_unit_workload(store) -> None:
    rows = named(store, "unit-workload")
    top = [(r["unit"], r["recommendations"], r["no_status_count"]) for r in rows[:5]]
    assert top == [("DDG/P", "6", "6"), ("DDG/FOP", "5", "5"), ("PROGRAM", "4", "4"), ("PARDEV", "3", "3"), ("SOCPRO", "3", "3")]
    assert len(rows) == 23  # every unit named in the evaluation's tables
    assert {r["unit"]: r["recommendations"] for r in rows}["HRD"] == "1"


def test_everything_for_one_unit_by_any_of_its_names(store) -> None:
    by_acronym = named(store, "unit-everything", unit="HRD")
    by_variant = named(store, "unit-everything", unit="Human Resources and Development Department")
    assert by_acronym == [{**row, "unit": "HRD"} for row in by_variant]
    relations = {(r["relation"], r["item"]) for r in by_acronym}
    assert ("responsible for", f"{HLE}: recommendation 8") in relations
    assert ("author of", "GB.347/PFA/14") in relations
    assert ("reported on by its report", "Human Resources Strategy for 2022–25") in relations
    assert ("mentioned in", "GB.347/PFA/14 paragraph 30") in relations  # "HRD has piloted an initiative"
    assert named(store, "unit-everything", unit="Department of Imaginary Affairs") == []


def test_co_responsible_units(store) -> None:
    rows = named(store, "co-responsible-units")
    assert [(r["unit_a"], r["unit_b"], r["shared"]) for r in rows[:4]] == [
        ("DDG/FOP", "DDG/P", "4"),
        ("DDG/FOP", "PARDEV", "3"),
        ("DDG/FOP", "PROGRAM", "3"),
        ("DDG/P", "SOCPRO", "3"),
    ]
    assert all(r["unit_a"] != r["unit_b"] for r in rows)
    pairs = {(r["unit_a"], r["unit_b"]) for r in rows}
    assert not any((b, a) in pairs for a, b in pairs)  # each pair once


def test_outcome_coverage_keeps_stated_and_inferred_apart(store) -> None:
    rows = {r["outcome"]: r for r in named(store, "outcome-coverage")}
    assert len(rows) == 12
    assert rows["Enabling outcome C"]["stated"] == "1" and rows["Enabling outcome C"]["linked_items"] == "GB.347/PFA/14"
    assert rows["Output 3.3"]["stated"] == "2"
    assert int(rows["Output 3.3"]["inferred"]) > 0
    unlinked = {o for o, r in rows.items() if r["stated"] == "0" and r["inferred"] == "0"}
    assert unlinked == {"Policy outcome 1", "Policy outcome 2", "Policy outcome 3", "Policy outcome 4", "Policy outcome 5", "Policy outcome 7"}


def test_overdue_action_items_on_the_reporting_date_and_on_a_date_given(store) -> None:
    rows = named(store, "overdue-action-items")
    assert [(r["item"], r["due_by"], r["judged_on"]) for r in rows] == [
        ("4", "By end 2019", "2020-10-12"),
        ("6", "By end 2019", "2020-10-12"),
        ("7", "By mid-2020", "2020-10-12"),
        ("8", "By October 2019", "2020-10-12"),
        ("9", "By end 2019", "2020-10-12"),
        ("11", "By end 2019", "2020-10-12"),
        ("12", "By mid-2019", "2020-10-12"),
    ]
    early = named(store, "overdue-action-items", as_of="2019-12-31")
    assert [(r["item"], r["judged_on"]) for r in early] == [("8", "2019-12-31"), ("12", "2019-12-31")]


def test_cross_references(store) -> None:
    rows = named(store, "cross-references")
    assert [(r["from"], r["to"], r["kind"], r["scope"]) for r in rows] == [
        ("GB.340/INS/6 footnote 1", "A/RES/72/279", "cites", "across documents"),  # a General Assembly resolution
        ("GB.340/INS/6 footnote 11", "GB.340/INS/18/6", "cites", "across documents"),
        ("GB.340/INS/6 footnote 12", "GB.335/INS/10", "cites", "across documents"),
        ("GB.340/INS/6 footnote 4", "A/75/79", "cites", "across documents"),  # a report of the Secretary-General
        ("GB.340/INS/6 footnote 4", "E/2020/55", "cites", "across documents"),
        ("GB.340/INS/6 footnote 6", "GB.340/POL/6", "cites", "across documents"),
        ("GB.347/PFA/14 footnote 1", "GB.343/PV", "cites", "across documents"),
        ("GB.347/PFA/14 footnote 2", "GB.337/PFA/11", "cites", "across documents"),
        ("GB.347/PFA/14 footnote 4", "GB.347/PFA/INF/7", "cites", "across documents"),
        ("Status of JIU/REP/2021/3 recommendation 1 as of July 2022", "GB.346/PFA/3", "cites", "across documents"),
        ("GB.347/PFA/14", "GB.347/PFA/14 paragraph 36", "refers to", "within document"),
        ("Status of JIU/REP/2021/2 recommendation 7 as of July 2022", "JIU/REP/2021/2 recommendation 1", "refers to", "within document"),
        ("Status of JIU/REP/2021/2 recommendation 7 as of July 2022", "JIU/REP/2021/2 recommendation 3", "refers to", "within document"),
        ("Status of JIU/REP/2021/3 recommendation 2 as of July 2022", "JIU/REP/2021/3 recommendation 1", "refers to", "within document"),
    ]


def test_documents_citing_a_symbol(store) -> None:
    rows = named(store, "documents-citing")
    assert [(r["symbol"], r["citing"], r["lines"]) for r in rows] == [
        ("GB.337/PFA/11", "GB.347/PFA/14", "5-42"),
        ("GB.337/PFA/11", "GB.347/PFA/14 footnote 2", "62-62"),
    ]
    cybersecurity = named(store, "documents-citing", symbol="GB.346/PFA/3")
    assert [(r["citing"], r["document"], r["lines"]) for r in cybersecurity] == [
        ("Status of JIU/REP/2021/3 recommendation 1 as of July 2022", JIU_TABLE, "108-119"),
    ]


def test_items_on_a_theme(store) -> None:
    rows = named(store, "theme-items")
    documents = {r["document"] for r in rows}
    assert documents == {JIU_TABLE, HLE, "2020-21 Institutional Assessment of the ILO by MOPAN: ILO management response"}
    assert {r["item"] for r in rows if r["document"] == HLE} == {f"{HLE}: recommendation 1", f"{HLE}: recommendation 7"}
    social = named(store, "theme-items", theme="Social protection")
    assert [r["item"] for r in social] == [
        "frameworks for environmental sustainability and climate change into ILO's strategies, programmes, and operations",
        f"{HLE}: recommendation 5",
        f"{HLE}: recommendation 6",
    ]


def test_labour_standards_and_where(store) -> None:
    rows = named(store, "labour-standards")
    assert [(r["standard"], r["type"], r["mentioned_in"]) for r in rows] == [
        ("Violence and Harassment Convention, 2019 (No. 190)", "Convention", "GB.347/PFA/14 paragraph 27"),
        ("Social Protection Floors Recommendation, 2012 (No. 202)", "Recommendation", f"{HLE}: recommendation 5"),
        ("Employment and Decent Work for Peace and Resilience Recommendation, 2017 (No. 205)", "Recommendation", f"{HLE}: recommendation 5"),
    ]


def test_strategies_and_plans(store) -> None:
    rows = {r["strategy"]: r for r in named(store, "strategies-and-plans")}
    assert rows["Human Resources Strategy for 2022–25"]["reported_on_by"] == "GB.347/PFA/14"
    plan = rows["Office Plan of Action 2019–20 to maximize the opportunities of the UN development system reform"]
    assert (plan["kind"], plan["reported_on_by"], plan["documented_in"]) == ("Plan", "GB.340/INS/6", "GB.335/INS/10")
    assert rows["Development Cooperation Strategy 2020–25"]["documented_in"] == "GB.340/POL/6"
    assert int(rows["Information Technology Strategy 2022–25"]["mentioned_by"]) == 1  # JIU/REP/2020/7 no. 1's remarks


def test_status_history_of_a_recommendation(store) -> None:
    rows = named(store, "recommendation-status-history", recommendation="JIU/REP/2021/3 recommendation 1")
    assert [(r["as_of"], r["acceptance"], r["implementation"], r["reported_in"]) for r in rows] == [
        ("2022-07", "Accepted", "In progress", JIU_TABLE),
    ]


def test_provenance_of_a_node(store) -> None:
    rows = named(store, "provenance")
    assert [(r["label"], r["file_family"], r["first_line"], r["last_line"]) for r in rows] == [
        ("JIU/REP/2021/3 recommendation 1", "jiu-follow-up", "108", "119"),
    ]
    paragraph = named(store, "provenance", node="https://w3id.org/okg/id/document/GB.340/INS/6/paragraph/9")
    assert [(r["document"], r["first_line"], r["last_line"]) for r in paragraph] == [("GB.340/INS/6", "74", "82")]


def test_measurements_in_a_document(store) -> None:
    rows = named(store, "measurements")
    figures = {(r["paragraph"], r["value"], r["unit"]) for r in rows}
    assert {("7", "77", "vacancy announcements"), ("7", "172", "days"), ("14", "40", "per cent"), ("35", "52.7", "per cent")} <= figures
    assert len(rows) == 30  # 22 in digits; 8 in words or compounds (three career fairs, a 6-month pilot)


def test_areas_for_improvement(store) -> None:
    rows = named(store, "areas-for-improvement")
    assert [(r["area"], r["commitments"], r.get("outcomes", "")) for r in rows] == [
        ("1", "3", ""),
        ("2", "9", ""),
        ("3", "5", ""),
        ("4", "4", "Output 3.3"),
        ("5", "2", ""),
    ]
