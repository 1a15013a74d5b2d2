"""Bearer tokens: only valid tokens of the trusted provider yield a principal."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from deploy.local.keys import LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIdentity
from shared.auth import JwtVerifier, principal_from_claims
from shared.errors import ServiceUnavailable, Unauthorized
from shared.tenancy import Role
from tests.conftest import AppClientFactory
from tests.support.auth import TokenFactory, bearer
from tests.support.http import problem
from tests.support.services import ServiceClient


@pytest.fixture
def verifier(identity: LocalIdentity) -> JwtVerifier:
    return JwtVerifier(identity.jwks_url, issuer=LOCAL_ISSUER, audience=LOCAL_AUDIENCE)


class TestPrincipalFromClaims:
    def test_takes_tenant_roles_and_organization(self) -> None:
        principal = principal_from_claims(
            {
                "sub": "user-1",
                "tenant_id": "1465011",
                "roles": ["ngo_member", "committee_member"],
                "organization_id": "org-7",
                "name": "Anna",
            }
        )

        assert principal.subject == "user-1"
        assert principal.tenant_id == "1465011"
        assert principal.roles == {Role.NGO_MEMBER, Role.COMMITTEE_MEMBER}
        assert principal.organization_id == "org-7"
        assert principal.tenant.tenant_id == "1465011"

    def test_reads_keycloak_realm_roles(self) -> None:
        principal = principal_from_claims(
            {"sub": "u", "tenant_id": "1465011", "realm_access": {"roles": ["tenant_officer"]}}
        )

        assert principal.has_role(Role.TENANT_OFFICER)

    def test_ignores_roles_the_platform_does_not_know(self) -> None:
        principal = principal_from_claims(
            {"sub": "u", "tenant_id": "1465011", "roles": ["offline_access", "tenant_officer"]}
        )

        assert principal.roles == {Role.TENANT_OFFICER}

    @pytest.mark.parametrize(
        "claims",
        [
            {"roles": "tenant_officer"},
            {"roles": [["tenant_officer"]]},
            {"roles": [{"r": 1}, 7, None]},
            {"realm_access": "tenant_officer"},
            {"realm_access": {"roles": {"tenant_officer": True}}},
            {"realm_access": ["tenant_officer"]},
        ],
    )
    def test_a_malformed_role_claim_grants_nothing(self, claims: dict[str, object]) -> None:
        principal = principal_from_claims({"sub": "u", "tenant_id": "1465011", **claims})

        assert principal.roles == frozenset()

    def test_ignores_name_and_email_that_are_not_text(self) -> None:
        principal = principal_from_claims(
            {"sub": "u", "tenant_id": "1465011", "name": {"x": 1}, "email": ["a@b.pl"]}
        )

        assert principal.name is None and principal.email is None

    @pytest.mark.parametrize("tenant", [None, "", 1465011])
    def test_rejects_a_token_that_names_no_tenant(self, tenant: object) -> None:
        claims = {"sub": "u", "roles": ["tenant_officer"]}
        if tenant is not None:
            claims["tenant_id"] = tenant  # type: ignore[assignment]

        with pytest.raises(Unauthorized):
            principal_from_claims(claims)


class TestIdentityProviderAway:
    async def test_an_unreachable_jwks_is_a_503_not_a_500(
        self, identity: LocalIdentity, token: TokenFactory
    ) -> None:
        away = JwtVerifier(
            "http://127.0.0.1:9/jwks.json", issuer=LOCAL_ISSUER, audience=LOCAL_AUDIENCE
        )

        with pytest.raises(ServiceUnavailable):
            await away.verify(token(tenant_id="1465011", roles=["tenant_officer"]))


class TestVerifyToken:
    async def test_accepts_a_token_of_the_trusted_provider(
        self, verifier: JwtVerifier, token: TokenFactory
    ) -> None:
        principal = await verifier.verify(
            token(tenant_id="1465011", roles=["tenant_officer"], subject="officer-1")
        )

        assert (principal.subject, principal.tenant_id) == ("officer-1", "1465011")
        assert principal.roles == {Role.TENANT_OFFICER}

    async def test_rejects_an_expired_token(
        self, verifier: JwtVerifier, token: TokenFactory
    ) -> None:
        with pytest.raises(Unauthorized) as caught:
            await verifier.verify(token(tenant_id="1465011", ttl_seconds=-60))

        assert caught.value.detail.en == "Token has expired."

    async def test_a_token_answered_before_is_refused_once_it_expires(
        self, verifier: JwtVerifier, token: TokenFactory
    ) -> None:
        short = token(tenant_id="1465011", ttl_seconds=1)
        assert (await verifier.verify(short)).tenant_id == "1465011"
        await asyncio.sleep(1.1)

        with pytest.raises(Unauthorized) as caught:
            await verifier.verify(short)

        assert caught.value.detail.en == "Token has expired."

    async def test_a_changed_copy_of_a_token_answered_before_is_refused(
        self, verifier: JwtVerifier, token: TokenFactory
    ) -> None:
        good = token(tenant_id="1465011", roles=["tenant_officer"])
        await verifier.verify(good)
        header, payload, signature = good.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["tenant_id"] = "1261011"
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

        with pytest.raises(Unauthorized):
            await verifier.verify(f"{header}.{forged}.{signature}")

    async def test_rejects_a_token_for_another_audience(
        self, verifier: JwtVerifier, identity: LocalIdentity
    ) -> None:
        other = identity.mint(subject="u", tenant_id="1465011", roles=[], audience="other-app")

        with pytest.raises(Unauthorized):
            await verifier.verify(other)

    async def test_rejects_a_token_of_another_issuer(
        self, verifier: JwtVerifier, identity: LocalIdentity
    ) -> None:
        other = identity.mint(subject="u", tenant_id="1465011", roles=[], issuer="urn:evil")

        with pytest.raises(Unauthorized):
            await verifier.verify(other)

    async def test_rejects_a_token_signed_by_an_untrusted_key(
        self, verifier: JwtVerifier, tmp_path: Path
    ) -> None:
        stranger = LocalIdentity(tmp_path / "stranger").ensure()

        with pytest.raises(Unauthorized):
            await verifier.verify(stranger.mint(subject="u", tenant_id="1465011", roles=[]))

    async def test_rejects_a_trusted_key_id_on_a_foreign_signature(
        self, verifier: JwtVerifier, identity: LocalIdentity, tmp_path: Path
    ) -> None:
        stranger = LocalIdentity(tmp_path / "stranger").ensure()
        trusted_kid = json.loads(identity.jwks_path.read_text())["keys"][0]["kid"]
        forged = jwt.encode(
            _claims(),
            stranger.private_key_path.read_bytes(),
            algorithm="RS256",
            headers={"kid": trusted_kid},
        )

        with pytest.raises(Unauthorized):
            await verifier.verify(forged)

    async def test_rejects_a_token_signed_with_the_public_key_as_hmac_secret(
        self, verifier: JwtVerifier, identity: LocalIdentity
    ) -> None:
        jwk = json.loads(identity.jwks_path.read_text())["keys"][0]
        public_pem = (
            serialization.load_pem_private_key(identity.private_key_path.read_bytes(), None)
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        forged = _hmac_token({"alg": "HS256", "typ": "JWT", "kid": jwk["kid"]}, public_pem)

        with pytest.raises(Unauthorized):
            await verifier.verify(forged)

    async def test_rejects_a_token_without_expiry(
        self, verifier: JwtVerifier, identity: LocalIdentity
    ) -> None:
        kid = json.loads(identity.jwks_path.read_text())["keys"][0]["kid"]
        claims = _claims()
        del claims["exp"]
        endless = jwt.encode(
            claims, identity.private_key_path.read_bytes(), algorithm="RS256", headers={"kid": kid}
        )

        with pytest.raises(Unauthorized):
            await verifier.verify(endless)

    @pytest.mark.parametrize("garbage", ["", "not-a-jwt", "a.b.c"])
    async def test_rejects_a_malformed_token(self, verifier: JwtVerifier, garbage: str) -> None:
        with pytest.raises(Unauthorized):
            await verifier.verify(garbage)


class TestRefusalsSayNoMoreThanNeeded:
    """A 401 gives fixed texts; the library's reason (which check failed) stays in the log."""

    @pytest.fixture
    async def registry(self, app_client: AppClientFactory) -> ServiceClient:
        return await app_client("registry")

    @pytest.mark.parametrize(
        "claims",
        [{"audience": "other-app"}, {"issuer": "urn:evil"}],
        ids=["audience", "issuer"],
    )
    async def test_a_refused_token_gets_a_fixed_text_in_either_language(
        self, registry: ServiceClient, identity: LocalIdentity, claims: dict[str, str]
    ) -> None:
        forged = identity.mint(subject="u", tenant_id="1465011", roles=[], **claims)

        polish = await registry.get("/organizations", headers=bearer(forged))
        english = await registry.get(
            "/organizations", headers=bearer(forged, **{"Accept-Language": "en"})
        )

        assert problem(polish, 401)["detail"] == "Token jest nieprawidłowy."
        assert problem(english, 401)["detail"] == "Token is not valid."

    async def test_a_token_without_expiry_does_not_learn_which_claim_is_missing(
        self, registry: ServiceClient, identity: LocalIdentity
    ) -> None:
        kid = json.loads(identity.jwks_path.read_text())["keys"][0]["kid"]
        claims = _claims()
        del claims["exp"]
        endless = jwt.encode(
            claims, identity.private_key_path.read_bytes(), algorithm="RS256", headers={"kid": kid}
        )

        answer = await registry.get(
            "/organizations", headers=bearer(endless, **{"Accept-Language": "en"})
        )

        body = problem(answer, 401)
        assert body["detail"] == "Token is not valid."
        assert "exp" not in answer.text


def _hmac_token(header: dict[str, str], secret: bytes) -> str:
    """Sign by hand: PyJWT itself refuses to use a public key as an HMAC secret."""
    segments = [
        base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=")
        for part in (header, _claims())
    ]
    signing_input = b".".join(segments)
    signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
    return b".".join([signing_input, base64.urlsafe_b64encode(signature).rstrip(b"=")]).decode()


def _claims() -> dict[str, object]:
    now = int(time.time())
    return {
        "iss": LOCAL_ISSUER,
        "aud": LOCAL_AUDIENCE,
        "sub": "mallory",
        "iat": now,
        "exp": now + 600,
        "tenant_id": "1465011",
        "roles": ["platform_admin"],
    }
