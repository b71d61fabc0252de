use super::*;
use crate::shared::violation::Violations;

proptest::proptest! {
    #[test]
    fn the_plain_timestamp_reader_agrees_with_chrono(
        text in "[0-9]{4}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9](Z|[+-][0-2][0-9]:[0-6][0-9]|\\.[0-9]{1,3}Z|z)"
    ) {
        let chrono = DateTime::<FixedOffset>::parse_from_rfc3339(&text).ok().map(|t| t.with_timezone(&Utc));
        if let Some(fast) = plain_rfc3339(&text) {
            proptest::prop_assert_eq!(Some(fast), chrono);
        }
        proptest::prop_assert_eq!(parse_submitted(&text).ok(), chrono);
    }
}

fn w20() -> Event {
    crate::emap().event("kix-emap-webinar-20").unwrap().clone()
}

#[test]
fn keys_past_the_numbered_ones_are_still_found_and_given_back() {
    let mut keys = Keys { numbered: 2, ..Keys::new() };
    let hasher = RandomState::default();
    let hash = |k: &str| hasher.hash_one(k);
    let names = ["a@example.org", "b@example.org", "c@example.org", "d@example.org"];
    for (i, k) in names.iter().enumerate() {
        assert!(keys.claim(k, hash(k), Seen::batch(i), (None, None)).is_none(), "{k} is new");
    }
    assert_eq!((keys.table.len(), keys.overflow.len(), keys.len()), (2, 2, 4));
    let claim = |keys: &mut Keys, k: &str, seen| keys.claim(k, hash(k), seen, (None, None)).map(Seen::get);
    for (i, k) in names.iter().enumerate() {
        assert_eq!(claim(&mut keys, k, Seen::batch(9)), Some((false, i)), "{k} was seen at {i}");
    }
    keys.remove("a@example.org", hash("a@example.org"), None);
    keys.remove("c@example.org", hash("c@example.org"), None);
    assert!(claim(&mut keys, "a@example.org", Seen::batch(5)).is_none());
    assert!(claim(&mut keys, "c@example.org", Seen::batch(6)).is_none());
    assert_eq!(claim(&mut keys, "c@example.org", Seen::batch(9)), Some((false, 6)));
    assert_eq!(claim(&mut keys, "b@example.org", Seen::held(3)), Some((false, 1)));
    // A lookup finds numbered and overflowing keys alike and records nothing.
    assert_eq!(keys.find("b@example.org", hash("b@example.org"), None).map(Seen::get), Some((false, 1)));
    assert_eq!(keys.find("d@example.org", hash("d@example.org"), None).map(Seen::get), Some((false, 3)));
    assert!(keys.find("e@example.org", hash("e@example.org"), None).is_none());
    assert!(keys.find("e@example.org", hash("e@example.org"), None).is_none(), "the lookup did not record it");
}

/// A source of keys, row by row, starting at the desk's index `base`; it counts its reads.
struct Rows(Vec<&'static str>, usize, std::sync::atomic::AtomicUsize);

impl KeySource for Rows {
    fn key_of(&self, row: usize) -> Option<String> {
        self.2.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.0.get(row).map(|k| (*k).to_owned())
    }
    fn base(&self) -> usize {
        self.1
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

#[test]
fn keys_kept_as_rows_are_read_again_only_to_be_compared() {
    let hasher = RandomState::default();
    let hash = |k: &str| hasher.hash_one(k);
    // Two held keys, the second past the numbered ones; rows past the second kept by their text.
    let mut keys = Keys { numbered: 1, rows: 2, ..Keys::new() };
    assert!(keys.claim("held@example.org", hash("held@example.org"), Seen::held(0), (None, None)).is_none());
    assert!(keys.claim("more@example.org", hash("more@example.org"), Seen::held(1), (None, None)).is_none());
    let rows = Rows(
        vec!["a@example.org", "b@example.org", "c@example.org", "a@example.org", "more@example.org"],
        10,
        Default::default(),
    );
    let source: Option<&dyn KeySource> = Some(&rows);
    let mut claim = |row: usize| {
        let k = rows.0[row];
        keys.claim(k, hash(k), Seen::batch(10 + row), (source, Some(row))).map(Seen::get)
    };
    assert_eq!((claim(0), claim(1), claim(2)), (None, None, None));
    assert_eq!(claim(3), Some((false, 10)), "row 3 repeats row 0, the desk's record 10");
    assert_eq!(claim(4), Some((true, 1)), "a held key in the plain map is found before a row is kept");
    // Held: one numbered, one in the plain map; a and b as rows; c past the rows kept, and
    // past the numbered keys, in the plain map.
    assert_eq!((keys.table.len(), keys.keys.len(), keys.overflow.len()), (3, 1, 2));
    let reads = rows.2.load(std::sync::atomic::Ordering::Relaxed);
    assert!((1..=2).contains(&reads), "the rows were read again only to compare with the repeat ({reads})");
    assert_eq!(keys.find("c@example.org", hash("c@example.org"), source).map(Seen::get), Some((false, 12)));
    assert_eq!(keys.find("b@example.org", hash("b@example.org"), source).map(Seen::get), Some((false, 11)));
    keys.remove("b@example.org", hash("b@example.org"), source);
    assert!(keys.find("b@example.org", hash("b@example.org"), source).is_none(), "given back");
    assert!(keys.find("z@example.org", hash("z@example.org"), source).is_none());
}

#[test]
fn the_key_table_finds_what_was_put_in_and_nothing_taken_out() {
    // Few fragments, so that entries share them, runs of slots meet and wrap around the table's
    // end, and a removal moves the entries after it back; checked against a set after each step.
    let mut table = Table::default();
    let mut model = std::collections::HashSet::new();
    let mut state = 7u64;
    let mut next = move |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n) as u32
    };
    let has = |table: &Table, fragment: u32, id: u32| table.find(fragment, |i| i == id).is_ok();
    for _ in 0..20_000 {
        let (fragment, id) = (next(64), next(400));
        if model.contains(&(fragment, id)) {
            if next(3) == 0 {
                table.remove(fragment, |i| i == id);
                model.remove(&(fragment, id));
                assert!(!has(&table, fragment, id), "({fragment}, {id}) taken out");
            }
        } else {
            table.reserve(1);
            let Err(slot) = table.find(fragment, |i| i == id) else { panic!("({fragment}, {id}) was not there") };
            table.insert(slot, id, fragment);
            model.insert((fragment, id));
        }
        assert_eq!(table.len(), model.len());
        let (f, i) = (next(64), next(400));
        assert_eq!(has(&table, f, i), model.contains(&(f, i)), "({f}, {i})");
    }
    assert!(model.len() > 1000, "the table grew ({})", model.len());
    assert!(model.iter().all(|&(f, i)| has(&table, f, i)));
}

fn good(email: &str) -> Registration {
    Registration {
        full_name: Some("Nilufar Karimova".into()),
        email: Some(email.into()),
        country: Some("Uzbekistan".into()),
        organisation: Some("Ministry of Preschool and School Education".into()),
        audience: Some("government_official".into()),
        language: Some("ru".into()),
        consent: Some(true),
        submitted_at: Some("2024-07-25T08:00:00+05:00".into()),
        occurrence: None,
    }
}

fn check(event: &Event, r: &Registration) -> RegistrationOutcome {
    validate_registration(crate::emap(), event, r, &[], None).unwrap()
}

#[test]
fn a_good_registration_is_confirmed_and_resolves_its_country() {
    let o = check(&w20(), &good("n.karimova@example.uz"));
    assert_eq!(o.status, RegistrationStatus::Confirmed);
    assert!(o.violations.is_empty());
    assert_eq!(o.country.map(|c| c.to_string()), Some("UZ".into()));
}

#[test]
fn every_problem_is_reported_at_once() {
    let r = Registration {
        full_name: Some("x".repeat(MAX_NAME_CHARS + 1)),
        email: Some("not-an-email".into()),
        country: Some("Atlantis".into()),
        organisation: None,
        audience: Some("astronaut".into()),
        language: Some("fr".into()),
        consent: Some(false),
        submitted_at: Some("2024-07-25 08:00:00".into()),
        occurrence: None,
    };
    let mut e = w20();
    e.registration.consent_required = true;
    let o = check(&e, &r);
    assert_eq!(o.status, RegistrationStatus::Rejected);
    assert_eq!(
        o.violations.codes(),
        [
            Code::RegistrationTooLong,
            Code::RegistrationInvalidEmail,
            Code::RegistrationUnknownCountry,
            Code::RegistrationUnknownAudience,
            Code::RegistrationLanguageNotOffered,
            Code::RegistrationConsentRequired,
            Code::RegistrationInvalidTimestamp,
        ]
    );
}

#[test]
fn emails_need_a_tld_and_no_domain_literal() {
    for bad in ["a@localhost", "a@[127.0.0.1]", "Ann <a@example.org>", "a@@example.org", "a b@example.org"] {
        let o = check(&w20(), &good(bad));
        assert_eq!(o.violations.codes(), [Code::RegistrationInvalidEmail], "{bad}");
    }
    assert!(check(&w20(), &good("  ana.maria+kix@sub.example.org ")).is_accepted());
}

#[test]
fn the_outcome_gives_back_the_address_kix_compared() {
    let o = check(&w20(), &good("  nguye\u{302}\u{303}n@Example.VN "));
    assert_eq!(o.email.as_deref(), Some("nguy\u{1ec5}n@example.vn"));
    assert_eq!(check(&w20(), &good("user@mail_ru.com")).email, None);
}

#[test]
fn an_idn_and_its_punycode_are_one_registrant() {
    let held =
        [HeldRegistration {
            email: "user@пример.рф".into(), status: RegistrationStatus::Confirmed, occurrence: None
        }];
    let o = validate_registration(crate::emap(), &w20(), &good("USER@xn--e1afmkfd.xn--p1ai"), &held, None).unwrap();
    assert_eq!(o.violations.codes(), [Code::RegistrationDuplicate]);
    // No provider folding: Gmail's dots and tags are other addresses elsewhere.
    let held = [HeldRegistration {
        email: "a.b+kix@gmail.com".into(),
        status: RegistrationStatus::Confirmed,
        occurrence: None,
    }];
    assert!(validate_registration(crate::emap(), &w20(), &good("ab@gmail.com"), &held, None).unwrap().is_accepted());
}

#[test]
fn look_alike_letters_warn_and_undecodable_text_refuses() {
    let o = check(&w20(), &good("p\u{430}ypal@example.org"));
    assert_eq!(o.status, RegistrationStatus::Confirmed);
    assert_eq!(o.violations.codes(), [Code::RegistrationMixedScriptEmail]);
    assert_eq!(o.violations[0].params["part"], "p\u{430}ypal");
    let mut r = good("a@example.org");
    r.organisation = Some("Minist\u{fffd}re".into());
    let o = check(&w20(), &r);
    assert_eq!(o.violations.codes(), [Code::RegistrationUndecodableText]);
    assert_eq!(o.violations[0].path, "organisation");
}

#[test]
fn a_timestamp_without_offset_is_refused() {
    let mut r = good("a@example.org");
    r.submitted_at = Some("2024-07-25T08:00:00".into());
    assert_eq!(check(&w20(), &r).violations.codes(), [Code::RegistrationInvalidTimestamp]);
    r.submitted_at = None;
    assert_eq!(check(&w20(), &r).violations.codes(), [Code::RegistrationMissingField]);
    let now = DateTime::parse_from_rfc3339("2024-07-25T08:00:00Z").unwrap().with_timezone(&Utc);
    assert!(validate_registration(crate::emap(), &w20(), &r, &[], Some(now)).unwrap().is_accepted());
}

#[test]
fn registration_closes_at_the_start_and_not_one_second_later() {
    let mut r = good("a@example.org");
    r.submitted_at = Some("2024-07-31T12:59:59+02:00".into());
    assert!(check(&w20(), &r).is_accepted());
    r.submitted_at = Some("2024-07-31T11:00:00Z".into());
    assert_eq!(check(&w20(), &r).violations.codes(), [Code::RegistrationClosed]);
}

#[test]
fn a_window_that_has_not_opened_refuses() {
    let mut e = w20();
    e.registration.opens_at = Some(DateTime::parse_from_rfc3339("2024-07-10T00:00:00+02:00").unwrap());
    let mut r = good("a@example.org");
    r.submitted_at = Some("2024-07-09T23:59:00+02:00".into());
    assert_eq!(check(&e, &r).violations.codes(), [Code::RegistrationNotOpen]);
}

#[test]
fn a_held_rejection_does_not_block_a_new_registration() {
    let held = [HeldRegistration {
        email: "nilufar@example.uz".into(),
        status: RegistrationStatus::Rejected,
        occurrence: None,
    }];
    let o = validate_registration(crate::emap(), &w20(), &good("nilufar@example.uz"), &held, None).unwrap();
    assert_eq!(o.status, RegistrationStatus::Confirmed);
    let held = [HeldRegistration {
        email: "nilufar@example.uz".into(),
        status: RegistrationStatus::Waitlisted,
        occurrence: None,
    }];
    let o = validate_registration(crate::emap(), &w20(), &good("nilufar@example.uz"), &held, None).unwrap();
    assert_eq!(o.violations.codes(), [Code::RegistrationDuplicate]);
}

#[test]
fn duplicates_are_found_after_case_folding_and_trimming() {
    let held = [HeldRegistration {
        email: "Nilufar@Example.UZ".into(),
        status: RegistrationStatus::Confirmed,
        occurrence: None,
    }];
    let o = validate_registration(crate::emap(), &w20(), &good(" nilufar@example.uz"), &held, None).unwrap();
    assert_eq!(o.violations.codes(), [Code::RegistrationDuplicate]);
    assert_eq!(o.violations[0].params["held_index"], 0);
}

#[test]
fn capacity_with_and_without_a_waiting_list() {
    let mut e = w20();
    e.registration.capacity = Some(2);
    let records: Vec<Registration> = (0..4).map(|i| good(&format!("p{i}@example.org"))).collect();
    let o = validate_batch(crate::emap(), &e, &records, &[], None).unwrap();
    let statuses: Vec<_> = o.iter().map(|o| o.status).collect();
    use RegistrationStatus::*;
    assert_eq!(statuses, [Confirmed, Confirmed, Rejected, Rejected]);
    assert_eq!(o[2].violations.codes(), [Code::RegistrationFull]);
    e.registration.waiting_list = true;
    e.registration.approval = Approval::Manual;
    let o = validate_batch(crate::emap(), &e, &records, &[], None).unwrap();
    let statuses: Vec<_> = o.iter().map(|o| o.status).collect();
    assert_eq!(statuses, [Pending, Pending, Waitlisted, Waitlisted]);
    // Held pending registrations take seats too.
    let held = [HeldRegistration { email: "x@example.org".into(), status: Pending, occurrence: None }];
    let o = validate_batch(crate::emap(), &e, &records, &held, None).unwrap();
    assert_eq!(o[1].status, Waitlisted);
}

#[test]
fn restricted_eligibility_and_invitations() {
    let mut e = w20();
    e.eligibility = Eligibility::ParticipatingCountries;
    let mut r = good("a@example.org");
    r.country = Some("France".into());
    assert_eq!(check(&e, &r).violations.codes(), [Code::RegistrationCountryNotEligible]);
    r.country = Some("Kyrgyz Republic".into());
    assert!(check(&e, &r).is_accepted());
    e.eligibility = Eligibility::InvitationOnly;
    e.registration.invitees = vec!["A@example.org".into()];
    assert!(check(&e, &r).is_accepted());
    r.email = Some("b@example.org".into());
    assert_eq!(check(&e, &r).violations.codes(), [Code::RegistrationNotInvited]);
}

#[test]
fn a_batch_equals_one_by_one_validation_in_order() {
    let e = w20();
    let mut records: Vec<Registration> = (0..50).map(|i| good(&format!("p{}@example.org", i % 7))).collect();
    records[3].country = Some("Narnia".into());
    records[10].email = Some("P3@example.org".into());
    let batch = validate_batch(crate::emap(), &e, &records, &[], None).unwrap();
    assert_eq!(batch.len(), records.len());
    let mut held: Vec<HeldRegistration> = Vec::new();
    for (r, b) in records.iter().zip(&batch) {
        let one = validate_registration(crate::emap(), &e, r, &held, None).unwrap();
        assert_eq!(one.status, b.status);
        assert_eq!(one.violations.codes(), b.violations.codes());
        if one.status != RegistrationStatus::Rejected {
            held.push(HeldRegistration { email: r.email.clone().unwrap(), status: one.status, occurrence: None });
        }
    }
    // The first p3 was the rejected record 3; the first accepted p3 is at 10 (written P3).
    assert_eq!(batch[17].violations[0].params["first_index"], 10);
}

#[test]
fn work_shared_among_threads_comes_back_in_order() {
    let ids = |n: usize| on_threads((0..n).collect(), |i| (i, std::thread::current().id()));
    assert!(ids(0).is_empty());
    let done = ids(4);
    assert_eq!(done.iter().map(|&(i, _)| i).collect::<Vec<_>>(), [0, 1, 2, 3]);
    assert_eq!(done[0].1, std::thread::current().id(), "the first item is done here");
    assert!(done[1..].iter().all(|&(_, t)| t != done[0].1), "the others on threads of their own");
}

/// Registrations of every kind: duplicates of earlier ones far back (in another thread's
/// part), unknown and ambiguous countries, bad addresses, late ones.
fn varied(n: usize) -> Vec<Registration> {
    (0..n)
        .map(|i| {
            let mut r = good(&format!("p{}@example.org", if i % 10 == 9 { i.saturating_sub(2501) } else { i }));
            match i % 13 {
                1 => r.country = Some("Narnia".into()),
                2 => r.email = Some(format!("P{i}@localhost")),
                3 => r.country = Some("Congo".into()),
                4 => r.submitted_at = Some("2024-08-30T10:00:00Z".into()),
                5 => r.audience = None,
                6 => r.email = Some(format!("p\u{430}ypal{i}@example.org")),
                _ => {}
            }
            r
        })
        .collect()
}

/// 3,300 registrations on one thread and on two and three, for an event that refuses when
/// full (the e-mails are claimed in order on one thread), one with a waiting list and one
/// without a capacity (the claims go to the threads, a table each): every outcome and the
/// seats are those of validating the records one by one.
#[test]
fn a_batch_shared_among_threads_gives_the_outcomes_of_one_by_one() {
    let records = varied(3300);
    let views: Vec<RegistrationRef<'_>> = records.iter().map(Registration::view).collect();
    // Problems found reading rows in the first block, a later block and another part.
    let mut found = vec![Vec::new(); 2501];
    for row in [0, 700, 2500] {
        found[row] = vec![invalid_value("consent", "str", "Maybe"), invalid_value("language", "int", "7")];
    }
    let held = [
        HeldRegistration { email: "P7@Example.org".into(), status: RegistrationStatus::Confirmed, occurrence: None },
        HeldRegistration { email: "p8@example.org".into(), status: RegistrationStatus::Rejected, occurrence: None },
    ];
    let first_index = |o: &RegistrationOutcome, param: &str| {
        o.violations.iter().find(|v| v.code == Code::RegistrationDuplicate).map(|v| v.params[param].clone())
    };
    for (capacity, waiting_list) in [(Some(1500), false), (Some(1500), true), (None, false)] {
        let mut e = w20();
        e.registration.capacity = capacity;
        e.registration.waiting_list = waiting_list;
        let mut desk = RegistrationDesk::new(crate::emap(), &e, &held).unwrap();
        let one_by_one: Vec<RegistrationOutcome> = records
            .iter()
            .enumerate()
            .map(|(i, r)| desk.validate_read(r, found.get(i).map_or(&[][..], Vec::as_slice), None))
            .collect();
        let seats = desk.seats_held();
        // Rows checked where they lie (views) and rows read a block at a time (records).
        let rows: [&dyn RegistrationRows; 2] = [&(&views[..], &found[..]), &(&records[..], &found[..])];
        for (threads, rows) in [1, 2, 3].into_iter().flat_map(|t| rows.map(|r| (t, r))) {
            let mut desk = RegistrationDesk::new(crate::emap(), &e, &held).unwrap();
            desk.set_threads(threads);
            let mut out = Vec::new();
            desk.validate_rows(rows, None, &mut out);
            let read = if rows.views(0..1).is_some() { "as views" } else { "read" };
            assert!(out == one_by_one, "{capacity:?} seats, waiting list {waiting_list}, on {threads} threads, {read}");
            assert_eq!(desk.seats_held(), seats);
            // The same rows read to their end a chunk at a time, their e-mails kept as rows.
            for chunk in [1000, 3300] {
                let mut desk = RegistrationDesk::new(crate::emap(), &e, &held).unwrap();
                desk.set_threads(threads);
                let mut run = desk.validate_source(rows, None);
                let mut out = Vec::new();
                while run.validate_next(chunk, &mut out) > 0 {}
                assert!(
                    out == one_by_one,
                    "{capacity:?}, {waiting_list}, {threads} threads, {read}, chunks of {chunk}"
                );
                assert_eq!(run.seats_held(), seats);
            }
            // Chunks given one by one, the source read only to compare addresses.
            let mut desk = RegistrationDesk::new(crate::emap(), &e, &held).unwrap();
            desk.set_threads(threads);
            let mut run = desk.validate_source(rows, None);
            let mut out = Vec::new();
            for start in (0..records.len()).step_by(1100) {
                let end = records.len().min(start + 1100);
                let found = found.get(start.min(found.len())..end.min(found.len())).unwrap_or_default();
                assert_eq!(run.validate_next_from(&(&records[start..end], found), &mut out), end - start);
            }
            assert!(out == one_by_one, "{capacity:?}, {waiting_list}, {threads} threads, chunks given");
        }
        // What crosses the parts: a duplicate of a record in the first part, and the seats.
        let late = "record 498 came late and gave its address back";
        assert_eq!(first_index(&one_by_one[2989], "first_index"), Some(serde_json::json!(488)));
        assert_eq!(first_index(&one_by_one[2999], "first_index"), None, "{late}");
        assert_eq!(first_index(&one_by_one[7], "held_index"), Some(serde_json::json!(0)));
        assert_eq!(first_index(&one_by_one[8], "held_index"), None, "a held rejection claims nothing");
        for row in [0, 700, 2500] {
            assert_eq!(one_by_one[row].violations.codes()[..2], [Code::RegistrationInvalidValue; 2]);
        }
        let count = |status| one_by_one.iter().filter(|o| o.status == status).count() as u64;
        match (capacity, waiting_list) {
            (Some(_), false) => {
                assert_eq!(seats, 1500);
                assert!(one_by_one.iter().any(|o| o.violations.codes() == [Code::RegistrationFull]));
            }
            (Some(_), true) => assert!((seats, count(RegistrationStatus::Waitlisted) > 0) == (1500, true)),
            // The held confirmed registration holds a seat too.
            (None, _) => assert!(seats > 1500 && seats == count(RegistrationStatus::Confirmed) + 1),
        }
    }
}

/// What a binding does alongside: pauses meanwhile as if reading its next chunk, and counts.
struct Reading {
    pause: std::time::Duration,
    meanwhile: usize,
    joined: usize,
}

impl Alongside for Reading {
    fn meanwhile(&mut self) {
        self.meanwhile += 1;
        std::thread::sleep(self.pause);
    }
    fn join<T: Send>(&mut self, rest: impl FnOnce() -> T + Send) -> T {
        self.joined += 1;
        rest()
    }
}

/// Rows that another thread reads only once the test's thread has read blocks in two parts
/// (or after ten seconds): the helper holds its first block while this thread takes the back
/// half of what is left, then the back half of the rest. The first row of each block this
/// thread read is kept.
struct HeldElsewhere<'r> {
    rows: &'r [Registration],
    here: std::thread::ThreadId,
    read_here: Mutex<Vec<usize>>,
}

impl HeldElsewhere<'_> {
    /// The runs of consecutive blocks this thread read.
    fn parts_read_here(&self) -> usize {
        let read = self.read_here.lock().unwrap();
        read.windows(2).filter(|w| w[1] != w[0] + BLOCK).count() + usize::from(!read.is_empty())
    }
}

impl RegistrationRows for HeldElsewhere<'_> {
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn read<'s>(&'s self, rows: Range<usize>, views: &mut Vec<RegistrationRef<'s>>, _: &mut Vec<(usize, Violation)>) {
        if std::thread::current().id() == self.here {
            self.read_here.lock().unwrap().push(rows.start);
        } else {
            let started = std::time::Instant::now();
            while self.parts_read_here() < 2 && started.elapsed() < std::time::Duration::from_secs(10) {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        }
        views.extend(self.rows.get(rows).unwrap_or_default().iter().map(Registration::view));
    }
}

/// The rows checked on two and three threads while this one does other work first (as a
/// binding reads its next chunk): with a long pause the helpers check almost everything, with
/// none this thread takes half at once, with a helper held at its first block it takes the back
/// half of what is left several times over. Every outcome and the seats are those of one by one, for an event
/// that refuses when full and one whose claims go to the threads.
#[test]
fn rows_checked_while_this_thread_works_alongside_give_the_outcomes_of_one_by_one() {
    let records = varied(3300);
    let pauses = [0, 2, 30].map(std::time::Duration::from_millis);
    for capacity in [Some(1500), None] {
        let mut e = w20();
        e.registration.capacity = capacity;
        let mut desk = RegistrationDesk::new(crate::emap(), &e, &[]).unwrap();
        let one_by_one: Vec<RegistrationOutcome> = records.iter().map(|r| desk.validate(r, None)).collect();
        for (threads, pause) in [2, 3].into_iter().flat_map(|t| pauses.map(|p| (t, p))) {
            let mut desk = RegistrationDesk::new(crate::emap(), &e, &[]).unwrap();
            desk.set_threads(threads);
            let mut reading = Reading { pause, meanwhile: 0, joined: 0 };
            let mut out = Vec::new();
            desk.validate_rows_alongside(&(&records[..], &[][..]), None, &mut out, &mut reading);
            assert!(out == one_by_one, "{capacity:?} seats, {threads} threads, {pause:?} alongside");
            assert_eq!((reading.meanwhile, reading.joined), (1, 1));
            // A source read a chunk at a time, each chunk checked alongside.
            let source = (&records[..], &[][..]);
            let mut run = RegistrationDesk::new(crate::emap(), &e, &[]).unwrap().validate_source(&source, None);
            let (mut out, mut reading) = (Vec::new(), Reading { pause, meanwhile: 0, joined: 0 });
            for start in (0..records.len()).step_by(2200) {
                let chunk = &records[start..records.len().min(start + 2200)];
                run.validate_next_from_alongside(&(chunk, &[][..]), &mut out, &mut reading);
            }
            assert!(out == one_by_one, "{capacity:?} seats, {threads} threads, {pause:?} alongside, in chunks");
            assert_eq!((reading.meanwhile, reading.joined), (2, 2));
        }
        let held =
            HeldElsewhere { rows: &records, here: std::thread::current().id(), read_here: Mutex::new(Vec::new()) };
        let mut desk = RegistrationDesk::new(crate::emap(), &e, &[]).unwrap();
        desk.set_threads(2);
        let mut out = Vec::new();
        desk.validate_rows_alongside(&held, None, &mut out, &mut ());
        assert!(out == one_by_one, "{capacity:?} seats, a helper held");
        let parts = held.parts_read_here();
        assert!(parts >= 2, "this thread took the back half more than once: it read blocks {:?}", held.read_here);
    }
}

#[test]
fn an_event_without_a_zone_cannot_take_registrations() {
    let mut e = w20();
    e.zone = crate::ZoneId::from("Nowhere/City");
    assert!(validate_registration(crate::emap(), &e, &good("a@example.org"), &[], None).is_err());
}

#[test]
fn anonymized_batches_keep_their_outcomes() {
    let mut records: Vec<Registration> = (0..20).map(|i| good(&format!("p{}@example.org", i % 7))).collect();
    records[3].email = Some("bad address".into());
    let anon = anonymize(&records, b"salt").unwrap();
    let before = validate_batch(crate::emap(), &w20(), &records, &[], None).unwrap();
    let after = validate_batch(crate::emap(), &w20(), &anon, &[], None).unwrap();
    let statuses = |o: &[RegistrationOutcome]| o.iter().map(|o| o.status).collect::<Vec<_>>();
    // Seven distinct addresses, one of them malformed at index 3: 13 rejected.
    assert_eq!(statuses(&before).iter().filter(|s| **s == RegistrationStatus::Rejected).count(), 13);
    // A malformed address becomes a well-formed pseudonym, so only that record differs.
    for (i, (b, a)) in statuses(&before).iter().zip(statuses(&after)).enumerate() {
        assert!(i == 3 || *b == a, "record {i}: {b:?} became {a:?}");
    }
    assert!(anon.iter().all(|r| !format!("{:?}", r.email).contains("example.org")));
    assert_eq!(anon[0].country, records[0].country);
}

#[test]
fn a_cancelled_event_takes_no_registrations() {
    let mut e = w20();
    e.status = EventStatus::Cancelled;
    assert_eq!(check(&e, &good("a@example.org")).violations.codes(), [Code::RegistrationClosed]);
}

#[test]
fn control_characters_refuse_a_row_and_direction_overrides_warn_but_marks_of_right_to_left_text_pass() {
    let with_name = |name: &str| Registration { full_name: Some(name.into()), ..good("a@example.org") };
    for bad in ["Ana\nMaria", "Ana\tMaria", "Ana\u{1b}[31m", "Ana\u{7f}", "Ana\u{85}Maria"] {
        let o = check(&w20(), &with_name(bad));
        assert_eq!(o.status, RegistrationStatus::Rejected, "{bad:?}");
        assert_eq!(o.violations.codes(), [Code::RegistrationControlCharacter], "{bad:?}");
        assert_eq!(o.violations[0].path, "full_name");
    }
    // An override that would show "gpj.exe" as "exe.jpg" is accepted with a warning.
    for warned in ["Ana \u{202e}gpj.exe", "\u{2067}Ana\u{2069}"] {
        let o = check(&w20(), &with_name(warned));
        assert!(o.is_accepted(), "{warned:?}");
        assert_eq!(o.violations.codes(), [Code::RegistrationBidiControl], "{warned:?}");
    }
    // The marks a right-to-left writer types (RLM, LRM, ALM) and every script are ordinary.
    for fine in ["سارة\u{200f} (Sarah)", "Ana\u{200e}", "\u{61c}مريم", "ཚེ་རིང་", "ခင်မောင်", "Აბა"]
    {
        let o = check(&w20(), &with_name(fine));
        assert!(o.is_accepted() && o.violations.is_empty(), "{fine:?}: {:?}", o.violations.codes());
    }
    let org = Registration { organisation: Some("=HYPERLINK(\"http://x\")\r\n".into()), ..good("b@example.org") };
    assert_eq!(check(&w20(), &org).violations.codes(), [Code::RegistrationControlCharacter]);
}

/// Per occurrence, an e-mail kept as its row is compared with its occurrence: the same
/// address for another session is no duplicate, for the same one it is, across chunks and
/// threads; an unknown occurrence claims nothing.
#[test]
fn a_source_per_occurrence_finds_duplicates_of_the_same_occurrence_only() {
    let mut e = w20();
    e.recurrence = Some(crate::Recurrence { count: Some(3), ..crate::Recurrence::new(crate::Frequency::Weekly) });
    e.registration.per_occurrence = true;
    let sessions = ["2024-07-31T13:00:00", "2024-08-07T13:00:00", "2024-08-14T13:00:00", "2024-08-21T13:00:00"];
    let records: Vec<Registration> = (0..2600)
        .map(|i| Registration {
            occurrence: sessions[i % 4].parse().ok(),
            ..good(&format!("p{}@example.org", i % 1300))
        })
        .collect();
    let mut desk = RegistrationDesk::new(crate::emap(), &e, &[]).unwrap();
    let one_by_one: Vec<RegistrationOutcome> = records.iter().map(|r| desk.validate(r, None)).collect();
    for threads in [1, 2] {
        let mut desk = RegistrationDesk::new(crate::emap(), &e, &[]).unwrap();
        desk.set_threads(threads);
        let rows = (&records[..], &[][..]);
        let mut run = desk.validate_source(&rows, None);
        let mut out = Vec::new();
        while run.validate_next(1100, &mut out) > 0 {}
        assert!(out == one_by_one, "on {threads} threads");
    }
    // Record 1300 + i repeats record i's address; with 1300 ≡ 0 (mod 4) the session is the same.
    let duplicate = |o: &RegistrationOutcome| o.violations.iter().any(|v| v.code == Code::RegistrationDuplicate);
    assert!(one_by_one[1300..].iter().enumerate().all(|(i, o)| duplicate(o) == (i % 4 != 3)));
    assert!(!one_by_one[..1300].iter().any(duplicate));
}
