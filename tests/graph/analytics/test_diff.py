"""`okg diff` and the build's count of changes: the changes the 2023 snapshot makes, listed exactly.

The expected changes are written by hand from tests/fixtures/snapshots/README.md, not read off okg's output.
"""

import json
import shutil

import pytest
from click.testing import CliRunner

from okg.graph.analytics.diff import Change, diff_releases, read_release
from okg.graph.build.pipeline import build_corpus
from okg.graph.cli import main
from okg.graph.store import FINDINGS, TRIG_EXPORT, previous_release
from tests.conftest import MANIFEST, corpus_with_snapshots

CYBERSECURITY_1_2022 = (
    "The executive heads of the United Nations system organizations should prepare, as a matter of priority and no "
    "later than 2022, a comprehensive report on their cybersecurity framework and present it to their respective "
    "legislative and governing bodies at the earliest opportunity, covering the elements contributing to improved "
    "cyberresilience examined in the present report."
)
CYBERSECURITY_1_2023 = (
    "The executive heads of the United Nations system organizations should prepare, as a matter of priority and no "
    "later than 2022, a comprehensive report on their cybersecurity framework and present it to their legislative "
    "and governing bodies at the earliest opportunity, covering the elements contributing to improved "
    "cyber-resilience examined in the present report."
)
EXPECTED = [
    Change("recommendation added", "JIU/REP/2022/2 recommendation 1", None, "Accepted, Not started (as of 2023-07)"),
    Change("recommendation added", "JIU/REP/2022/2 recommendation 2", None, "Under consideration (as of 2023-07)"),
    Change("status changed", "JIU/REP/2020/7 recommendation 6", "Under consideration (as of 2022-07)", "Accepted, In progress (as of 2023-07)"),
    Change(
        "status changed",
        "JIU/REP/2020/7 recommendation 8",
        "Accepted, In progress (as of 2022-07)",
        "Accepted, Implemented, impact Partially (as of 2023-07)",
    ),
    Change(
        "status changed",
        "JIU/REP/2021/3 recommendation 1",
        "Accepted, In progress (as of 2022-07)",
        "Accepted, Implemented, impact Yes (as of 2023-07)",
    ),
    Change("status changed", "JIU/REP/2021/3 recommendation 2", "Under consideration (as of 2022-07)", "Not accepted (as of 2023-07)"),
    Change("text changed", "JIU/REP/2021/3 recommendation 1", CYBERSECURITY_1_2022, CYBERSECURITY_1_2023),
]


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """The one-table build kept as the previous release of the two-table build, both checked (findings saved)."""
    folder = tmp_path_factory.mktemp("releases")
    store = folder / "store"
    build_corpus(MANIFEST, store, check=True)
    summary = build_corpus(corpus_with_snapshots(folder / "corpus", 2023), store, check=True, keep_previous=True)
    return previous_release(store), store, summary


def test_the_diff_lists_exactly_the_changes_the_snapshot_made(releases) -> None:
    old, new, _ = releases
    changes = diff_releases(read_release(old), read_release(new))
    assert [c for c in changes.changes if not c.kind.startswith("finding")] == EXPECTED
    # The reworded text is a new finding (an Info), and so is the new table's column legend, which no fact came
    # from (a Warning); nothing is resolved.
    assert [(c.kind, c.subject, c.new.split(":")[0]) for c in changes.changes if c.kind.startswith("finding")] == [
        ("finding new", "JIU/REP/2021/3 recommendation 1", "Info"),
        ("finding new", "Status of ILO follow-up to JIU recommendations as of July 2023", "Warning"),
    ]
    assert changes.findings_compared


def test_the_diff_as_text_json_and_markdown(releases) -> None:
    old, new, _ = releases
    as_text = CliRunner().invoke(main, ["diff", str(old), str(new)])
    assert as_text.exit_code == 1
    lines = as_text.output.splitlines()
    assert lines[:4] == [
        "recommendations added (2)",
        "  JIU/REP/2022/2 recommendation 1: Accepted, Not started (as of 2023-07)",
        "  JIU/REP/2022/2 recommendation 2: Under consideration (as of 2023-07)",
        "status changes (4)",
    ]
    assert lines[-1] == "2 recommendations added, 4 status changes, 1 text changed, 2 new findings"

    as_json = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json"])
    answer = json.loads(as_json.output)
    assert as_json.exit_code == 1
    assert answer["counts"] == {"recommendation added": 2, "status changed": 4, "text changed": 1, "finding new": 2}
    assert [Change(**c) for c in answer["changes"][:7]] == EXPECTED

    as_markdown = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "markdown"])
    assert as_markdown.exit_code == 1
    assert (
        "## Status changes (4)\n\n- **JIU/REP/2020/7 recommendation 6**: Under consideration (as of 2022-07) -> "
        "Accepted, In progress (as of 2023-07)\n" in as_markdown.output
    )
    assert as_markdown.output.startswith("# Changes\n\n2 recommendations added, 4 status changes, 1 text changed, 2 new findings.\n")


def test_identical_releases_have_no_differences(releases) -> None:
    _, new, _ = releases
    result = CliRunner().invoke(main, ["diff", str(new), str(new)])
    assert (result.exit_code, result.output) == (0, "no differences\n")


def test_trig_exports_diff_like_their_stores(releases, tmp_path) -> None:
    old, new, _ = releases
    for release in (old, new):  # exports on their own, without the saved findings beside them
        shutil.copy(release / TRIG_EXPORT, tmp_path / f"{release.name}.trig")
    changes = diff_releases(read_release(tmp_path / f"{old.name}.trig"), read_release(tmp_path / f"{new.name}.trig"))
    assert changes.changes == EXPECTED and not changes.findings_compared
    result = CliRunner().invoke(main, ["diff", str(tmp_path / f"{old.name}.trig"), str(tmp_path / f"{new.name}.trig"), "--check"])
    assert result.output.splitlines()[-1] == "2 recommendations added, 4 status changes, 1 text changed, 2 new findings"


def test_the_build_counts_the_changes_against_the_store_it_replaces(releases) -> None:
    _, new, summary = releases
    assert summary.changes is not None and summary.changes.changes[:7] == EXPECTED
    assert (new / FINDINGS).is_file()


def test_units_reassigned_and_action_items_changed(tmp_path) -> None:
    shutil.copytree(MANIFEST.parent, tmp_path / "corpus")
    build_corpus(tmp_path / "corpus" / "manifest.toml", tmp_path / "store")
    evaluation = tmp_path / "corpus" / "hle-covid19-response-recommendations.txt"
    evaluation.write_text(
        evaluation.read_text(encoding="utf-8").replace(
            "MULTILATERALS, PARDEV, PROGRAM, DDG/P, DDG/FOP, Human Resources Development Department (HRD)",
            "PARDEV, PROGRAM, DDG/P, DDG/FOP, Human Resources Development Department (HRD)",
        ),
        encoding="utf-8",
    )
    report = tmp_path / "corpus" / "gb340-ins6-un-reform-update.txt"
    report.write_text(
        report.read_text(encoding="utf-8").replace(
            "in particular regarding the labour principles and the promotion of fundamental principles and rights at work\tBy October 2019\tOngoing",
            "in particular regarding the labour principles and the promotion of fundamental principles and rights at work\t"
            "By December 2019\tCompleted",
        ),
        encoding="utf-8",
    )
    summary = build_corpus(tmp_path / "corpus" / "manifest.toml", tmp_path / "store")
    assert [(c.kind, c.subject.split(":")[0], c.old, c.new) for c in summary.changes.changes] == [
        (
            "units reassigned",
            "High-level evaluation of the ILO's COVID-19 response",
            "DDG/FOP, DDG/P, HRD, MULTILATERALS, PARDEV, PROGRAM",
            "DDG/FOP, DDG/P, HRD, PARDEV, PROGRAM",
        ),
        ("action item changed", "Action item 8", "Ongoing, due By October 2019", "Completed, due By December 2019"),
    ]


def test_a_document_that_yields_fewer_recommendations_is_warned_about(tmp_path) -> None:
    shutil.copytree(MANIFEST.parent, tmp_path / "corpus")
    build_corpus(tmp_path / "corpus" / "manifest.toml", tmp_path / "store")
    table = tmp_path / "corpus" / "gb346-pfa9-jiu-follow-up.txt"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(lines[:92]), encoding="utf-8")  # the table cut after JIU/REP/2020/8 recommendation 10
    result = CliRunner().invoke(main, ["build", "--manifest", str(tmp_path / "corpus" / "manifest.toml"), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0
    assert (
        "warning: Status of ILO follow-up to JIU recommendations as of July 2022 now yields 15 recommendations; "
        "its previous release yielded 20 recommendations"
    ) in result.output
    assert "changes against the store replaced: 5 recommendations removed, 1 document yields fewer (okg diff lists them)" in result.output


def test_a_finding_whose_message_changed_is_one_finding_changed(releases) -> None:
    # "worded differently by two documents" names the documents: a third one changes the message, not the finding
    _, new, _ = releases
    before, after = read_release(new), read_release(new)
    assert before.findings is not None and after.findings is not None
    severity, rule, subject, message = next(f for f in sorted(after.findings) if f[0] == "Info")
    before.findings = (before.findings - {(severity, rule, subject, message)}) | {(severity, rule, subject, "an older wording")}
    changes = diff_releases(before, after).changes
    assert [(c.kind, c.subject, c.old, c.new) for c in changes] == [
        ("finding changed", subject, f"{severity}: {rule}: an older wording", f"{severity}: {rule}: {message}")
    ]
