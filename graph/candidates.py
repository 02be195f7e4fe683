"""Which focus nodes could violate a shape: one SPARQL query per shape, derived from the shape, run on Oxigraph.

pySHACL evaluates each constraint once per focus node, in Python: milliseconds a
node, minutes at a million triples. The check asks Oxigraph first, in one query
per shape, for the focus nodes that *could* violate it - a superset of its
violators, written from the shape's own constraints - and pySHACL then validates
only those. The rules stay standard SHACL and the findings stay pySHACL's: a
constraint this module does not translate makes every target of its shape a
candidate, so a translation can cost speed, never a finding.

Each condition is a group pattern that binds the focus variable itself (SPARQL
evaluates a group bottom-up, so a condition cannot lean on its neighbours).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import count

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS

# What a shape may say that is not a constraint on its focus nodes.
_NOT_CONSTRAINTS = {
    RDF.type, RDFS.label, RDFS.comment, SKOS.definition, SH.message, SH.severity, SH.name, SH.description,
    SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.prefixes, SH.order, SH.group,
    SH.flags,  # read with sh:pattern
}


class Untranslatable(Exception):
    """A shape this module cannot turn into a candidate query; all its targets are candidates."""


@dataclass(frozen=True)
class _Binder:
    """A pattern that binds ``focus`` (and ``variables``) - the part each condition starts from."""

    pattern: str
    focus: str
    variables: tuple[str, ...]


Subclasses = Callable[[URIRef], list[URIRef]]


def candidate_query(shapes: Graph, shape: URIRef | BNode, subclasses: Subclasses) -> str | None:
    """The SELECT of the focus nodes that could violate ``shape``; None when the shape targets nothing.

    ``subclasses`` gives a class and all its subclasses in the data graph (SHACL's
    instances of a class include its subclasses' instances).
    """
    translator = _Translator(shapes, subclasses)
    targets = list(translator.targets(shape))
    if not targets:
        return None
    binder = _Binder("{ " + " } UNION { ".join(targets) + " }", "?this", ("?this",))
    conditions = list(translator.node_conditions(shape, binder))
    if not conditions:
        return "SELECT ?this WHERE { FILTER(false) }"
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n" for d in shapes.objects(None, SH.declare)
    )
    union = "\n  UNION\n".join("  { " + condition + " }" for condition in conditions)
    return f"{prefixes}SELECT DISTINCT ?this WHERE {{\n{union}\n}}"


def candidates(database: ox.Store, shapes: Graph, shape: URIRef | BNode) -> list[URIRef] | None:
    """The focus nodes of ``shape`` that could violate it, from ``database`` (the union of its graphs).

    None means "every target": the shape uses a constraint this module does not translate.
    """
    try:
        query = candidate_query(shapes, shape, _Subclasses(database))
    except Untranslatable:
        return None
    if query is None:
        return []
    rows = database.query(query)
    return sorted(URIRef(row["this"].value) for row in rows if isinstance(row["this"], ox.NamedNode))


class _Subclasses:
    """Each class with its subclasses, asked of the data graph once."""

    def __init__(self, database: ox.Store) -> None:
        self._database = database
        self._known: dict[URIRef, list[URIRef]] = {}

    def __call__(self, cls: URIRef) -> list[URIRef]:
        if cls not in self._known:
            rows = self._database.query(f"SELECT DISTINCT ?class WHERE {{ ?class <{RDFS.subClassOf}>* <{cls}> }}")
            self._known[cls] = sorted({cls} | {URIRef(row["class"].value) for row in rows if isinstance(row["class"], ox.NamedNode)})
        return self._known[cls]


def _term(node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Untranslatable(f"a blank node in a constraint value: {node!r}")


class _Translator:
    def __init__(self, shapes: Graph, subclasses: Subclasses) -> None:
        self.shapes = shapes
        self.subclasses = subclasses
        self._names = count()

    def targets(self, shape) -> Iterator[str]:
        classes = sorted({c for cls in self.shapes.objects(shape, SH.targetClass) for c in self.subclasses(cls)})
        if classes:
            yield f"VALUES ?target_class {{ {' '.join(map(_term, classes))} }} ?this a ?target_class ."
        for predicate in self.shapes.objects(shape, SH.targetSubjectsOf):
            yield f"?this {_term(predicate)} ?target_object ."
        for predicate in self.shapes.objects(shape, SH.targetObjectsOf):
            yield f"?target_subject {_term(predicate)} ?this ."
        for node in self.shapes.objects(shape, SH.targetNode):
            yield f"VALUES ?this {{ {_term(node)} }}"

    def _fresh(self) -> str:
        return f"?v{next(self._names)}"

    def node_conditions(self, shape, binder: _Binder) -> Iterator[str]:
        """Conditions under which ``binder.focus`` could violate the node shape ``shape``."""
        for predicate, value in sorted(self.shapes.predicate_objects(shape)):
            if predicate in _NOT_CONSTRAINTS:
                continue
            if predicate == SH.property:
                yield from self.property_conditions(value, binder)
            elif predicate == SH.sparql:
                yield self.sparql_condition(value, binder)
            elif predicate == SH.node:
                yield from self.node_conditions(value, binder)
            elif predicate == SH["or"]:
                yield self.or_condition(value, binder)
            else:
                yield self.value_condition(shape, predicate, value, binder, binder.focus)

    def property_conditions(self, shape, binder: _Binder) -> Iterator[str]:
        path = self.shapes.value(shape, SH.path)
        if not isinstance(path, URIRef):
            raise Untranslatable(f"a property path that is not one IRI: {path!r}")
        focus, p = binder.focus, _term(path)
        value = self._fresh()
        values = _Binder(f"{binder.pattern} {focus} {p} {value} .", value, (*binder.variables, value))
        projected = " ".join(binder.variables)
        for predicate, constraint in sorted(self.shapes.predicate_objects(shape)):
            if predicate in _NOT_CONSTRAINTS or predicate == SH.path:
                continue
            if predicate == SH.minCount:
                if int(constraint) < 1:
                    continue
                if int(constraint) == 1:
                    yield f"{binder.pattern} FILTER NOT EXISTS {{ {focus} {p} [] }}"
                    continue
                other = self._fresh()
                yield (f"{{ SELECT {projected} WHERE {{ {binder.pattern} OPTIONAL {{ {focus} {p} {other} }} }} "
                       f"GROUP BY {projected} HAVING (COUNT(DISTINCT {other}) < {int(constraint)}) }}")
            elif predicate == SH.maxCount:
                yield (f"{{ SELECT {projected} WHERE {{ {values.pattern} }} "
                       f"GROUP BY {projected} HAVING (COUNT(DISTINCT {value}) > {int(constraint)}) }}")
            elif predicate == SH.hasValue:
                yield f"{binder.pattern} FILTER NOT EXISTS {{ {focus} {p} {_term(constraint)} }}"
            elif predicate in (SH.lessThanOrEquals, SH.lessThan):
                other = self._fresh()
                operator = "<=" if predicate == SH.lessThanOrEquals else "<"
                yield (f"{values.pattern} {focus} {_term(constraint)} {other} . "
                       f"FILTER (!COALESCE({value} {operator} {other}, false))")
            elif predicate == SH.node:
                yield from self.node_conditions(constraint, values)
            elif predicate == SH["or"]:
                yield self.or_condition(constraint, values)
            else:
                yield self.value_condition(shape, predicate, constraint, values, value)

    def value_condition(self, shape, predicate, constraint, binder: _Binder, value: str) -> str:
        """A condition on each value (or the focus node itself) for one value-type constraint."""
        if predicate == SH.datatype:
            # A literal of the datatype whose text the datatype refuses is also a violation; the cast finds it.
            return (f"{binder.pattern} FILTER (!isLiteral({value}) || DATATYPE({value}) != {_term(constraint)} "
                    f"|| !COALESCE(STR({_term(constraint)}({value})) = STR({_term(constraint)}({value})), false))")
        if predicate == SH["class"]:
            classes = ", ".join(map(_term, self.subclasses(constraint)))
            return f"{binder.pattern} FILTER NOT EXISTS {{ {value} a ?{value[1:]}_class . FILTER (?{value[1:]}_class IN ({classes})) }}"
        if predicate == SH["in"]:
            members = list(Collection(self.shapes, constraint))
            same = " || ".join(f"sameTerm({value}, {_term(m)})" for m in members) or "false"
            return f"{binder.pattern} FILTER (!({same}))"
        if predicate == SH.pattern:
            flags = self.shapes.value(shape, SH.flags)
            regex = Literal(str(constraint)).n3()
            flag_text = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            return f"{binder.pattern} FILTER (isBlank({value}) || !REGEX(STR({value}), {regex}{flag_text}))"
        if predicate == SH.minLength:
            return f"{binder.pattern} FILTER (isBlank({value}) || STRLEN(STR({value})) < {int(constraint)})"
        if predicate == SH.maxLength:
            return f"{binder.pattern} FILTER (isBlank({value}) || STRLEN(STR({value})) > {int(constraint)})"
        if predicate in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            operator = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}[predicate]
            return f"{binder.pattern} FILTER (!COALESCE({value} {operator} {_term(constraint)}, false))"
        if predicate == SH.nodeKind:
            test = {SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})",
                    SH.BlankNodeOrIRI: "!isLiteral({v})", SH.BlankNodeOrLiteral: "!isIRI({v})",
                    SH.IRIOrLiteral: "!isBlank({v})"}.get(constraint)
            if test is None:
                raise Untranslatable(f"node kind {constraint!r}")
            return f"{binder.pattern} FILTER (!({test.format(v=value)}))"
        raise Untranslatable(f"constraint {predicate!r}")

    def or_condition(self, alternatives, binder: _Binder) -> str:
        """A focus violates sh:or only when it could violate every alternative: the alternatives' conditions, joined."""
        groups = []
        for alternative in Collection(self.shapes, alternatives):
            conditions = list(self.node_conditions(alternative, binder))
            if not conditions:
                return f"{binder.pattern} FILTER (false)"  # an alternative nothing violates
            groups.append("{ " + " UNION ".join("{ " + c + " }" for c in conditions) + " }")
        return " ".join(groups)

    def sparql_condition(self, constraint, binder: _Binder) -> str:
        """A SPARQL-based constraint, run once for all focus nodes: its solutions name the violators."""
        if binder.focus != "?this":
            raise Untranslatable("a SPARQL constraint on values")
        select = str(self.shapes.value(constraint, SH.select))
        if "$PATH" in select or "$currentShape" in select or "$shapesGraph" in select:
            raise Untranslatable("a SPARQL constraint using $PATH, $currentShape or $shapesGraph")
        return f"{binder.pattern} {{ {select.replace('$this', '?this')} }}"
