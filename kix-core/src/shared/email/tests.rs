use super::*;

proptest::proptest! {
    #[test]
    fn the_plain_ascii_path_agrees_with_every_rule(text in "[a-zA-Z0-9.@_+-]{0,12}@[a-zA-Z0-9.-]{0,20}") {
        let full = parse_full(text.trim());
        if let Some(plain) = parse_plain_ascii(text.trim()) {
            proptest::prop_assert_eq!(Ok(plain), full);
        }
    }

    #[test]
    fn plain_looking_addresses_take_the_plain_path(local in "[a-z0-9]{1,20}", domain in "[a-z][a-z0-9]{0,10}\\.[a-z]{2,6}") {
        let text = format!("{local}@{domain}");
        proptest::prop_assert!(parse_plain_ascii(&text).is_some());
        proptest::prop_assert_eq!(Email::parse(&text), parse_full(&text));
    }
}

fn ok(text: &str) -> Email {
    Email::parse(text).unwrap_or_else(|e| panic!("{text:?} refused: {e}"))
}

#[test]
fn addresses_in_every_script_of_the_region_are_accepted() {
    for address in [
        "कृष्ण@example.in",                   // Devanagari, with a virama and a vowel sign
        "user@शिक्षा.com",                   // Devanagari domain
        "রবীন্দ্রনাথ@example.bd",              // Bangla
        "សុខា@example.kh",                   // Khmer
        "មេឃ@សាលា.kh",                      // Khmer on both sides
        "မောင်@example.mm",                  // Myanmar
        "ສົມພອນ@example.la",                 // Lao
        "བཀྲ་ཤིས@example.bt",                 // Tibetan (Dzongkha), with the tsheg
        "nguye\u{302}\u{303}n@example.vn",  // decomposed Vietnamese
        "алия@пример.рф",                   // Cyrillic local part and IDN
        "user@xn--e1afmkfd.xn--p1ai",       // the same domain in Punycode
        "محمد@مثال.السعودية",               // Arabic, right to left
        "ნინო@example.ge",                  // Georgian
        "болд@жишээ.мон",                   // Mongolian Cyrillic
        "p-0123456789abcdef@anon.invalid",  // kix's own pseudonyms
        r#""ana maria"@example.md"#,        // quoted (RFC 5321)
        "  ana.maria+kix@sub.example.org ", // surrounding spaces
    ] {
        ok(address);
    }
}

#[test]
fn what_email_validator_refuses_is_refused() {
    use EmailError::*;
    for (address, why) in [
        ("user@192.168.0.1", TopLevelDomainNotLetter),
        ("user@example.123", TopLevelDomainNotLetter),
        ("user@mail_ru.com", InvalidDomainCharacter("'_'".into())),
        ("user@iana/icann.org", InvalidDomainCharacter("'/'".into())),
        ("a@[127.0.0.1]", DomainLiteral),
        ("a@localhost", NoDot),
        ("user@-example.com", DomainHyphens),
        ("user@ab--cd.com", DomainHyphens),
        ("user@xn--zzzzzz-.com", InvalidIdna),
        ("user@example..com", DomainDots),
        ("user@☃.com", InvalidDomainCharacter("'☃'".into())),
        ("a@@example.org", InvalidDomainCharacter("'@'".into())),
        ("a b@example.org", InvalidLocalCharacter("U+0020".into())),
        (".a@example.org", LocalDots),
        ("a..b@example.org", LocalDots),
        ("a\u{200b}b@example.org", InvalidLocalCharacter("U+200B".into())),
        ("\u{301}a@example.org", InvalidLocalCharacter("U+0301".into())),
        ("a\u{e000}@example.org", InvalidLocalCharacter("U+E000".into())),
        ("a\u{37e}b@example.org", InvalidLocalCharacter("';'".into())),
        (r#""a"b@example.org"#, AfterClosingQuote),
        ("Ann <a@example.org>", InvalidLocalCharacter("U+0020".into())),
        ("no-at-sign.example.org", NoAtSign),
        ("@example.org", EmptyLocalPart),
        ("a@", EmptyDomain),
    ] {
        assert_eq!(Email::parse(address), Err(why), "{address}");
    }
}

#[test]
fn lengths_are_counted_in_octets_of_the_ascii_form() {
    let label = "a".repeat(63);
    ok(&format!("u@{label}.com"));
    assert_eq!(Email::parse(&format!("u@{label}a.com")), Err(EmailError::DomainTooLong));
    ok(&format!("{}@example.org", "a".repeat(64)));
    assert_eq!(Email::parse(&format!("{}@example.org", "a".repeat(65))), Err(EmailError::LocalPartTooLong(65)));
    // 22 Devanagari letters are 66 octets.
    assert_eq!(Email::parse(&format!("{}@example.in", "क".repeat(22))), Err(EmailError::LocalPartTooLong(66)));
}

#[test]
fn one_registrant_whatever_the_form_of_the_domain() {
    let unicode = ok("User@Пример.РФ");
    assert_eq!(unicode.as_str(), "User@пример.рф");
    assert_eq!(unicode.key(), ok("user@xn--e1afmkfd.xn--p1ai").key());
    assert_eq!(ok(r#""user"@example.org"#).key(), ok("USER@example.org").key());
    assert_eq!(duplicate_key("Ｕser@example.org"), "ｕser@example.org", "NFC, not NFKC");
}

#[test]
fn normalizing_twice_changes_nothing() {
    for address in ["nguye\u{302}\u{303}n@EXAMPLE.vn", r#""a\"b c"@x.org"#, "user@xn--e1afmkfd.xn--p1ai"] {
        let once = ok(address);
        assert_eq!(ok(once.as_str()), once, "{address}");
    }
}

#[test]
fn latin_mixed_with_cyrillic_or_greek_is_pointed_out() {
    assert_eq!(ok("ivan.petrov@example.ru").mixed_script(), None);
    assert_eq!(ok("иван@пример.рф").mixed_script(), None);
    assert_eq!(ok("alpha\u{3b2}@example.gr").mixed_script(), Some("alpha\u{3b2}"));
    assert_eq!(ok("user@ex\u{430}mple.com").mixed_script(), Some("ex\u{430}mple"));
}
