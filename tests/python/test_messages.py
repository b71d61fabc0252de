"""Violation messages in Russian and Arabic: CLDR plural categories checked against
Babel (an independent CLDR implementation), bidi isolation, fall-back and country names."""

import kix
import pytest
from babel import Locale

COUNTS = [0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 102]

# The word registration.full uses for each plural category (from kix-core/locales/*.ftl).
SEATS = {
    "ru": {"one": "{n} место.", "few": "{n} места.", "many": "{n} мест."},
    "ar": {
        "zero": "صفر.",
        "one": "مقعد واحد.",
        "two": "مقعدان.",
        "few": "{n} مقاعد.",
        "many": "{n} مقعدًا.",
        "other": "{n} مقعد.",
    },
}


def full(capacity: int) -> kix.Violation:
    webinar = kix.emap().event("kix-emap-webinar-20").to_dict()
    registration = {**webinar["registration"], "capacity": capacity, "waiting_list": False}
    event = kix.Event.from_dict({**webinar, "registration": registration})
    held = [{"email": f"p{i}@example.org", "status": "confirmed"} for i in range(capacity)]
    record = {"full_name": "A", "email": "a@example.org", "country": "KG", "consent": True,
              "audience": webinar["audiences"][0], "language": "en"}
    outcome = kix.validate_registration(event, record, held, now="2024-07-20T00:00:00Z")
    return next(v for v in outcome.violations if v.code == "registration.full")


@pytest.mark.parametrize("locale", ["ru", "ar"])
@pytest.mark.parametrize("n", COUNTS)
def test_plural_forms_follow_cldr_as_babel_reads_it(locale: str, n: int) -> None:
    category = Locale.parse(locale).plural_form(n)
    text = full(n).message_in(locale, plain=True).text
    assert text.endswith(SEATS[locale][category].format(n=n)), (n, category, text)


def test_arabic_isolates_values_for_display_and_not_in_plain_text() -> None:
    v = full(11)
    assert "\u2068" + "11" + "\u2069" in v.message_in("ar").text
    assert "\u2068" not in v.message_in("ar", plain=True).text
    assert "\u2068" not in v.message_in("en").text
    assert v.message_in("ar").text[0] == "ل"


def test_unknown_locales_fall_back_to_english_and_say_so() -> None:
    v = full(3)
    m = v.message_in("kk-KZ")
    assert (m.locale, m.fell_back) == ("en", True)
    assert str(m) == m.text == "No seats are left: the capacity is 3 seats."
    ru = v.message_in("ru-KG")
    assert (ru.locale, ru.fell_back) == ("ru", False)


def test_country_names_come_from_cldr() -> None:
    assert kix.country_name("KG", "ar") == Locale.parse("ar").territories["KG"]
    assert kix.country_name("KG", "ru") == Locale.parse("ru").territories["KG"]
    assert kix.country_name("ZZ", "ru") is None
