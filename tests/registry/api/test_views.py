"""Bodies and views of the registry routes, built without a server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from services.registry.api.schemas.imports import ImportView
from services.registry.api.schemas.organizations import OrganizationPatch, OrganizationView
from services.registry.api.schemas.tenants import TenantCreate, TenantView
from services.registry.domain.organization.organization import register_organization
from services.registry.domain.organization.profile import (
    Address,
    ContactPerson,
    LegalForm,
    Profile,
)
from services.registry.services.import_rows import RowError
from services.registry.services.imports import ImportJob
from tests.registry.fakes import onboarded

HOME, NEIGHBOUR = "0264011", "0223044"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _organization() -> OrganizationView:
    organization = register_organization(
        tenant_id=HOME,
        profile=Profile(
            name="Fundacja",
            legal_form=LegalForm.FOUNDATION,
            address=Address(city="Wrocław"),
            contact_persons=(ContactPerson(name="Anna Nowak"),),
        ),
        registered_by="user-1",
        verified=True,
        note="notatka domu",
        now=NOW,
    )
    organization.list_in(NEIGHBOUR, note="notatka sąsiada", actor="user-2", now=NOW)
    return OrganizationView.of(organization, frozenset({NEIGHBOUR}))


def test_an_organization_view_shows_only_the_notes_its_reader_may_read() -> None:
    view = _organization()

    notes = {e.municipality_id: e.needs_assessment for e in view.local_lists}
    assert notes == {HOME: None, NEIGHBOUR: "notatka sąsiada"}
    assert (view.tenant_id, view.address.city) == (HOME, "Wrocław")
    assert [c.name for c in view.contact_persons] == ["Anna Nowak"]


def test_a_patch_keeps_omitted_fields_and_refuses_nulls_the_profile_needs() -> None:
    patch = OrganizationPatch.model_validate({"website": None, "target_groups": ["seniorzy"]})

    assert patch.to_changes() == {"website": None, "target_groups": ("seniorzy",)}
    for field in ("name", "legal_form", "address", "contact_persons"):
        with pytest.raises(ValidationError) as refused:
            OrganizationPatch.model_validate({field: None})
        assert refused.value.errors()[0]["type"] == "null_not_allowed"


def test_a_tenant_body_strips_and_refuses_unknown_fields() -> None:
    body = TenantCreate.model_validate({"id": " 0264011 ", "name": "Gmina", "kind": "municipality"})
    assert (body.id, body.member_ids) == ("0264011", [])
    with pytest.raises(ValidationError):
        TenantCreate.model_validate({"id": "0264011", "name": "G", "kind": "gmina"})
    with pytest.raises(ValidationError):
        TenantCreate.model_validate(
            {"id": "0264011", "name": "Gmina", "kind": "municipality", "colour": "red"}
        )


def test_a_tenant_view_copies_the_tenant() -> None:
    view = TenantView.of(onboarded("centre-02-wroclaw", HOME, NEIGHBOUR, name="Centrum"))
    assert (view.name, view.region, view.member_ids) == ("Centrum", "02", sorted([HOME, NEIGHBOUR]))


def test_an_import_view_renders_the_job_and_its_first_errors() -> None:
    job = ImportJob(
        id="job-1",
        state="done",
        total_rows=3,
        processed_rows=3,
        created=1,
        updated=1,
        failed=1,
        created_at=NOW,
        finished_at=NOW,
        errors=(RowError(4, "nip", "NIP check digit is wrong."),),
    )

    view = ImportView.of(job)

    assert view.model_dump()["errors"] == [
        {"row": 4, "field": "nip", "reason": "NIP check digit is wrong."}
    ]
    assert (view.id, view.state, view.failed, view.finished_at) == ("job-1", "done", 1, NOW)
