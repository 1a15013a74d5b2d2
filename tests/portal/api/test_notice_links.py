"""Every link of every notice kind, in its e-mail and its inbox item, opens a portal page.

Each notice is worded by the notifications service's own NoticeWriter about real objects made
through the services' APIs, and its e-mail is rendered by the service's Renderer; the test then
follows each link as the notice's recipient (signed in on the portal) and wants a 200 page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from services.notifications.domain.kinds import NoticeKind
from services.notifications.domain.notice import Notice
from services.notifications.domain.notices import NoticeWriter
from services.notifications.domain.projections import CompetitionInfo, ConsultationInfo, Origin
from services.notifications.domain.wording import Wording
from services.notifications.services.rendering import Renderer
from shared.contracts import consultations as cons
from shared.contracts import grants
from shared.contracts.registry import OrganizationRegistered
from shared.errors import Text
from tests.grants.scene import Scene, ok
from tests.portal.bodies import consultation_terms
from tests.portal.conftest import Backends, PortalClient
from tests.portal.scenes import (
    open_round,
    publish_round,
    resolved_competition,
    signed_agreement,
)
from tests.support.factories import unique_nip
from tests.support.polling import eventually

K = NoticeKind
PORTAL = "http://portal"
UNSUBSCRIBE = "http://notifications.example/unsubscribe?token=t"
# The endpoint must never be called: this test writes no annual report.
NEVER_SENT_HERE = "pl.ngo.consultations.annual_report.section_written"
_HREF = re.compile(r'href="([^"]+)"')
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class World:
    """The municipality's objects that notices are about, and who receives them."""

    tenant_id: str
    officer: str
    member: str
    ids: dict[str, str]
    competition: dict[str, Any]


async def _consultation_with_report(backends: Backends, scene: Scene) -> str:
    consultations = backends["consultations"]
    terms = consultation_terms(ends_at=(datetime.now(UTC) + timedelta(seconds=2)).isoformat())
    path = (
        "/consultations/"
        + ok(await consultations.post("/consultations", json=terms, headers=scene.officer), 201)[
            "id"
        ]
    )
    ok(await consultations.post(f"{path}/open", headers=scene.officer))

    async def closed() -> None:
        await consultations.app.state.services.consultations.close_due()
        assert ok(await consultations.get(path, headers=scene.officer))["state"] == "closed"

    await eventually(closed, timeout=15)
    ok(await consultations.post(f"{path}/report", headers=scene.officer), 201)
    return path.rsplit("/", 1)[1]


async def _open_consultation_and_comment(backends: Backends, scene: Scene) -> tuple[str, str]:
    consultations = backends["consultations"]
    drafted = ok(
        await consultations.post(
            "/consultations", json=consultation_terms(), headers=scene.officer
        ),
        201,
    )
    path = f"/consultations/{drafted['id']}"
    ok(await consultations.post(f"{path}/open", headers=scene.officer))
    body = {"section_number": 1, "proposed_wording": "Jawność.", "justification": "Zaufanie."}
    resident = scene.person(subject="resident-links")
    comment = ok(await consultations.post(f"{path}/comments", json=body, headers=resident), 201)
    return drafted["id"], comment["id"]


async def _published_round(backends: Backends, scene: Scene) -> str:
    found = await open_round(backends["consultations"], scene)
    await publish_round(backends["consultations"], scene, found["id"])
    return str(found["id"])


async def _world(scene: Scene, backends: Backends) -> World:
    ngo = await scene.ngo("Fundacja Odbiorca Powiadomień")
    pending = {"name": "Fundacja Oczekująca", "legal_form": "foundation", "nip": unique_nip()}
    registrant = scene.person("ngo_member", subject="registrant-links")
    pending_id = ok(
        await scene.registry.post("/organizations", json=pending, headers=registrant), 201
    )["id"]
    resolved, offer = await resolved_competition(scene, ngo)
    cancelled = await scene.announced(title="Konkurs do unieważnienia")
    reason = {"reason": "Brak środków w budżecie."}
    path = f"/competitions/{cancelled['id']}/cancellation"
    ok(await scene.grants.post(path, json=reason, headers=scene.officer))
    announced = await scene.announced(title="Konkurs otwarty z powiadomienia")
    agreement = await signed_agreement(scene, ngo)
    report = ok(await scene.grants.post(
        f"/agreements/{agreement['id']}/reports", json={"obligation": "final"}, headers=ngo.member
    ), 201)  # fmt: skip
    consultation_id, comment_id = await _open_consultation_and_comment(backends, scene)
    endpoint = ok(await backends["notifications"].post(
        "/webhooks/endpoints",
        json={"url": "https://93.184.216.34/hook", "event_types": [NEVER_SENT_HERE]},
        headers=scene.person("tenant_officer", subject=f"demo-officer-{scene.tenant_id}"),
    ), 201)  # fmt: skip
    ids = {
        "organization": pending_id, "resolved": resolved["id"], "cancelled": cancelled["id"],
        "offer": offer["id"], "agreement": agreement["id"], "report": report["id"],
        "organization_of_agreement": ngo.id, "consultation": consultation_id,
        "comment": comment_id, "reported": await _consultation_with_report(backends, scene),
        "round": await _published_round(backends, scene),
        "endpoint": endpoint["id"],
    }  # fmt: skip
    return World(scene.tenant_id, f"officer-{scene.tenant_id}", f"ngo-{ngo.id}", ids, announced)


def _construct(model: type[Any], **values: Any) -> Any:
    # Only the fields the writer reads: the contracts' validation is tested where they live.
    return model.model_construct(**values)


def _notices(world: World) -> dict[NoticeKind, tuple[Notice, str]]:
    """Return one notice of every kind with the demo user who receives it."""
    now, ids, writer = (
        datetime.now(UTC),
        world.ids,
        NoticeWriter(Wording(ZoneInfo("Europe/Warsaw"))),
    )
    origin = Origin(world.tenant_id, "event-1", "test", now)
    competition = CompetitionInfo(
        world.competition["id"], world.tenant_id, "Konkurs", "social_assistance", now, "open", now
    )
    consultation = ConsultationInfo(
        ids["consultation"], world.tenant_id, "Program", now, "open", now
    )
    due = {"agreement_id": ids["agreement"], "organization_id": ids["organization_of_agreement"],
           "obligation": "final", "due": now}  # fmt: skip
    built: dict[NoticeKind, Callable[[], Notice]] = {
        K.ORGANIZATION_REGISTERED: lambda: writer.organization_registered(origin, _construct(
            OrganizationRegistered, organization_id=ids["organization"], name="Fundacja",
            profile=None)),
        K.COMPETITION_ANNOUNCED: lambda: writer.competition_announced(origin, _construct(
            grants.CompetitionAnnounced, competition_id=world.competition["id"], title="Konkurs",
            offer_deadline=now, area="social_assistance", total_funds=Decimal(1000))),
        K.COMPETITION_CLOSING: lambda: writer.competition_closing(origin, competition),
        K.COMPETITION_RESULTS: lambda: writer.competition_results(origin, _construct(
            grants.CompetitionResultsPublished, competition_id=ids["resolved"], results=[],
            total_granted=Decimal(20000)), None),
        K.COMPETITION_CANCELLED: lambda: writer.competition_cancelled(origin, _construct(
            grants.CompetitionCancelled, competition_id=ids["cancelled"], reason="Brak"), None),
        K.OFFER_SUBMITTED: lambda: writer.offer_submitted(origin, _construct(
            grants.OfferSubmitted, offer_id=ids["offer"], competition_id=ids["resolved"],
            task_title="Zadanie", requested_grant=Decimal(20000)), None),
        K.REPORT_SUBMITTED: lambda: writer.report_submitted(origin, _construct(
            grants.ReportSubmitted, report_id=ids["report"], agreement_id=ids["agreement"],
            report_kind="final")),
        K.REPORT_DUE: lambda: writer.report_due(origin, **due),
        K.REPORT_OVERDUE: lambda: writer.report_overdue(origin, **due),
        K.CONSULTATION_OPENED: lambda: writer.consultation_opened(origin, _construct(
            cons.ConsultationOpened, consultation_id=ids["consultation"], title="Program",
            ends_at=now)),
        K.CONSULTATION_CLOSING: lambda: writer.consultation_closing(origin, consultation),
        K.CONSULTATION_CLOSED: lambda: writer.consultation_closed(origin, _construct(
            cons.ConsultationClosed, consultation_id=ids["reported"], title="Program")),
        K.COMMENT_SUBMITTED: lambda: writer.comment_submitted(origin, _construct(
            cons.CommentSubmitted, consultation_id=ids["consultation"],
            comment_id=ids["comment"], section_number=1), consultation),
        K.CONSULTATION_REPORT: lambda: writer.consultation_report(origin, _construct(
            cons.ConsultationReportPublished, consultation_id=ids["reported"], title="Program",
            comments=0, accepted=0, partly_accepted=0, rejected=0, organizations=0, residents=0)),
        K.INDEX_PUBLISHED: lambda: writer.index_published(origin, _construct(
            cons.IndexRoundPublished, round_id=ids["round"], title="Diagnoza",
            combined_overall=None, scale_max=4, conclusions="Wnioski")),
        K.WEBHOOK_DISABLED: lambda: writer.webhook_disabled(
            origin, endpoint_id=ids["endpoint"], url="https://93.184.216.34/hook",
            owner=f"demo-officer-{world.tenant_id}", failures=5),
    }  # fmt: skip
    # Who hears of each kind: its default audience, else the one it is addressed to.
    officer_kinds = {K.ORGANIZATION_REGISTERED, K.OFFER_SUBMITTED, K.REPORT_SUBMITTED,
                     K.COMMENT_SUBMITTED, K.WEBHOOK_DISABLED, K.REPORT_OVERDUE}  # fmt: skip
    # A published index result goes to everyone who asks, a resident too: the hardest case.
    recipients = {K.INDEX_PUBLISHED: "resident"}
    recipients |= dict.fromkeys(officer_kinds, world.officer)
    return {kind: (make(), recipients.get(kind, world.member)) for kind, make in built.items()}


def _links(notice: Notice) -> list[str]:
    """Return the links of the notice's e-mail (HTML and text) and of its inbox item."""
    mail = Renderer(zone=ZoneInfo("Europe/Warsaw"), web_base_url=PORTAL).notice(
        language="pl", title=notice.title, body=notice.body, link=notice.link, name="Ala",
        reason=Text("Powód.", "Reason."), unsubscribe_url=UNSUBSCRIBE,
    )  # fmt: skip
    found = _HREF.findall(mail.html)
    assert found and all(link.startswith((PORTAL, UNSUBSCRIBE)) for link in found), found
    # The text part's addresses: a body may also name an outside one (a webhook's own URL).
    found += [url for url in _URL.findall(mail.text) if url.startswith(PORTAL)]
    in_mail = {link.removeprefix(PORTAL) for link in found if link.startswith(PORTAL)}
    assert notice.link in in_mail  # the inbox item shows the notice's own link
    return sorted(in_mail)


async def test_every_link_of_every_notice_opens_a_portal_page(
    portal: PortalClient, scene: Scene, backends: Backends
) -> None:
    world = await _world(scene, backends)
    notices = _notices(world)
    assert set(notices) == set(NoticeKind)  # a new kind of notice needs its page here too

    failures: list[str] = []
    for recipient in sorted({who for _, who in notices.values()}):
        await portal.sign_in(recipient)
        for kind, (notice, who) in notices.items():
            if who != recipient:
                continue
            for link in _links(notice):
                answer = await portal.get(link, follow_redirects=True)
                if answer.status_code != 200 or answer.url.path == "/sign-in":
                    failures.append(f"{kind}: {link} -> {answer.status_code} as {who}")

    assert not failures, failures
