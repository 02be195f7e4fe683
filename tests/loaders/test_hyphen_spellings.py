"""Words a converter joined without their hyphen, restored from the document's own spelling.

TEST DATA written for these tests (not real documents): sentences as ``pdftotext`` without ``-layout``
prints a paper, which joins a word hyphenated at a line's end without its hyphen.
"""

from pathlib import Path

from okg.graph.build.families import FAMILIES
from okg.loaders.coverage import coverage
from okg.loaders.readers import read_document
from okg.loaders.readers.text import read_text
from okg.loaders.text import hyphen_spellings, tidy_document


def test_a_joined_word_takes_the_hyphens_the_document_prints_it_with() -> None:
    # regression: "postpandemic" and "faceto-face" (cut at a line's end) differed from the same words elsewhere
    texts = [
        "The post-pandemic plan calls for face-to-face training in the post-pandemic years.",
        "Its postpandemic review found faceto-face training and face-to-face coaching useful.",
    ]
    assert hyphen_spellings(texts) == {"postpandemic": "post-pandemic", "faceto-face": "face-to-face"}


def test_a_word_the_document_prints_joined_as_often_as_hyphenated_is_left_as_printed() -> None:
    # the writer's own spelling: one "co-operation" is no reason to change three "cooperation"
    texts = ["Technical cooperation, cooperation in the field and South-South cooperation.", "One co-operation."]
    assert hyphen_spellings(texts) == {}
    # regression: a tie ("cyber-resilience" in one row, "cyberresilience" in another) changed a row's text
    assert hyphen_spellings(["The cyber-resilience of systems.", "Their cyberresilience."]) == {}


def test_on_a_tie_an_acronym_glued_to_a_lowercase_word_takes_its_hyphen() -> None:
    # regression: the UN-reform plan without -layout, "UNsupported" once (cut at a line's end) and "UN-supported"
    # once, was left joined; no word is spelt with capitals run into lowercase letters
    texts = ["The plan for UNsupported projects.", "Each UN-supported project reports yearly."]
    assert hyphen_spellings(texts) == {"UNsupported": "UN-supported"}
    # the shape alone restores nothing: a plural acronym, and an acronym the document never hyphenates
    assert hyphen_spellings(["The NGOs and the NGO-s."]) == {}
    assert hyphen_spellings(["The UNsupported projects."]) == {}


def test_a_word_never_printed_hyphenated_is_restored_only_when_the_profile_lists_it() -> None:
    # "Director-General" is in loaders/profiles/text.toml; "nonbinding" is not, and the text never prints "non-binding"
    assert hyphen_spellings(["The DirectorGeneral proposes a nonbinding review."]) == {"DirectorGeneral": "Director-General"}


def test_every_block_of_a_document_is_restored() -> None:
    text = (
        "1. The Office held an inter-agency meeting on the follow-up to the inter-agency review.\n"
        "\n"
        "2. A second interagency meeting took place in Geneva.\n"
    )
    paragraphs = tidy_document(read_text(text, "t.txt")).blocks
    assert [p.text for p in paragraphs] == [
        "The Office held an inter-agency meeting on the follow-up to the inter-agency review.",
        "A second inter-agency meeting took place in Geneva.",
    ]


def test_a_heading_whose_hyphen_was_restored_counts_as_understood() -> None:
    # regression: the UN-reform paper's heading "... the regions and multicountry resident coordinator ..." became
    # "multi-country" (printed so elsewhere), and coverage, matching the heading as printed, called it not understood
    path = Path(__file__).parents[2] / "data" / "corpus" / "gb340-ins6-un-reform-update.txt"
    document = read_document(path)
    heading = next(b for b in document.blocks if b.text.startswith("Restructuring of the UN development system"))
    assert "multicountry" in heading.text  # a line standing alone: the loader reads it as a section heading
    report = FAMILIES["governing-body-report"].read(document)
    assert any("multi-country resident coordinator" in p.heading for p in report.paragraphs if p.heading)
    understood = coverage(document, report)
    assert heading.span not in {span for _, span in understood.not_understood}
    assert understood.not_understood == ()
