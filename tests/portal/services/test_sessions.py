"""Session rules over in-memory storage: stored only when needed, CSRF per id, expiry, renewal."""

from __future__ import annotations

from datetime import timedelta

from services.portal.domain.session import User, cookie_value
from services.portal.services.sessions import SessionStore
from tests.portal.fakes import FakeSessionDocuments
from tests.support.clock import FixedClock

TTL = 600


def store(
    documents: FakeSessionDocuments | None = None, clock: FixedClock | None = None
) -> SessionStore:
    return SessionStore(documents or FakeSessionDocuments(), TTL, clock or FixedClock())


class TestStart:
    async def test_a_new_session_is_not_stored_and_lives_the_ttl(self) -> None:
        documents, clock = FakeSessionDocuments(), FixedClock()

        session = await store(documents, clock).start()

        assert not session.stored and documents.documents == {}
        assert session.expires_at == clock.timestamp() + TTL
        assert len(session.id) == 43

    async def test_two_sessions_have_different_ids_and_tokens(self) -> None:
        sessions = store()

        one, two = await sessions.start(), await sessions.start()

        assert one.id != two.id and one.csrf != two.csrf


class TestLoad:
    async def test_a_malformed_cookie_loads_nothing(self) -> None:
        assert await store().load("chosen-by-someone-else") is None
        assert await store().load(None) is None

    async def test_an_unstored_cookie_loads_an_empty_session_without_a_read(self) -> None:
        documents = FakeSessionDocuments()
        sessions = store(documents)
        started = await sessions.start()

        loaded = await sessions.load(cookie_value(started))

        assert loaded is not None and loaded.id == started.id and loaded.csrf == started.csrf
        assert documents.reads == 0

    async def test_a_stored_session_comes_back_with_its_user(self) -> None:
        sessions = store()
        session = await sessions.start()
        session.user = User("sub", "Anna", "0264011", [], "tok")
        session.language = "en"
        await sessions.save(session)

        loaded = await sessions.load(cookie_value(session))

        assert loaded is not None and loaded.stored
        assert loaded.user == session.user and loaded.language == "en"
        assert loaded.csrf == session.csrf

    async def test_a_bare_cookie_of_a_session_never_stored_loads_an_empty_one(self) -> None:
        sessions = store()
        session = await sessions.start()

        loaded = await sessions.load(session.id)

        assert loaded is not None and not loaded.stored and loaded.user is None

    async def test_a_session_lives_until_its_ttl_is_over(self) -> None:
        clock = FixedClock()
        sessions = store(clock=clock)
        session = await sessions.start()
        await sessions.save(session)

        clock.advance(timedelta(seconds=TTL))

        assert await sessions.load(session.id) is not None

    async def test_an_expired_session_loads_nothing_and_is_deleted(self) -> None:
        documents, clock = FakeSessionDocuments(), FixedClock()
        sessions = store(documents, clock)
        session = await sessions.start()
        await sessions.save(session)

        clock.advance(timedelta(seconds=TTL + 1))

        assert await sessions.load(session.id) is None
        assert session.id not in documents.documents


class TestCsrf:
    async def test_a_replica_derives_the_same_token_from_the_shared_key(self) -> None:
        documents = FakeSessionDocuments()
        session = await store(documents).start()

        elsewhere = await store(documents).load(cookie_value(session))

        assert elsewhere is not None and elsewhere.csrf == session.csrf

    async def test_another_deployment_s_key_gives_another_token(self) -> None:
        session = await store().start()

        other = await store().load(cookie_value(session))

        assert other is not None and other.csrf != session.csrf

    async def test_the_token_is_never_stored(self) -> None:
        documents = FakeSessionDocuments()
        sessions = store(documents)
        session = await sessions.start()
        await sessions.save(session)

        assert session.csrf not in str(documents.documents)


class TestRenewAndEnd:
    async def test_renewal_gives_a_new_id_keeps_the_choices_and_forgets_the_old(self) -> None:
        documents = FakeSessionDocuments()
        sessions = store(documents)
        old = await sessions.start()
        old.language, old.municipality = "en", "0264011"
        await sessions.save(old)

        fresh = await sessions.renew(old)

        assert fresh.id != old.id and fresh.csrf != old.csrf
        assert (fresh.language, fresh.municipality) == ("en", "0264011")
        assert old.id not in documents.documents

    async def test_ending_deletes_the_session(self) -> None:
        documents = FakeSessionDocuments()
        sessions = store(documents)
        session = await sessions.start()
        await sessions.save(session)

        await sessions.end(session)

        assert documents.documents == {}


class TestPurge:
    async def test_deletes_only_sessions_past_their_end(self) -> None:
        documents, clock = FakeSessionDocuments(), FixedClock()
        sessions = store(documents, clock)
        dead = await sessions.start()
        await sessions.save(dead)
        clock.advance(timedelta(seconds=TTL / 2))
        live = await sessions.start()
        await sessions.save(live)
        clock.advance(timedelta(seconds=TTL / 2 + 1))

        assert await sessions.purge_expired() == 1
        assert list(documents.documents) == [live.id]
