"""Which focus nodes could violate a shape: one SPARQL query per shape, derived from the shape, run on Oxigraph.

pySHACL evaluates each constraint once per focus node, in Python: milliseconds a
node, minutes at a million triples. The check asks Oxigraph first, in one query
per shape, for the focus nodes that *could* violate it - a superset of its
violators, written from the shape's own constraints - and pySHACL then validates
only those. The rules stay standard SHACL and the findings stay pySHACL's: a
constraint this module does not translate, or a query Oxigraph refuses, makes
every target of its shape a candidate, so a translation can cost speed, never a
finding. Shapes reached from a target shape (sh:property, sh:node, sh:and,
sh:or) are translated into its query whether they are named by IRI or by a
blank node.

Each condition is a group pattern that binds the focus variable itself (SPARQL
evaluates a group bottom-up, so a condition cannot lean on its neighbours).
"""

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import count
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node as Term  # a node of the shapes graph, as rdflib types what a graph holds

Node = URIRef | BNode | Literal

# What a shape may say in SHACL's own vocabulary that is not a constraint on its focus nodes. A
# deactivated shape reports nothing, so translating its constraints anyway only adds candidates.
_NOT_CONSTRAINTS = {
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.deactivated,
    SH.defaultValue,
    SH.order,
    SH.group,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.prefixes,
    SH.declare,
    SH.flags,  # read with sh:pattern
}
# Datatypes whose ill-formed literals Oxigraph finds by a cast, as rdflib does (tests/graph/check/test_candidates.py
# holds the two to the same verdicts). Not xsd:dateTime nor xsd:time: Oxigraph accepts the hour 24, rdflib
# does not; nor xsd:boolean, whose cast Oxigraph answers for any text.
_CASTABLE = {
    XSD[name]
    for name in ("string", "integer", "decimal", "float", "double", "date", "gYear", "gYearMonth", "duration", "yearMonthDuration", "dayTimeDuration")
}

# The comparison a value must pass for each bound, and the test of each node kind.
_BOUND_OPERATORS: dict[Term, str] = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
_NODE_KIND_TESTS: dict[Term, str] = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
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
    conditions = list(translator.shape_conditions(shape, binder))
    if not conditions:
        return "SELECT ?this WHERE { FILTER(false) }"
    prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n" for d in shapes.objects(None, SH.declare))
    union = "\n  UNION\n".join("  { " + condition + " }" for condition in conditions)
    return f"{prefixes}SELECT DISTINCT ?this WHERE {{\n{union}\n}}"


def candidates(
    database: ox.Store, data: Graph, shapes: Graph, shape_nodes: Sequence[URIRef | BNode]
) -> Iterator[tuple[URIRef | BNode, list[Node] | Untranslatable]]:
    """For each shape in ``shape_nodes``, in turn, the focus nodes that could violate it: IRIs and
    blank nodes from ``database`` (the union of its graphs, the same triples as ``data``), every
    literal target from ``data`` itself. Or, instead of a list, why every target is a candidate:
    a constraint this module does not translate, or a query Oxigraph refuses.

    The queries run ahead on another thread: Oxigraph answers without holding Python's lock, so
    while the caller validates one shape's candidates, the next shapes' queries run.
    """
    subclasses = _Subclasses(database)
    queries: list[str | None | Untranslatable] = []
    for shape in shape_nodes:  # translated here: the shapes graph is read by this thread only
        try:
            queries.append(candidate_query(shapes, shape, subclasses))
        except Untranslatable as reason:
            queries.append(reason)
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        answers = [pool.submit(_select, database, query) if isinstance(query, str) else query for query in queries]
        for shape, answer in zip(shape_nodes, answers):
            # _select raises Untranslatable only (the cast says so; it checks nothing)
            found = (cast(Untranslatable | None, answer.exception()) or answer.result()) if isinstance(answer, Future) else answer
            if isinstance(found, Untranslatable):
                yield shape, found
            else:  # None: no IRI or blank node can be a target
                yield shape, [*(found or []), *literal_targets(data, shapes, shape)]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _select(database: ox.Store, query: str) -> list[Node]:
    """The IRIs and blank nodes a candidate query selects."""
    try:
        rows = [row["this"] for row in cast(ox.QuerySolutions, database.query(query))]  # a candidate query is a SELECT
    except (SyntaxError, RuntimeError, ValueError, OSError) as error:  # pyoxigraph's errors for a query it cannot run
        raise Untranslatable(f"Oxigraph refused the candidate query ({error})") from None
    found: list[Node] = sorted({URIRef(term.value) for term in rows if isinstance(term, ox.NamedNode)})
    return found + sorted({BNode(term.value) for term in rows if isinstance(term, ox.BlankNode)})


def literal_targets(data: Graph, shapes: Graph, shape: URIRef | BNode) -> list[Literal]:
    """Every literal focus node of ``shape`` (from sh:targetNode and sh:targetObjectsOf), as ``data`` spells it.

    Oxigraph stores literals by value ("01"^^xsd:integer comes back as "1", "x"@EN as "x"@en),
    so its answer cannot name the data graph's own literal; literal targets are few, and all
    of them are candidates.
    """
    found = {node for node in shapes.objects(shape, SH.targetNode) if isinstance(node, Literal)}
    for predicate in shapes.objects(shape, SH.targetObjectsOf):
        found.update(node for node in data.objects(None, predicate) if isinstance(node, Literal))
    return sorted(found, key=Literal.n3)


class _Subclasses:
    """Each class with its subclasses, asked of the data graph once."""

    def __init__(self, database: ox.Store) -> None:
        self._database = database
        self._known: dict[URIRef, list[URIRef]] = {}

    def __call__(self, cls: URIRef) -> list[URIRef]:
        if cls not in self._known:
            rows = cast(ox.QuerySolutions, self._database.query(f"SELECT DISTINCT ?class WHERE {{ ?class <{RDFS.subClassOf}>* <{cls}> }}"))
            self._known[cls] = sorted({cls} | {URIRef(row["class"].value) for row in rows if isinstance(row["class"], ox.NamedNode)})
        return self._known[cls]


def _term(node: Term) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Untranslatable(f"a blank node as a value to compare with ({_name(node)})")


def _name(node: object) -> str:
    """A term as an editor reads it in a message: sh:closed, <http://...>, _:b0, "text"."""
    if isinstance(node, URIRef) and node.startswith(str(SH)):
        return f"sh:{node[len(str(SH)) :]}"
    return f"_:{node}" if isinstance(node, BNode) else node.n3() if hasattr(node, "n3") else str(node)


class _Translator:
    def __init__(self, shapes: Graph, subclasses: Subclasses) -> None:
        self.shapes = shapes
        self.subclasses = subclasses
        self._names = count()
        self._within: list[Term] = []  # the shapes being translated, outermost first: a shape met again is recursive
        # Predicates outside SHACL's vocabulary are constraints only as parameters of a constraint component.
        self._parameters = {self.shapes.value(parameter, SH.path) for parameter in self.shapes.objects(None, SH.parameter)}

    def _is_constraint(self, predicate: Term) -> bool:
        if str(predicate).startswith(str(SH)):
            return predicate not in _NOT_CONSTRAINTS
        return predicate in self._parameters

    def _enter(self, shape: Term) -> None:
        if shape in self._within:
            raise Untranslatable(f"a recursive shape ({_name(shape)})")
        self._within.append(shape)

    def targets(self, shape: Term) -> Iterator[str]:
        """Patterns binding ?this to each target, as pySHACL finds them (implicit class targets included)."""
        implicit = {RDFS.Class} | set(self.shapes.subjects(RDFS.subClassOf, RDFS.Class))
        declared = set(self.shapes.objects(shape, SH.targetClass))
        if any(t in implicit for t in self.shapes.objects(shape, RDF.type)):
            declared.add(shape)  # a shape that is also a class targets its instances (SHACL 2.1.3.3)
        # sh:targetClass names a class by IRI (cast: not checked; a blank node goes on as it is, and _term refuses it)
        classes = sorted({c for cls in declared for c in self.subclasses(cast(URIRef, cls))})
        if classes:
            yield f"VALUES ?target_class {{ {' '.join(map(_term, classes))} }} ?this a ?target_class ."
        for predicate in self.shapes.objects(shape, SH.targetSubjectsOf):
            yield f"?this {_term(predicate)} ?target_object ."
        for predicate in self.shapes.objects(shape, SH.targetObjectsOf):
            yield f"?target_subject {_term(predicate)} ?this ."
        for node in self.shapes.objects(shape, SH.targetNode):
            if not isinstance(node, Literal):  # literal targets are added from the data graph (literal_targets)
                yield f"VALUES ?this {{ {_term(node)} }}"

    def _fresh(self) -> str:
        return f"?v{next(self._names)}"

    def shape_conditions(self, shape: Term, binder: _Binder) -> Iterator[str]:
        """Conditions under which ``binder.focus`` could violate ``shape``, a node or a property shape."""
        if self.shapes.value(shape, SH.path) is not None:
            yield from self.property_conditions(shape, binder)
        else:
            yield from self.node_conditions(shape, binder)

    def node_conditions(self, shape: Term, binder: _Binder) -> Iterator[str]:
        """Conditions under which ``binder.focus`` could violate the node shape ``shape``."""
        self._enter(shape)
        tests = []  # on the focus node itself, all in one filter: one pass over the targets
        for predicate, value in sorted(self.shapes.predicate_objects(shape)):
            if not self._is_constraint(predicate):
                continue
            if predicate == SH.property:
                yield from self.property_conditions(value, binder)
            elif predicate == SH.sparql:
                yield self.sparql_condition(value, binder)
            elif predicate == SH.node:
                yield from self.shape_conditions(value, binder)
            elif predicate == SH["and"]:  # violated when any member is
                for member in Collection(self.shapes, value):
                    yield from self.shape_conditions(member, binder)
            elif predicate == SH["or"]:
                yield self.or_condition(value, binder)
            else:
                tests.append(self.value_test(shape, predicate, value, binder.focus))
        if tests:
            yield f"{binder.pattern} FILTER ({' || '.join(tests)})"
        self._within.pop()

    def property_conditions(self, shape: Term, binder: _Binder) -> Iterator[str]:
        """Conditions under which ``binder.focus`` could violate the property shape ``shape``."""
        self._enter(shape)
        focus, path = binder.focus, self.path(self.shapes.value(shape, SH.path))
        value = self._fresh()
        values = _Binder(f"{binder.pattern} {focus} {path} {value} .", value, (*binder.variables, value))
        # The tests on each value share one filter, the tests on their number one grouping: one pass each.
        # (SPARQL's || is true when either side is, even if the other is an error, so joining the tests
        # selects what separate branches would.)
        tests, counts, count = [], [], self._fresh()
        for predicate, constraint in sorted(self.shapes.predicate_objects(shape)):
            if not self._is_constraint(predicate) or predicate == SH.path:
                continue
            if predicate == SH.minCount:
                if int(str(constraint)) >= 1:  # str(): the literal's text, which int() reads of a literal
                    counts.append(f"COUNT(DISTINCT {count}) < {int(str(constraint))}")
            elif predicate == SH.maxCount:
                counts.append(f"COUNT(DISTINCT {count}) > {int(str(constraint))}")
            elif predicate == SH.hasValue:
                yield f"{binder.pattern} FILTER NOT EXISTS {{ {focus} {path} {_term(constraint)} }}"
            elif predicate in (SH.lessThanOrEquals, SH.lessThan):
                other = self._fresh()
                operator = "<=" if predicate == SH.lessThanOrEquals else "<"
                yield (
                    f"{values.pattern} {focus} {_term(constraint)} {other} . "
                    f"FILTER (!({_comparable(value, other)}) || !COALESCE({value} {operator} {other}, false))"
                )
            elif predicate == SH.property:  # a property of each value
                yield from self.property_conditions(constraint, values)
            elif predicate == SH.node:
                yield from self.shape_conditions(constraint, values)
            elif predicate == SH["and"]:
                for member in Collection(self.shapes, constraint):
                    yield from self.shape_conditions(member, values)
            elif predicate == SH["or"]:
                yield self.or_condition(constraint, values)
            else:
                tests.append(self.value_test(shape, predicate, constraint, value))
        if tests:
            yield f"{values.pattern} FILTER ({' || '.join(tests)})"
        if counts == [f"COUNT(DISTINCT {count}) < 1"]:  # only sh:minCount 1: no grouping needed
            yield f"{binder.pattern} FILTER NOT EXISTS {{ {focus} {path} [] }}"
        elif counts:
            projected = " ".join(binder.variables)
            yield (
                f"{{ SELECT {projected} WHERE {{ {binder.pattern} OPTIONAL {{ {focus} {path} {count} }} }} "
                f"GROUP BY {projected} HAVING ({' || '.join(counts)}) }}"
            )
        self._within.pop()

    def path(self, path: Term | None) -> str:
        """A SHACL property path as a SPARQL property path (SHACL defines its paths by SPARQL's)."""
        if isinstance(path, URIRef):
            return _term(path)
        if not isinstance(path, BNode):
            raise Untranslatable(f"a property path that is neither an IRI nor a path expression ({_name(path)})")
        if self.shapes.value(path, RDF.first) is not None:
            return "(" + "/".join(self.path(step) for step in Collection(self.shapes, path)) + ")"
        if (alternatives := self.shapes.value(path, SH.alternativePath)) is not None:
            return "(" + "|".join(self.path(step) for step in Collection(self.shapes, alternatives)) + ")"
        for predicate, form in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"), (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
            if (inner := self.shapes.value(path, predicate)) is not None:
                return form.format(self.path(inner))
        raise Untranslatable(f"a property path this module does not know ({_name(path)})")

    def value_test(self, shape: Term, predicate: Term, constraint: Term, value: str) -> str:
        """A filter expression true for a value (or the focus node itself) that could violate one value-type
        constraint; never an error where the value could violate it (an error would drop the value)."""
        if predicate == SH.datatype:
            if constraint == RDF.langString:
                return f'(!isLiteral({value}) || LANG({value}) = "")'
            if constraint not in _CASTABLE:
                return "true"  # Oxigraph cannot tell this datatype's ill-formed literals: every value could violate
            # A literal of the datatype whose text the datatype refuses is also a violation; the cast finds it.
            return (
                f"(!isLiteral({value}) || DATATYPE({value}) != {_term(constraint)} "
                f"|| !COALESCE(STR({_term(constraint)}({value})) = STR({_term(constraint)}({value})), false))"
            )
        if predicate == SH["class"]:
            classes = ", ".join(map(_term, self.subclasses(cast(URIRef, constraint))))  # sh:class names a class by IRI (as in targets)
            return f"NOT EXISTS {{ {value} a ?{value[1:]}_class . FILTER (?{value[1:]}_class IN ({classes})) }}"
        if predicate == SH["in"]:
            members = list(Collection(self.shapes, constraint))
            same = " || ".join(f"sameTerm({value}, {_term(m)})" for m in members) or "false"
            return f"!({same})"
        if predicate == SH.pattern:
            flags = self.shapes.value(shape, SH.flags)
            regex = Literal(str(constraint)).n3()
            flag_text = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            # A pattern Oxigraph's regex engine refuses (a look-ahead, say) is an error, which COALESCE makes a candidate.
            return f"(isBlank({value}) || !COALESCE(REGEX(STR({value}), {regex}{flag_text}), false))"
        if predicate == SH.minLength:
            return f"(isBlank({value}) || STRLEN(STR({value})) < {int(str(constraint))})"
        if predicate == SH.maxLength:
            return f"(isBlank({value}) || STRLEN(STR({value})) > {int(str(constraint))})"
        if predicate in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            operator = _BOUND_OPERATORS[predicate]
            bound = _term(constraint)
            return f"(!({_comparable(value, bound)}) || !COALESCE({value} {operator} {bound}, false))"
        if predicate == SH.nodeKind:
            test = _NODE_KIND_TESTS.get(constraint)
            if test is None:
                raise Untranslatable(f"the node kind {_name(constraint)}")
            return f"!({test.format(v=value)})"
        raise Untranslatable(f"{_name(predicate)} is not translated")

    def or_condition(self, alternatives: Term, binder: _Binder) -> str:
        """A focus violates sh:or only when it could violate every alternative: the alternatives' conditions, joined."""
        groups = []
        for alternative in Collection(self.shapes, alternatives):
            conditions = list(self.shape_conditions(alternative, binder))
            if not conditions:
                return f"{binder.pattern} FILTER (false)"  # an alternative nothing violates
            groups.append("{ " + " UNION ".join("{ " + c + " }" for c in conditions) + " }")
        return " ".join(groups)

    def sparql_condition(self, constraint: Term, binder: _Binder) -> str:
        """A SPARQL-based constraint, run once for all focus nodes: its solutions name the violators."""
        if binder.focus != "?this":
            raise Untranslatable("a SPARQL constraint on values")
        select = self.shapes.value(constraint, SH.select)
        if select is None:
            raise Untranslatable("a SPARQL constraint without sh:select")
        if any(name in str(select) for name in ("$PATH", "$currentShape", "$shapesGraph")):
            raise Untranslatable("a SPARQL constraint using $PATH, $currentShape or $shapesGraph")
        return f"{binder.pattern} {{ {str(select).replace('$this', '?this')} }}"


def _comparable(value: str, other: str) -> str:
    """Whether Oxigraph compares ``value`` with ``other`` as pySHACL does: two numbers, or two literals of one datatype.

    Other pairs (a date with a dateTime, a string with a number) may compare differently in the two engines, so they
    are candidates whatever Oxigraph says.
    """
    return f"(isNumeric({value}) && isNumeric({other})) || (isLiteral({value}) && isLiteral({other}) && DATATYPE({value}) = DATATYPE({other}))"
