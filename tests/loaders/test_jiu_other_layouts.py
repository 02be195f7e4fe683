"""JIU follow-up tables of other organizations: columns found from their header words, statuses mapped.

The six-column document is test data written for these tests (see tests/fixtures/layouts/README.md).
"""

from pathlib import Path

import pytest

from okg.errors import ProfileError, SourceError
from okg.loaders.jiu_follow_up import PROFILE, JiuProfile, parse, read
from okg.loaders.profiles import Profiles, profile_text
from okg.loaders.readers import read_document
from okg.loaders.readers.model import Table
from okg.loaders.readers.text import read_text
from okg.loaders.spans import SourceSpan
from tests.conftest import REPO

SIX_COLUMNS = REPO / "tests" / "fixtures" / "layouts" / "six-column-follow-up.html"


@pytest.fixture(scope="module")
def table():
    return read(read_document(SIX_COLUMNS))


def test_six_columns_read_field_by_field(table) -> None:
    rows = {(r.report_symbol, r.number): r for r in table.recommendations}
    assert list(rows) == [("JIU/REP/2019/6", 1), ("JIU/REP/2019/6", 2), ("JIU/REP/2019/6", 4), ("JIU/NOTE/2020/1", 3), ("JIU/NOTE/2020/1", 5)]
    first = rows[("JIU/REP/2019/6", 1)]
    assert first.report_title == "Review of audit and oversight committees in the United Nations system"
    assert first.text == "The executive heads should review the terms of reference of their audit committees by the end of 2021."
    assert first.addressee == "Executive head"
    assert first.intended_impacts == ()
    # "Yes", "Closed": a status of its own (the crosswalk relates it to Implemented)
    assert (first.acceptance, first.implementation, first.impact_achieved) == ("Accepted", "Closed", None)
    assert first.remarks == "The charter was revised in March 2021."
    assert first.unrecognised == ()
    assert first.span == SourceSpan(17, 17, None, 1)  # the page's source line, and the row below the header
    second = rows[("JIU/REP/2019/6", 2)]
    assert (second.addressee, second.acceptance, second.implementation, second.remarks) == ("Legislative organ", "Under consideration", None, None)
    fourth = rows[("JIU/REP/2019/6", 4)]
    # "Yes", "Pending": a status of its own (the crosswalk relates it to Not started and In progress)
    assert (fourth.acceptance, fourth.implementation) == ("Accepted", "Pending")
    assert [c.numbers for c in fourth.cross_references] == [(1,)]
    assert rows[("JIU/NOTE/2020/1", 3)].acceptance == "Not relevant"
    assert rows[("JIU/NOTE/2020/1", 3)].report_title == "Cooperation on travel services in the United Nations system"


def test_an_unknown_status_is_kept_as_printed_and_noted(table) -> None:
    row = next(r for r in table.recommendations if r.number == 5)
    assert row.implementation == "Superseded"
    assert row.unrecognised == (("implementation", "Superseded"),)
    assert [n.message for n in table.notes] == [
        "recommendation 5 of JIU/NOTE/2020/1: implementation 'Superseded' is no wording of loaders/profiles/jiu-follow-up.toml; kept as printed"
    ]
    assert table.notes[0].span == row.span


def test_the_date_and_the_site_furniture(table) -> None:
    assert table.as_of == "June 2024"
    assert table.parent_symbol == "WO/PBC/99/9"
    assert [words for words, _ in read_document(SIX_COLUMNS).debris] == [
        "Home › Governing bodies › Documents",
        "Page 1:",
        "© 2024 Example Organization · Contact · Terms of use",
    ]


# A layout no profile entry knows: four columns with header words of their own.
VARIANT = "\n".join(
    [
        "JIU/REP/2022/1: Review of business continuity",
        "",
        "Recommendation #\tWording\tPosition of the organization\tStage reached",
        "1\tThe executive heads should test their plans yearly.\tAgreed\tCompleted in full",
        "2\tThe legislative organs should review the plans.\tRejected\t",
    ]
)


def _variant_profile(folder: Path) -> Path:
    """A user's copy of the family's profile, with the variant's header words, its layout and one more status wording."""
    _, shipped = profile_text("jiu-follow-up")
    variant = (
        shipped.replace("number = [", 'number = ["Recommendation #", ', 1)
        .replace("text = [", 'text = ["Wording", ', 1)
        .replace("acceptance = [", 'acceptance = ["Position of the organization", ', 1)
        .replace("implementation = [", 'implementation = ["Stage reached", ', 1)
        .replace('"Implemented" = [', '"Implemented" = ["Completed in full", ', 1)
    )
    variant += '\n[[layout]]\nname = "four columns"\ncolumns = ["number", "text", "acceptance", "implementation"]\n'
    profile_file = folder / "my-organization.toml"
    profile_file.write_text(variant, encoding="utf-8")
    return profile_file


def test_a_layout_variant_is_added_through_the_profile_alone(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^variant\.txt: no JIU follow-up table found"):
        read(read_text(VARIANT, "variant.txt"))

    table = read(read_text(VARIANT, "variant.txt"), JiuProfile.load(_variant_profile(tmp_path)))
    assert [(r.report_symbol, r.number, r.acceptance, r.implementation, r.addressee) for r in table.recommendations] == [
        ("JIU/REP/2022/1", 1, "Accepted", "Implemented", None),
        ("JIU/REP/2022/1", 2, "Not accepted", None, None),
    ]
    assert table.recommendations[0].text == "The executive heads should test their plans yearly."


# The same table as pdftotext -layout writes it: cells apart by spaces, the text wrapped in its column.
VARIANT_LAID_OUT = """JIU/REP/2022/1: Review of business continuity

Recommendation #   Wording                                   Position of the organization   Stage reached
1                  The executive heads should test their     Agreed                         Completed in full
                   plans yearly.
2                  The legislative organs should review      Rejected
                   the plans.
"""


def test_a_layout_variant_laid_out_by_spacing_is_found_with_the_profile_given_by_path(tmp_path: Path) -> None:
    # regression: the text reader's table finder knew only the shipped profiles' column words
    with pytest.raises(SourceError, match=r"^variant\.txt: no JIU follow-up table found"):
        parse(VARIANT_LAID_OUT, "variant.txt")

    table = parse(VARIANT_LAID_OUT, "variant.txt", JiuProfile.load(_variant_profile(tmp_path)))
    assert [(r.report_symbol, r.number, r.text, r.acceptance, r.implementation, r.span.first, r.span.last) for r in table.recommendations] == [
        ("JIU/REP/2022/1", 1, "The executive heads should test their plans yearly.", "Accepted", "Implemented", 4, 5),
        ("JIU/REP/2022/1", 2, "The legislative organs should review the plans.", "Not accepted", None, 6, 7),
    ]


def test_a_profile_given_by_path_reaches_the_reader(tmp_path: Path) -> None:
    profiles = Profiles().with_file(_variant_profile(tmp_path), "jiu-follow-up")
    tables = [b for b in read_text(VARIANT_LAID_OUT, "variant.txt", profiles).blocks if isinstance(b, Table)]
    assert [(t.header.cells, [r.cells for r in t.rows]) for t in tables] == [
        (
            ("Recommendation #", "Wording", "Position of the organization", "Stage reached"),
            [
                ("1", "The executive heads should test their plans yearly.", "Agreed", "Completed in full"),
                ("2", "The legislative organs should review the plans.", "Rejected", ""),
            ],
        )
    ]
    assert [b for b in read_text(VARIANT_LAID_OUT, "variant.txt").blocks if isinstance(b, Table)] == []


def test_a_header_of_no_layout_names_the_first_column_that_differs() -> None:
    text = "JIU/REP/2019/6: A review\n\nNo.\tRecommendation\tAccepted\tAddressed to\tStatus\tComments\n1\tDo.\tYes\tE\t\t\n"
    with pytest.raises(SourceError, match=r"^h\.txt:3: table header column 3 should be 'Addressee', found 'Accepted'"):
        read(read_text(text, "h.txt"))


def test_a_profile_naming_an_unknown_role_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[columns]\nnumber = ["No."]\ntext = ["Recommendation"]\nbudget = ["Cost"]\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"broken\.toml: unknown column role budget"):
        JiuProfile.load(broken)


def test_every_status_wording_the_issue_names_is_mapped() -> None:
    assert {w: PROFILE.status("implementation", w) for w in ("implemented", "in progress", "pending", "closed")} == {
        "implemented": "Implemented",
        "in progress": "In progress",
        "pending": "Pending",
        "closed": "Closed",
    }
    assert {w: PROFILE.status("acceptance", w) for w in ("under consideration", "not accepted", "not relevant")} == {
        "under consideration": "Under consideration",
        "not accepted": "Not accepted",
        "not relevant": "Not relevant",
    }


def test_cross_reference_words_come_from_the_profile(tmp_path: Path) -> None:
    _, shipped = profile_text("jiu-follow-up")
    profile_file = tmp_path / "jiu-follow-up.toml"
    # another organization's wording: "See Rec. 1 supra"
    profile_file.write_text(
        shipped.replace('words = ["Recommendation", "Recommendations"]', 'words = ["Rec."]').replace(
            'above = ["above"]', 'above = ["above", "supra"]'
        ),
        encoding="utf-8",
    )
    text = (
        "JIU/REP/2019/6: A review\n\nNo.\tRecommendation\tAddressed to\tAccepted\tStatus\tComments\n"
        "1\tDo.\tE\tYes\tImplemented\tDone.\n2\tDo more.\tE\tYes\tIn progress\tSee Rec. 1 supra.\n"
    )
    rows = read(read_text(text, "t.txt"), JiuProfile.load(profile_file)).recommendations
    assert [(c.numbers, c.direction, c.phrase) for c in rows[1].cross_references] == [((1,), "above", "Rec. 1 supra")]
    assert read(read_text(text, "t.txt")).recommendations[1].cross_references == ()


def test_a_direction_neither_above_nor_below_is_refused(tmp_path: Path) -> None:
    _, shipped = profile_text("jiu-follow-up")
    broken = tmp_path / "broken.toml"
    broken.write_text(shipped.replace('below = ["below"]', 'beside = ["next to"]'), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"broken\.toml: \[cross_references\.direction\] beside is neither above nor below"):
        JiuProfile.load(broken)
