"""Write the analysts' sample exports in examples/data/ (invented people, real layouts).

- zoom_registration_report.csv: a Zoom webinar registration report. Zoom opens it with a report
  header block (the report's title, "Report Generated:", a header row and a value row about the
  webinar), then the registrants' table with First Name, Last Name, Email, Registration Time
  ("Jul 15, 2024 09:30:12", the account's zone), Approval Status, Country/Region, Organization and
  the custom questions.
- google_forms_responses.csv: a Google Forms responses CSV (UTF-8 with a byte-order mark, as a
  spreadsheet download may be): Timestamp ("7/30/2024 9:15:02", the form owner's zone), Email
  address, then one column per question.
- zoom_attendee_report.csv: a Zoom webinar attendee report: the header block, then "Host Details",
  "Panelist Details" and "Attendee Details" sections, each with its own header row; one row per
  join ("07/31/2024 01:02:10 PM", 12-hour clock), "Attended: No" rows for registrants who never came.

Webinar 20 runs 31 July 2024, 13:00-14:30 in Geneva (11:00-12:30 UTC). The Zoom account is in
Europe/Zurich, the form owner in Asia/Bishkek. Run: python3 tools/gen_analyst_data.py
"""

import csv
import io
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "examples" / "data"

TOPIC = "KIX EMAP Webinar 20: Scaling education innovations"
WEBINAR_ID = "812 3456 7890"

# First, last, e-mail, registration time (Zurich), approval, country, organisation, role, language.
ZOOM_REGISTRANTS = [
    ("Aigerim", "Bekova", "aigerim.bekova@example.kg", "Jul 15, 2024 09:30:12", "approved", "Kyrgyzstan", "Ministry of Education and Science", "Policy maker", "ru"),
    ("Tenzin", "Dorji", "tenzin.dorji@example.bt", "Jul 16, 2024 14:02:45", "approved", "Bhutan", "Royal Education Council", "Teacher", "en"),
    ("Sita", "Rai", "sita.rai@example.np", "Jul 18, 2024 08:15:00", "approved", "Nepal", "Kathmandu University", "Academic researcher", "en"),
    ("Ana", "Popescu", "ana.popescu@example.md", "Jul 20, 2024 17:45:31", "approved", "Moldova", "Ministry of Education and Research", "Government official", "en"),
    ("Bold", "Erdene", "bold.erdene@example.mn", "Jul 22, 2024 03:05:09", "approved", "Mongolia", "Mongolian Institute for Educational Research", "Academic researcher", "ru"),
    ("Sokha", "Chan", "sokha.chan@example.kh", "Jul 23, 2024 06:40:00", "approved", "Cambodia", "Teacher Training Centre", "teacher", "en"),
    ("Ermira", "Hoxha", "ermira.hoxha@example.al", "Jul 24, 2024 10:10:10", "approved", "Albania", "", "Education stakeholder", "en"),
    ("Nino", "Beridze", "nino.beridze@example.ge", "Jul 25, 2024 12:00:00", "approved", "Georgia", "Tbilisi State University", "Astronaut", "en"),
    ("Farid", "Karimi", "farid.karimi@example.af", "Jul 26, 2024 21:30:00", "approved", "Atlantis", "", "Teacher", "en"),
    ("Aziz", "Nazarov", "aziz.nazarov@example.tj", "Jul 31, 2024 13:10:05", "approved", "Tajikistan", "Ministry of Education and Science", "Policy maker", "ru"),
    ("Maria", "Soares", "maria.soares@example.tl", "Jul 28, 2024 01:20:00", "approved", "Timor-Leste", "", "Teacher", "en"),
]

# Timestamp (Bishkek), e-mail, full name, country, organisation, role, language, consent.
FORM_RESPONSES = [
    ("7/19/2024 9:15:02", "nilufar.karimova@example.uz", "Nilufar Karimova", "Uzbekistan", "Ministry of Preschool and School Education", "Government official", "ru", "Yes"),
    ("7/21/2024 18:40:55", "kyaw.min@example.mm", "Kyaw Min", "Burma", "", "Teacher", "en", "Yes"),
    ("7/24/2024 11:02:13", "Aigerim.Bekova@example.kg", "Aigerim Bekova", "Kyrgyz Republic", "Ministry of Education and Science", "Policy maker", "ru", "Yes"),
    ("7/26/2024 7:30:00", "lanieta.kila@example.pg", "Lanieta Kila", "Papua New Guinea", "University of Goroka", "Academic researcher", "en", "Maybe"),
    ("7/29/2024 22:45:10", "rustam.saidov@example.tj", "Rustam Saidov", "Tajikistan", "", "Teacher", "ar", "Yes"),
]

# Attendee joins (Zurich, 12-hour clock): name, e-mail, join, leave.
HOSTS = [("KIX EMAP Hub", "kix.emap@example.org", "07/31/2024 12:45:00 PM", "07/31/2024 02:40:00 PM")]
PANELISTS = [("Panel Speaker", "speaker@example.org", "07/31/2024 12:55:00 PM", "07/31/2024 02:31:00 PM")]
JOINS = [
    # Aigerim re-joins after a dropped connection: 13:00-13:20 and 13:25-14:30.
    ("Aigerim Bekova", "aigerim.bekova@example.kg", "07/31/2024 01:00:00 PM", "07/31/2024 01:20:00 PM"),
    ("Aigerim Bekova", "aigerim.bekova@example.kg", "07/31/2024 01:25:00 PM", "07/31/2024 02:30:00 PM"),
    # Tenzin on two devices at once: 13:05-14:00 and 13:30-14:10.
    ("Tenzin Dorji", "tenzin.dorji@example.bt", "07/31/2024 01:05:00 PM", "07/31/2024 02:00:00 PM"),
    ("Tenzin (phone)", "tenzin.dorji@example.bt", "07/31/2024 01:30:00 PM", "07/31/2024 02:10:00 PM"),
    ("Ana Popescu", "ana.popescu@example.md", "07/31/2024 01:02:10 PM", "07/31/2024 02:30:00 PM"),
    ("Bold Erdene", "bold.erdene@example.mn", "07/31/2024 01:10:00 PM", "07/31/2024 01:55:00 PM"),
    ("Sokha Chan", "sokha.chan@example.kh", "07/31/2024 01:00:30 PM", "07/31/2024 02:29:30 PM"),
    # Aziz registered at 13:10, during the webinar: Zoom let him in.
    ("Aziz Nazarov", "aziz.nazarov@example.tj", "07/31/2024 01:12:00 PM", "07/31/2024 02:30:00 PM"),
    ("Nilufar Karimova", "nilufar.karimova@example.uz", "07/31/2024 01:00:00 PM", "07/31/2024 02:15:00 PM"),
    # Kyaw joined by phone without an e-mail: matched on the name.
    ("Kyaw Min", "", "07/31/2024 01:20:00 PM", "07/31/2024 02:30:00 PM"),
    # A walk-in who never registered.
    ("Guest Viewer", "guest.viewer@example.org", "07/31/2024 01:40:00 PM", "07/31/2024 01:50:00 PM"),
]
NEVER_CAME = [("Sita Rai", "sita.rai@example.np"), ("Maria Soares", "maria.soares@example.tl")]


def write(name: str, rows: list, bom: bool = False) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    (OUT / name).write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")


def zoom_registration_report() -> None:
    rows = [
        ["Registration Report"],
        ["Report Generated:", "Aug 01, 2024 09:12:44"],
        ["Topic", "Webinar ID", "Scheduled Time", "Duration (minutes)", "# Registered"],
        [TOPIC, WEBINAR_ID, "Jul 31, 2024 13:00:00", "90", str(len(ZOOM_REGISTRANTS))],
        [],
        ["First Name", "Last Name", "Email", "Registration Time", "Approval Status", "Country/Region",
         "Organization", "What best describes you?", "Preferred language"],
    ]
    rows += [list(r) for r in ZOOM_REGISTRANTS]
    write("zoom_registration_report.csv", rows)


def google_forms_responses() -> None:
    rows = [["Timestamp", "Email address", "Full name", "Country", "Organisation", "I am a",
             "Language you will follow", "I agree to the processing of my registration"]]
    rows += [list(r) for r in FORM_RESPONSES]
    write("google_forms_responses.csv", rows, bom=True)


def zoom_attendee_report() -> None:
    header = ["Attended", "User Name (Original Name)", "Email", "Join Time", "Leave Time",
              "Time in Session (minutes)", "Is Guest"]

    def minutes(join: str, leave: str) -> str:
        from datetime import datetime
        f = "%m/%d/%Y %I:%M:%S %p"
        return str(round((datetime.strptime(leave, f) - datetime.strptime(join, f)).total_seconds() / 60))

    def section(title: str, people: list) -> list:
        out = [[title], header]
        out += [["Yes", n, e, j, l, minutes(j, l), "No"] for n, e, j, l in people]
        return out

    rows = [
        ["Attendee Report"],
        ["Report Generated:", "08/01/2024 09:15:02 AM"],
        ["Topic", "Webinar ID", "Actual Start Time", "Actual Duration (minutes)", "# Registered",
         "Unique Viewers", "Total Users"],
        [TOPIC, WEBINAR_ID, "07/31/2024 12:45:00 PM", "115", str(len(ZOOM_REGISTRANTS)), "10", str(len(JOINS))],
    ]
    rows += section("Host Details", HOSTS) + section("Panelist Details", PANELISTS)
    rows += section("Attendee Details", JOINS)
    rows += [["No", n, e, "--", "--", "", "No"] for n, e in NEVER_CAME]
    write("zoom_attendee_report.csv", rows)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    zoom_registration_report()
    google_forms_responses()
    zoom_attendee_report()
