"""The status shapes list exactly the concepts of the JIU's schemes and of the schemes the crosswalk maps to them."""

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from okg.graph.build.pipeline import load_ontology
from okg.graph.check import load_shapes

OKG = "https://w3id.org/okg/ontology#"
VOCAB = "https://w3id.org/okg/vocab/"
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.broadMatch, SKOS.relatedMatch)


def _listed(shapes: Graph, path: str) -> set[URIRef]:
    (listing,) = [
        shapes.value(shape, SH["in"]) for shape in shapes.subjects(SH.path, URIRef(OKG + path)) if shapes.value(shape, SH["in"]) is not None
    ]
    return set(Collection(shapes, listing))


def _scheme_and_crosswalk(ontology: Graph, scheme: str) -> set[URIRef]:
    own = set(ontology.subjects(SKOS.inScheme, URIRef(VOCAB + scheme)))
    mapped = {concept for match in MATCHES for target in own for concept in ontology.subjects(match, target)}
    return own | mapped


def test_status_shapes_list_the_scheme_and_its_crosswalk() -> None:
    shapes, ontology = load_shapes(), load_ontology()
    assert _listed(shapes, "acceptanceStatus") == _scheme_and_crosswalk(ontology, "acceptance")
    assert _listed(shapes, "implementationStatus") == _scheme_and_crosswalk(ontology, "implementation")
    assert len(_listed(shapes, "implementationStatus")) == 9
