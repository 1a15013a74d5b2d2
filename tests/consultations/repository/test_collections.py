"""Stored data stays where it was: collection and index names of every repository."""

from __future__ import annotations

from services.consultations.repository import REPOSITORIES, OrganizationNames, TenantDirectory

# Collections and index names as they were before the shared directory stores (issue 12).
KEPT = {
    "tenant_directory": set(),
    "organization_names": {"home_name"},
    "consultations": {"recent", "due"},
    "comments": {"by_consultation", "by_author", "by_client"},
    "survey_responses": {"by_respondent", "by_client"},
    "index_rounds": {"by_state"},
    "programme_reports": {"by_year"},
    "activity_facts": {"by_year"},
    "report_deadlines": {"by_org"},
    "consultation_reports": {"recent"},
}


def test_collections_and_index_names_are_unchanged() -> None:
    found = {
        r.collection_name: {i.document["name"] for i in getattr(r, "indexes", ())}
        for r in REPOSITORIES
    }

    for collection, indexes in KEPT.items():
        assert found[collection] == indexes, collection


def test_the_directory_stores_keep_their_keys() -> None:
    (home_name,) = OrganizationNames.indexes

    assert home_name.document["key"] == {"tenant_id": 1, "name": 1}
    assert tuple(TenantDirectory.indexes) == ()
