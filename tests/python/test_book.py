"""The registration book from Python: the same lifecycle the core runs, as a notebook or service uses it."""

import datetime as dt
import json

import pytest

import kix

UTC = dt.timezone.utc
W20 = kix.emap().event("kix-emap-webinar-20").to_dict()


def event(capacity=2, **registration):
    policy = {"required": True, "capacity": capacity, "waiting_list": True, **registration}
    return kix.Event.from_dict({**W20, "registration": policy})


def person(name, country="NP"):
    return {"full_name": name, "email": f"{name.lower()}@example.org", "country": country, "audience": "teacher"}


def at(hour, minute=0):
    return dt.datetime(2024, 7, 20, hour, minute, tzinfo=UTC)


def test_the_first_come_are_seated_and_the_rest_wait_in_order():
    book = kix.RegistrationBook(event(capacity=2))
    statuses = [book.submit(person(n), now=at(8, i))["status"] for i, n in enumerate(["Ana", "Bob", "Cem", "Dan"])]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    ledger = book.ledger()
    assert (ledger["confirmed"], ledger["waitlisted"], ledger["free"]) == (2, 2, 0)


def test_a_cancellation_offers_the_seat_to_the_first_in_line_who_can_accept_it():
    book = kix.RegistrationBook(event(capacity=1, offer_hours=24))
    first = book.submit(person("Ana"), now=at(8))["id"]
    second = book.submit(person("Bob"), now=at(9))["id"]
    third = book.submit(person("Cem"), now=at(10))["id"]
    done = book.cancel(first, by="registrant", now=at(11))
    assert [c["registration_id"] for c in done["changes"]] == [first, second]
    assert book.status(second) == "offered" and book.status(third) == "waitlisted"
    expires = book.history(second)[-1]["offer_expires_at"]
    assert expires == at(11) + dt.timedelta(hours=24) and expires.tzinfo is not None
    book.accept_offer(second, now=at(12))
    assert book.status(second) == "confirmed"
    assert [h["action"] for h in book.history(second)] == ["submit", "offer", "accept_offer"]


def test_approving_past_capacity_is_refused_unless_forced_and_then_recorded():
    book = kix.RegistrationBook(event(capacity=1, approval="manual"))
    a = book.submit(person("Ana"), now=at(8))["id"]
    b = book.submit(person("Bob"), now=at(9))["id"]
    book.approve(a, now=at(10))
    with pytest.raises(kix.ValidationError) as refused:
        book.approve(b, now=at(10, 5))
    assert refused.value.code == "registration.full"
    assert book.status(b) == "waitlisted", "a refused approval changes nothing"
    forced = book.approve(b, force=True, now=at(10, 10))
    assert [w.code for w in forced["warnings"]] == ["registration.over_capacity"]
    assert book.get(b)["forced"] is True


def test_an_operation_that_does_not_apply_names_both_statuses():
    book = kix.RegistrationBook(event(capacity=5))
    rid = book.submit(person("Ana"), now=at(8))["id"]
    with pytest.raises(kix.ValidationError) as e:
        book.accept_offer(rid, now=at(9))
    error = e.value.errors()[0]
    assert error["code"] == "registration.invalid_transition"
    assert error["params"]["from"] == "confirmed" and error["params"]["id"] == rid


def test_a_resubmission_is_the_same_registration_and_the_book_survives_json():
    ev = event(capacity=5)
    book = kix.RegistrationBook(ev)
    first = book.submit(person("Ana"), now=at(8))
    again = book.submit(person("Ana"), now=at(9))
    assert again["id"] == first["id"] and again["changes"] == [] and len(book) == 1
    assert again["duplicate"] is True and first["duplicate"] is False
    copy = kix.RegistrationBook.from_json(book.to_json(), ev)
    assert json.loads(copy.to_json()) == json.loads(book.to_json())


def test_an_address_alone_changes_nothing_and_update_keeps_the_earlier_record():
    ev = event(capacity=5)
    book = kix.RegistrationBook(ev)
    rid = book.submit(person("Ana"), now=at(8))["id"]
    before = book.to_json()
    hijack = book.submit({**person("Ana"), "full_name": "Mallory", "country": "KZ"}, now=at(9))
    assert hijack["duplicate"] is True and hijack["changes"] == []
    assert hijack["violations"][0].code == "registration.duplicate"
    assert book.to_json() == before, "nothing changed"
    done = book.update(rid, {**person("Ana"), "organisation": "Ministry of Education"}, now=at(10))
    assert [c["entry"]["action"] for c in done["changes"]] == ["update"]
    assert book.get(rid)["record"]["organisation"] == "Ministry of Education"
    assert book.history(rid)[0]["record"].get("organisation") is None, "the earlier record is in the history"
    with pytest.raises(kix.ValidationError) as refused:
        book.update(rid, {**person("Ana"), "country": "Atlantis"}, now=at(11))
    assert refused.value.code == "registration.unknown_country"
    assert len(book.history(rid)) == 2


def test_approving_pending_registrations_after_a_capacity_cut_is_refused_unless_forced():
    book = kix.RegistrationBook(event(capacity=2, approval="manual"))
    a = book.submit(person("Ana"), now=at(8))["id"]
    b = book.submit(person("Bob"), now=at(8, 5))["id"]
    book.set_capacity(1, now=at(9))
    for rid in (a, b):
        with pytest.raises(kix.ValidationError) as refused:
            book.approve(rid, now=at(10))
        assert refused.value.code == "registration.full"
    forced = book.approve(a, force=True, now=at(10, 5))
    assert [w.code for w in forced["warnings"]] == ["registration.over_capacity"]


def test_a_naive_now_is_refused_with_a_way_out():
    book = kix.RegistrationBook(event())
    with pytest.raises(ValueError, match="naive"):
        book.submit(person("Ana"), now=dt.datetime(2024, 7, 20, 8))


def test_reminders_are_in_each_registrants_own_zone():
    book = kix.RegistrationBook(event(capacity=5, reminder_minutes=[60]))
    book.submit(person("Ana", country="NP"), now=at(8))
    (reminder,) = book.reminders()
    assert reminder["zone"] == "Asia/Kathmandu"
    assert reminder["event_start_local"].utcoffset() == dt.timedelta(hours=5, minutes=45)
    assert reminder["send_at"] == dt.datetime(2024, 7, 31, 10, 0, tzinfo=UTC)
