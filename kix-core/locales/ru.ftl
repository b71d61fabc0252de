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
registration-control_character = Поле «{ $field }» содержит управляющий символ (перевод строки, табуляцию или другой невидимый код); удалите его.
registration-bidi_control = Поле «{ $field }» содержит символ, меняющий направление окружающего текста; проверьте, что оно читается так, как задумано.
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

## Страницы регистрации (идентификаторы с префиксом "page-"): подписи, подсказки и итоги.
page-this-language = Русский
page-languages = Языки этой страницы
page-when = Когда
page-organisers = Организаторы
page-your-time = В вашем часовом поясе
page-your-zone = Ваш часовой пояс
page-no-script-time = Время в вашем поясе будет показано, когда вы выберете страну, или при включённом JavaScript.
page-seats-left = { $count ->
    [0] Свободных мест не осталось.
    [one] Осталось { $count } место.
    [few] Осталось { $count } места.
   *[many] Осталось { $count } мест.
}
page-seats-unlimited = Число мест не ограничено.
page-waiting-list = Если все места заняты, можно встать в лист ожидания.
page-form-title = Регистрация
page-required = обязательно
page-name-label = Имя и фамилия
page-name-hint = Так, как они должны стоять в списке участников.
page-email-label = Адрес электронной почты
page-email-hint = На этот адрес придут подтверждение и приглашение в календарь.
page-country-label = Страна
page-country-hint = Страна, в которой вы работаете.
page-country-choose = Выберите страну
page-country-group-hub = Страны хаба
page-country-group-other = Другие страны
page-organisation-label = Организация
page-organisation-hint = Необязательно.
page-audience-label = Вы участвуете как
page-audience-choose = Выберите вариант
page-audience = { $audience ->
    [policy_maker] Лицо, определяющее политику
    [education_stakeholder] Участник сферы образования
    [government_official] Государственный служащий
    [teacher] Учитель
    [academic_researcher] Научный исследователь
   *[other] Другое
}
page-language-label = Язык, на котором вы будете слушать мероприятие
page-language-hint = Язык мероприятия или один из языков синхронного перевода.
page-language-name = { $code ->
    [en] английский
    [ru] русский
    [ar] арабский
   *[other] { $code }
}
page-consent-label = Я согласен(на), чтобы организаторы хранили мою регистрацию и использовали её для этого мероприятия.
page-submit = Зарегистрироваться
page-errors-title = { $count ->
    [one] Чтобы зарегистрироваться, исправьте { $count } ошибку:
    [few] Чтобы зарегистрироваться, исправьте { $count } ошибки:
   *[many] Чтобы зарегистрироваться, исправьте { $count } ошибок:
}
page-registered-title = Спасибо за регистрацию
page-status = { $status ->
    [confirmed] Ваше место подтверждено.
    [pending] Ваша регистрация ждёт одобрения организатора; место за вами пока сохраняется.
    [waitlisted] Все места заняты: вы в листе ожидания, и вам предложат место, как только оно освободится.
    [offered] Для вас освободилось место: подтвердите его, пока предложение в силе.
    [denied] Ваша регистрация не принята.
   *[cancelled] Ваша регистрация отменена.
}
page-starts = Начало
page-download-ics = Добавить в мой календарь (.ics)
page-check-email-title = Проверьте почту
page-check-email = Если с этого адреса можно зарегистрироваться на мероприятие, на него уже отправлено письмо с дальнейшими шагами.
page-back = Вернуться к мероприятию
page-not-found = Такого мероприятия или регистрации нет.
page-internal-error = На нашей стороне произошла ошибка, ничего не изменено. Попробуйте ещё раз чуть позже.
page-manage-title = Ваша регистрация
page-manage-keep = Сохраните адрес этой страницы: это ваша личная ссылка, чтобы просмотреть, изменить или отменить регистрацию. Любой, у кого она есть, сможет сделать то же самое.
page-change-title = Изменить данные
page-change-button = Сохранить изменения
page-cancel-title = Отменить регистрацию
page-cancel-button = Отменить мою регистрацию
page-accept-button = Принять место
page-decline-button = Отказаться от места
page-done = { $action ->
    [cancel] Ваша регистрация отменена; ваше место перейдёт следующему в листе ожидания.
    [accept] Вы приняли место: оно ваше.
    [decline] Вы отказались от места; оно перейдёт следующему в листе ожидания.
   *[update] Изменения сохранены.
}
page-refused-title = Это действие выполнить не удалось
page-too-many = С вашей сети только что отправлено слишком много регистраций. Пожалуйста, повторите попытку через минуту.

## Страницы организатора (идентификаторы с префиксом "page-org-").

page-org-sign-in-title = Вход для организаторов
page-org-token-label = Токен организатора
page-org-token-hint = Выданный вам токен; он начинается с kixo_. Вход действует восемь часов или до выхода.
page-org-sign-in-button = Войти
page-org-sign-in-refused = Этот токен недействителен или отозван.
page-org-signed-in-as = Вы вошли как
page-org-sign-out-button = Выйти
page-org-events-title = Ваши мероприятия
page-org-no-events = Ваш токен не даёт доступа ни к одному мероприятию этого хаба.
page-org-ledger-title = Места
page-org-count = { $what ->
    [capacity] Вместимость
    [confirmed] Подтверждено
    [pending] Ждут одобрения
    [offered] Предложено
    [waitlisted] В листе ожидания
    [free] Свободно
    [cancelled] Отменено
   *[denied] Отклонено
}
page-org-unlimited = без ограничений
page-org-export = Скачать список (CSV)
page-org-capacity-label = Вместимость
page-org-capacity-hint = Число мест; оставьте поле пустым, чтобы снять ограничение. При уменьшении никто не исключается; при увеличении освободившиеся места предлагаются листу ожидания.
page-org-capacity-button = Изменить вместимость
page-org-capacity-invalid = Вместимость должна быть целым числом мест или пустой, если ограничения нет.
page-org-reason-optional-label = Причина (необязательно)
page-org-read-only = Ваш токен даёт право только на чтение: вы видите список и можете скачать его, но не изменить.
page-org-registrations-title = Регистрации
page-org-no-registrations = Пока никто не зарегистрировался.
page-org-status = { $status ->
    [confirmed] Подтверждена
    [pending] Ждёт одобрения
    [waitlisted] В листе ожидания
    [offered] Предложено место
    [denied] Отклонена
   *[cancelled] Отменена
}
page-org-submitted = Зарегистрирован(а)
page-org-history = История
page-org-action = { $action ->
    [submit] Регистрация
    [update] Данные изменены
    [resubmit] Повторная регистрация
    [approve] Одобрена
    [deny] Отклонена
    [cancel] Отменена
    [reinstate] Восстановлена
    [offer] Предложено место
    [accept_offer] Место принято
    [decline_offer] От места отказались
    [expire_offer] Предложение истекло
   *[check_in] Отмечен(а) как присутствующий(ая)
}
page-org-actor = { $actor ->
    [registrant] участником
    [organiser] организатором
   *[system] системой kix
}
page-org-forced = сверх вместимости
page-org-reason-label = Причина
page-org-approve-button = Одобрить
page-org-cancel-button = Отменить регистрацию
page-org-reinstate-button = Восстановить
page-org-deny-reason-label = Причина отказа
page-org-deny-button = Отклонить
page-org-force-confirm = Подтверждаю: одобрить эту регистрацию, хотя все места заняты.
page-org-force-button = Одобрить сверх вместимости
page-org-pages = Страницы списка
page-org-previous = Предыдущая страница
page-org-next = Следующая страница
page-org-done = { $action ->
    [approve] Регистрация { $id } одобрена.
    [deny] Регистрация { $id } отклонена.
    [cancel] Регистрация { $id } отменена.
    [reinstate] Регистрация { $id } восстановлена.
   *[capacity] Вместимость изменена.
}
page-org-over-capacity = Теперь занято больше мест, чем позволяет вместимость; никто не исключён.
page-org-forbidden = Эта форма больше недействительна (сеанс завершён или страница устарела), поэтому ничего не изменено. Откройте страницу заново или войдите снова.
