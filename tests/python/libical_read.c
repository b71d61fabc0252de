/* Reads kix's calendar files with libical (the library Evolution and KDE use)
 * and prints, as one JSON object keyed by file name, what it makes of them:
 * every VEVENT's properties, every occurrence (series expanded by
 * icalcomponent_foreach_recurrence, overrides put in place of the instances
 * they replace), libical's own errors (RFC 5546 restrictions included: the
 * file's METHOD is checked with icalrestriction_check), and the instant each
 * probe wall time has under each VTIMEZONE block of the file.
 *
 *   cc libical_read.c $(pkg-config --cflags --libs libical) -o libical_read
 *   ./libical_read PROBES.txt FILE.ics... > out.json
 *
 * PROBES.txt has one "ZONE YYYYMMDDTHHMMSS" per line. The expected answers are
 * not here: tests/python/test_calendar_corpus.py computes them with zoneinfo.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PROBES 20000
#define MAX_OVERRIDES 4096

static char *probe_zone[MAX_PROBES];
static char *probe_wall[MAX_PROBES];
static int probe_count;

static void json_string(const char *s) {
    if (s == NULL) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (*p < 0x20) printf("\\u%04x", *p);
            else putchar(*p);
        }
    }
    putchar('"');
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) n = 0;
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static long long instant(struct icaltimetype t) {
    return (long long)icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
}

static icalcomponent *current_root;

/* The RECURRENCE-ID as an instant: icalcomponent_get_recurrenceid does not resolve
 * its TZID (get_dtstart does), so it is read with the file's VTIMEZONE, as clients do. */
static long long recurrence_instant(icalcomponent *e) {
    icalproperty *p = icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY);
    struct icaltimetype t = icalproperty_get_recurrenceid(p);
    icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    if (tzid && !t.zone) t.zone = icalcomponent_get_timezone(current_root, icalparameter_get_tzid(tzid));
    return instant(t);
}

static void person(icalproperty *p) {
    /* The typed getter decodes RFC 6868 (^' ^n ^^); get_parameter_as_string gives the value
     * as libical would write it again. */
    icalparameter *cn_param = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
    const char *cn = cn_param ? icalparameter_get_cn(cn_param) : NULL;
    const char *partstat = icalproperty_get_parameter_as_string(p, "PARTSTAT");
    const char *rsvp = icalproperty_get_parameter_as_string(p, "RSVP");
    fputs("{\"cn\": ", stdout);
    json_string(cn);
    fputs(", \"uri\": ", stdout);
    json_string(icalproperty_get_value_as_string(p));
    fputs(", \"partstat\": ", stdout);
    json_string(partstat);
    fputs(", \"rsvp\": ", stdout);
    json_string(rsvp);
    putchar('}');
}

static void describe(icalcomponent *e) {
    icalproperty *p;
    fputs("{\"uid\": ", stdout);
    json_string(icalcomponent_get_uid(e));
    fputs(", \"recurrence_id\": ", stdout);
    if (icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY))
        printf("%lld", recurrence_instant(e));
    else
        fputs("null", stdout);
    fputs(", \"summary\": ", stdout);
    json_string(icalcomponent_get_summary(e));
    fputs(", \"description\": ", stdout);
    json_string(icalcomponent_get_description(e));
    fputs(", \"location\": ", stdout);
    json_string(icalcomponent_get_location(e));
    fputs(", \"url\": ", stdout);
    p = icalcomponent_get_first_property(e, ICAL_URL_PROPERTY);
    json_string(p ? icalproperty_get_url(p) : NULL);
    fputs(", \"status\": ", stdout);
    p = icalcomponent_get_first_property(e, ICAL_STATUS_PROPERTY);
    json_string(p ? icalproperty_status_to_string(icalproperty_get_status(p)) : NULL);
    fputs(", \"sequence\": ", stdout);
    p = icalcomponent_get_first_property(e, ICAL_SEQUENCE_PROPERTY);
    if (p) printf("%d", icalproperty_get_sequence(p)); else fputs("null", stdout);
    fputs(", \"organizer\": ", stdout);
    p = icalcomponent_get_first_property(e, ICAL_ORGANIZER_PROPERTY);
    if (p) person(p); else fputs("null", stdout);
    fputs(", \"attendees\": [", stdout);
    int first = 1;
    for (p = icalcomponent_get_first_property(e, ICAL_ATTENDEE_PROPERTY); p;
         p = icalcomponent_get_next_property(e, ICAL_ATTENDEE_PROPERTY)) {
        if (!first) fputs(", ", stdout);
        first = 0;
        person(p);
    }
    fputs("], \"alarms\": [", stdout);
    first = 1;
    for (icalcomponent *a = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT); a;
         a = icalcomponent_get_next_component(e, ICAL_VALARM_COMPONENT)) {
        icalproperty *t = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
        if (!t) continue;
        if (!first) fputs(", ", stdout);
        first = 0;
        printf("%d", icaldurationtype_as_int(icalproperty_get_trigger(t).duration));
    }
    fputs("]}", stdout);
}

struct expansion {
    const char *uid;
    long long overrides[MAX_OVERRIDES];
    int override_count;
    int printed;
};

static void occurrence(const char *uid, long long start, long long end, int *printed) {
    if (*printed) fputs(", ", stdout);
    *printed = 1;
    fputs("{\"uid\": ", stdout);
    json_string(uid);
    printf(", \"start\": %lld, \"end\": %lld}", start, end);
}

static int occurrences_printed;

static void on_instance(icalcomponent *comp, struct icaltime_span *span, void *data) {
    struct expansion *x = data;
    (void)comp;
    for (int i = 0; i < x->override_count; i++)
        if (x->overrides[i] == (long long)span->start) return;
    occurrence(x->uid, (long long)span->start, (long long)span->end, &occurrences_printed);
}

static void errors_of(icalcomponent *c, int *printed) {
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
        if (*printed) fputs(", ", stdout);
        *printed = 1;
        json_string(icalproperty_get_xlicerror(p));
    }
    for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
         s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        errors_of(s, printed);
}

static void read_calendar(const char *path) {
    char *text = read_file(path);
    icalcomponent *root = text ? icalparser_parse_string(text) : NULL;
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    json_string(name);
    fputs(": ", stdout);
    if (!root) {
        fputs("{\"error\": \"unreadable\"}", stdout);
        free(text);
        return;
    }
    current_root = root;
    icalproperty *method = icalcomponent_get_first_property(root, ICAL_METHOD_PROPERTY);
    if (method) icalrestriction_check(root);
    fputs("{\"method\": ", stdout);
    json_string(method ? icalproperty_method_to_string(icalproperty_get_method(method)) : NULL);
    fputs(", \"errors\": [", stdout);
    int printed = 0;
    errors_of(root, &printed);
    fputs("], \"events\": [", stdout);
    printed = 0;
    for (icalcomponent *e = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        if (printed) fputs(", ", stdout);
        printed = 1;
        describe(e);
    }
    fputs("], \"occurrences\": [", stdout);
    occurrences_printed = 0;
    struct icaltimetype from = icaltime_from_string("19700101T000000Z");
    struct icaltimetype to = icaltime_from_string("20990101T000000Z");
    for (icalcomponent *e = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        const char *uid = icalcomponent_get_uid(e);
        if (icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY)) {
            occurrence(uid, instant(icalcomponent_get_dtstart(e)), instant(icalcomponent_get_dtend(e)),
                       &occurrences_printed);
            continue;
        }
        if (!icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY)) {
            occurrence(uid, instant(icalcomponent_get_dtstart(e)), instant(icalcomponent_get_dtend(e)),
                       &occurrences_printed);
            continue;
        }
        static struct expansion x;
        x.uid = uid;
        x.override_count = 0;
        for (icalcomponent *o = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); o;
             o = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
            if (o != e && icalcomponent_get_first_property(o, ICAL_RECURRENCEID_PROPERTY) &&
                strcmp(icalcomponent_get_uid(o), uid) == 0 && x.override_count < MAX_OVERRIDES)
                x.overrides[x.override_count++] = recurrence_instant(o);
        }
        /* The iteration above moved the root's component cursor: find e again. */
        icalcomponent *again = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT);
        while (again && again != e) again = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT);
        icalcomponent_foreach_recurrence(e, from, to, on_instance, &x);
    }
    fputs("], \"zones\": {", stdout);
    printed = 0;
    for (icalcomponent *z = icalcomponent_get_first_component(root, ICAL_VTIMEZONE_COMPONENT); z;
         z = icalcomponent_get_next_component(root, ICAL_VTIMEZONE_COMPONENT)) {
        icalproperty *id = icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY);
        const char *tzid = id ? icalproperty_get_tzid(id) : "";
        icaltimezone *zone = icalcomponent_get_timezone(root, tzid);
        if (printed) fputs(", ", stdout);
        printed = 1;
        json_string(tzid);
        fputs(": [", stdout);
        int first = 1;
        for (int i = 0; i < probe_count; i++) {
            if (strcmp(probe_zone[i], tzid) != 0) continue;
            if (!first) fputs(", ", stdout);
            first = 0;
            printf("%lld", (long long)icaltime_as_timet_with_zone(icaltime_from_string(probe_wall[i]), zone));
        }
        putchar(']');
    }
    fputs("}}", stdout);
    icalcomponent_free(root);
    free(text);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: libical_read PROBES.txt FILE.ics...\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    char zone[128], wall[64];
    while (f && probe_count < MAX_PROBES && fscanf(f, "%127s %63s", zone, wall) == 2) {
        probe_zone[probe_count] = strdup(zone);
        probe_wall[probe_count] = strdup(wall);
        probe_count++;
    }
    if (f) fclose(f);
    putchar('{');
    for (int i = 2; i < argc; i++) {
        if (i > 2) fputs(", ", stdout);
        read_calendar(argv[i]);
    }
    puts("}");
    return 0;
}
