"""What links the five documents to each other, asked in SPARQL over the built store."""

import pytest

from tests.conftest import select

ID = "https://w3id.org/okg/id/"
HLE = f"{ID}document/hle-covid19-response-recommendations"


@pytest.fixture(scope="module")
def store(built_corpus):
    return built_corpus.store


def test_everything_that_reaches_hrd_across_documents(store) -> None:
    rows = select(
        store,
        """
        SELECT DISTINCT ?item ?how WHERE {
          BIND(<https://w3id.org/okg/id/unit/HRD> AS ?hrd)
          { ?item okg:responsibleUnit ?hrd . BIND("responsible for" AS ?how) }
          UNION { ?item okg:authorUnit ?hrd . BIND("author of" AS ?how) }
          UNION { ?report okg:authorUnit ?hrd ; okg:reportsOn ?item . BIND("reported on by its report" AS ?how) }
        } ORDER BY ?how ?item""",
    )
    assert [(r["how"], r["item"]) for r in rows] == [
        ("author of", f"{ID}document/GB.347/PFA/14"),
        ("reported on by its report", f"{ID}strategy/hr-strategy-2022-25"),
        ("responsible for", f"{HLE}/recommendation/8"),
    ]


def test_every_evaluation_recommendation_has_its_units(store) -> None:
    rows = select(
        store,
        f"""
        SELECT ?n (GROUP_CONCAT(?key; separator=" ") AS ?units) WHERE {{
          ?r okg:madeIn <{HLE}> ; okg:recommendationNumber ?n ; okg:responsibleUnit ?unit .
          BIND(STRAFTER(STR(?unit), "/unit/") AS ?key)
        }} GROUP BY ?n ORDER BY ?n""",
    )
    assert {int(r["n"]): set(r["units"].split()) for r in rows} == {
        1: {"DDG-FOP", "ACTRAV", "ACT-EMP", "DDG-P", "PARDEV", "ITCILO"},
        2: {"SMT", "DDG-MR", "PROGRAM", "DDG-P", "DDG-FOP", "TR-CF"},
        3: {"SMT", "PROGRAM"},
        4: {"DDG-MR", "DDG-FOP", "PROGRAM", "PARDEV", "RESEARCH", "EVAL"},
        5: {"SOCPRO", "DDG-P", "DWT", "CO", "DDG-FOP"},
        6: {"NORMES", "SECTOR", "GOVERNANCE", "SOCPRO", "CO", "WORKQUALITY", "DDG-P"},
        7: {"DDG-P", "ENTERPRISES", "EMPLOYMENT", "GOVERNANCE", "MULTILATERALS", "SOCPRO"},
        8: {"MULTILATERALS", "PARDEV", "PROGRAM", "DDG-P", "DDG-FOP", "HRD"},
    }


def test_evaluation_implications_are_concepts_and_priority_stays_missing(store) -> None:
    rows = select(
        store,
        f"""
        SELECT ?n ?time ?resource ?priority WHERE {{
          ?r okg:madeIn <{HLE}> ; okg:recommendationNumber ?n ;
             okg:timeImplication/skos:prefLabel ?time ; okg:resourceImplication/skos:prefLabel ?resource .
          OPTIONAL {{ ?r okg:priority ?priority }}
        }} ORDER BY ?n""",
    )
    assert [(r["time"], r["resource"], r.get("priority")) for r in rows] == [
        ("Short-term", "Medium", None),
        ("Short-term", "High", None),
        ("Short-term", "Medium", None),
        ("Medium-term", "Medium", None),
        ("Long-term", "Medium", None),
        ("Medium-to-long-term", "Medium", None),
        ("Long-term", "High", None),
        ("Medium-to-long-term", "High", None),
    ]


def test_environmental_sustainability_connects_at_least_three_documents(store) -> None:
    rows = select(
        store,
        """
        SELECT ?document (COUNT(DISTINCT ?item) AS ?items) WHERE {
          GRAPH ?inferred { ?link okg:theme <https://w3id.org/okg/id/theme/environmental-sustainability> ;
                                  okg:about ?item ; okg:evidence ?words }
          ?item prov:wasDerivedFrom/okg:sourceDocument ?document .
        } GROUP BY ?document ORDER BY ?document""",
    )
    documents = {r["document"].rsplit("/", 1)[-1] for r in rows}
    assert {"gb346-pfa9-jiu-follow-up", "mopan-2020-21-management-response", "hle-covid19-response-recommendations"} <= documents


def test_the_meeting_point_is_the_items_the_issue_names_with_their_evidence(store) -> None:
    rows = select(
        store,
        """
        SELECT ?item ?words WHERE {
          ?link okg:theme <https://w3id.org/okg/id/theme/environmental-sustainability> ; okg:about ?item ; okg:evidence ?words .
        }""",
    )
    evidence = {r["item"].removeprefix(ID): r["words"] for r in rows}
    assert evidence["document/JIU/REP/2020/8/recommendation/1"] == "environmental sustainability"
    assert "just transition" in evidence["document/hle-covid19-response-recommendations/recommendation/7"]
    assert "climate change" in evidence["document/mopan-2020-21-management-response/area-for-improvement/4"]


def test_inferred_links_live_apart_from_stated_ones(store) -> None:
    rows = select(
        store,
        """
        SELECT DISTINCT ?graph WHERE { GRAPH ?graph { ?item okg:inferredTheme ?theme } }""",
    )
    assert rows and all(r["graph"].endswith("/inferred") for r in rows)


def test_labour_standards_are_standards_and_never_oversight_recommendations(store) -> None:
    rows = select(
        store,
        """
        SELECT ?standard ?number ?year ?type (COUNT(DISTINCT ?where) AS ?mentions) WHERE {
          ?standard a okg:InternationalLabourStandard ; okg:standardNumber ?number ;
                    okg:adoptionYear ?year ; okg:instrumentType ?type .
          ?where okg:mentions ?standard .
          FILTER NOT EXISTS { ?standard a okg:Recommendation }
        } GROUP BY ?standard ?number ?year ?type ORDER BY ?number""",
    )
    assert [(r["standard"].removeprefix(ID), r["number"], r["year"], r["type"]) for r in rows] == [
        ("standard/C190", "190", "2019", "Convention"),
        ("standard/R202", "202", "2012", "Recommendation"),
        ("standard/R205", "205", "2017", "Recommendation"),
    ]


def test_a_strategy_is_one_node_wherever_it_is_mentioned(store) -> None:
    rows = select(
        store,
        """
        SELECT DISTINCT ?document WHERE {
          ?item okg:mentions <https://w3id.org/okg/id/strategy/development-cooperation-strategy-2020-25> ;
                prov:wasDerivedFrom/okg:sourceDocument ?document .
        } ORDER BY ?document""",
    )
    assert [r["document"].removeprefix(ID) for r in rows] == [
        "document/GB.340/INS/6",
        "document/gb346-pfa9-jiu-follow-up",
    ]


def test_stated_programme_and_budget_links(store) -> None:
    rows = select(
        store,
        """
        SELECT ?item ?notation WHERE { ?item okg:relevantOutcome/skos:notation ?notation } ORDER BY ?item""",
    )
    assert [(r["item"].removeprefix(ID), r["notation"]) for r in rows] == [
        ("document/GB.347/PFA/14", "Enabling outcome C"),
        ("document/mopan-2020-21-management-response/area-for-improvement/4", "Output 3.3"),
        ("document/mopan-2020-21-management-response/area-for-improvement/4/commitment/2", "Output 3.3"),
    ]


def test_hr_report_covers_the_hr_strategy_with_three_outcomes_and_eight_focus_areas(store) -> None:
    rows = select(
        store,
        """
        SELECT ?area ?outcome WHERE {
          <https://w3id.org/okg/id/document/GB.347/PFA/14> okg:reportsOn ?strategy .
          ?o okg:ofStrategy ?strategy ; okg:outcomeNumber ?outcome .
          ?a okg:underOutcome ?o ; okg:focusAreaCode ?area .
        } ORDER BY ?area""",
    )
    assert [(r["area"], r["outcome"]) for r in rows] == [
        ("1.1", "1"),
        ("1.2", "1"),
        ("1.3", "1"),
        ("2.1", "2"),
        ("2.2", "2"),
        ("2.3", "2"),
        ("3.1", "3"),
        ("3.2", "3"),
    ]


def test_each_hr_strategy_outcome_carries_its_titles_and_description_each_wording_with_its_lines(store) -> None:
    rows = select(
        store,
        """
        SELECT ?n ?description ?title ?worded ?first ?last WHERE {
          <https://w3id.org/okg/id/document/GB.347/PFA/14> okg:reportsOn ?strategy .
          ?o okg:ofStrategy ?strategy ; okg:outcomeNumber ?n ; dcterms:description ?description ; okg:wording ?w .
          ?w dcterms:title ?title ; prov:wasDerivedFrom [ okg:startLine ?first ; okg:endLine ?last ] .
          OPTIONAL { ?w dcterms:description ?worded }
        } ORDER BY ?n ?first""",
    )
    described = {r["n"]: r["description"] for r in rows}
    assert described == {
        "1": "Fostering employee engagement and inclusion – attract, develop, engage and retain diverse and qualified staff and leaders.",
        "2": "Strengthening leadership, ethical behaviour and accountability for a respectful environment.",
        "3": "HR technologies, digitalization and analytics.",
    }
    assert [(r["n"], r["title"], r.get("worded") == r["description"], r["first"], r["last"]) for r in rows] == [
        ("1", "Diverse workforce with the right skills to face the future", True, "47", "47"),
        ("1", "Diverse workforce with the right skills to face the future", False, "54", "54"),
        ("2", "Respectful and empowering environment", True, "48", "48"),
        ("2", "Respectful and empowering environment", False, "100", "100"),
        ("3", "Leveraging technology for efficient HR services through innovation and digitalization of the HR function", True, "49", "49"),
        (
            "3",
            "Leveraging technology for efficient HR services through continued innovation and digitalization of the HR function",
            False,
            "125",
            "125",
        ),
    ]
    titles = select(
        store,
        """
        SELECT ?title WHERE { ?o okg:outcomeNumber 3 ; okg:ofStrategy ?s ; dcterms:title ?title } ORDER BY ?title""",
    )
    assert len(titles) == 2  # the report words outcome 3 two ways: both kept


def test_internal_reference_to_the_draft_decision(store) -> None:
    rows = select(
        store,
        """
        SELECT ?target ?text WHERE { <https://w3id.org/okg/id/document/GB.347/PFA/14> okg:refersTo ?target .
                                     ?target okg:text ?text }""",
    )
    assert [r["target"].removeprefix(ID) for r in rows] == ["document/GB.347/PFA/14/paragraph/36"]
    assert rows[0]["text"].startswith("The Governing Body requested the Office to take into account the guidance")


def test_the_plan_of_action_is_the_plan_the_report_reports_on(store) -> None:
    rows = select(
        store,
        """
        SELECT ?n ?due ?status ?date WHERE {
          <https://w3id.org/okg/id/document/GB.340/INS/6> okg:reportsOn ?plan .
          ?item okg:partOfPlan ?plan ; okg:actionItemNumber ?n ; okg:dueBy ?due ; okg:actionStatus ?status ; okg:dueDate ?date .
        } ORDER BY ?n""",
    )
    assert len(rows) == 12
    assert (rows[4]["due"], rows[4]["status"], rows[4]["date"]) == ("2019–20", "Ongoing", "2020-12-31")
    assert (rows[5]["due"], rows[5]["status"], rows[5]["date"]) == ("By end 2019", "Starting 2020", "2019-12-31")
    assert (rows[9]["due"], rows[9]["date"]) == ("By end March 2019", "2019-03-31")
    assert (rows[6]["due"], rows[6]["date"]) == ("By mid-2020", "2020-06-30")


def test_the_mopan_letter_is_one_letter_with_both_copies_as_provenance(store) -> None:
    rows = select(
        store,
        """
        SELECT ?date ?signatory (COUNT(DISTINCT ?span) AS ?copies) WHERE {
          ?letter a okg:Letter ; dcterms:date ?date ; okg:signatory ?signatory ; prov:wasDerivedFrom ?span .
        } GROUP BY ?date ?signatory""",
    )
    assert rows == [{"date": "2021-11-16", "signatory": "Guy Ryder", "copies": "2"}]


def test_a_remark_naming_its_own_recommendation_is_a_marked_self_reference(store) -> None:
    rows = select(
        store,
        """
        SELECT ?assessment ?phrase ?target WHERE {
          ?assessment okg:hasCrossReference ?reference .
          ?reference okg:selfReference true ; okg:phrase ?phrase ; okg:target ?target .
        }""",
    )
    recommendation = f"{ID}document/JIU/REP/2020/8/recommendation/8"
    assert [(r["phrase"], r["target"]) for r in rows] == [("recommendation 8", recommendation)]
    links = select(store, f"SELECT ?from WHERE {{ ?from okg:refersTo <{recommendation}> }}")
    assert links == []  # the remarks name their own recommendation: no link to another one
