"""The family registry: each family once, with a loader, a builder, a profile and its documents' class."""

from okg.graph.build.families import FAMILIES
from okg.graph.namespaces import OKG
from okg.loaders.profiles import SHIPPED


def test_every_family_profile_is_registered_and_every_family_has_its_profile() -> None:
    shared = {"text"}  # the words every family's text cleaning uses
    assert set(FAMILIES) == set(SHIPPED.families()) - shared
    for name in FAMILIES:
        profile_name, _ = SHIPPED.read(name)
        assert profile_name == f"loaders/profiles/{name}.toml"


def test_each_family_names_the_class_its_documents_are_drawn_as() -> None:
    assert {name: family.document_class for name, family in FAMILIES.items()} == {
        "jiu-follow-up": OKG.GoverningBodyDocument,
        "evaluation-recommendations": OKG.EvaluationReport,
        "management-response": OKG.ManagementResponse,
        "governing-body-report": OKG.GoverningBodyDocument,
    }
