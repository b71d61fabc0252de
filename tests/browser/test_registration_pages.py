"""People registering for webinar 20 in a real browser, in Russian, Arabic and English.

The expected words are written here, not read from kix: a label, a message or a time zone
conversion that changes or breaks fails these tests.
"""
import uuid

import pytest
from conftest import EVENT

# The words each page should show, per language.
WORDS = {
    "ru": {
        "email_label": "Адрес электронной почты",
        "country_label": "Страна",
        "invalid_email": "Адрес электронной почты недействителен.",
        "missing_country": "Поле «country» обязательно для заполнения.",
        "summary": "Чтобы зарегистрироваться, исправьте 2 ошибки:",
        "confirmed": "Ваше место подтверждено.",
        "check_email": "Проверьте почту",
        "name": "Айгуль Осмонова",
        "cancelled": "Ваша регистрация отменена; ваше место перейдёт следующему в листе ожидания.",
        "saved": "Изменения сохранены.",
    },
    "ar": {
        "email_label": "عنوان البريد الإلكتروني",
        "country_label": "البلد",
        "invalid_email": "عنوان البريد الإلكتروني غير صالح.",
        "missing_country": "الحقل country مطلوب.",
        "summary": "يجب تصحيح أمرين قبل التسجيل:",
        "confirmed": "تأكّد مقعدك.",
        "check_email": "تحقّق من بريدك الإلكتروني",
        "name": "ليلى أحمد",
        "cancelled": "أُلغي تسجيلك، وسيُعرض مقعدك على الشخص التالي في قائمة الانتظار.",
        "saved": "حُفظت تغييراتك.",
    },
    "en": {
        "email_label": "E-mail address",
        "country_label": "Country",
        "invalid_email": "This is not a valid e-mail address.",
        "missing_country": "The field “country” is required.",
        "summary": "2 things to correct before you can register:",
        "confirmed": "Your seat is confirmed.",
        "check_email": "Check your e-mail",
        "name": "Sabina Rahimova",
        "cancelled": "Your registration is cancelled; your seat goes to the next person waiting.",
        "saved": "Your changes are saved.",
    },
}

# Right-to-left messages isolate their values (FSI ... PDI): invisible, and not what a person reads.
ISOLATES = str.maketrans("", "", "\u2068\u2069")


def text(page, selector):
    return page.locator(selector).inner_text().translate(ISOLATES).strip()


def direction(page, selector):
    return page.locator(selector).evaluate("element => getComputedStyle(element).direction")


def fill_form(page, name, email, country, audience="teacher"):
    page.fill("#full_name", name)
    page.fill("#email", email)
    page.select_option("#country", country)
    page.select_option("#audience", audience)
    page.check("#consent")


def address():
    return f"{uuid.uuid4().hex[:12]}@example.org"


def test_a_reader_in_bishkek_registers_in_russian_and_sees_17_00(visitor):
    reader = visitor(locale="ru-RU", timezone_id="Asia/Bishkek")
    # No ?lang=: the browser's Accept-Language (ru-RU) chooses the page's language.
    page = reader.open(f"/events/{EVENT}")
    assert page.locator("html").get_attribute("lang") == "ru"
    # The script sends the browser's zone; the server writes the time there.
    page.wait_for_function("document.getElementById('reader-clock').textContent === '17:00'")
    assert page.input_value("#zone") == "Asia/Bishkek"
    assert text(page, "#reader-zone") == "Asia/Bishkek"
    assert "17:00–18:30 (Бишкек, UTC+6)" in text(page, "#listing-times")
    assert text(page, "label[for=email]").startswith(WORDS["ru"]["email_label"])
    assert text(page, "#seats").startswith("Осталось ")
    assert page.locator("#country option[value=KG]").inner_text() == "Киргизия"
    reader.screenshot("event-ru")

    fill_form(page, WORDS["ru"]["name"], address(), "KG")
    page.select_option("#language", "ru")
    page.click("button[type=submit]")
    page.wait_for_url("**/manage/**")
    assert text(page, "#status") == WORDS["ru"]["confirmed"]
    assert text(page, "#reader-clock") == "17:00"
    assert text(page, "#reader-zone") == "Asia/Bishkek"
    invitation = page.request.get(reader.service + page.locator("#ics").get_attribute("href"))
    assert invitation.ok and "BEGIN:VCALENDAR" in invitation.text()
    reader.screenshot("confirmation-ru")


def test_an_arabic_page_reads_right_to_left_with_its_times_left_to_right(visitor):
    reader = visitor(locale="ar", timezone_id="Asia/Kabul")
    page = reader.open(f"/events/{EVENT}?lang=ar")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    # Kabul is UTC+4:30 all year.
    page.wait_for_function("document.getElementById('reader-clock').textContent === '15:30'")
    assert direction(page, "#reader-clock") == "ltr"
    assert direction(page, "#reader-zone") == "ltr"
    assert direction(page, "#email") == "ltr"
    assert text(page, "label[for=country]").startswith(WORDS["ar"]["country_label"])
    assert page.locator("#country option[value=AF]").inner_text() == "أفغانستان"
    reader.screenshot("event-ar")

    fill_form(page, WORDS["ar"]["name"], address(), "AF", audience="policy_maker")
    page.click("button[type=submit]")
    page.wait_for_url("**/manage/**")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert text(page, "#status") == WORDS["ar"]["confirmed"]
    assert text(page, "#reader-clock") == "15:30"
    assert direction(page, "#reader-clock") == "ltr"
    reader.screenshot("confirmation-ar")


def test_an_english_reader_registers_and_gets_the_calendar_file(visitor):
    reader = visitor(locale="en-GB", timezone_id="Asia/Kathmandu")
    page = reader.open(f"/events/{EVENT}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    # Kathmandu is UTC+5:45.
    page.wait_for_function("document.getElementById('reader-clock').textContent === '16:45'")
    reader.screenshot("event-en")
    fill_form(page, WORDS["en"]["name"], address(), "NP")
    page.click("button[type=submit]")
    page.wait_for_url("**/manage/**")
    assert text(page, "#status") == WORDS["en"]["confirmed"]
    assert text(page, "#reader-clock") == "16:45"
    reader.screenshot("confirmation-en")


@pytest.mark.parametrize("lang", ["ru", "ar", "en"])
def test_a_bad_email_and_no_country_come_back_in_the_page_language_with_what_was_typed(visitor, lang):
    words = WORDS[lang]
    reader = visitor(locale=lang, timezone_id="Asia/Tashkent")
    page = reader.open(f"/events/{EVENT}?lang={lang}")
    page.fill("#full_name", words["name"])
    page.fill("#email", "not-an-address")
    page.select_option("#audience", "academic_researcher")
    page.check("#consent")
    page.click("button[type=submit]")
    page.wait_for_selector("#error-summary")
    summary = text(page, "#error-summary")
    assert words["summary"] in summary
    assert words["invalid_email"] in summary and words["missing_country"] in summary
    assert text(page, "#email-error") == words["invalid_email"]
    assert text(page, "#country-error") == words["missing_country"]
    assert page.get_attribute("#email", "aria-describedby") == "email-hint email-error"
    assert page.get_attribute("#country", "aria-invalid") == "true"
    # What the person typed is still there, the zone too.
    assert page.input_value("#full_name") == words["name"]
    assert page.input_value("#email") == "not-an-address"
    assert page.input_value("#audience") == "academic_researcher"
    assert page.is_checked("#consent")
    assert page.input_value("#zone") == "Asia/Tashkent"
    # The summary has the focus, and its links lead to the fields.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.click("#error-summary a[href='#email']")
    assert page.evaluate("location.hash") == "#email"
    reader.screenshot(f"event-errors-{lang}")


@pytest.mark.parametrize("lang", ["ru", "ar", "en"])
def test_the_same_address_twice_is_told_to_check_the_mail_and_shown_nothing(visitor, lang):
    words = WORDS[lang]
    reader = visitor(locale=lang, timezone_id="Asia/Dhaka")
    email = address()
    for _ in range(2):
        page = reader.open(f"/events/{EVENT}?lang={lang}")
        fill_form(page, words["name"], email, "BD")
        with page.expect_navigation():
            page.click("button[type=submit]")
    assert "/check-email" in page.url
    assert text(page, "h1") == words["check_email"]
    assert words["name"] not in page.content() and email not in page.content()
    reader.screenshot(f"check-email-{lang}")


def test_without_javascript_the_chosen_country_gives_the_time_zone(visitor):
    reader = visitor(locale="ru-RU", timezone_id="Europe/Lisbon", java_script_enabled=False)
    page = reader.open(f"/events/{EVENT}")
    assert page.input_value("#zone") == ""
    fill_form(page, WORDS["ru"]["name"], address(), "KG")
    page.click("button[type=submit]")
    page.wait_for_url("**/manage/**")
    assert text(page, "#reader-clock") == "17:00"
    assert text(page, "#reader-zone") == "Asia/Bishkek"


def seats_left(page):
    import re

    return int(re.search(r"\d+", text(page, "#seats")).group(0))


@pytest.mark.parametrize("lang", ["ru", "ar", "en"])
def test_a_registrant_changes_and_cancels_from_their_own_link_and_the_seat_is_freed(visitor, lang):
    words = WORDS[lang]
    reader = visitor(locale=lang, timezone_id="Asia/Bishkek")
    page = reader.open(f"/events/{EVENT}?lang={lang}")
    fill_form(page, words["name"], address(), "KG")
    page.click("button[type=submit]")
    page.wait_for_url("**/manage/**")
    link = page.url.split("?")[0]
    assert text(page, "#status") == words["confirmed"]
    assert text(page, "#reader-clock") == "17:00"
    reader.screenshot(f"manage-{lang}")
    held = seats_left(reader.open(f"/events/{EVENT}?lang={lang}"))

    # The link, opened again later, is the registrant's page: they change their organisation.
    page.goto(link + f"?lang={lang}")
    page.fill("#organisation", "Кыргызский национальный университет")
    with page.expect_navigation():
        page.click("#save")
    assert text(page, "#done") == words["saved"]
    assert page.input_value("#organisation") == "Кыргызский национальный университет"

    with page.expect_navigation():
        page.click("#cancel")
    assert text(page, "#done") == words["cancelled"]
    assert page.locator("#cancel").count() == 0, "nothing more to cancel"
    assert seats_left(reader.open(f"/events/{EVENT}?lang={lang}")) == held + 1

    # A link that is not one shows no registration: 404, the same page for every guess.
    guesses = [link[:-1] + ("0" if link[-1] != "0" else "1"), link + "0", reader.service + "/manage/r-000001"]
    answers = [page.request.get(g) for g in guesses]
    assert {a.status for a in answers} == {404}
    assert len({a.text() for a in answers}) == 1 and words["name"] not in answers[0].text()
