"""Operations endpoints of every service: liveness, readiness, metrics and OpenAPI."""

from __future__ import annotations

from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from deploy.local.servers import start_kafka
from tests.conftest import AppClientFactory
from tests.support.namespace import Namespace
from tests.support.polling import eventually
from tests.support.services import SERVICES, ServiceClient, SettingsFactory, running_service

every_service = pytest.mark.parametrize("service", SERVICES)


@pytest.fixture
async def client(app_client: AppClientFactory, service: str) -> ServiceClient:
    return await app_client(service)


@every_service
class TestLiveness:
    async def test_healthz_answers_ok(self, client: ServiceClient) -> None:
        answer = await client.get("/healthz")

        assert answer.status_code == 200
        assert answer.json() == {"status": "ok"}


@every_service
class TestReadiness:
    async def test_readyz_reports_store_and_broker_ready(self, client: ServiceClient) -> None:
        answer = await client.get("/readyz")

        assert answer.status_code == 200
        checks = {"mongodb": True, "kafka": True}
        if client.runtime.consumers:
            checks["consumer"] = True  # the registry consumes nothing
        assert answer.json() == {"status": "ready", "checks": checks}


@every_service
class TestMetrics:
    async def test_metrics_count_answered_requests(self, client: ServiceClient) -> None:
        await client.get("/openapi.json")

        answer = await client.get("/metrics")

        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/plain")
        names = {
            sample.name
            for family in text_string_to_metric_families(answer.text)
            for sample in family.samples
        }
        assert "http_requests_total" in names


@every_service
class TestOpenApi:
    async def test_describes_the_service(self, client: ServiceClient, service: str) -> None:
        answer = await client.get("/openapi.json")

        assert answer.status_code == 200
        document = answer.json()
        assert document["openapi"].startswith("3.")
        assert document["info"]["title"]
        assert {"/healthz", "/readyz"} <= set(document["paths"])


class TestReadinessWithoutBroker:
    async def test_readyz_answers_503_while_the_broker_is_down_and_200_once_back(
        self, service_settings: SettingsFactory, namespace: Namespace, tmp_path: Path
    ) -> None:
        kafka = start_kafka(tmp_path / "kafka")  # a broker of this test alone, to take down
        settings = service_settings(
            "grants", namespace, kafka_bootstrap_servers=kafka.url, kafka_idempotent_producer=False
        )
        try:
            async with running_service(settings) as client:
                kafka.process.kill()
                kafka.process.wait()

                answer = await client.get("/readyz")

                assert answer.status_code == 503
                assert answer.json()["checks"] == {
                    "mongodb": True,
                    "kafka": False,
                    "consumer": True,
                }
                kafka.process = start_kafka(tmp_path / "kafka", port=kafka.port).process

                async def ready_again() -> None:
                    assert (await client.get("/readyz")).status_code == 200

                await eventually(ready_again)
        finally:
            kafka.stop()
