# kix violation messages: Russian.
# One message per violation code; the id is the code with "." turned into "-".
# Country parameters arrive as names in the nominative case, so they stand as
# the subject, after a colon, or in apposition to «страна».

list-separator = {", "}
# A written listing notes a zone whose times fall on another date than the organiser's.
listing-next-day = на следующий день
listing-previous-day = накануне

country-unknown = «{ $text }» не является названием страны по ISO 3166-1.
country-ambiguous = «{ $text }» может означать несколько стран: { $candidates }.

hub-duplicate_id = Идентификатор «{ $id }» встречается дважды (впервые — в элементе { $first_index }).
hub-country_in_two_sub_regions = Страна { $country } в пересекающиеся периоды входит в два субрегиона: { $sub_regions }.
hub-overlapping_assignments = Субрегион «{ $sub_region }» закреплён за несколькими партнёрами в пересекающиеся периоды: { $partners }.
hub-sub_region_without_partner = За субрегионом «{ $sub_region }» не закреплён ни один партнёр.
hub-unknown_country = Страна { $country } не входит в число участников хаба.
hub-unknown_partner = Организации «{ $partner }» нет в списке хаба.
hub-unknown_sub_region = Субрегиона «{ $sub_region }» нет в списке хаба.
hub-unknown_time_zone = «{ $zone }» не является часовым поясом IANA.
hub-country_without_zone = У страны { $country } не указан часовой пояс.
hub-invalid_subdivision = «{ $subdivision }» не является кодом ISO 3166-2 для страны { $country }.
hub-invalid_period = Период заканчивается ({ $until }) раньше, чем начинается ({ $from }).
hub-country_unassigned = Страна { $country } не закреплена ни за одним партнёром.

timeline-outside_project = Дата { $date } не входит ни в один этап проекта.

time-unknown_zone = «{ $label }» не является часовым поясом, известным kix.
time-ambiguous_zone_label = «{ $label }» может означать любой из поясов: { $candidates }. Укажите также город.
time-nonexistent_local_time = Времени { $local } в поясе { $zone } не существует: при переводе часов оно пропускается (смещение { $earlier_offset } до перевода и { $later_offset } после).
time-ambiguous_local_time = Время { $local } в поясе { $zone } наступает дважды: со смещением { $earlier_offset } и затем со смещением { $later_offset }.
time-label_season_mismatch = Обозначение { $abbreviation } ({ $abbreviation_offset }) не применяется на эту дату в поясе { $zone }: там действует { $true_abbreviation } ({ $true_offset }).
time-listing_mismatch = В анонсе для «{ $label }» указано время { $given_start }–{ $given_end }, но времени организатора там соответствует { $expected_start }–{ $expected_end }.
time-weekday_mismatch = { $date } — это { $weekday_actual ->
    [monday] понедельник
    [tuesday] вторник
    [wednesday] среда
    [thursday] четверг
    [friday] пятница
    [saturday] суббота
    [sunday] воскресенье
   *[other] { $weekday_actual }
}, а не { $weekday_given ->
    [monday] понедельник
    [tuesday] вторник
    [wednesday] среда
    [thursday] четверг
    [friday] пятница
    [saturday] суббота
    [sunday] воскресенье
   *[other] { $weekday_given }
}.
time-unparseable = Не удаётся прочитать { $part ->
    [date_text] дату
   *[other] время
} «{ $text }».

event-missing_field = Поле мероприятия «{ $field }» не заполнено.
event-end_not_after_start = Мероприятие заканчивается ({ $end }) не позже, чем начинается ({ $start }).
event-invalid_end = Окончание мероприятия и его продолжительность ({ $duration_minutes } мин) не согласуются, или не указано ни то ни другое.
event-agenda_outside = Пункт программы ({ $item_start } – { $item_end }) выходит за рамки мероприятия ({ $event_start } – { $event_end }).
event-interpretation_same_as_language = Язык устного перевода «{ $language }» совпадает с языком мероприятия или указан дважды.
event-unknown_language = «{ $language }» не является кодом языка ISO 639-1.
event-unknown_organisation = Организации «{ $organisation }» нет в списке хаба.
event-duplicate_id = У двух мероприятий один и тот же идентификатор «{ $id }».
event-duplicate_number = У двух мероприятий серии «{ $series }» один и тот же номер { $number }.
event-invalid_registration_window = Регистрация закрывается ({ $closes_at }) раньше, чем открывается ({ $opens_at }).

schedule-conflict = Мероприятия «{ $event }» и «{ $other_event }» пересекаются по времени и имеют общую аудиторию или общие страны.

registration-missing_field = Поле «{ $field }» обязательно для заполнения.
registration-too_long = В поле «{ $field }» { $length } { $length ->
    [one] символ
    [few] символа
    [many] символов
   *[other] символа
}, а допускается не более { $max }.
registration-invalid_email = Адрес электронной почты недействителен.
registration-duplicate = Этот адрес электронной почты уже зарегистрирован на мероприятие.
registration-unknown_country = «{ $country }» не является кодом или названием страны по ISO 3166-1.
registration-country_not_eligible = Мероприятие открыто только для стран-участниц, а страна { $country } к ним не относится.
registration-not_invited = Участие в этом мероприятии возможно только по приглашению.
registration-unknown_audience = «{ $audience }» не входит в число целевых аудиторий: { $allowed }.
registration-language_not_offered = Язык «{ $language }» не предусмотрен; доступные языки: { $offered }.
registration-not_open = Регистрация открывается { $opens_at }.
registration-closed = { $cancelled ->
    [true] Мероприятие отменено.
   *[other] Регистрация закрылась { $closes_at }.
}
registration-full = Свободных мест нет: вместимость — { $capacity } { $capacity ->
    [one] место
    [few] места
    [many] мест
   *[other] места
}.
registration-consent_required = Для участия в мероприятии необходимо дать согласие.
registration-invalid_timestamp = Время подачи заявки «{ $submitted_at }» не является отметкой времени в формате RFC 3339 с указанием смещения.
registration-invalid_transition = Регистрация «{ $id }» находится в статусе «{ $from ->
    [confirmed] подтверждена
    [pending] ожидает рассмотрения
    [waitlisted] в листе ожидания
    [offered] место предложено
    [denied] отклонена
    [cancelled] отменена
   *[other] { $from }
}» и не может перейти в статус «{ $to ->
    [confirmed] подтверждена
    [pending] ожидает рассмотрения
    [waitlisted] в листе ожидания
    [offered] место предложено
    [denied] отклонена
    [cancelled] отменена
   *[other] { $to }
}».
registration-over_capacity = Занято { $held } { $held ->
    [one] место
    [few] места
    [many] мест
   *[other] места
} при вместимости { $capacity }; никто не был исключён.
registration-denied = Организатор отклонил эту регистрацию: её можно восстановить, но нельзя подать повторно.
registration-unknown_id = В журнале нет регистрации «{ $id }».
registration-cancel_deadline_passed = Участники могли отменить регистрацию до { $deadline }; организатор может сделать это и сейчас.

catalogue-unknown_country = Страна { $country } не входит в число участников хаба.
catalogue-unknown_organisation = Организации «{ $organisation }» нет в списке хаба.
catalogue-unknown_sub_region = Субрегиона «{ $sub_region }» нет в списке хаба.
catalogue-unknown_language = «{ $language }» не является кодом языка ISO 639-1.
catalogue-unknown_reference = Связанный учебный цикл, кандидат или мероприятие не существует.
catalogue-nominee_not_completed = Кандидат не завершил учебный цикл «{ $cycle }»: статус кандидатуры — «{ $status ->
    [nominated] выдвинута
    [endorsed] одобрена комитетом
    [confirmed] подтверждена
    [withdrawn] отозвана
    [rejected] отклонена
   *[other] { $status }
}».
catalogue-invalid_link = «{ $link }» не является ссылкой http(s).
catalogue-missing_field = Поле «{ $field }» не заполнено.
catalogue-outside_project = Материал датирован { $published_on } — эта дата не входит ни в один этап проекта.

grant-invalid_period = Грант заканчивается ({ $end }) раньше, чем начинается ({ $start }).
grant-outside_project = Срок гранта ({ $start } – { $end }) не укладывается в один этап проекта.
grant-non_positive_amount = Сумма { $amount } не является положительной.
grant-over_ceiling = Сумма { $amount } превышает предельный размер гранта { $ceiling }.
grant-ceiling_currency_mismatch = Предельный размер ({ $ceiling }) и грант ({ $amount }) указаны в разных валютах, а kix не пересчитывает валюты.
grant-country_not_participating = Страна { $country } не участвует в работе хаба.
grant-unknown_organisation = Организации «{ $organisation }» нет в списке хаба.

training-quota_exceeded = Квота исчерпана: у страны { $country } уже { $held } { $held ->
    [one] место
    [few] места
    [many] мест
   *[other] места
} из { $quota } в этом цикле.
training-endorsed_after_start = Кандидатура одобрена { $endorsed_on }, то есть после начала цикла ({ $start }).
training-outside_project = Учебный цикл (полностью или частично) выходит за рамки всех этапов проекта.
training-country_not_participating = Страна { $country } не участвует в цикле «{ $cycle }».
training-duplicate_nominee = Этот человек уже выдвинут в этом цикле (кандидатура { $first_index }).
training-invalid_transition = Кандидатуру со статусом «{ $from ->
    [nominated] выдвинута
    [endorsed] одобрена комитетом
    [confirmed] подтверждена
    [completed] обучение завершено
    [withdrawn] отозвана
    [rejected] отклонена
   *[other] { $from }
}» нельзя перевести в статус «{ $to ->
    [nominated] выдвинута
    [endorsed] одобрена комитетом
    [confirmed] подтверждена
    [completed] обучение завершено
    [withdrawn] отозвана
    [rejected] отклонена
   *[other] { $to }
}».
training-missing_field = Поле «{ $field }» обязательно для заполнения.
training-invalid_date = Нарушен порядок дат: { $path }.

event-invalid_offer_hours = Предложение освободившегося места должно действовать не менее одного часа (сейчас задано { $offer_hours } { $offer_hours ->
    [one] час
    [few] часа
    [many] часов
   *[other] часа
}).
registration-mixed_script_email = В части адреса электронной почты «{ $part }» латинские буквы смешаны с похожими на них кириллическими или греческими.
registration-undecodable_text = Поле «{ $field }» содержит текст, который не удалось декодировать.
registration-invalid_value = В поле «{ $field }» значение неподходящего типа: { $kind } { $found }.
attendance-unreadable_row = В строке { $row } отчёта об участниках не удаётся прочитать время входа и выхода или выход указан раньше входа; эта строка пропущена.

# Серии и файлы календаря.
event-invalid_email = Адрес электронной почты организатора недействителен: { $reason }.
event-invalid_recurrence = Правило повторения серии непригодно: { $reason ->
    [interval_zero] повторять нужно раз в один или больше дней, недель или месяцев
    [count_zero] нужно хотя бы одно занятие
    [count_and_until] укажите число повторений или дату окончания, но не то и другое
    [unbounded] укажите число повторений или дату окончания
    [until_before_start] серия заканчивается раньше, чем начинается
    [by_day_not_weekly] дни недели задаются только для еженедельных и ежемесячных серий
    [start_not_on_by_day] начало не приходится ни на один из дней недели серии
    [too_many] в серии больше 1000 занятий
    [occurrence_listed_twice] одно и то же занятие отменено или перенесено дважды
    [monthly_only] числа месяца, n-й день недели и позиции в наборе задаются только для ежемесячных серий
    [day_out_of_range] число месяца, n-й день недели или позиция в наборе вне допустимых пределов
    [start_not_on_rule] начало не приходится ни на один из дней, которые даёт правило
    [extra_date_before_start] дополнительная дата не позже начала серии
   *[other] { $reason }
}.
event-unknown_occurrence = { $cancelled ->
    [true] Занятие, начинавшееся { $occurrence }, отменено.
   *[other] В серии нет занятия, начинающегося { $occurrence }.
}
registration-occurrence_ignored = Регистрация на это мероприятие идёт на всю серию сразу: занятие { $occurrence } не учитывается.
calendar-sequence_not_raised = Время мероприятия «{ $event }» изменилось, а номер версии по-прежнему { $sequence } (был { $previous_sequence }): календари сохранят старое время.
calendar-fold_start = Время { $local } в зоне { $zone } наступает дважды: календарные приложения понимают его по-разному, поэтому в файле оно указано в UTC.
