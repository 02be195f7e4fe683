"""Values a document prints in a table's cells (statuses, addressees, priorities), as the concepts of okg's schemes.

A value no wording of the family's profile names (the loader says so) or no concept of okg's schemes names is kept
as printed, in an ``rdfs:comment`` on its node ("addressee as printed: The board"), and noted in the build summary:
never dropped, never forced into a concept.
"""

from collections.abc import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from okg.graph.build.builders.triples import DocumentGraphs
from okg.graph.build.resolution import Resolver
from okg.loaders.notes import Note
from okg.loaders.spans import SourceSpan

# (scheme, value as printed or as the profile spells it, the predicate linking the node to its concept)
PrintedValue = tuple[str, str | None, URIRef]


def add_printed_values(
    graphs: DocumentGraphs,
    subject: URIRef,
    values: Iterable[PrintedValue],
    unrecognised: Mapping[str, str],
    resolver: Resolver,
    about: str,
    span: SourceSpan,
) -> None:
    """Link ``subject`` to the concept of each value; keep the ones ``unrecognised`` (by the loader, by scheme) or
    unknown to the schemes as printed, the latter noted as said ``about`` the node ("recommendation 2 of …")."""
    for scheme, value, predicate in values:
        if scheme in unrecognised:  # a wording the profile does not know: the loader has noted it
            graphs.stated.add((subject, RDFS.comment, Literal(f"{scheme} as printed: {unrecognised[scheme]}")))
        elif value and (concept := resolver.vocabularies.concept(scheme, value)) is not None:
            graphs.stated.add((subject, predicate, concept))
        elif value:
            graphs.stated.add((subject, RDFS.comment, Literal(f"{scheme} as printed: {value}")))
            graphs.notes.append(Note(f"{about}: {scheme} {value!r} is no value of okg's scheme; kept as printed", span))
