// Reads kix's calendar files with Mozilla's ical.js (the parser Thunderbird uses)
// and prints, as JSON, what it makes of them: every VEVENT's properties, every
// occurrence of every event (series expanded with their exceptions), and — for
// the "cached VTIMEZONE" check — the instant each probe wall time has under
// each VTIMEZONE block of the file, read alone.
//
//   node tools/js/ics-read.mjs DIR PROBES.json > out.json
//
// PROBES.json maps a zone name to wall times ("2031-03-30T02:30:00"). The
// expected answers are not here: tests/python/test_calendar_corpus.py computes
// them with Python's zoneinfo.

import fs from "node:fs";
import path from "node:path";
import ICAL from "ical.js";

const [dir, probesFile] = process.argv.slice(2);
const probes = probesFile ? JSON.parse(fs.readFileSync(probesFile, "utf8")) : {};

const text = (component, name) => {
  const p = component.getFirstProperty(name);
  return p === null ? null : String(p.getFirstValue());
};

const person = (p) => ({
  cn: p.getParameter("cn") ?? null,
  uri: String(p.getFirstValue()),
  partstat: p.getParameter("partstat") ?? null,
  rsvp: p.getParameter("rsvp") ?? null,
});

const seconds = (t) => t.toUnixTime();

function describe(vevent) {
  const organizer = vevent.getFirstProperty("organizer");
  return {
    uid: text(vevent, "uid"),
    recurrence_id: vevent.hasProperty("recurrence-id") ? seconds(vevent.getFirstPropertyValue("recurrence-id")) : null,
    summary: text(vevent, "summary"),
    description: text(vevent, "description"),
    location: text(vevent, "location"),
    url: text(vevent, "url"),
    status: text(vevent, "status"),
    sequence: vevent.hasProperty("sequence") ? Number(vevent.getFirstPropertyValue("sequence")) : null,
    organizer: organizer === null ? null : person(organizer),
    attendees: vevent.getAllProperties("attendee").map(person),
    alarms: vevent.getAllSubcomponents("valarm").map((a) => a.getFirstPropertyValue("trigger").toSeconds()),
  };
}

function read(file) {
  const root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  const vevents = root.getAllSubcomponents("vevent");
  const exceptions = vevents.filter((v) => v.hasProperty("recurrence-id"));
  const occurrences = [];
  for (const master of vevents.filter((v) => !v.hasProperty("recurrence-id"))) {
    const uid = text(master, "uid");
    const event = new ICAL.Event(master, { exceptions: exceptions.filter((v) => text(v, "uid") === uid) });
    if (!event.isRecurring()) {
      occurrences.push({ uid, start: seconds(event.startDate), end: seconds(event.endDate), summary: event.summary });
      continue;
    }
    const it = event.iterator();
    for (let next = it.next(), n = 0; next && n < 5000; next = it.next(), n++) {
      const d = event.getOccurrenceDetails(next);
      occurrences.push({ uid, start: seconds(d.startDate), end: seconds(d.endDate), summary: d.item.summary });
    }
  }
  const zones = {};
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtz);
    zones[zone.tzid] = (probes[zone.tzid] ?? []).map((wall) => {
      const t = ICAL.Time.fromDateTimeString(wall);
      return seconds(ICAL.Time.fromData({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }, zone));
    });
  }
  return {
    method: text(root, "method"),
    events: vevents.map(describe),
    occurrences,
    zones,
  };
}

const out = {};
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".ics")).sort()) {
  try {
    out[name] = read(path.join(dir, name));
  } catch (e) {
    out[name] = { error: String(e && e.stack ? e.stack : e) };
  }
}
process.stdout.write(JSON.stringify(out));
