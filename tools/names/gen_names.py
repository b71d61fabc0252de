"""Regenerate kix-core/data/country_names.tsv: country names in every CLDR locale, plus the
UN, World Bank and ISO forms and the informal names people type, and the hub's subdivision names.

    npm ci --prefix tools/names        # cldr-localenames-full, pinned in package-lock.json
    pip install pycountry==26.2.16      # ISO 3166-1/3166-2 names and their iso-codes translations
    python3 tools/names/gen_names.py

Sources:
- CLDR territory names (standard, `-alt-short`, `-alt-variant` and the other `-alt-` names) of every
  locale in the npm package `cldr-localenames-full` (the version is read from its package.json).
- ISO 3166-1 names as kix already ships them (kix-core/data/iso3166.json, from pycountry).
- ISO 3166-2 names of the hub's subdivisions (kix-core/data/emap.json) from pycountry and the
  iso-codes translations pycountry ships.
- The lists below, typed from the public pages named in each comment: no registry package carries
  the UN M49 or World Bank names, so they are a short documented list here.

The output keys nothing: kix-core computes the matching key (text::name_key) when it loads the
table. `key()` below mirrors that function so that the generator can refuse a table in which two
countries share a key that is not declared ambiguous (a Rust test checks that the two agree).
The generator fails instead of writing such a table.
"""
import json
import pathlib
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
CLDR = ROOT / "tools" / "names" / "node_modules" / "cldr-localenames-full"
OUT = ROOT / "kix-core" / "data" / "country_names.tsv"

# UN M49 English names (unstats.un.org/unsd/methodology/m49/, "Country or Area", 2024) where they
# differ from CLDR's; UN Terminology (unterm.un.org) short names in Russian, French, Spanish and
# Arabic for the hub's members and the countries whose UN form is not CLDR's.
UN = {
    "BO": ["Bolivia (Plurinational State of)", "Bolivie (État plurinational de)", "Боливия (Многонациональное Государство)"],
    "BN": ["Brunei Darussalam"],
    "CD": ["Democratic Republic of the Congo", "République démocratique du Congo", "Демократическая Республика Конго", "جمهورية الكونغو الديمقراطية", "República Democrática del Congo"],
    "CG": ["Republic of the Congo", "Republic of Congo"],
    "CI": ["Côte d’Ivoire"],
    "FK": ["Falkland Islands (Malvinas)"],
    "FM": ["Micronesia (Federated States of)"],
    "GB": ["United Kingdom of Great Britain and Northern Ireland", "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord", "Соединенное Королевство Великобритании и Северной Ирландии"],
    "HK": ["China, Hong Kong Special Administrative Region"],
    "IR": ["Iran (Islamic Republic of)", "Iran (République islamique d’)", "Иран (Исламская Республика)"],
    "KG": ["Кыргызстан", "Kirghizistan", "قيرغيزستان"],
    "KP": ["Democratic People's Republic of Korea", "République populaire démocratique de Corée", "Корейская Народно-Демократическая Республика"],
    "KR": ["Republic of Korea", "République de Corée", "Республика Корея", "جمهورية كوريا"],
    "LA": ["Lao People's Democratic Republic", "République démocratique populaire lao", "Лаосская Народно-Демократическая Республика", "جمهورية لاو الديمقراطية الشعبية"],
    "MD": ["Republic of Moldova", "République de Moldova", "Республика Молдова", "جمهورية مولدوفا", "República de Moldova"],
    "MF": ["Saint Martin (French Part)"],
    "MO": ["China, Macao Special Administrative Region"],
    "NL": ["Netherlands (Kingdom of the)"],
    "PS": ["State of Palestine", "État de Palestine", "Государство Палестина", "دولة فلسطين"],
    "RU": ["Russian Federation", "Fédération de Russie", "Российская Федерация", "الاتحاد الروسي", "Federación de Rusia"],
    "SX": ["Sint Maarten (Dutch part)"],
    "SY": ["Syrian Arab Republic", "République arabe syrienne", "Сирийская Арабская Республика", "الجمهورية العربية السورية"],
    "TR": ["Türkiye"],
    "TZ": ["United Republic of Tanzania", "République-Unie de Tanzanie", "Объединенная Республика Танзания"],
    "US": ["United States of America", "États-Unis d’Amérique", "Соединенные Штаты Америки"],
    "VE": ["Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)", "Венесуэла (Боливарианская Республика)"],
    "VG": ["British Virgin Islands"],
    "VI": ["United States Virgin Islands"],
    "VN": ["Viet Nam", "Вьетнам", "Việt Nam"],
    "WF": ["Wallis and Futuna Islands"],
    "SJ": ["Svalbard and Jan Mayen Islands"],
}

# World Bank economy names (data.worldbank.org/country, "Economies", 2024) where they differ.
WORLD_BANK = {
    "BS": ["Bahamas, The"], "CD": ["Congo, Dem. Rep."], "CG": ["Congo, Rep."], "EG": ["Egypt, Arab Rep."],
    "FM": ["Micronesia, Fed. Sts."], "GM": ["Gambia, The"], "HK": ["Hong Kong SAR, China"],
    "IR": ["Iran, Islamic Rep."], "KG": ["Kyrgyz Republic"], "KN": ["St. Kitts and Nevis"],
    "KP": ["Korea, Dem. People's Rep."], "KR": ["Korea, Rep."], "LA": ["Lao PDR"], "LC": ["St. Lucia"],
    "MF": ["St. Martin (French part)"], "MO": ["Macao SAR, China"], "SK": ["Slovak Republic"],
    "SX": ["Sint Maarten (Dutch part)"], "SY": ["Syrian Arab Republic"], "TR": ["Turkiye"],
    "VC": ["St. Vincent and the Grenadines"], "VE": ["Venezuela, RB"], "VG": ["British Virgin Islands"],
    "VI": ["Virgin Islands (U.S.)"], "VN": ["Viet Nam"], "YE": ["Yemen, Rep."], "PS": ["West Bank and Gaza"],
    "CV": ["Cabo Verde"], "CZ": ["Czechia"], "CW": ["Curacao"], "ST": ["Sao Tome and Principe"],
    "TZ": ["Tanzania"], "BO": ["Bolivia"], "MK": ["North Macedonia"], "SZ": ["Eswatini"],
}

# ISO 3166-1 English short names with ISO's "(the)" (iso.org/obp, the Online Browsing Platform).
ISO_THE = {
    "BS": "Bahamas (the)", "IO": "British Indian Ocean Territory (the)", "KY": "Cayman Islands (the)",
    "CF": "Central African Republic (the)", "CC": "Cocos (Keeling) Islands (the)", "KM": "Comoros (the)",
    "CD": "Congo (the Democratic Republic of the)", "CK": "Cook Islands (the)", "DO": "Dominican Republic (the)",
    "FK": "Falkland Islands (the) [Malvinas]", "FO": "Faroe Islands (the)", "TF": "French Southern Territories (the)",
    "GM": "Gambia (the)", "VA": "Holy See (the)", "KP": "Korea (the Democratic People's Republic of)",
    "KR": "Korea (the Republic of)", "LA": "Lao People's Democratic Republic (the)", "MH": "Marshall Islands (the)",
    "MD": "Moldova (the Republic of)", "NL": "Netherlands (Kingdom of the)", "NE": "Niger (the)",
    "MP": "Northern Mariana Islands (the)", "PH": "Philippines (the)", "RU": "Russian Federation (the)",
    "SD": "Sudan (the)", "SY": "Syrian Arab Republic (the)", "TC": "Turks and Caicos Islands (the)",
    "AE": "United Arab Emirates (the)", "GB": "United Kingdom of Great Britain and Northern Ireland (the)",
    "UM": "United States Minor Outlying Islands (the)", "US": "United States of America (the)",
    "TW": "Taiwan (Province of China)", "TZ": "Tanzania, the United Republic of", "PS": "Palestine, State of",
    "VG": "Virgin Islands (British)", "VI": "Virgin Islands (U.S.)", "MF": "Saint Martin (French part)",
    "SX": "Sint Maarten (Dutch part)", "BQ": "Bonaire, Sint Eustatius and Saba",
}

# Informal and older names people type, in the languages of the hub (none of them in CLDR).
INFORMAL = {
    "KG": ["Kirgizia", "Kirghizia", "Kirgizstan", "Киргизстан", "Qirgʻiziston", "Кыргыз Республикасы", "Кыргызская Республика"],
    "MD": ["Молдавия", "Moldavia", "Moldavie", "Молдова"],
    "MM": ["Myanmar (Burma)", "Burma", "Бирма"],
    "BY": ["Белоруссия", "Byelorussia"],
    "TM": ["Туркмения"],
    "TT": ["Trinidad & Tobago"],
    "LA": ["Laos", "Lao", "Лаос"],
    "TL": ["Timor Leste", "Восточный Тимор"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo, Democratic Republic of the"],
    "CG": ["Congo-Brazzaville"],
    "KP": ["DPRK"],
    "AE": ["UAE", "Emirates"],
    "GB": ["Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "US": ["USA", "U.S.A.", "America"],
    "NL": ["Holland"],
    "CZ": ["Czech Republic"],
    "MK": ["Macedonia", "FYROM"],
    "BA": ["Bosnia-Herzegovina"],
    "KH": ["Kampuchea"],
    "MN": ["Mongol Uls"],
    "TJ": ["Тоҷикистон"],
    "VA": ["Vatican"],
}

# Names that belong to more than one country: resolving them is an error that lists the candidates.
AMBIGUOUS = {
    "Congo": (["CD", "CG"], "two countries are called Congo"),
    "Korea": (["KP", "KR"], "two countries are called Korea"),
    "Virgin Islands": (["VG", "VI"], "the British and the U.S. Virgin Islands"),
    "Saint Martin": (["MF", "SX"], "the island is shared by Saint-Martin (FR) and Sint Maarten (NL)"),
    "Guiana": (["GF", "GY", "SR"], "French Guiana, Guyana (British Guiana) and Suriname (Dutch Guiana)"),
}

LATIN_GREEK_CYRILLIC = [
    (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF), (0xAB30, 0xAB6F),
    (0x0370, 0x03FF), (0x1F00, 0x1FFF),
    (0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F),
]
APOSTROPHES = set("'`\u02bb\u02bc\u2019\u2018")
ARABIC_FOLD = {"\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0629": "\u0647"}


def within(c, ranges):
    return any(a <= ord(c) <= b for a, b in ranges)


def key(text):
    """Mirror of kix_core::text::name_key (see its documentation for the rules and reasons)."""
    s = unicodedata.normalize("NFKC", text).lower().replace("ß", "ss").replace("ς", "σ")
    out = []
    base = None
    for c in unicodedata.normalize("NFD", s):
        mark = unicodedata.category(c).startswith("M")
        if mark:
            if base is None or not within(base, LATIN_GREEK_CYRILLIC):
                if not (0x064B <= ord(c) <= 0x065F or ord(c) == 0x0670):
                    out.append(c)
            continue
        base = c
        if c in APOSTROPHES or c in "\u0640\u200c\u200d":
            continue
        c = ARABIC_FOLD.get(c, c)
        if c == "&":
            out.append(" and ")
        elif c.isalnum():
            out.append(c)
        else:
            out.append(" ")
    words = unicodedata.normalize("NFC", "".join(out)).split()
    words = [{"st": "saint", "ste": "sainte"}.get(w, w) for w in words]
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1] == "the":
        words = words[:-1]
    return " ".join(words)


def main():
    version = json.loads((CLDR / "package.json").read_text())["version"]
    import pycountry  # only the generator needs it

    iso = json.loads((ROOT / "kix-core" / "data" / "iso3166.json").read_text())["countries"]
    codes = [c["alpha2"] for c in iso]
    code_set = set(codes)
    names = {c: [] for c in codes}  # every name a country is known by, for matching

    def add(code, name):
        name = " ".join(name.split())
        if code not in code_set or not name or name == code:
            return
        if name not in names[code]:
            names[code].append(name)

    for c in iso:
        for n in [c["name"], *c["aliases"]]:
            add(c["alpha2"], n)
    for table in (UN, WORLD_BANK, INFORMAL):
        for code, ns in table.items():
            for n in ns:
                add(code, n)
    for code, n in ISO_THE.items():
        add(code, n)

    # CLDR: the display name of every locale (for country_name) and every -alt- name (for matching).
    locales = sorted(p.parent.name for p in (CLDR / "main").glob("*/territories.json"))
    display = {}
    for loc in locales:
        t = json.loads((CLDR / "main" / loc / "territories.json").read_text())["main"][loc]["localeDisplayNames"]["territories"]
        row = {}
        for k, v in t.items():
            code, _, alt = k.partition("-alt-")
            if code not in code_set or v == code:
                continue
            if alt:
                add(code, v)
            else:
                row[code] = v
        display[loc] = row

    # Collisions: a key two countries share must be declared, with every owner a candidate.
    owners = {}
    for loc, row in display.items():
        for code, n in row.items():
            owners.setdefault(key(n), {}).setdefault(code, f"{loc}:{n}")
    for code, ns in names.items():
        for n in ns:
            owners.setdefault(key(n), {}).setdefault(code, f"extra:{n}")
    declared = {key(n): set(cands) for n, (cands, _) in AMBIGUOUS.items()}
    declared.update({key(n): set(cands) for n, (cands, _) in CROSS_LANGUAGE.items()})
    bad = []
    for k, o in sorted(owners.items()):
        if len(o) > 1 and not set(o) <= declared.get(k, set()):
            bad.append(f"{k!r}: {o}")
    if bad:
        print(f"{len(bad)} undeclared shared keys:", *bad, sep="\n  ", file=sys.stderr)
        sys.exit(1)

    # Subdivisions the hub has, with ISO 3166-2's name and its iso-codes translations.
    import gettext
    import os

    emap = json.loads((ROOT / "kix-core" / "data" / "emap.json").read_text())
    subs = []
    for c in emap["countries"]:
        sub = c.get("subdivision")
        if not sub:
            continue
        iso_name = pycountry.subdivisions.get(code=sub["code"]).name
        ns = [sub["name"], iso_name]
        for lang in sorted(os.listdir(pycountry.LOCALES_DIR)):
            if (pathlib.Path(pycountry.LOCALES_DIR) / lang / "LC_MESSAGES" / "iso3166-2.mo").exists():
                ns.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]).gettext(iso_name))
        ns = list(dict.fromkeys(ns))
        clash = [n for n in ns if key(n) in owners]
        if clash:
            sys.exit(f"subdivision names {clash} of {sub['code']} are also country names")
        subs.append((sub["code"], ns))

    lines = [
        "# Country names for kix-core (country::resolve_country, country::country_name). Generated by",
        "# tools/names/gen_names.py; do not edit. Sources: cldr-localenames-full " + version
        + f" (Unicode CLDR {version.split('.')[0]}, {len(locales)} locales);",
        f"# ISO 3166-1/3166-2 names from pycountry {pycountry.__version__} (iso-codes); UN M49, UN Terminology,",
        "# World Bank and ISO OBP forms and informal names listed in the generator.",
        "# codes: the ISO 3166-1 order of the columns of every locale line.",
        "# locale lines: CLDR's name per column; empty where the parent locale (the tag less its last subtag) has the same name.",
        "# names: every other name a country is known by. ambiguous: a name, its candidates, why.",
        "# subdivision: an ISO 3166-2 code and its names.",
        "codes\t" + "\t".join(codes),
    ]
    for loc in locales:
        parent = loc.rsplit("-", 1)[0] if "-" in loc else None
        prow = display.get(parent, {}) if parent else {}
        cols = ["" if display[loc].get(c) == prow.get(c) else display[loc].get(c, "") for c in codes]
        if any(cols) or parent is None:
            lines.append("\t".join([f"locale:{loc}", *cols]).rstrip("\t"))
    shown = {}
    for loc in locales:
        for c, n in display[loc].items():
            shown.setdefault(c, set()).add(n)
    for c in codes:
        extra = [n for n in names[c] if n not in shown.get(c, set())]
        if extra:
            lines.append("\t".join([f"names:{c}", *extra]))
    for n, (cands, why) in {**AMBIGUOUS, **CROSS_LANGUAGE}.items():
        lines.append(f"ambiguous\t{n}\t{','.join(sorted(cands))}\t{why}")
    for code, ns in subs:
        lines.append("\t".join([f"subdivision:{code}", *ns]))
    for line in lines:
        if "\n" in line or "\r" in line:
            sys.exit(f"a name holds a line break: {line!r}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(locales)} locales, {len(owners)} keys)")


# Names that are one country's in one language and another's in another (found by this generator).
# Without accents these are one name in two languages; with them, only a reader of the language can
# tell (a person typing without accents cannot): the generator found them, they are declared here.
CROSS_LANGUAGE = {
    "Katà": (["QA", "TD"], "Aghem Katà is Qatar, Maori Kāta is Chad"),
    "Kongo": (["CD", "CG"], "Kongo is either Congo, as in English"),
    "Конго": (["CD", "CG"], "Конго is either Congo, as in English"),
    "Lūsia": (["LC", "RU"], "Tongan Lūsia is Russia, Yoruba Luṣia is Saint Lucia"),
    "Nigeri": (["NE", "NG"], "Nama Nigeri is Niger, Albanian Nigeri is Nigeria"),
    "Sabiya": (["RS", "ZM"], "Hausa Sabiya is Serbia, Nheengatu Sãbiya is Zambia"),
    "Tóga": (["TG", "TO"], "Irish Tóga is Togo, Nheengatu Tõga is Tonga"),
    "Свети Мартин": (["MF", "SX"], "Macedonian and Serbian use it for both parts of the island"),
    "لتونی": (["LT", "LV"], "Persian لتونی is Latvia, Mazanderani لتونی is Lithuania"),
    "موريتانيا": (["MR", "MU"], "Arabic موريتانيا is Mauritania, Balochi موریتانیا (the same letters) is Mauritius"),
}

if __name__ == "__main__":
    main()
