"""The Governing Body report loader against the UN reform update (GB.340/INS/6) and the HR report (GB.347/PFA/14)."""

import re

import pytest

from okg.errors import SourceError
from okg.loaders.governing_body_report import parse
from okg.loaders.text import LabourStandardMention
from tests.conftest import REPO

CORPUS = REPO / "data" / "corpus"


@pytest.fixture(scope="module")
def un_reform():
    path = CORPUS / "gb340-ins6-un-reform-update.txt"
    return parse(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture(scope="module")
def hr_report():
    path = CORPUS / "gb347-pfa14-hr-strategy-progress.txt"
    return parse(path.read_text(encoding="utf-8"), str(path))


def test_un_reform_front_matter(un_reform) -> None:
    front = un_reform.front_matter
    assert front.session == "340th Session, Geneva, October-November 2020"
    assert front.session_number == 340
    assert (front.section, front.section_code) == ("Institutional Section", "INS")
    assert front.date == "12 October 2020"
    assert front.agenda_item == 6
    assert front.title == "Update on the United Nations reform"
    assert front.fields["Author unit"] == "Multilateral Cooperation Department (MULTILATERALS)"
    assert front.related_documents == ("GB.340/POL/6", "GB.340/INS/18/6", "GB.335/INS/10")
    assert front.purpose.startswith("This document reviews developments in the reform")


def test_hr_report_front_matter(hr_report) -> None:
    front = hr_report.front_matter
    assert (front.session_number, front.section_code, front.segment) == (347, "PFA", "Personnel Segment")
    assert front.date == "20 February 2023"
    assert front.agenda_item == 14
    assert front.title == "Progress report on the implementation of the Human Resources Strategy for 2022–25"
    assert front.fields["Author unit"] == front.author_unit == "Human Resources Development Department (HRD)"
    assert front.fields["Main relevant outcome"] == "Enabling outcome C: Optimized use of resources"
    assert front.outcome_references == ("Enabling outcome C",)
    assert front.related_documents == ("GB.347/PFA/INF/7", "GB.343/PFA/14", "GB.337/PFA/11")
    # "see the draft decision in paragraph 36"
    assert front.paragraph_references == (36,)


def test_every_numbered_paragraph_is_found(un_reform, hr_report) -> None:
    assert [p.number for p in un_reform.paragraphs] == list(range(1, 48))
    assert [p.number for p in hr_report.paragraphs] == list(range(1, 37))


def test_a_paragraph_that_lost_its_number_gets_it_back(un_reform) -> None:
    tenth = un_reform.paragraphs[9]
    assert tenth.number_restored and (tenth.span.first, tenth.span.last) == (84, 84)
    assert tenth.text.startswith("The Cooperation Framework guidance, which was developed through a collaborative")
    assert [p.number for p in un_reform.paragraphs if p.number_restored] == [10]


def test_paragraphs_are_joined_across_footnotes_and_page_breaks(un_reform, hr_report) -> None:
    ninth = un_reform.paragraphs[8]
    assert (ninth.span.first, ninth.span.last) == (74, 82)
    assert "country programmes should be derived from the Cooperation Framework, not vice versa." in ninth.text
    third = un_reform.paragraphs[2]
    assert "the creation of the new system-wide evaluation office. It is also expected" in third.text
    assert third.footnotes == (3, 4, 5, 6)
    nineteenth = un_reform.paragraphs[18]
    assert "policies, procedures, systems and related operational mechanisms for the implementation" in nineteenth.text
    thirteenth = hr_report.paragraphs[12]
    assert thirteenth.text.endswith("gain perspective, clarity and insight to navigate their career.")


def test_paragraph_text_carries_no_markup_or_footnote_markers(un_reform, hr_report) -> None:
    for paragraph in un_reform.paragraphs + hr_report.paragraphs:
        assert not re.search(r"\*|[⁰¹²³⁴⁵⁶⁷⁸⁹]|[▶►]|\]\(#\)|^- ", paragraph.text), paragraph.number


def test_footnotes(un_reform, hr_report) -> None:
    assert [f.number for f in un_reform.footnotes] == list(range(1, 17))
    assert [f.number for f in hr_report.footnotes] == [1, 2, 3, 4]
    assert un_reform.footnotes[11].text == "GB.335/INS/10."
    assert hr_report.footnotes[1].cited_symbols == ("GB.337/PFA/11",)
    assert hr_report.paragraphs[3].footnotes == (2,)


def test_every_symbol_of_the_un_system_cited(un_reform, hr_report) -> None:
    # the General Assembly's resolution and the Secretary-General's report (one to the Assembly and ECOSOC) too
    assert un_reform.cited_symbols == ("GB.338/INS/9", "GB.340/POL/6", "GB.340/INS/18/6", "GB.335/INS/10", "A/RES/72/279", "A/75/79", "E/2020/55")
    assert un_reform.footnotes[0].cited_symbols == ("A/RES/72/279",)
    assert hr_report.cited_symbols == ("GB.347/PFA/INF/7", "GB.343/PFA/14", "GB.337/PFA/11", "GB.343/PV")


# number: (component, due by, status) exactly as the appendix table gives them
ACTION_ITEMS = {
    1: (1, "By end 2019", "Completed/ongoing"),
    2: (1, "2019–20", "Ongoing"),
    3: (2, "By end 2019", "Completed"),
    4: (2, "By end 2019", "Ongoing"),
    5: (2, "2019–20", "Ongoing"),
    6: (2, "By end 2019", "Starting 2020"),
    7: (2, "By mid-2020", "Starting 2020"),
    8: (2, "By October 2019", "Ongoing"),
    9: (3, "By end 2019", "Ongoing"),
    10: (3, "By end March 2019", "Completed"),
    11: (3, "By end 2019", "Starting 2020 following the revision and UNSDG endorsement of the Management and Accountability Framework"),
    12: (3, "By mid-2019", "Ongoing"),
}


def test_the_plan_of_action_has_twelve_items_with_due_date_and_status(un_reform) -> None:
    plan = un_reform.plan
    assert plan.title.startswith("Status of the Office Plan of Action 2019–20")
    assert {i.number: (i.component, i.due_by, i.status) for i in plan.items} == ACTION_ITEMS
    assert plan.items[4].text == (
        "Training and support for ILO staff in field offices on pooled funding mechanisms to better equip them "
        "to take advantage of joint funding opportunities"
    )
    assert plan.items[5].text.startswith("Preparation of training modules and information resources for resident")


def test_the_garbled_component_heading_is_restored_from_the_body(un_reform) -> None:
    components = un_reform.plan.components
    assert [c.number for c in components] == [1, 2, 3]
    assert components[1].title == (
        "Maximizing the opportunities of UN reform to promote tripartism and support Member States in achieving decent work"
    )
    assert components[1].restored_from == "section heading B. of the report"
    assert components[0].restored_from is None and components[0].title.startswith("Developing the capacity")
    assert components[2].title == "Advancing the Office's operational integration with the UN at the country level with respect for ILO values"


def test_hr_strategy_outcomes_and_focus_areas(hr_report) -> None:
    assert [(o.number, o.title) for o in hr_report.strategy_outcomes] == [
        (1, "Diverse workforce with the right skills to face the future"),
        (2, "Respectful and empowering environment"),
        (3, "Leveraging technology for efficient HR services through continued innovation and digitalization of the HR function"),
    ]
    assert [(a.code, a.outcome, a.title) for a in hr_report.focus_areas] == [
        ("1.1", 1, "Plan for future workforce needs"),
        ("1.2", 1, "Attract, recruit and engage diverse staff"),
        ("1.3", 1, "Develop capacity to deliver"),
        ("2.1", 2, "Reinforce accountability for performance"),
        ("2.2", 2, "New ways of working"),
        ("2.3", 2, "Respectful and ethical workplace"),
        ("3.1", 3, "HR technologies / digitalization"),
        ("3.2", 3, "HR analytics"),
    ]


def test_hr_strategy_outcomes_as_paragraph_2_states_them(hr_report) -> None:
    outcomes = hr_report.strategy_outcomes
    assert [(o.number, o.description) for o in outcomes] == [
        (1, "Fostering employee engagement and inclusion – attract, develop, engage and retain diverse and qualified staff and leaders."),
        (2, "Strengthening leadership, ethical behaviour and accountability for a respectful environment."),
        (3, "HR technologies, digitalization and analytics."),
    ]
    assert [[(w.title, w.description is not None, w.span.first, w.span.last) for w in o.wordings] for o in outcomes] == [
        [
            ("Diverse workforce with the right skills to face the future", True, 47, 47),
            ("Diverse workforce with the right skills to face the future", False, 54, 54),
        ],
        [("Respectful and empowering environment", True, 48, 48), ("Respectful and empowering environment", False, 100, 100)],
        [
            ("Leveraging technology for efficient HR services through innovation and digitalization of the HR function", True, 49, 49),
            ("Leveraging technology for efficient HR services through continued innovation and digitalization of the HR function", False, 125, 125),
        ],
    ]


def test_key_deliverables_sit_in_their_paragraph_and_focus_area(hr_report) -> None:
    by_phrase = {d.phrase: (d.paragraph, d.focus_area) for d in hr_report.deliverables}
    assert by_phrase["minimum requirements for education and experience"] == (4, "1.1")
    assert by_phrase["skills mapping exercise"] == (6, "1.1")
    assert by_phrase["ILO Career Mentoring Programme for Women"] == (13, "1.2")
    assert by_phrase["anti-harassment policy"] == (27, "2.3")
    assert by_phrase["interactive, real-time dashboards"] == (33, "3.2")
    # bold text outside any focus area (the outcome names in paragraph 2, the draft decision) is no deliverable
    assert not {d.paragraph for d in hr_report.deliverables} & {1, 2, 3, 35, 36}


def test_figures_reported_as_measurements(hr_report) -> None:
    found = {(m.value, m.unit, m.paragraph): m.measures for m in hr_report.measurements}
    assert "the ILO published 77 vacancy announcements" in found[("77", "vacancy announcements", 7)]
    assert "to the selection decision was 172 days" in found[("172", "days", 7)]
    assert "percentage of women in ILO senior staff posts" in found[("40", "per cent", 14)]
    assert "development cooperation projects, which currently account for 52.7 per cent of the total workforce" in found[("52.7", "per cent", 35)]


def test_the_violence_and_harassment_convention_is_a_standard(hr_report) -> None:
    assert hr_report.paragraphs[26].labour_standards == (LabourStandardMention("Convention", "Violence and Harassment Convention", 2019, 190),)


def test_a_text_that_is_no_governing_body_report_is_refused() -> None:
    with pytest.raises(SourceError, match=r"^g\.txt: no section heading"):
        parse("Just a note.\n", "g.txt")


def test_a_plan_whose_action_item_has_no_due_date_is_not_read_and_the_paper_is() -> None:
    text = (
        "Governing Body\n\nFirst item on the agenda\n\nA title\n\n▶ Introduction\n\n1. A paragraph.\n\n"
        "▶ Appendix\n\nPlan\n\nAction item\tDue by\tStatus\nComponent 1: Things\n1. Do a thing\n"
    )
    report = parse(text, "g.txt")
    assert (report.plan, [p.text for p in report.paragraphs]) == (None, ["A paragraph."])
    assert [(note.message, note.span.first, note.span.last) for note in report.notes] == [
        ("the appendix is not read as a plan of action (action item 1 has no due date and status)", 11, 17)
    ]


def test_a_word_hyphenated_across_a_page_break_is_one_word(hr_report) -> None:
    paragraph = hr_report.paragraphs[18]
    assert paragraph.number == 19 and (paragraph.span.first, paragraph.span.last) == (96, 98)
    assert "As all group activities moved from face-to-face to an online format, an urgent need" in paragraph.text
    nine = hr_report.paragraphs[8]
    assert "career fairs in regions with a large number of non- and under-represented countries." in nine.text


def test_conversion_escapes_are_removed(un_reform) -> None:
    paragraph = next(p for p in un_reform.paragraphs if p.number == 29)
    assert "However, for 2020, a budget gap of approximately US$73 million remains on the original budget" in paragraph.text
    assert "\\" not in paragraph.text


def test_escapes_and_broken_words_in_any_family_and_format() -> None:
    from okg.loaders.text import tidy

    assert tidy(r"US\$73 million, \*, \_, \[1\]") == "US$73 million, *, _, [1]"
    assert tidy("face-to- face; non- and under-represented; short- or long-term") == ("face-to-face; non- and under-represented; short- or long-term")


def _figures(report, paragraph: int) -> list[tuple[str, str, str]]:
    return [(m.value, m.unit, m.measures) for m in report.measurements if m.paragraph == paragraph]


def test_figures_given_in_words_or_inside_compounds(hr_report) -> None:
    assert _figures(hr_report, 9) == [
        (
            "3",
            "career fairs",
            (
                "As part of the outreach to new talent, the ILO participated in three career fairs in 2022, which were chosen "
                "because attendees from a wide range of nationalities and professional backgrounds were expected."
            ),
        )
    ]
    assert _figures(hr_report, 15) == [
        (
            value,
            "weeks",
            "They provide a unified period of 16 weeks of leave for all officials who become parents, "
            "with an additional ten weeks of leave for those who give birth.",
        )
        for value in ("16", "10")
    ]
    five_point = _figures(hr_report, 20)[1]
    assert five_point[:2] == ("5", "point")
    assert five_point[2].startswith("The introduction of a five-point rating scale has achieved its aim")
    assert _figures(hr_report, 24)[0][:2] == ("3", "languages")
    assert _figures(hr_report, 24)[0][2].startswith("This programme, which will be delivered in three languages, includes")
    assert _figures(hr_report, 16)[0][:2] == ("6", "month")
    assert _figures(hr_report, 16)[0][2].startswith(
        "In 2022, the Human Resources Development Department (HRD) introduced a 6-month pilot reverse mentoring programme"
    )
    assert _figures(hr_report, 13)[0] == (
        "3",
        "years",
        (
            "The ILO Career Mentoring Programme for Women was launched on 12 July 2022, targeting P4 and P5 female staff "
            "members across the Office with more than 3 years in their current grade who wish to progress to a role at a "
            "higher grade."
        ),
    )


def test_units_of_measure_as_printed(hr_report) -> None:
    key_project = (
        "For key project positions, the average number of calendar days between the posting of vacancies to the "
        "selected candidates being on post was 124 days in 2022 (which is a further decrease in comparison with the "
        "average of 145 days over the previous three years)."
    )
    assert _figures(hr_report, 7)[3:6] == [("124", "calendar days", key_project), ("145", "calendar days", key_project), ("3", "years", key_project)]
    assert _figures(hr_report, 7)[1][:2] == ("172", "days")  # "the average time ... was 172 days": days
    participants = (
        "Between November and December 2022, 27 ILO colleagues participated in this activity; they answered the "
        "question “How likely would you be to recommend this type of programme to a colleague?” with an average score "
        "of 9.43 out of 10."
    )
    assert _figures(hr_report, 19) == [("27", "participants", participants), ("9.43", "score out of 10", participants)]
    assert _figures(hr_report, 21) == [
        (
            "400",
            "staff members and managers",
            (
                "In order to support this performance culture, a comprehensive framework of learning activities, targeting "
                "various audiences from managers to staff and teams, was designed and in 2022 had reached more than 400 staff "
                "members and managers."
            ),
        )
    ]
