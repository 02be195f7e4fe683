"""Mutated versions of the real documents: every loader gives records or a clear error, never a crash,
and what stands before the damage is still read exactly as from the intact document."""

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okg.errors import SourceError
from okg.graph.build.corpus import read_manifest
from okg.graph.build.families import FAMILIES
from tests.conftest import MANIFEST, REPO

CORPUS = REPO / "data" / "corpus"
DOCUMENTS = {document.id: document.family for document in read_manifest(MANIFEST)}  # each bundled document's family
NOISE = ["\t", '"', "“", "”", "’", "*", "<", ">", "▶", "¹", "0", "9", ".", ":", ";", "-", " ", "\u00a0", "RECOMMENDATION 3", "x"]


@dataclass(frozen=True)
class Mutation:
    kind: str  # drop, duplicate, swap, truncate, replace
    line: int  # 0-based index of the first line it touches
    other: int = 0
    character: str = ""

    def apply(self, lines: list[str]) -> list[str]:
        lines = list(lines)
        if self.kind == "drop":
            del lines[self.line]
        elif self.kind == "duplicate":
            lines.insert(self.line, lines[self.line])
        elif self.kind == "swap":
            lines[self.line], lines[self.other] = lines[self.other], lines[self.line]
        elif self.kind == "truncate":
            lines = lines[: self.line]
        else:
            text = lines[self.line]
            position = self.other % (len(text) + 1)
            lines[self.line] = text[:position] + self.character + text[position + 1 :]
        return lines


def mutations(size: int) -> st.SearchStrategy[Mutation]:
    line = st.integers(0, size - 1)
    return st.one_of(
        st.builds(Mutation, st.sampled_from(["drop", "duplicate", "truncate"]), line),
        st.builds(lambda a, b: Mutation("swap", min(a, b), max(a, b)), line, line),
        st.builds(lambda i, p, c: Mutation("replace", i, p, c), line, st.integers(0, 400), st.sampled_from(NOISE)),
    )


def records(family: str, result) -> list:
    """The records whose correctness can be checked line by line, in source order."""
    if family == "jiu-follow-up":
        return list(result.recommendations)
    if family == "evaluation-recommendations":
        return list(result.recommendations)
    if family == "governing-body-report":
        return list(result.paragraphs)
    return sorted([*result.positive_findings, *result.areas_for_improvement], key=lambda r: r.span.first)


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_mutated_documents_give_records_or_a_clear_error(document) -> None:
    family = DOCUMENTS[document]
    lines = (CORPUS / f"{document}.txt").read_text(encoding="utf-8").split("\n")
    intact = records(family, FAMILIES[family].parse("\n".join(lines), document))

    @settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutations(len(lines)))
    def check(mutation: Mutation) -> None:
        text = "\n".join(mutation.apply(lines))
        try:
            result = FAMILIES[family].parse(text, document)
        except SourceError as error:
            assert str(error).startswith(document), str(error)
            return
        # Records that end before the damaged line, and are followed by another such record,
        # depend only on undamaged lines: they must come out exactly as from the intact document.
        first_damaged = mutation.line + 1
        before = [r for r in intact if r.span.last < first_damaged - 1]
        settled = before[:-1]
        found = records(family, result)
        assert found[: len(settled)] == settled, mutation

    check()
