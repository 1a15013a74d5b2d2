"""Grants' read model of organizations: an event of one tenant never rewrites another's."""

from __future__ import annotations

from shared.runtime import dead_letter_topic
from tests.grants.scene import Scene
from tests.support.factories import organization_registered, registered_record
from tests.support.kafka import headers_of, produce_record, read_topic
from tests.support.namespace import new_tenant_id
from tests.support.polling import eventually


class TestOrganizationUnderAnotherTenant:
    async def test_a_registration_under_another_tenant_is_dead_lettered(self, scene: Scene) -> None:
        settings = scene.grants.runtime.settings
        topic = settings.topic("registry.organization.v1")
        genuine = organization_registered(name="Fundacja Prawdziwa")
        await produce_record(
            settings.kafka_bootstrap_servers,
            registered_record(tenant_id=scene.tenant_id, topic=topic, event=genuine),
        )
        await scene.applicant(genuine.organization_id, status="active")
        forged = registered_record(
            tenant_id=new_tenant_id(),
            topic=topic,
            event=organization_registered(
                organization_id=genuine.organization_id, name="Fundacja Podrobiona"
            ),
        )

        await produce_record(settings.kafka_bootstrap_servers, forged)

        async def dead_lettered() -> None:
            records = await read_topic(
                settings.kafka_bootstrap_servers, dead_letter_topic(settings)
            )
            ids = [headers_of(r).get("ce_id") for r in records]
            assert forged.headers["ce_id"] in ids

        await eventually(dead_lettered, timeout=20)
        applicant = await scene.applicant(genuine.organization_id, status="active")
        assert applicant["name"] == "Fundacja Prawdziwa"
