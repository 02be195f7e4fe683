"""Governing Body papers in their historical and present forms, and as a web page.

TEST DATA written for these tests (not real documents): the front pages follow the forms of the
1990s (session and date on the first lines, no symbol or date line, a committee for a section),
of the 2010s ("Item N of the provisional agenda", "Date: JUNE 2, 2017") and the paragraph
numbering some converters give (the number alone on its line).
"""

from okg.loaders.governing_body_report import parse, read
from okg.loaders.readers import read_bytes
from tests.conftest import REPO

NINETIES = """INTERNATIONAL LABOUR OFFICE

Governing Body

271st Session, Geneva, March 1998

PROGRAMME, FINANCIAL AND ADMINISTRATIVE COMMITTEE

THIRD ITEM ON THE AGENDA

Reports of the Joint Inspection Unit

1. The Joint Inspection Unit has issued four reports since the Committee last met (GB.270/PFA/6).

2.
The Director-General's comments on each are given below, as in previous years.

3.
The Committee may wish to take note of this paper.
"""

TWENTY_TENS = """Governing Body
329th Session, Geneva, 9–24 March 2017
Institutional Section
INS
Date: JUNE 2, 2017
Item 5 of the provisional agenda

Matters arising out of the work of the International Labour Conference

1. This paper reports on the follow-up to the resolutions of the Conference.
"""


def test_a_front_page_of_the_1990s() -> None:
    report = parse(NINETIES, "gb271.txt")
    front = report.front_matter
    assert (front.session, front.session_number) == ("271st Session, Geneva, March 1998", 271)
    assert (front.section, front.section_code, front.segment) == ("PROGRAMME, FINANCIAL AND ADMINISTRATIVE COMMITTEE", None, None)
    assert (front.agenda_item, front.title, front.date) == (3, "Reports of the Joint Inspection Unit", "March 1998")
    assert (front.span.first, front.span.last) == (1, 12)
    # numbers standing alone on their line number the text below them
    assert [(p.number, p.text, p.span.first, p.span.last) for p in report.paragraphs] == [
        (1, "The Joint Inspection Unit has issued four reports since the Committee last met (GB.270/PFA/6).", 13, 13),
        (2, "The Director-General's comments on each are given below, as in previous years.", 15, 16),
        (3, "The Committee may wish to take note of this paper.", 18, 19),
    ]
    assert report.cited_symbols == ("GB.270/PFA/6",)
    assert all(p.section is None for p in report.paragraphs)


# TEST DATA: a paragraph citing other bodies' documents, one of them with a paragraph number.
CITING_OTHER_BODIES = NINETIES.replace(
    "as in previous years.",
    "as the Industrial Development Board (IDB.45/8), the WIPO Program and Budget Committee (WO/PBC/31/5), "
    "the General Assembly (A/76/550, paragraph 12), the JIU (JIU/NOTE/2020/1) and the Committee (GB.280/PFA/10/2) did.",
)


def test_symbols_of_the_un_system_in_all_forms_are_cited() -> None:
    second = parse(CITING_OTHER_BODIES, "gb271.txt").paragraphs[1]
    assert second.cited_symbols == ("IDB.45/8", "WO/PBC/31/5", "A/76/550", "JIU/NOTE/2020/1", "GB.280/PFA/10/2")
    # "A/76/550, paragraph 12" is a paragraph of that document, not of this one
    assert second.paragraph_references == ()


def test_item_n_of_the_provisional_agenda_and_a_date_in_capitals() -> None:
    front = parse(TWENTY_TENS, "gb329.txt").front_matter
    assert (front.session_number, front.section, front.section_code) == (329, "Institutional Section", "INS")
    assert (front.agenda_item, front.date) == (5, "JUNE 2, 2017")
    assert front.title == "Matters arising out of the work of the International Labour Conference"


def test_the_1990s_paper_saved_from_the_web_site() -> None:
    page = (
        "<html><body><div id='banner'><nav>ILO Home | Governing Body | Documents</nav></div>"
        + "".join(f"<p>{line}</p>" for line in NINETIES.replace("\n2.\n", "\n2. ").replace("\n3.\n", "\n3. ").split("\n\n"))
        + "<footer>Copyright © International Labour Organization</footer></body></html>"
    )
    document = read_bytes(page.encode(), "gb271.html")
    report = read(document)
    assert report.front_matter.agenda_item == 3
    assert [p.number for p in report.paragraphs] == [1, 2, 3]
    assert report.paragraphs[1].text == "The Director-General's comments on each are given below, as in previous years."
    assert [words for words, _ in document.debris] == ["ILO Home | Governing Body | Documents", "Copyright © International Labour Organization"]


def test_a_word_paper_with_heading_styles_and_real_footnotes() -> None:
    report = read(read_bytes((REPO / "tests" / "fixtures" / "layouts" / "word-footnotes.docx").read_bytes(), "w.docx"))
    assert report.front_matter.title == "A title"
    assert [(p.number, p.text, p.section, p.footnotes, p.key_phrases) for p in report.paragraphs] == [
        (1, "The reform moved ahead. It went well.", "Introduction", (1,), ("well",))
    ]
    assert [(f.number, f.text, f.cited_symbols) for f in report.footnotes] == [(1, "See GB.335/INS/10.", ("GB.335/INS/10",))]


def test_an_annex_that_is_no_plan_is_noted_and_the_paper_is_read() -> None:
    # the annex numbers its own paragraphs from 1: not the paper's paragraphs, and no plan of action
    text = NINETIES + "\nAnnex\n\n1. The Office should review its procedures.\n\n2. The Office should monitor imprest accounts.\n"
    report = parse(text, "p.txt")
    assert [(p.number, p.text[:24]) for p in report.paragraphs] == [
        (1, "The Joint Inspection Uni"),
        (2, "The Director-General's c"),
        (3, "The Committee may wish t"),
    ]
    assert report.plan is None
    assert [(note.message, note.span.first) for note in report.notes] == [
        ("the appendix is not read as a plan of action (an action item comes before any component)", 21)
    ]


def test_a_list_numbered_inside_a_paragraph_stays_in_it() -> None:
    text = NINETIES.replace(
        "as in previous years.", "as in previous years:\n\n1. the report on travel;\n\n2. the report on audit; and\n\n3. the report on ethics."
    )
    report = parse(text, "p.txt")
    assert [p.number for p in report.paragraphs] == [1, 2, 3]
    assert report.paragraphs[1].text.endswith(
        "as in previous years:\n\n1. the report on travel;\n\n2. the report on audit; and\n\n3. the report on ethics."
    )
    assert report.paragraphs[2].text == "The Committee may wish to take note of this paper."


def test_a_superscript_glued_to_its_word_that_names_no_footnote_stays_in_the_text() -> None:
    unit = NINETIES.replace("since the Committee last met", "on 45,000 m² of offices")
    assert parse(unit, "p.txt").paragraphs[0].text.startswith("The Joint Inspection Unit has issued four reports on 45,000 m² of offices")
    assert parse(unit, "p.txt").notes == ()
    footnoted = unit.replace("this paper.", "this paper.¹\n\n¹ See GB.270/PFA/6.")
    report = parse(footnoted, "p.txt")
    assert (report.paragraphs[0].footnotes, report.paragraphs[2].footnotes) == ((), (1,))
    assert "45,000 m² of offices" in report.paragraphs[0].text
    assert report.notes == ()
    # a call standing apart from its word is a call, whether or not the document kept its note (the build says so)
    lost = parse(unit.replace("of offices", "of offices ³"), "p.txt").paragraphs[0]
    assert (lost.footnotes, "³" in lost.text) == ((3,), False)


def test_a_list_of_items_in_capitals_inside_a_paragraph_stays_in_it() -> None:
    text = NINETIES.replace(
        "as in previous years.", "as in previous years:\n\n1. The report on travel;\n\n2. The report on audit; and\n\n3. The report on ethics."
    )
    report = parse(text, "p.txt")
    assert [p.number for p in report.paragraphs] == [1, 2, 3]
    assert report.paragraphs[1].text.endswith("2. The report on audit; and\n\n3. The report on ethics.")
    assert report.paragraphs[2].text == "The Committee may wish to take note of this paper."
    assert report.notes == ()


def test_a_paragraph_number_printed_twice_is_read_with_the_first_and_noted() -> None:
    report = parse(NINETIES.replace("3.\nThe Committee", "2.\nThe Committee"), "p.txt")
    assert [p.number for p in report.paragraphs] == [1, 2]
    assert report.paragraphs[1].text.endswith("as in previous years.\n\n2. The Committee may wish to take note of this paper.")
    assert [(note.message, note.span.first) for note in report.notes] == [("paragraph 2 comes after paragraph 2: read as part of it", 18)]


def test_an_appendix_line_with_its_title_opens_the_appendix_and_prose_naming_an_annex_does_not() -> None:
    titled = parse(NINETIES + "\nAppendix I: Follow-up to the recommendations of the JIU reports\n\n1. Review the procedures.\n", "p.txt")
    assert [p.number for p in titled.paragraphs] == [1, 2, 3] and titled.paragraphs[2].text == "The Committee may wish to take note of this paper."
    prose = parse(NINETIES.replace("3.\nThe Committee", "Annex table 1 below gives the figures\n\n3.\nThe Committee"), "p.txt")
    assert [p.number for p in prose.paragraphs] == [1, 2, 3] and prose.notes == ()


def test_a_section_code_or_a_symbol_quoted_on_the_front_page_is_not_the_paper_s_symbol() -> None:
    assert parse(TWENTY_TENS.replace("INS\n", "POL/1\n"), "p.txt").front_matter.symbol is None
    assert parse("FOR INFORMATION: SEE GB.270/PFA/6\n\n" + NINETIES, "p.txt").front_matter.symbol is None
    assert parse("GB.271/PFA/3\n\n" + NINETIES, "p.txt").front_matter.symbol == "GB.271/PFA/3"


def test_references_to_a_range_of_the_paper_s_paragraphs() -> None:
    text = NINETIES.replace("this paper.", "this paper and of paragraphs 1 to 2 (see also paragraphs 5–7 and 9).")
    assert parse(text, "p.txt").paragraphs[2].paragraph_references == (1, 2, 5, 6, 7, 9)
