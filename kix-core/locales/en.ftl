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
registration-control_character = The field “{ $field }” holds a control character (a line break, tab or other invisible code); remove it.
registration-bidi_control = The field “{ $field }” holds a character that changes the direction of the text around it; check that it reads as meant.
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

## The registration pages (ids prefixed "page-"): labels, hints and outcomes.
# This language's own name, for the language switch.
page-this-language = English
page-languages = Languages of this page
page-when = When
page-organisers = Organised by
page-your-time = In your time zone
page-your-zone = Your time zone
page-no-script-time = The time in your zone is shown when you choose your country, or with JavaScript on.
page-seats-left = { $count ->
    [0] No seats are left.
    [one] One seat is left.
   *[other] { $count } seats are left.
}
page-seats-unlimited = Seats are not limited.
page-waiting-list = When all seats are taken, you can still join the waiting list.
page-form-title = Register
page-required = required
page-name-label = Full name
page-name-hint = As you would like it on the list of participants.
page-email-label = E-mail address
page-email-hint = Your confirmation and calendar invitation go to this address.
page-country-label = Country
page-country-hint = The country where you work.
page-country-choose = Choose a country
page-country-group-hub = Countries of the hub
page-country-group-other = Other countries
page-organisation-label = Organisation
page-organisation-hint = Optional.
page-audience-label = You take part as
page-audience-choose = Choose one
page-audience = { $audience ->
    [policy_maker] Policy maker
    [education_stakeholder] Education stakeholder
    [government_official] Government official
    [teacher] Teacher
    [academic_researcher] Academic researcher
   *[other] Other
}
page-language-label = Language you will follow the event in
page-language-hint = The event's language or one of its interpretation languages.
page-language-name = { $code ->
    [en] English
    [ru] Russian
    [ar] Arabic
   *[other] { $code }
}
page-consent-label = I agree that the organisers keep my registration and use it for this event.
page-submit = Register
page-errors-title = { $count ->
    [one] One thing to correct before you can register:
   *[other] { $count } things to correct before you can register:
}
page-registered-title = Thank you for registering
page-status = { $status ->
    [confirmed] Your seat is confirmed.
    [pending] Your registration waits for an organiser's approval; your seat is held meanwhile.
    [waitlisted] The event is full: you are on the waiting list, and you will be offered a seat when one is freed.
    [offered] A seat has been freed for you: accept it before the offer runs out.
    [denied] Your registration was not accepted.
   *[cancelled] Your registration is cancelled.
}
page-starts = Starts
page-download-ics = Add to my calendar (.ics)
page-check-email-title = Check your e-mail
page-check-email = If this address can register for the event, a message is on its way to it with what to do next.
page-back = Back to the event
page-not-found = There is no such event or registration.
page-internal-error = Something went wrong on our side, and nothing was changed. Please try again in a moment.
page-manage-title = Your registration
page-manage-keep = Keep this page's address: it is your own link to see, change or cancel your registration. Anyone who has it can do the same.
page-change-title = Change your details
page-change-button = Save the changes
page-cancel-title = Cancel your registration
page-cancel-button = Cancel my registration
page-accept-button = Accept the seat
page-decline-button = Decline the seat
page-done = { $action ->
    [cancel] Your registration is cancelled; your seat goes to the next person waiting.
    [accept] You accepted the seat: it is yours.
    [decline] You declined the seat; it goes to the next person waiting.
   *[update] Your changes are saved.
}
page-refused-title = This could not be done
page-too-many = Too many registrations were sent from your network just now. Please try again in a minute.

## The organiser's pages (ids prefixed "page-org-").

page-org-sign-in-title = Organiser sign-in
page-org-token-label = Organiser token
page-org-token-hint = The token you were given; it starts with kixo_. You stay signed in for eight hours, or until you sign out.
page-org-sign-in-button = Sign in
page-org-sign-in-refused = This token is not valid, or it has been revoked.
page-org-signed-in-as = Signed in as
page-org-sign-out-button = Sign out
page-org-events-title = Your events
page-org-no-events = Your token covers none of this hub's events.
page-org-ledger-title = Seats
page-org-count = { $what ->
    [capacity] Capacity
    [confirmed] Confirmed
    [pending] Pending approval
    [offered] Offered
    [waitlisted] Waiting list
    [free] Free
    [cancelled] Cancelled
   *[denied] Denied
}
page-org-unlimited = unlimited
page-org-export = Download the list (CSV)
page-org-capacity-label = Capacity
page-org-capacity-hint = The number of seats; leave it empty for no limit. Lowering it drops nobody; raising it offers the freed seats to the waiting list.
page-org-capacity-button = Change the capacity
page-org-capacity-invalid = The capacity must be a whole number of seats, or empty for no limit.
page-org-reason-optional-label = Reason (optional)
page-org-read-only = Your token may only read: it can see the list and download it, not change it.
page-org-registrations-title = Registrations
page-org-no-registrations = No one has registered yet.
page-org-status = { $status ->
    [confirmed] Confirmed
    [pending] Waiting for approval
    [waitlisted] On the waiting list
    [offered] Offered a seat
    [denied] Denied
   *[cancelled] Cancelled
}
page-org-submitted = Registered
page-org-history = History
page-org-action = { $action ->
    [submit] Registered
    [update] Details changed
    [resubmit] Registered again
    [approve] Approved
    [deny] Denied
    [cancel] Cancelled
    [reinstate] Reinstated
    [offer] Offered a seat
    [accept_offer] Accepted the seat
    [decline_offer] Declined the seat
    [expire_offer] Offer expired
   *[check_in] Checked in
}
page-org-actor = { $actor ->
    [registrant] by the registrant
    [organiser] by an organiser
   *[system] by kix
}
page-org-forced = past capacity
page-org-reason-label = Reason
page-org-approve-button = Approve
page-org-cancel-button = Cancel the registration
page-org-reinstate-button = Reinstate
page-org-deny-reason-label = Reason for denying
page-org-deny-button = Deny
page-org-force-confirm = I confirm: approve this registration although every seat is taken.
page-org-force-button = Approve past capacity
page-org-pages = Pages of the list
page-org-previous = Previous page
page-org-next = Next page
page-org-done = { $action ->
    [approve] Registration { $id } is approved.
    [deny] Registration { $id } is denied.
    [cancel] Registration { $id } is cancelled.
    [reinstate] Registration { $id } is reinstated.
   *[capacity] The capacity is changed.
}
page-org-over-capacity = More seats are now held than the capacity allows; nobody was dropped.
page-org-forbidden = This form is no longer valid (your session has ended or the page is out of date), so nothing was changed. Open the page again, or sign in again.
