"""The development sign-in: demo users, signed with the local identity key of `make dev`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.portal.adapters.backend import BackendDown, BackendProblem, Backends
from services.portal.domain.session import User
from services.portal.settings import PortalSettings

__all__ = ["DemoUser", "demo_users", "sign_in_as"]

_TOKEN_SECONDS = 8 * 3600


@dataclass(frozen=True)
class DemoUser:
    """A user one may sign in as on the development sign-in page."""

    key: str
    pl: str
    en: str
    subject: str
    tenant_id: str
    roles: tuple[str, ...]
    organization_id: str | None = None

    def label(self, language: str) -> str:
        """Return the description in a language."""
        return self.pl if language == "pl" else self.en


def _fixed(settings: PortalSettings) -> list[DemoUser]:
    names = settings.municipality_names()
    first = next(iter(names), "0264011")
    users = [
        DemoUser(
            f"officer-{code}",
            f"Urzędnik: {name}",
            f"Officer: {name}",
            f"demo-officer-{code}",
            code,
            ("tenant_officer",),
        )
        for code, name in names.items()
    ]
    return [
        *users,
        DemoUser(
            "committee", "Członek komisji konkursowej", "Committee member",
            "demo-committee", first, ("committee_member",),
        ),
        DemoUser(
            "centre", "Pracownik centrum wspierania NGO", "Support centre staff",
            "demo-centre-staff", settings.dev_centre_tenant, ("centre_staff",),
        ),
        DemoUser(
            "admin", "Administrator platformy", "Platform admin",
            "demo-admin", first, ("platform_admin",),
        ),
        DemoUser(
            "resident", "Mieszkaniec (bez roli)", "Resident (no role)",
            "demo-resident", first, (),
        ),
        DemoUser(
            "ngo-new", "Członek organizacji jeszcze niezarejestrowanej",
            "Member of an organization not registered yet", "demo-ngo-new", first, ("ngo_member",),
        ),
    ]  # fmt: skip


def _member(record: dict[str, Any]) -> DemoUser | None:
    # The home municipality, else the first that lists it (registered by its officer).
    listed = record.get("listed_in") or [None]
    home = (record.get("address") or {}).get("municipality_teryt") or listed[0]
    if not isinstance(home, str) or not isinstance(record.get("id"), str):
        return None
    name = str(record.get("name", ""))
    return DemoUser(
        f"ngo-{record['id']}",
        f"Członek organizacji: {name}",
        f"Member of: {name}",
        f"demo-ngo-{record['id']}",
        home,
        ("ngo_member",),
        record["id"],
    )


async def demo_users(settings: PortalSettings, backends: Backends) -> list[DemoUser]:
    """Return the fixed demo users and a member of each organization of the municipalities."""
    members: list[DemoUser] = []
    for code in settings.municipality_names():
        try:
            found = await backends.json(
                "public_organizations", params={"municipality": code, "limit": 20}
            )
        except (BackendDown, BackendProblem):
            continue  # the registry is starting: the fixed users still sign in
        for record in found.get("items", []):
            member = _member(record)
            if member is not None and member not in members:
                members.append(member)
    return [*_fixed(settings), *members]


async def demo_user(settings: PortalSettings, backends: Backends, key: str) -> DemoUser | None:
    """Return the demo user of `key`: a fixed one, or a member of the organization it names."""
    for user in _fixed(settings):
        if user.key == key:
            return user
    organization_id = key.removeprefix("ngo-")
    if organization_id == key or not organization_id:
        return None
    # Asked by id, not found in the list: a new organization signs in at once, however many.
    try:
        record = await backends.json("public_organization", organization_id=organization_id)
    except (BackendDown, BackendProblem):
        return None
    return _member(record)


def sign_in_as(settings: PortalSettings, user: DemoUser, language: str) -> User:
    """Mint the demo user's access token with the local identity key."""
    # Imported here: the local launcher's key tools are not in the production image.
    from deploy.local.keys import LocalIdentity

    identity = LocalIdentity(Path(settings.dev_keys_dir)).ensure()
    name = user.label(language)
    token = identity.mint(
        subject=user.subject,
        tenant_id=user.tenant_id,
        roles=user.roles,
        organization_id=user.organization_id,
        name=name,
        ttl_seconds=_TOKEN_SECONDS,
    )
    return User(
        subject=user.subject,
        name=name,
        tenant_id=user.tenant_id,
        roles=list(user.roles),
        token=token,
        organization_id=user.organization_id,
    )
