"""How the pages draw things: each class's name, colour and shape, and labels cut to what tells them apart."""

import re
from collections import defaultdict
from os.path import commonprefix  # of lists too: the words two labels share

# Every class drawn has its own name in the legend and the filters, in the words an analyst uses.
# Class name in the graph -> (name shown, colour, vis-network shape); a family shares a colour, its classes differ by shape.
CLASSES = {
    "Recommendation": ("recommendation", "#1f77b4", "dot"),
    "StatusAssessment": ("status assessment", "#9ecae1", "dot"),
    "OrganizationalUnit": ("unit", "#ff7f0e", "square"),  # not a box: a box without its label (zoomed out) is an empty bar
    "FormalOrganization": ("organization", "#ff7f0e", "diamond"),
    "JiuReport": ("JIU report", "#2ca02c", "square"),
    "EvaluationReport": ("evaluation report", "#2ca02c", "triangle"),
    "OversightReport": ("oversight report", "#2ca02c", "diamond"),
    "GoverningBodyDocument": ("Governing Body document", "#2ca02c", "hexagon"),
    "ManagementResponse": ("management response", "#2ca02c", "triangleDown"),
    "Assessment": ("assessment", "#2ca02c", "star"),
    "Letter": ("letter", "#2ca02c", "dot"),
    "SourceDocument": ("source document", "#98df8a", "square"),
    "Document": ("document", "#98df8a", "dot"),
    "ProgrammeAndBudget": ("programme and budget", "#d62728", "square"),
    "ProgrammeOutcome": ("P&B outcome", "#d62728", "triangle"),
    "ProgrammeOutput": ("P&B output", "#d62728", "triangleDown"),
    "Strategy": ("strategy", "#9467bd", "diamond"),
    "Plan": ("plan", "#9467bd", "square"),
    "StrategyOutcome": ("strategy outcome", "#9467bd", "triangle"),
    "FocusArea": ("focus area", "#9467bd", "dot"),
    "OutcomeWording": ("outcome wording", "#9467bd", "hexagon"),
    "PlanComponent": ("plan component", "#9467bd", "triangleDown"),
    "ActionItem": ("action item", "#8c564b", "triangleDown"),
    "Commitment": ("commitment", "#8c564b", "dot"),
    "Deliverable": ("deliverable", "#8c564b", "square"),
    "Measurement": ("measurement", "#8c564b", "diamond"),
    "Finding": ("finding", "#17becf", "dot"),
    "AreaForImprovement": ("area for improvement", "#17becf", "triangle"),
    "Concept": ("theme", "#e377c2", "star"),
    "InternationalLabourStandard": ("standard", "#636363", "hexagon"),
    "Paragraph": ("paragraph", "#bcbd22", "dot"),
    "Footnote": ("footnote", "#bcbd22", "triangleDown"),
    "CrossReference": ("cross-reference", "#bcbd22", "square"),
}
CATEGORIES = {kind: name for kind, (name, _, _) in CLASSES.items()}
STYLE = {name: (colour, shape) for name, colour, shape in CLASSES.values()} | {"other": ("#7f7f7f", "dot")}
MAX_LABEL = 30


def short_label(label: str, limit: int = MAX_LABEL) -> str:
    """``label`` cut to ``limit`` characters, keeping the part that tells it apart from its siblings:
    "… : recommendation 8", "… paragraph 30", or the "Output 3.3" before a colon."""
    if len(label) <= limit:
        return label
    tail = re.search(
        r"(?:[:,]\s*|\s)((?:recommendation|paragraph|footnote|action item|area for improvement|area|commitment|deliverable"
        r"|measurement|finding|rec\.)\s+\S+)$",
        label,
        re.I,
    )
    if tail:
        head = label[: tail.start()].rstrip(" :,")
        room = limit - len(tail.group(1)) - 3
        return (head[:room].rstrip() + "…: " if room > 4 else "") + tail.group(1)
    if ":" in label and len(label.split(":")[0]) <= limit:
        return label.split(":")[0]
    return label[: limit - 1].rstrip() + "…"


def node_colour(background: str, border: str) -> dict:
    """vis-network colours that keep the border (a recommendation's status ring) when selected or hovered."""
    return {
        "background": background,
        "border": border,
        "highlight": {"background": background, "border": border},
        "hover": {"background": background, "border": border},
    }


def numbered(label: str, name: str, number: str | None) -> str:
    """``label`` ending in its class and number ("…: area for improvement 4") when it does not say it already, so that
    siblings with the same text (an area for improvement and its commitment) stay apart once cut."""
    if not number or re.search(rf"\b{re.escape(number)}$", label):
        return label
    return f"{label}: {name} {number}"


def distinct_labels(nodes: list[dict], limit: int = 40) -> None:
    """Re-cut the labels of ``nodes`` that came out the same from different full labels ("Status of JIU/REP/2021/3
    recommendation…"): the words all of them end with go, then the beginning, so that what differs stays
    ("…JIU/REP/2021/3 recommendation 2…": the report and the number)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for node in nodes:
        groups[node["label"]].append(node)
    for same in groups.values():
        fulls = sorted({node["fullLabel"] for node in same})
        if len(fulls) < 2:
            continue
        common_end = len(commonprefix([list(reversed(full.split())) for full in fulls]))
        for node in same:
            words = node["fullLabel"].split()
            words = words[: len(words) - common_end]
            kept: list[str] = []
            while words and len(" ".join([words[-1], *kept])) <= limit - 2:
                kept.insert(0, words.pop())
            if kept:
                node["label"] = ("…" if words else "") + " ".join(kept) + ("…" if common_end else "")
