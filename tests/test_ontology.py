"""The ontology files: every class and property explained, every file opening with what it is for."""

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from okg.graph.build.pipeline import load_ontology
from okg.graph.resources import ontology_files, query_files, shape_files


def test_every_class_and_property_has_a_label_and_a_comment() -> None:
    ontology = load_ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {t for kind in kinds for t in ontology.subjects(RDF.type, kind)}
    assert len(terms) > 100
    unexplained = sorted(str(t) for t in terms if ontology.value(t, RDFS.label) is None or ontology.value(t, RDFS.comment) is None)
    assert unexplained == []


def test_every_data_file_opens_with_a_comment_saying_what_it_is_for() -> None:
    for resource in [*ontology_files(), *shape_files(), *query_files()]:
        text = resource.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith("# ") and len(first) > 20, resource.name
        if resource.name.endswith(".ttl"):
            assert len(Graph().parse(data=text, format="turtle")) > 0, resource.name


def test_every_status_the_jiu_profile_names_is_a_concept_of_okgs_vocabularies() -> None:
    from okg.graph.build.pipeline import load_ontology
    from okg.graph.build.vocabularies import Vocabularies
    from okg.loaders.jiu_follow_up import JiuProfile

    vocabularies, profile = Vocabularies(load_ontology()), JiuProfile.load()
    values = {(role, value) for role, wordings in profile.statuses.items() for value in wordings.values()}
    assert len(values) == 15
    unresolved = sorted((role, value) for role, value in values if vocabularies.concept(role, value) is None)
    assert unresolved == []


def test_every_value_the_evaluation_profile_names_is_a_concept_of_okgs_vocabularies() -> None:
    # a value the profile knows is resolved to a concept by the builder; one the vocabularies lacked cost the document
    from okg.graph.build.pipeline import load_ontology
    from okg.graph.build.vocabularies import Vocabularies
    from okg.loaders.profiles import read_profile

    vocabularies, (_, profile) = Vocabularies(load_ontology()), read_profile("evaluation-recommendations")
    values = {(role, value) for role, wordings in profile["values"].items() for value in wordings}
    assert len(values) == 14
    unresolved = sorted((role, value) for role, value in values if vocabularies.concept(role, value) is None)
    assert unresolved == []
