# kix violation messages: English.
# One message per violation code; the id is the code with "." turned into "-".
# Variables are the code's declared parameters (kix_core::Code::params) and $path.

list-separator = {", "}
# A written listing notes a zone whose times fall on another date than the organiser's.
listing-next-day = next day
listing-previous-day = previous day

country-unknown = “{ $text }” names no country that ISO 3166-1 knows.
country-ambiguous = “{ $text }” could mean several countries: { $candidates }.

hub-duplicate_id = The id “{ $id }” is used twice (first at item { $first_index }).
hub-country_in_two_sub_regions = { $country } belongs to two sub-regions over overlapping periods: { $sub_regions }.
hub-overlapping_assignments = Sub-region “{ $sub_region }” is assigned to { $partners } over overlapping periods.
hub-sub_region_without_partner = Sub-region “{ $sub_region }” has no partner assigned to it.
hub-unknown_country = { $country } is not a member of the hub.
hub-unknown_partner = The hub lists no organisation “{ $partner }”.
hub-unknown_sub_region = The hub lists no sub-region “{ $sub_region }”.
hub-unknown_time_zone = “{ $zone }” is not an IANA time zone.
hub-country_without_zone = { $country } has no time zone.
hub-invalid_subdivision = “{ $subdivision }” is not an ISO 3166-2 subdivision of { $country }.
hub-invalid_period = The period ends ({ $until }) before it starts ({ $from }).
hub-country_unassigned = { $country } is covered by no partner.

timeline-outside_project = { $date } lies outside every phase of the project.

time-unknown_zone = “{ $label }” is not a time zone kix knows.
time-ambiguous_zone_label = “{ $label }” could mean any of { $candidates }; name a city as well.
time-nonexistent_local_time = { $local } does not exist in { $zone }: the clocks skip it (offset { $earlier_offset } before, { $later_offset } after).
time-ambiguous_local_time = { $local } happens twice in { $zone }: at offset { $earlier_offset } and again at { $later_offset }.
time-label_season_mismatch = { $abbreviation } ({ $abbreviation_offset }) does not apply on that date in { $zone }: the time there is { $true_abbreviation } ({ $true_offset }).
time-listing_mismatch = The listing gives { $given_start }–{ $given_end } for { $label }, but the organiser's time there is { $expected_start }–{ $expected_end }.
time-weekday_mismatch = { $date } is a { $weekday_actual }, not a { $weekday_given }.
time-unparseable = { $part ->
    [date_text] The date
   *[other] The time
} “{ $text }” cannot be read.

event-missing_field = The event's field “{ $field }” is empty.
event-end_not_after_start = The event ends ({ $end }) no later than it starts ({ $start }).
event-invalid_end = The event's end and duration ({ $duration_minutes } minutes) disagree, or neither is given.
event-agenda_outside = An agenda item ({ $item_start } – { $item_end }) lies outside the event ({ $event_start } – { $event_end }).
event-interpretation_same_as_language = Interpretation into “{ $language }” is the event's own language or is listed twice.
event-unknown_language = “{ $language }” is not an ISO 639-1 language code.
event-unknown_organisation = The hub lists no organisation “{ $organisation }”.
event-duplicate_id = Two events share the id “{ $id }”.
event-duplicate_number = Two events of series “{ $series }” have number { $number }.
event-invalid_registration_window = Registration closes ({ $closes_at }) before it opens ({ $opens_at }).

schedule-conflict = Events “{ $event }” and “{ $other_event }” overlap in time and share an audience or countries.

registration-missing_field = The field “{ $field }” is required.
registration-too_long = The field “{ $field }” has { $length } characters; at most { $max } are accepted.
registration-invalid_email = This is not a valid e-mail address.
registration-duplicate = This e-mail is already registered for the event.
registration-unknown_country = “{ $country }” is no country code or name that ISO 3166-1 knows.
registration-country_not_eligible = The event is open only to participating countries, and { $country } is not one of them.
registration-not_invited = This event is by invitation only.
registration-unknown_audience = “{ $audience }” is not one of the audiences: { $allowed }.
registration-language_not_offered = “{ $language }” is not offered; the event offers { $offered }.
registration-not_open = Registration opens at { $opens_at }.
registration-closed = { $cancelled ->
    [true] The event was cancelled.
   *[other] Registration closed at { $closes_at }.
}
registration-full = No seats are left: the capacity is { $capacity ->
    [one] { $capacity } seat
   *[other] { $capacity } seats
}.
registration-consent_required = The event requires consent.
registration-invalid_timestamp = The submission time “{ $submitted_at }” is not an RFC 3339 instant with an offset.
registration-invalid_transition = Registration “{ $id }” is { $from }; it cannot become { $to }.
registration-over_capacity = { $held } seats are held for a capacity of { $capacity }; nobody was dropped.
registration-denied = An organiser denied this registration; it can be reinstated, not submitted again.
registration-unknown_id = No registration “{ $id }” in this book.
registration-cancel_deadline_passed = Registrants could cancel until { $deadline }; an organiser still can.

catalogue-unknown_country = { $country } is not a member of the hub.
catalogue-unknown_organisation = The hub lists no organisation “{ $organisation }”.
catalogue-unknown_sub_region = The hub lists no sub-region “{ $sub_region }”.
catalogue-unknown_language = “{ $language }” is not an ISO 639-1 language code.
catalogue-unknown_reference = The linked training cycle, nominee or event does not exist.
catalogue-nominee_not_completed = The nominee's status in cycle “{ $cycle }” is { $status }, not completed.
catalogue-invalid_link = “{ $link }” is not an http(s) link.
catalogue-missing_field = The field “{ $field }” is empty.
catalogue-outside_project = The product is dated { $published_on }, outside every project phase.

grant-invalid_period = The grant ends ({ $end }) before it starts ({ $start }).
grant-outside_project = The grant's period ({ $start } – { $end }) does not lie inside one project phase.
grant-non_positive_amount = { $amount } is not a positive amount.
grant-over_ceiling = { $amount } is over the ceiling of { $ceiling }.
grant-ceiling_currency_mismatch = The ceiling ({ $ceiling }) and the grant ({ $amount }) are in different currencies: kix converts nothing.
grant-country_not_participating = { $country } does not participate in the hub.
grant-unknown_organisation = The hub lists no organisation “{ $organisation }”.

training-quota_exceeded = { $country } already holds { $held } of its { $quota } seats in this cycle.
training-endorsed_after_start = Endorsed on { $endorsed_on }, after the cycle started on { $start }.
training-outside_project = The training cycle lies (partly) outside every project phase.
training-country_not_participating = { $country } does not participate in cycle “{ $cycle }”.
training-duplicate_nominee = This person is already nominated in this cycle (nomination { $first_index }).
training-invalid_transition = A { $from } nomination cannot become { $to }.
training-missing_field = The field “{ $field }” is required.
training-invalid_date = A date is out of order at { $path }.

event-invalid_offer_hours = An offer of a freed seat must run for at least one hour (it is set to { $offer_hours }).
registration-mixed_script_email = The e-mail part “{ $part }” mixes Latin letters with Cyrillic or Greek ones that look alike.
registration-undecodable_text = The field “{ $field }” holds text that could not be decoded.
registration-invalid_value = The field “{ $field }” holds a value of the wrong kind: { $kind } { $found }.
attendance-unreadable_row = Row { $row } of the attendee report has no readable join and leave time, or leaves before it joins; it is left out.

# Series and calendar files.
event-invalid_email = The organiser's e-mail is not a valid address: { $reason }.
event-invalid_recurrence = The series' rule cannot be used: { $reason ->
    [interval_zero] it must repeat every one or more days, weeks or months
    [count_zero] it must have at least one occurrence
    [count_and_until] give a count or an end date, not both
    [unbounded] give a count or an end date
    [until_before_start] it ends before it starts
    [by_day_not_weekly] weekdays apply to weekly and monthly series only
    [start_not_on_by_day] the start is on none of its weekdays
    [too_many] it has more than 1000 occurrences
    [occurrence_listed_twice] an occurrence is cancelled or moved twice
    [monthly_only] days of the month, the nth weekday and set positions apply to monthly series only
    [day_out_of_range] a day of the month, an nth weekday or a set position is out of range
    [start_not_on_rule] the start is not one of the days its rule gives
    [extra_date_before_start] an extra date is not after the series' start
   *[other] { $reason }
}.
event-unknown_occurrence = { $cancelled ->
    [true] The occurrence starting at { $occurrence } was cancelled.
   *[other] The series has no occurrence starting at { $occurrence }.
}
registration-occurrence_ignored = The event takes registrations for the whole series: the occurrence { $occurrence } is ignored.
calendar-sequence_not_raised = The times of “{ $event }” changed but its sequence is still { $sequence } (it was { $previous_sequence }): calendars would keep the old times.
calendar-fold_start = { $local } happens twice in { $zone }: calendar applications disagree on which is meant, so the file gives it in UTC.
