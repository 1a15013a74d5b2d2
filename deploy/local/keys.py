"""Local identity: an RSA key pair made on first start, its JWKS, and signed access tokens."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

__all__ = ["LOCAL_AUDIENCE", "LOCAL_ISSUER", "LocalIdentity"]

LOCAL_ISSUER = "urn:ngo-platform:local-idp"
LOCAL_AUDIENCE = "ngo-platform"


@dataclass(frozen=True)
class LocalIdentity:
    """A signing key kept under a directory, standing in for the OIDC provider locally."""

    directory: Path

    @property
    def private_key_path(self) -> Path:
        """Return where the PEM private key lives."""
        return self.directory / "signing-key.pem"

    @property
    def jwks_path(self) -> Path:
        """Return where the public JWKS lives."""
        return self.directory / "jwks.json"

    @property
    def jwks_url(self) -> str:
        """Return the JWKS as a file:// URL the services can read."""
        return self.jwks_path.resolve().as_uri()

    def ensure(self) -> LocalIdentity:
        """Generate the key pair and JWKS unless they exist."""
        if self.private_key_path.exists() and self.jwks_path.exists():
            return self
        self.directory.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        self.private_key_path.write_bytes(pem)
        self.private_key_path.chmod(0o600)
        public_jwk: dict[str, Any] = json.loads(
            jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key())
        )
        public_jwk.update({"kid": uuid.uuid4().hex[:16], "use": "sig", "alg": "RS256"})
        self.jwks_path.write_text(json.dumps({"keys": [public_jwk]}, indent=2))
        return self

    def mint(
        self,
        *,
        subject: str,
        tenant_id: str,
        roles: Iterable[str],
        organization_id: str | None = None,
        name: str | None = None,
        email: str | None = None,
        ttl_seconds: int = 8 * 3600,
        issuer: str = LOCAL_ISSUER,
        audience: str = LOCAL_AUDIENCE,
    ) -> str:
        """Return a signed access token with the platform's claims."""
        kid = json.loads(self.jwks_path.read_text())["keys"][0]["kid"]
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": issuer,
            "aud": audience,
            "sub": subject,
            "iat": now,
            "exp": now + ttl_seconds,
            "tenant_id": tenant_id,
            "roles": sorted(set(roles)),
        }
        optional = {"organization_id": organization_id, "name": name, "email": email}
        claims.update({k: v for k, v in optional.items() if v})
        return jwt.encode(
            claims, self.private_key_path.read_bytes(), algorithm="RS256", headers={"kid": kid}
        )
