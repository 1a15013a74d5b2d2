"""Tenant A with one object of every kind, made through the four services' HTTP APIs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tests.consultations.conftest import comment_payload, open_consultation
from tests.grants.api.test_small_grants_and_views import small_grant
from tests.grants.scene import Scene, ok
from tests.support.factories import unique_nip
from tests.support.polling import eventually
from tests.support.services import ServiceClient

__all__ = ["TenantA", "build_tenant_a"]

ANNOUNCED = "pl.ngo.grants.competition.announced"
# Path parameters that address the caller's own tenant, not an object of tenant A.
OWN_COORDINATES = {"year", "section"}


@dataclass
class TenantA:
    """The ids of tenant A's objects, by the path parameter name that carries them."""

    tenant_id: str
    ids: dict[str, str] = field(default_factory=dict)
    coordinates: dict[str, str] = field(default_factory=dict)

    def values(self) -> set[str]:
        """Return every id of tenant A (to look for in another tenant's lists)."""
        return {self.tenant_id, *self.ids.values()}


async def build_tenant_a(
    scene: Scene, consultations: ServiceClient, notifications: ServiceClient
) -> TenantA:
    """Onboard tenant A and make an object of every kind in it."""
    made = TenantA(scene.tenant_id, coordinates={"section": "introduction"})
    made.ids["tenant_id"] = made.ids["municipality_id"] = scene.tenant_id
    await scene.onboard()
    integration = scene.person("integration", subject=f"website-{scene.tenant_id}")
    endpoint = {"url": "http://127.0.0.1:9/hook", "event_types": [ANNOUNCED]}
    made.ids["endpoint_id"] = ok(
        await notifications.post("/webhooks/endpoints", json=endpoint, headers=integration), 201
    )["id"]
    await _registry_objects(scene, made)
    await _grants_objects(scene, made)
    await _consultations_objects(scene, consultations, made)
    await _notifications_objects(scene, notifications, made, integration)
    return made


async def _registry_objects(scene: Scene, made: TenantA) -> None:
    ngo = await scene.ngo()
    made.ids["organization_id"] = ngo.id
    csv = f"name;legal_form;nip\nStowarzyszenie Import;association;{unique_nip()}\n"
    headers = {**scene.officer, "Content-Type": "text/csv"}
    imported = ok(await scene.registry.post("/imports", content=csv, headers=headers), 202)
    made.ids["import_id"] = imported["id"]


async def _grants_objects(scene: Scene, made: TenantA) -> None:
    ngo = await scene.ngo()
    competition = await scene.announced()
    offer = await scene.submitted(ngo, competition)
    received = ok(
        await scene.grants.post("/small-grants", json=small_grant(), headers=ngo.member), 201
    )
    path = f"/small-grants/{received['id']}"
    ok(await scene.grants.post(f"{path}/publication", headers=scene.officer))
    await scene.in_review(competition)  # 31 days on: the small grant's comments closed too
    await scene.accept_formally(offer)
    members = [
        {"member_id": "member-officer-1", "kind": "officer"},
        {"member_id": "member-officer-2", "kind": "officer"},
        {"member_id": "member-ngo", "kind": "ngo_representative", "organization_id": ngo.id},
    ]
    committee = f"/competitions/{competition['id']}/committee"
    ok(await scene.grants.post(committee, json={"members": members}, headers=scene.officer), 201)
    caps = {
        "organization_cap": "12000.00",
        "pool_share_percent": "10",
        "planned_grants_total": "500000.00",
    }
    year = str(scene.clock.now().year)
    ok(await scene.grants.put(f"/small-grant-policies/{year}", json=caps, headers=scene.officer))
    agreement = ok(await scene.grants.post(f"{path}/agreement", headers=scene.officer), 201)
    agreements = f"/agreements/{agreement['id']}"
    ok(await scene.grants.post(f"{agreements}/signature", headers=scene.officer))
    drafted = await scene.grants.post(
        f"{agreements}/reports", json={"obligation": "final"}, headers=ngo.member
    )
    report = ok(drafted, 201)
    made.coordinates["year"] = year
    made.ids |= {
        "competition_id": competition["id"],
        "offer_id": offer["id"],
        "small_grant_id": received["id"],
        "agreement_id": agreement["id"],
        "report_id": report["id"],
    }


async def _consultations_objects(scene: Scene, consultations: ServiceClient, made: TenantA) -> None:
    consultation = await open_consultation(consultations, scene.officer)
    resident = scene.person()
    path = f"/consultations/{consultation['id']}/comments"
    comment = ok(await consultations.post(path, json=comment_payload(), headers=resident), 201)
    rounds = {"title": "Samoocena", "assessed_on": date.today().isoformat()}
    started = ok(await consultations.post("/index-rounds", json=rounds, headers=scene.officer), 201)
    made.ids |= {
        "consultation_id": consultation["id"],
        "comment_id": comment["id"],
        "round_id": started["id"],
    }


async def _notifications_objects(
    scene: Scene, notifications: ServiceClient, made: TenantA, integration: dict[str, str]
) -> None:
    mayor = {"name": "Jan Burmistrz", "email": f"mayor-{scene.tenant_id}@example.org"}
    person = ok(
        await notifications.post("/decision-makers", json=mayor, headers=scene.officer), 201
    )
    made.ids["person_id"] = person["id"]

    async def first(path: str, headers: dict[str, str]) -> str:
        items = ok(await notifications.get(path, headers=headers))
        assert items, path
        return str(items[0]["id"])

    deliveries = f"/webhooks/endpoints/{made.ids['endpoint_id']}/deliveries"
    made.ids["delivery_id"] = await eventually(lambda: first(deliveries, integration), timeout=20)
    made.ids["item_id"] = await eventually(lambda: first("/inbox", scene.officer), timeout=20)
