//! A registrant's country as typed: a subdivision is kept in the outcome, an ambiguous name is
//! refused with its candidates rather than guessed.

use kix_core::{Code, Registration, RegistrationStatus, validate_registration};

fn registration(country: &str) -> Registration {
    Registration {
        full_name: Some("Sadia Memon".into()),
        email: Some("sadia@example.pk".into()),
        country: Some(country.into()),
        audience: Some("teacher".into()),
        consent: Some(true),
        submitted_at: Some("2024-07-20T10:00:00+05:00".into()),
        ..Default::default()
    }
}

#[test]
fn a_registrant_from_sindh_is_from_pakistan_with_the_province_kept() {
    let hub = kix_core::emap();
    let w20 = hub.event("kix-emap-webinar-20").unwrap();
    for text in ["Sindh", "Sindh, Pakistan", "PK-SD"] {
        let o = validate_registration(hub, w20, &registration(text), &[], None).unwrap();
        assert_eq!(o.status, RegistrationStatus::Confirmed, "{text}: {:?}", o.violations);
        assert_eq!(o.country.map(|c| c.to_string()).as_deref(), Some("PK"), "{text}");
        assert_eq!(o.subdivision.as_deref(), Some("PK-SD"), "{text}");
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(json["subdivision"], "PK-SD");
    }
    let o = validate_registration(hub, w20, &registration("Pakistan"), &[], None).unwrap();
    assert_eq!(o.subdivision, None);
    assert!(serde_json::to_value(&o).unwrap().get("subdivision").is_none());
}

#[test]
fn a_registrant_from_congo_is_asked_which_congo() {
    let hub = kix_core::emap();
    let w20 = hub.event("kix-emap-webinar-20").unwrap();
    let o = validate_registration(hub, w20, &registration("Congo"), &[], None).unwrap();
    assert_eq!(o.status, RegistrationStatus::Rejected);
    let v = o.violations.iter().find(|v| v.code == Code::CountryAmbiguous).unwrap();
    assert_eq!(v.path, "country");
    assert_eq!(v.params["candidates"], serde_json::json!(["CD", "CG"]));
    assert_eq!(o.country, None);
}
