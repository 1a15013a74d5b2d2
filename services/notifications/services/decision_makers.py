"""A municipality's list of decision makers."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.domain.decision_makers import DecisionMaker, check_address
from services.notifications.repository import DecisionMakers
from services.notifications.services.callers import Callers
from shared.clock import Clock
from shared.context import new_id
from shared.errors import Conflict, NotFound, Text
from shared.outbox import Transaction, TransactionRunner
from shared.tenancy import Principal

__all__ = ["DecisionMakerServices"]


@dataclass(frozen=True)
class DecisionMakerServices:
    """Officers keep the list; reports and index results go to the people on it."""

    transactions: TransactionRunner
    people: DecisionMakers
    callers: Callers
    clock: Clock

    async def listed(
        self, principal: Principal, caller_language: str | None = None
    ) -> list[DecisionMaker]:
        """Return the municipality's decision makers."""
        await self.callers.remember(principal, caller_language)
        return await self.people.listed(principal.tenant)

    async def add(
        self,
        principal: Principal,
        *,
        name: str,
        email: str,
        function: str,
        language: str,
        caller_language: str | None = None,
    ) -> DecisionMaker:
        """Put someone on the list."""
        await self.callers.remember(principal, caller_language)
        address = check_address(email)
        if await self.people.by_email(principal.tenant, address):
            raise Conflict(
                detail=Text("Ta osoba jest już na liście.", "This person is already on the list.")
            )
        person = DecisionMaker(
            id=new_id(),
            tenant_id=principal.tenant_id,
            name=name.strip(),
            email=address,
            function=function.strip(),
            language=language,
            active=True,
            added_by=principal.subject,
            added_at=self.clock.timestamp(),
        )

        async def work(transaction: Transaction) -> None:
            await self.people.add(person, transaction.session)

        await self.transactions.run(work)
        return person

    async def remove(
        self, principal: Principal, person_id: str, caller_language: str | None = None
    ) -> None:
        """Take someone off the list."""
        await self.callers.remember(principal, caller_language)
        if not await self.people.remove(principal.tenant, person_id):
            raise NotFound(detail=Text("Nie ma takiej osoby na liście.", "No such person."))
