"""Names and addresses as the region writes them, through the Python face (issue: the region's names and e-mails)."""

import kix

W20 = kix.emap().event("kix-emap-webinar-20")


def record(**fields):
    base = {
        "full_name": "Aigerim",
        "email": "aigerim@example.kg",
        "country": "KG",
        "audience": "teacher",
        "submitted_at": "2024-07-20T10:00:00+06:00",
    }
    return {**base, **fields}


def test_country_names_come_in_the_members_languages():
    assert kix.country_name("KG", "ru") == "Киргизия"
    assert kix.country_name("KG", "ar") == "قيرغيزستان"
    assert kix.country_name("NP", "ne") == "नेपाल"
    # An unknown locale falls back to English.
    assert kix.country_name("MD", "xx") == kix.country_name("MD", "en")


def test_names_typed_in_russian_and_arabic_resolve_and_ambiguity_is_an_error():
    assert kix.resolve_country("Кыргызстан") == "KG"
    assert kix.resolve_country("طاجيكستان") == "TJ"
    outcome = kix.validate_registration(W20, record(country="Congo"))
    assert outcome.codes == ["country.ambiguous"]


def test_the_outcome_keeps_the_subdivision_and_the_address_kix_compared():
    outcome = kix.validate_registration(W20, record(country="Sindh, Pakistan", email="  कृष्ण@शिक्षा.com "))
    assert outcome.accepted, outcome.codes
    assert (outcome.country, outcome.subdivision) == ("PK", "PK-SD")
    assert outcome.email == "कृष्ण@शिक्षा.com"


def test_a_lone_surrogate_is_a_violation_of_its_row_not_an_exception():
    outcomes = kix.validate_registrations(W20, [record(), record(full_name="bad \ud800 name", email="b@example.kg")])
    assert len(outcomes) == 2
    assert outcomes[0].accepted
    assert "registration.undecodable_text" in outcomes[1].codes
