"""Organisers working the list in a real browser: signing in with a token, the ledger and the
list in Russian, Arabic and English, a registrant's cancellation freeing a seat on the
organiser's page, approving a pending registration, and forms refused when their CSRF token is
not their session's.

The expected words are written here, not read from kix: a page text that changes or goes
missing fails these tests.
"""
import uuid

import pytest
from conftest import APPROVAL_EVENT, EVENT

WORDS = {
    "ru": {
        "title": "Вход для организаторов",
        "token_label": "Токен организатора",
        "refused": "Этот токен недействителен или отозван.",
        "free": "Свободно",
        "approved": "Регистрация {} одобрена.",
        "confirmed": "Подтверждена",
        "pending": "Ждёт одобрения",
        "forbidden": "Эта форма больше недействительна",
        "deny_reason": "Причина отказа",
    },
    "ar": {
        "title": "دخول المنظِّمين",
        "token_label": "رمز المنظِّم",
        "refused": "هذا الرمز غير صالح أو أُلغي.",
        "free": "شاغرة",
        "approved": "تمت الموافقة على التسجيل {}.",
        "confirmed": "مؤكَّد",
        "pending": "بانتظار الموافقة",
        "forbidden": "لم يعد هذا النموذج صالحًا",
        "deny_reason": "سبب الرفض",
    },
    "en": {
        "title": "Organiser sign-in",
        "token_label": "Organiser token",
        "refused": "This token is not valid, or it has been revoked.",
        "free": "Free",
        "approved": "Registration {} is approved.",
        "confirmed": "Confirmed",
        "pending": "Waiting for approval",
        "cancelled": "Cancelled",
        "by_registrant": "by the registrant",
        "by_organiser": "by an organiser",
        "forbidden": "This form is no longer valid",
        "deny_reason": "Reason for denying",
    },
}

# Right-to-left messages isolate their values (FSI ... PDI): invisible, and not what a person reads.
ISOLATES = str.maketrans("", "", "\u2068\u2069")


def text(page, selector):
    return page.locator(selector).first.inner_text().translate(ISOLATES).strip()


def count(page, key):
    return int(text(page, f"#ledger-{key}"))


@pytest.fixture(scope="module")
def desk(running_service):
    """A token that manages both webinars."""
    return running_service.token(f"desk {uuid.uuid4().hex[:6]}", "--event", EVENT, "--event", APPROVAL_EVENT)


def sign_in(visitor, token, lang="en"):
    """A new browser, signed in with `token` on the page in `lang`: the page of events."""
    organiser = visitor(locale=lang)
    page = organiser.open(f"/organiser/sign-in?lang={lang}")
    page.fill("#token", token)
    with page.expect_navigation():
        page.click("#sign-in")
    assert page.url.endswith(f"/organiser?lang={lang}"), page.url
    return organiser, page


def register(visitor, event, name, lang="en"):
    """A registrant signs up for `event` from the public page: their manage page."""
    registrant = visitor(locale=lang, timezone_id="Asia/Bishkek")
    page = registrant.open(f"/events/{event}?lang={lang}")
    page.fill("#full_name", name)
    page.fill("#email", f"{uuid.uuid4().hex[:12]}@example.org")
    page.select_option("#country", "KG")
    page.select_option("#audience", "teacher")
    if page.locator("#consent").count():
        page.check("#consent")
    page.click("button[type=submit]")
    page.wait_for_url("**/manage/**")
    return registrant, page


def registration_id(page, name):
    return page.locator("article.registration", has_text=name).get_attribute("id")


@pytest.mark.parametrize("lang", ["ru", "ar", "en"])
def test_an_organiser_signs_in_and_sees_the_ledger_in_the_page_language(visitor, desk, lang):
    words = WORDS[lang]
    name = f"Гульнара {uuid.uuid4().hex[:6]}"
    register(visitor, EVENT, name, lang)
    organiser = visitor(locale=lang)
    page = organiser.open("/organiser/sign-in")
    assert page.locator("html").get_attribute("lang") == lang, "Accept-Language chooses the language"
    assert text(page, "h1") == words["title"]
    assert text(page, "label[for=token]") == words["token_label"]
    assert page.get_attribute("#token", "type") == "password"

    # A wrong token: the form again, the message announced and tied to the field.
    page.fill("#token", "kixo_" + "0" * 64)
    with page.expect_navigation():
        page.click("#sign-in")
    assert text(page, "#token-error") == words["refused"]
    assert page.locator("#messages").get_attribute("aria-live") == "assertive"
    assert "token-error" in page.get_attribute("#token", "aria-describedby")

    page.fill("#token", desk)
    with page.expect_navigation():
        page.click("#sign-in")
    (cookie,) = [c for c in organiser.context.cookies() if c["name"] == "kix_session"]
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/organiser")
    assert cookie["secure"] is False, "served over plain http here"

    with page.expect_navigation():
        page.click(f"a[href^='/organiser/events/{EVENT}']")
    if lang == "ar":
        assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert text(page, "#ledger-capacity") == "40"
    free = page.locator("#ledger-free").locator("xpath=preceding-sibling::dt")
    assert free.inner_text().strip() == words["free"]
    assert count(page, "free") == 40 - count(page, "confirmed") - count(page, "pending") - count(page, "offered")
    assert page.locator("#export").get_attribute("href") == f"/organiser/events/{EVENT}/registrations.csv"
    rid = registration_id(page, name)
    assert text(page, f"#{rid}-status") == words["confirmed"]
    assert text(page, f"label[for=deny-reason-{rid}]").startswith(words["deny_reason"])
    organiser.screenshot(f"organiser-{lang}")

    # The export comes with the session's cookie, from the core's roster.
    csv = page.request.get(organiser.service + f"/organiser/events/{EVENT}/registrations.csv")
    assert csv.status == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text().splitlines()[0].startswith("id,")


def test_a_registrants_cancellation_frees_a_seat_on_the_organisers_page(visitor, desk):
    words = WORDS["en"]
    name = f"Bakyt {uuid.uuid4().hex[:6]}"
    registrant, manage = register(visitor, EVENT, name)
    organiser, page = sign_in(visitor, desk)
    page = organiser.open(f"/organiser/events/{EVENT}?lang=en")
    rid = registration_id(page, name)
    free, cancelled = count(page, "free"), count(page, "cancelled")
    assert text(page, f"#{rid}-status") == words["confirmed"]

    with manage.expect_navigation():
        manage.click("#cancel")

    page.reload()
    assert count(page, "free") == free + 1, "the seat is free again"
    assert count(page, "cancelled") == cancelled + 1
    assert text(page, f"#{rid}-status") == words["cancelled"]
    history = page.locator(f"#{rid} .history li").last.text_content()
    assert "Cancelled" in history and words["by_registrant"] in history
    assert page.locator(f"#cancel-{rid}").count() == 0 and page.locator(f"#reinstate-{rid}").count() == 1


@pytest.mark.parametrize("lang", ["ru", "ar", "en"])
def test_an_organiser_approves_a_pending_registration(visitor, desk, lang):
    words = WORDS[lang]
    name = f"Айжан {uuid.uuid4().hex[:6]}"
    registrant, manage = register(visitor, APPROVAL_EVENT, name, lang)
    organiser, page = sign_in(visitor, desk, lang)
    page = organiser.open(f"/organiser/events/{APPROVAL_EVENT}?lang={lang}")
    rid = registration_id(page, name)
    assert text(page, f"#{rid}-status") == words["pending"]
    pending, confirmed = count(page, "pending"), count(page, "confirmed")

    with page.expect_navigation():
        page.click(f"#approve-{rid}")
    assert text(page, "#done") == words["approved"].format(rid)
    assert page.locator("#messages").get_attribute("aria-live") == "polite"
    assert text(page, f"#{rid}-status") == words["confirmed"]
    assert (count(page, "pending"), count(page, "confirmed")) == (pending - 1, confirmed + 1)
    assert desk_name(page) in page.locator(f"#{rid} .history li").last.text_content(), "the history names the token"
    organiser.screenshot(f"organiser-approved-{lang}")

    manage.reload()
    assert manage.locator("#status.status-confirmed").count() == 1, "the registrant sees it too"


def desk_name(page):
    return text(page, "#signed-in-as")


def test_a_denial_needs_a_reason_and_the_reason_is_kept(visitor, desk):
    name = f"Nodira {uuid.uuid4().hex[:6]}"
    register(visitor, APPROVAL_EVENT, name)
    organiser, page = sign_in(visitor, desk)
    page = organiser.open(f"/organiser/events/{APPROVAL_EVENT}?lang=en")
    rid = registration_id(page, name)
    assert page.get_attribute(f"#deny-reason-{rid}", "required") is not None
    assert text(page, f"label[for=deny-reason-{rid}]").startswith("Reason for denying")

    # Past the browser's check, the server's answer counts: the core's message, nothing denied.
    csrf = page.locator("input[name=csrf]").first.input_value()
    blank = page.request.post(organiser.service + f"/organiser/events/{APPROVAL_EVENT}/registrations/{rid}/deny",
                              form={"csrf": csrf, "lang": "en", "reason": "  "})
    assert blank.status == 200 and "The field “reason” is required." in blank.text().translate(ISOLATES)

    page.fill(f"#deny-reason-{rid}", "registered twice")
    with page.expect_navigation():
        page.click(f"#deny-{rid}")
    assert text(page, f"#{rid}-status") == "Denied"
    assert "registered twice" in page.locator(f"#{rid} .history li").last.text_content()


def test_a_stale_or_altered_csrf_token_is_refused_and_nothing_changes(visitor, desk):
    name = f"Timur {uuid.uuid4().hex[:6]}"
    register(visitor, APPROVAL_EVENT, name)
    organiser, page = sign_in(visitor, desk)
    page = organiser.open(f"/organiser/events/{APPROVAL_EVENT}?lang=ru")
    rid = registration_id(page, name)
    form = page.locator(f"form[action$='/{rid}/approve']")
    action = organiser.service + form.get_attribute("action")
    csrf = form.locator("input[name=csrf]").input_value()
    altered = csrf[:-1] + ("0" if csrf[-1] != "0" else "1")

    refusals = [
        page.request.post(action, form={"csrf": altered, "lang": "ru"}),
        page.request.post(action, form={"lang": "ru"}),
    ]
    # The form replayed from a session that has ended (signed out, then in again).
    with page.expect_navigation():
        page.click("#sign-out")
    assert "/organiser/sign-in" in page.url
    refusals.append(page.request.post(action, form={"csrf": csrf, "lang": "ru"}))
    organiser_again, page = sign_in(visitor, desk)
    refusals.append(page.request.post(action, form={"csrf": csrf, "lang": "ru"}))
    # Signing in from another site's form.
    refusals.append(page.request.post(organiser.service + "/organiser/sign-in", form={"token": desk},
                                      headers={"Origin": "https://elsewhere.example"}))

    assert [r.status for r in refusals] == [403] * 5
    assert all(WORDS["ru"]["forbidden"] in r.text() for r in refusals[:3])
    page = organiser_again.open(f"/organiser/events/{APPROVAL_EVENT}?lang=ru")
    assert text(page, f"#{rid}-status") == WORDS["ru"]["pending"], "nothing changed"


def test_a_read_only_token_sees_everything_but_the_forms_and_its_posts_are_refused(visitor, running_service):
    reader = running_service.token(f"reader {uuid.uuid4().hex[:6]}", "--read-only")
    name = f"Zarina {uuid.uuid4().hex[:6]}"
    register(visitor, APPROVAL_EVENT, name)
    organiser, page = sign_in(visitor, reader)
    page = organiser.open(f"/organiser/events/{APPROVAL_EVENT}?lang=en")
    rid = registration_id(page, name)
    assert page.locator("#read-only").count() == 1 and page.locator("#export").count() == 1
    assert page.locator(f"#{rid} form").count() == 0 and page.locator("#capacity").count() == 0
    csrf = page.locator("input[name=csrf]").first.input_value()  # the sign-out form's
    refused = page.request.post(organiser.service + f"/organiser/events/{APPROVAL_EVENT}/registrations/{rid}/approve",
                                form={"csrf": csrf, "lang": "en"})
    assert refused.status == 403
    page.reload()
    assert text(page, f"#{rid}-status") == WORDS["en"]["pending"]


def test_revoking_the_token_ends_its_session(visitor, running_service):
    name = f"short-lived {uuid.uuid4().hex[:6]}"
    organiser, page = sign_in(visitor, running_service.token(name))
    assert text(page, "#signed-in-as") == name
    running_service.revoke(name)
    page.reload()
    assert "/organiser/sign-in" in page.url, "back to the sign-in form"
