"""Regenerate kix-core/data/iso3166.json, iso639-1.json and iso4217.json from the ISO lists shipped by pycountry.

Run once by hand when ISO changes (`pip install pycountry && python3 tools/gen_iso_data.py`);
the output is committed, so kix itself never needs Python or pycountry.
"""
import json
import pathlib

import pycountry

# Names people type that ISO does not list. Keys are alpha-2 codes.
EXTRA = {
    "AE": ["UAE", "Emirates"],
    "AF": ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BO": ["Bolivia"],
    "BN": ["Brunei"],
    "BS": ["The Bahamas"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Congo, Democratic Republic of the"],
    "CG": ["Congo-Brazzaville", "Republic of the Congo", "Republic of Congo"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "FM": ["Micronesia"],
    "GB": ["UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
    "GM": ["The Gambia"],
    "IR": ["Iran"],
    "KG": ["Kyrgyz Republic", "Kirghizia", "Kirgizstan"],
    "KH": ["Kampuchea", "Kingdom of Cambodia"],
    "KP": ["North Korea", "DPRK"],
    "KR": ["South Korea", "Republic of Korea"],
    "LA": ["Lao PDR", "Laos", "Lao", "Lao People's Democratic Republic"],
    "MD": ["Moldova", "Republic of Moldova", "Moldavia"],
    "MK": ["Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia"],
    "MM": ["Burma"],
    "MN": ["Mongol Uls"],
    "NL": ["Holland", "The Netherlands"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories"],
    "RU": ["Russia"],
    "SY": ["Syria"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor", "Timor Leste", "Timor"],
    "TR": ["Turkey", "Turkiye"],
    "TW": ["Taiwan", "Republic of China"],
    "TZ": ["Tanzania"],
    "US": ["USA", "US", "U.S.", "U.S.A.", "America", "United States of America"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "VE": ["Venezuela"],
    "VN": ["Vietnam", "Viet Nam", "Socialist Republic of Vietnam"],
}

rows = []
for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
    name = getattr(c, "common_name", None) or c.name
    aliases = []
    for a in [c.name, getattr(c, "official_name", None), *EXTRA.get(c.alpha_2, [])]:
        if a and a != name and a not in aliases:
            aliases.append(a)
    rows.append({"alpha2": c.alpha_2, "alpha3": c.alpha_3, "numeric": c.numeric, "name": name, "aliases": aliases})

doc = {
    "source": f"ISO 3166-1 as shipped by pycountry {pycountry.__version__} (Debian iso-codes), with common variants added by kix",
    "countries": rows,
}
out = pathlib.Path(__file__).resolve().parent.parent / "kix-core" / "data" / "iso3166.json"
out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {len(rows)} countries to {out}")

# ISO 639-1 languages, for event and registration languages.
langs = sorted((l.alpha_2, l.name) for l in pycountry.languages if hasattr(l, "alpha_2"))
doc = {
    "source": f"ISO 639-1 as shipped by pycountry {pycountry.__version__} (Debian iso-codes)",
    "languages": [{"code": c, "name": n} for c, n in langs],
}
out = pathlib.Path(__file__).resolve().parent.parent / "kix-core" / "data" / "iso639-1.json"
out.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
print(f"wrote {len(langs)} languages to {out}")

# ISO 4217 currencies, for small-grant amounts.
currencies = sorted((c.alpha_3, c.name) for c in pycountry.currencies)
doc = {
    "source": f"ISO 4217 as shipped by pycountry {pycountry.__version__} (Debian iso-codes)",
    "currencies": [{"code": c, "name": n} for c, n in currencies],
}
out = pathlib.Path(__file__).resolve().parent.parent / "kix-core" / "data" / "iso4217.json"
out.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
print(f"wrote {len(currencies)} currencies to {out}")
