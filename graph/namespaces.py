"""The namespaces okg mints in and the standard vocabularies it reuses."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

OKG = Namespace("https://w3id.org/okg/ontology#")
VOCAB = Namespace("https://w3id.org/okg/vocab/")
ID = Namespace("https://w3id.org/okg/id/")

# Prefixes offered to every query and used when printing IRIs.
PREFIXES: dict[str, str] = {
    "okg": str(OKG),
    "vocab": str(VOCAB),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
}

# The instance namespace makes unreadable prefixed names (id:graph\/ontology); exports spell those IRIs out.
EXPORT_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "id"}


def compact(iri: str) -> str:
    """``okg:Recommendation`` for the full IRI, or the IRI itself when no prefix fits."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
