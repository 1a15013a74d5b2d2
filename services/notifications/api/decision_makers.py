"""Routes of the municipality's list of decision makers (officers)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, ConfigDict, Field

from services.notifications.api.deps import CallerLanguage, DecisionMakers, Officer
from services.notifications.domain.decision_makers import DecisionMaker
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, prefix="/decision-makers", tags=["decision makers"])


class DecisionMakerCreate(BaseModel):
    """Someone who receives consultation reports and index results."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Full name.", min_length=2, max_length=200)
    email: str = Field(description="E-mail address.", min_length=3, max_length=254)
    function: str = Field("", description="e.g. Burmistrz, Rada Miejska.", max_length=200)
    language: Literal["pl", "en"] = Field("pl", description="Language of the e-mails.")


class DecisionMakerView(BaseModel):
    """A decision maker on the list."""

    id: str = Field(description="Id on the list.")
    name: str = Field(description="Full name.")
    email: str = Field(description="E-mail address.")
    function: str = Field(description="Function.")
    language: str = Field(description="Language of the e-mails.")
    active: bool = Field(description="False once they unsubscribed.")

    @classmethod
    def of(cls, person: DecisionMaker) -> DecisionMakerView:
        """Describe a decision maker."""
        return cls(
            id=person.id,
            name=person.name,
            email=person.email,
            function=person.function,
            language=person.language,
            active=person.active,
        )


@router.get("", summary="The municipality's decision makers")
async def listed(
    principal: Officer, decision_makers: DecisionMakers, caller_language: CallerLanguage
) -> list[DecisionMakerView]:
    """Return the list."""
    return [
        DecisionMakerView.of(p)
        for p in await decision_makers.listed(principal, caller_language=caller_language)
    ]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Add a decision maker")
async def add(
    body: DecisionMakerCreate,
    principal: Officer,
    decision_makers: DecisionMakers,
    caller_language: CallerLanguage,
    response: Response,
) -> DecisionMakerView:
    """Put someone on the list."""
    person = await decision_makers.add(
        principal,
        name=body.name,
        email=body.email,
        function=body.function,
        language=body.language,
        caller_language=caller_language,
    )
    response.headers["Location"] = f"/decision-makers/{person.id}"
    return DecisionMakerView.of(person)


@router.delete("/{person_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove")
async def remove(
    person_id: str,
    principal: Officer,
    decision_makers: DecisionMakers,
    caller_language: CallerLanguage,
) -> None:
    """Take someone off the list."""
    await decision_makers.remove(principal, person_id, caller_language=caller_language)
