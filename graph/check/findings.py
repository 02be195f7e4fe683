"""Writing check findings for people (text), programs (JSON) and SHACL tools (sh:ValidationReport in Turtle)."""

import json
from collections import defaultdict
from dataclasses import asdict
from typing import IO

from rich.console import Console
from rich.markup import escape

from okg.graph.check import CheckReport, Finding
from okg.graph.sinks import text_console

_COLOURS = {"Violation": "red", "Warning": "yellow", "Info": "cyan"}
_OTHER_COLOUR = "magenta"  # a severity the shapes define themselves


def summary_line(report: CheckReport) -> str:
    """ "0 violations, 25 warnings, 2 infos in 0.75 s (773 nodes)", with any other severity's count after the infos."""
    counts = ", ".join(f"{report.count(s)} {s.lower() if s in _COLOURS else s}{'s' if report.count(s) != 1 else ''}" for s in report.severities())
    return f"{counts} in {report.seconds:.2f} s ({report.nodes} nodes)"


def write_text(report: CheckReport, console: Console, severities: tuple[str, ...] | None = None) -> None:
    """Findings grouped by source document and severity, each with its rule, node, lines and message.

    ``severities`` keeps only those (all by default).
    """
    shown = report.severities() if severities is None else [s for s in report.severities() if s in severities]
    by_document: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in report.findings:
        if finding.severity in shown:
            by_document[finding.document_label or "(no source document)"][finding.severity].append(finding)
    for document, by_severity in by_document.items():
        console.print(f"[bold]{escape(document)}[/]", highlight=False)
        for severity in shown:
            findings = by_severity.get(severity, [])
            if not findings:
                continue
            colour = _COLOURS.get(severity, _OTHER_COLOUR)
            console.print(f"  [{colour}]{escape(severity)}[/] ({len(findings)})", highlight=False)
            for finding in findings:
                lines = f"lines {finding.lines[0]}–{finding.lines[1]}" if finding.lines else "no source lines"
                console.print(f"    {escape(finding.rule)}: {escape(finding.label)} ({lines})", highlight=False)
                console.print(f"      {escape(finding.message)}", highlight=False)
    console.print(summary_line(report), highlight=False)


def write_fallbacks(report: CheckReport, console: Console) -> None:
    """The shapes validated on every target rather than on Oxigraph's candidates, each with the reason."""
    for fallback in report.fallbacks:
        console.print(f"okg: {fallback.shape}: every target validated, {fallback.reason}", markup=False, highlight=False)


def as_json(report: CheckReport) -> str:
    """The findings as JSON: counts, and every finding with its fields."""
    return json.dumps(
        {
            "counts": {severity: report.count(severity) for severity in report.severities()},
            "seconds": round(report.seconds, 3),
            "nodes": report.nodes,
            "findings": [asdict(finding) for finding in report.findings],
        },
        indent=2,
        ensure_ascii=False,
    )


def as_turtle(report: CheckReport) -> str:
    """The standard SHACL validation report (sh:ValidationReport) in Turtle."""
    return report.report.serialize(format="turtle")


# The sinks of kind ``findings`` (graph/sinks.py), each a whole report written to a stream.


def write_report_text(report: CheckReport, out: IO[bytes]) -> None:
    """Findings for reading: grouped by document and severity, then the one-line total."""
    with text_console(out) as console:
        write_text(report, console)


def write_report_json(report: CheckReport, out: IO[bytes]) -> None:
    """Findings as JSON (:func:`as_json`)."""
    out.write((as_json(report) + "\n").encode())


def write_report_turtle(report: CheckReport, out: IO[bytes]) -> None:
    """The SHACL validation report in Turtle (:func:`as_turtle`)."""
    out.write((as_turtle(report) + "\n").encode())
