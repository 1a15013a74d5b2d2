"""Bulk import use cases over fake stores: the upload, its progress, and the worker's rules."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.registry.adapters.csv_upload import TooManyRows, UnsupportedEncoding
from services.registry.domain.organization.profile import LegalForm, Profile
from services.registry.services.import_rows import RowError, ValidRow, parse_row
from services.registry.services.imports import ImportJob
from shared.contracts.registry import OrganizationListed, OrganizationRegistered
from shared.errors import Conflict, Forbidden, InvalidInput, NotFound
from shared.tenancy import Principal
from tests.registry.fakes import FakeRegistry, fake_registry, onboarded
from tests.support.factories import unique_krs, unique_nip
from tests.support.principals import person

HOME, NEIGHBOUR = "0264011", "0223044"
HEADER = "name;legal_form;nip;needs_assessment\n"


@pytest.fixture
def registry() -> FakeRegistry:
    """Two onboarded municipalities; at most five rows per import."""
    return fake_registry(onboarded(HOME), onboarded(NEIGHBOUR), max_rows=5)


async def _body(text: str, encoding: str = "utf-8") -> AsyncIterator[bytes]:
    data = text.encode(encoding)
    for start in range(0, len(data), 7):  # uploads arrive in pieces
        yield data[start : start + 7]


async def _upload(
    registry: FakeRegistry, text: str, caller: Principal | None = None, **options: str
) -> ImportJob:
    caller = caller or person(HOME, "tenant_officer")
    return await registry.import_services.start(
        caller, _body(text, options.get("encoding", "utf-8")), content_type=options.get("type")
    )


async def test_an_upload_is_stored_queued_and_wakes_the_worker(registry: FakeRegistry) -> None:
    rows = "".join(f"Fundacja {n};foundation;{unique_nip()};\n" for n in range(3))

    job = await _upload(registry, HEADER + rows)

    assert (job.state, job.total_rows, job.errors) == ("queued", 3, ())
    assert [r["row"] for r in registry.chunks.rows_of(job.id)] == [2, 3, 4]
    assert registry.import_services.wake_worker.is_set()


@pytest.mark.parametrize("role", ["ngo_member", "centre_staff", "platform_admin"])
async def test_only_officers_import(registry: FakeRegistry, role: str) -> None:
    with pytest.raises(Forbidden):
        await _upload(registry, HEADER, person(HOME, role))
    assert registry.jobs.items == {}


async def test_an_officer_of_a_municipality_never_onboarded_cannot_import(
    registry: FakeRegistry,
) -> None:
    with pytest.raises(Conflict):
        await _upload(registry, HEADER, person("1465011", "tenant_officer"))


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("name;colour\nX;red\n", InvalidInput),  # an unknown column
        (HEADER + "".join(f"F{n};foundation;;\n" for n in range(6)), TooManyRows),
    ],
)
async def test_a_refused_file_leaves_no_job_and_no_chunks(
    registry: FakeRegistry, text: str, refusal: type[Exception]
) -> None:
    with pytest.raises(refusal):
        await _upload(registry, text)
    assert registry.jobs.items == {} and registry.chunks.items == {}


async def test_bytes_outside_the_declared_encoding_are_a_422(registry: FakeRegistry) -> None:
    with pytest.raises(InvalidInput) as refused:
        await _upload(registry, HEADER + "Koło Gospodyń;other;;\n", encoding="cp1250")
    assert refused.value.errors[0].field == "body"
    assert registry.jobs.items == {}


async def test_windows_1250_is_read_when_declared(registry: FakeRegistry) -> None:
    job = await _upload(
        registry,
        HEADER + "Koło Gospodyń;other;;\n",
        encoding="cp1250",
        type="text/csv; charset=windows-1250",
    )
    [row] = registry.chunks.rows_of(job.id)
    assert row["values"]["name"] == "Koło Gospodyń"


async def test_an_unknown_charset_is_refused(registry: FakeRegistry) -> None:
    with pytest.raises(UnsupportedEncoding):
        await _upload(registry, HEADER, type="text/csv; charset=latin-1")


async def test_another_municipalitys_import_is_404(registry: FakeRegistry) -> None:
    job = await _upload(registry, HEADER)
    for outsider in (person(NEIGHBOUR, "tenant_officer"), person(HOME, "ngo_member")):
        with pytest.raises(NotFound):
            await registry.import_services.progress(outsider, job.id)


async def test_the_worker_creates_lists_and_announces_rows_and_keeps_row_errors(
    registry: FakeRegistry,
) -> None:
    nip = unique_nip()
    job = await _upload(
        registry,
        HEADER + f"Fundacja Dobra;foundation;{nip};pilne\n;foundation;;\nKlub;sports_club;;\n",
    )
    queued = await registry.jobs.claim_next("worker-1", now=registry.clock.timestamp())
    assert queued is not None

    await registry.worker.run_job(queued)

    officer = person(HOME, "tenant_officer")
    done = await registry.import_services.progress(officer, job.id)
    assert (done.state, done.processed_rows, done.created, done.failed) == ("done", 3, 2, 1)
    assert [(e.number, e.field) for e in done.errors] == [(3, "name")]
    assert done.finished_at is not None
    names = sorted(o.profile.name for o in registry.organizations.items.values())
    assert names == ["Fundacja Dobra", "Klub"]
    assert all(o.verified and o.listed_in == [HOME] for o in registry.organizations.items.values())
    assert len(registry.runner.events(OrganizationRegistered)) == 2
    assert set(registry.runner.tenants_of(OrganizationListed)) == {HOME}
    assert registry.claims.claims[f"nip:{nip}"] in registry.organizations.items
    assert registry.chunks.items == {}  # the rows are dropped once imported


async def test_a_second_import_of_the_same_list_matches_instead_of_duplicating(
    registry: FakeRegistry,
) -> None:
    nip = unique_nip()
    text = HEADER + f"Fundacja Dobra;foundation;{nip};\nKlub;sports_club;;\n"
    for note in ("", "nowa notatka"):
        await _upload(registry, text.replace(";\nKlub", f";{note}\nKlub"))
        queued = await registry.jobs.claim_next("worker-1", now=registry.clock.timestamp())
        assert queued is not None
        await registry.worker.run_job(queued)

    assert len(registry.organizations.items) == 2
    [dobra] = [o for o in registry.organizations.items.values() if o.profile.nip == nip]
    assert dobra.local_lists[HOME].needs_assessment == "nowa notatka"


async def test_a_neighbours_import_lists_a_verified_organization_without_changing_it(
    registry: FakeRegistry,
) -> None:
    nip = unique_nip()
    for tenant, name in ((HOME, "Fundacja Dobra"), (NEIGHBOUR, "Inna Nazwa")):
        await _upload(
            registry, HEADER + f"{name};foundation;{nip};\n", person(tenant, "tenant_officer")
        )
        queued = await registry.jobs.claim_next("worker-1", now=registry.clock.timestamp())
        assert queued is not None
        await registry.worker.run_job(queued)

    [organization] = registry.organizations.items.values()
    assert organization.home_tenant_id == HOME and organization.profile.name == "Fundacja Dobra"
    assert organization.listed_in == sorted([HOME, NEIGHBOUR])


async def test_row_errors_page_in_row_order_and_refuse_another_imports_cursor(
    registry: FakeRegistry,
) -> None:
    officer = person(HOME, "tenant_officer")
    job = await _upload(registry, HEADER + ";foundation;;\n" * 4)
    other = await _upload(registry, HEADER)
    queued = await registry.jobs.claim_next("worker-1", now=registry.clock.timestamp())
    assert queued is not None
    await registry.worker.run_job(queued)

    first, after = await registry.import_services.row_errors(officer, job.id, limit=3, after=None)
    rest, end = await registry.import_services.row_errors(officer, job.id, limit=3, after=after)

    assert [e.number for e in first + rest] == [2, 3, 4, 5] and end is None
    with pytest.raises(InvalidInput) as refused:
        await registry.import_services.row_errors(officer, job.id, limit=3, after=f"{other.id}:2")
    assert refused.value.errors[0].field == "query.cursor"


def test_a_row_is_validated_with_the_apis_rules() -> None:
    nip = unique_nip()
    valid = parse_row(
        7,
        {
            "name": " Fundacja ",
            "legal_form": "foundation",
            "nip": f"{nip[:3]}-{nip[3:]}",
            "public_benefit_status": "TAK",
            "public_benefit_areas": "seniors; volunteering",
            "city": "Wrocław",
            "needs_assessment": "pilne",
        },
    )
    assert isinstance(valid, ValidRow)
    assert valid.number == 7 and valid.note == "pilne"
    assert valid.profile == Profile(
        name="Fundacja",
        legal_form=LegalForm.FOUNDATION,
        nip=nip,
        public_benefit_status=True,
        public_benefit_areas=valid.profile.public_benefit_areas,
        address=valid.profile.address,
    )
    assert [a.value for a in valid.profile.public_benefit_areas] == ["seniors", "volunteering"]
    assert valid.profile.address.city == "Wrocław"


def test_a_bad_row_names_its_columns() -> None:
    errors = parse_row(3, {"name": "", "legal_form": "club", "nip": "123"})
    assert isinstance(errors, list)
    assert {e.field for e in errors} >= {"legal_form"}
    assert all(isinstance(e, RowError) and e.number == 3 for e in errors)


async def _import(registry: FakeRegistry, text: str, tenant: str = HOME) -> ImportJob:
    job = await _upload(registry, text, person(tenant, "tenant_officer"))
    queued = await registry.jobs.claim_next("worker-1", now=registry.clock.timestamp())
    assert queued is not None
    await registry.worker.run_job(queued)
    return await registry.import_services.progress(person(tenant, "tenant_officer"), job.id)


async def test_another_tenants_unverified_registration_is_passed_over_not_matched(
    registry: FakeRegistry,
) -> None:
    nip = unique_nip()
    pending = await registry.organization_services.register(
        person(NEIGHBOUR, "ngo_member"),
        Profile(name="Fundacja Dobra", legal_form=LegalForm.FOUNDATION, nip=nip),
    )

    done = await _import(registry, HEADER + f"Fundacja Dobra;foundation;{nip};\n")

    assert done.created == 1
    [imported] = [o for o in registry.organizations.all() if o.id != pending.id]
    assert imported.home_tenant_id == HOME and imported.verified
    assert registry.claims.claims == {f"nip:{nip}": imported.id}
    assert registry.organizations.stored(pending.id).listed_in == []


async def test_a_row_moving_to_a_number_another_verified_organization_holds_fails_alone(
    registry: FakeRegistry,
) -> None:
    krs, first_nip, taken_nip = unique_krs(), unique_nip(), unique_nip()
    header = "name;legal_form;krs;nip\n"
    await _import(
        registry,
        header + f"Fundacja A;foundation;{krs};{first_nip}\nFundacja B;foundation;;{taken_nip}\n",
    )

    done = await _import(registry, header + f"Fundacja A;foundation;{krs};{taken_nip}\n")

    assert (done.updated, done.failed) == (0, 1)
    assert [(e.number, e.field) for e in done.errors] == [(2, "nip")]
    [first] = [o for o in registry.organizations.all() if o.profile.krs == krs]
    assert first.profile.nip == first_nip
    assert registry.claims.claims[f"nip:{taken_nip}"] != first.id


async def test_a_large_upload_is_chunked_and_a_resumed_job_skips_committed_chunks() -> None:
    registry = fake_registry(onboarded(HOME))
    rows = "".join(f"Fundacja {n};foundation;;\n" for n in range(1001))

    job = await _upload(registry, HEADER + rows)

    assert job.total_rows == 1001
    assert sorted({seq for _, _, seq in registry.chunks.items}) == [0, 1, 2]  # 500 rows each
    # A worker stopped after committing chunks 0 and 1; the next one takes up at chunk 2.
    registry.jobs.items[job.id]["next_chunk"] = 2
    queued = await registry.jobs.claim_next("worker-2", now=registry.clock.timestamp())
    assert queued is not None
    await registry.worker.run_job(queued)
    done = await registry.import_services.progress(person(HOME, "tenant_officer"), job.id)
    assert (done.state, done.processed_rows, done.created) == ("done", 1, 1)
    assert [o.profile.name for o in registry.organizations.all()] == ["Fundacja 1000"]
