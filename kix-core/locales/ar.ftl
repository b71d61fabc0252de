# kix violation messages: Arabic.
# One message per violation code; the id is the code with "." turned into "-".
# Every message begins with an Arabic word so the paragraph runs right to left,
# and Latin text (codes, identifiers) comes only from variables, which are
# isolated for display.

list-separator = {"، "}
# A written listing notes a zone whose times fall on another date than the organiser's.
listing-next-day = في اليوم التالي
listing-previous-day = في اليوم السابق

country-unknown = النص «{ $text }» لا يدل على أي بلد مُدرَج في المعيار الدولي لرموز البلدان.
country-ambiguous = النص «{ $text }» قد يدل على أكثر من بلد: { $candidates }.

hub-duplicate_id = المعرّف { $id } مستخدم مرتين (أول مرة في العنصر { $first_index }).
hub-country_in_two_sub_regions = البلد { $country } تابع لمنطقتين فرعيتين في فترتين متداخلتين: { $sub_regions }.
hub-overlapping_assignments = المنطقة الفرعية { $sub_region } مسندة إلى أكثر من شريك في فترات متداخلة: { $partners }.
hub-sub_region_without_partner = لم يُسند أي شريك إلى المنطقة الفرعية { $sub_region }.
hub-unknown_country = البلد { $country } ليس عضوًا في المركز.
hub-unknown_partner = لا توجد في قائمة المركز منظمة باسم { $partner }.
hub-unknown_sub_region = لا توجد في قائمة المركز منطقة فرعية باسم { $sub_region }.
hub-unknown_time_zone = المنطقة الزمنية { $zone } غير موجودة في قاعدة بيانات المناطق الزمنية.
hub-country_without_zone = لم تُحدَّد أي منطقة زمنية للبلد { $country }.
hub-invalid_subdivision = الرمز { $subdivision } ليس رمز تقسيم إداري للبلد { $country }.
hub-invalid_period = تنتهي الفترة ({ $until }) قبل أن تبدأ ({ $from }).
hub-country_unassigned = البلد { $country } غير مُسنَد إلى أي شريك.

timeline-outside_project = التاريخ { $date } يقع خارج جميع مراحل المشروع.

time-unknown_zone = التسمية { $label } ليست منطقة زمنية معروفة.
time-ambiguous_zone_label = التسمية { $label } قد تدل على أي من المناطق الزمنية التالية: { $candidates }. يُرجى ذكر المدينة أيضًا.
time-nonexistent_local_time = الوقت { $local } غير موجود في المنطقة الزمنية { $zone }، إذ تُقدَّم الساعة فيُتخطّى هذا الوقت (فارق التوقيت { $earlier_offset } قبل التغيير و{ $later_offset } بعده).
time-ambiguous_local_time = الوقت { $local } يقع مرتين في المنطقة الزمنية { $zone }: بفارق { $earlier_offset } ثم بفارق { $later_offset }.
time-label_season_mismatch = الاختصار { $abbreviation } ({ $abbreviation_offset }) لا يسري في هذا التاريخ في المنطقة الزمنية { $zone }، فالتوقيت المعمول به هناك هو { $true_abbreviation } ({ $true_offset }).
time-listing_mismatch = يذكر الإعلان الوقت { $given_start }–{ $given_end } للتسمية { $label }، لكن الوقت المقابل لتوقيت المنظِّم هناك هو { $expected_start }–{ $expected_end }.
time-weekday_mismatch = التاريخ { $date } يوافق يوم { $weekday_actual ->
    [monday] الاثنين
    [tuesday] الثلاثاء
    [wednesday] الأربعاء
    [thursday] الخميس
    [friday] الجمعة
    [saturday] السبت
    [sunday] الأحد
   *[other] { $weekday_actual }
} لا يوم { $weekday_given ->
    [monday] الاثنين
    [tuesday] الثلاثاء
    [wednesday] الأربعاء
    [thursday] الخميس
    [friday] الجمعة
    [saturday] السبت
    [sunday] الأحد
   *[other] { $weekday_given }
}.
time-unparseable = تتعذر قراءة { $part ->
    [date_text] التاريخ
   *[other] الوقت
} «{ $text }».

event-missing_field = حقل الفعالية { $field } فارغ.
event-end_not_after_start = تنتهي الفعالية ({ $end }) قبل بدايتها ({ $start }) أو عندها.
event-invalid_end = نهاية الفعالية ومدتها ({ $duration_minutes ->
    [zero] صفر
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $duration_minutes } دقائق
    [many] { $duration_minutes } دقيقةً
   *[other] { $duration_minutes } دقيقة
}) غير متوافقتين، أو لم تُذكر أي منهما.
event-agenda_outside = أحد بنود جدول الأعمال ({ $item_start } – { $item_end }) يقع خارج وقت الفعالية ({ $event_start } – { $event_end }).
event-interpretation_same_as_language = لغة الترجمة الفورية { $language } هي لغة الفعالية نفسها أو مذكورة مرتين.
event-unknown_language = الرمز { $language } ليس رمز لغة معتمدًا.
event-unknown_organisation = لا توجد في قائمة المركز منظمة باسم { $organisation }.
event-duplicate_id = توجد فعاليتان تحملان المعرّف نفسه { $id }.
event-duplicate_number = توجد فعاليتان من السلسلة { $series } تحملان الرقم نفسه { $number }.
event-invalid_registration_window = يُغلق باب التسجيل ({ $closes_at }) قبل أن يُفتح ({ $opens_at }).

schedule-conflict = الفعاليتان { $event } و{ $other_event } متداخلتان في الوقت وتشتركان في فئة مستهدفة أو في بلدان.

registration-missing_field = الحقل { $field } مطلوب.
registration-too_long = الحقل { $field } أطول من المسموح: عدد أحرفه { $length } والحد الأقصى { $max }.
registration-invalid_email = عنوان البريد الإلكتروني غير صالح.
registration-duplicate = عنوان البريد الإلكتروني هذا مسجَّل بالفعل في الفعالية.
registration-unknown_country = النص «{ $country }» ليس رمزًا أو اسمًا لأي بلد مُدرَج في المعيار الدولي لرموز البلدان.
registration-country_not_eligible = الفعالية مقصورة على البلدان المشاركة، والبلد { $country } ليس منها.
registration-not_invited = المشاركة في هذه الفعالية بدعوة فقط.
registration-unknown_audience = الفئة { $audience } ليست من الفئات المستهدفة: { $allowed }.
registration-language_not_offered = اللغة { $language } غير متاحة؛ اللغات المتاحة: { $offered }.
registration-not_open = يُفتح باب التسجيل في { $opens_at }.
registration-closed = { $cancelled ->
    [true] أُلغيت الفعالية.
   *[other] أُغلق باب التسجيل في { $closes_at }.
}
registration-full = لا توجد مقاعد شاغرة، فالسعة { $capacity ->
    [zero] صفر
    [one] مقعد واحد
    [two] مقعدان
    [few] { $capacity } مقاعد
    [many] { $capacity } مقعدًا
   *[other] { $capacity } مقعد
}.
registration-consent_required = تشترط الفعالية تقديم الموافقة.
registration-invalid_timestamp = وقت الإرسال «{ $submitted_at }» ليس لحظة زمنية صحيحة مقرونة بفارق التوقيت.
registration-invalid_transition = التسجيل { $id } حالته «{ $from ->
    [confirmed] مؤكَّد
    [pending] قيد المراجعة
    [waitlisted] على قائمة الانتظار
    [offered] عُرض عليه مقعد
    [denied] مرفوض
    [cancelled] ملغى
   *[other] { $from }
}»، ولا يمكن نقله إلى الحالة «{ $to ->
    [confirmed] مؤكَّد
    [pending] قيد المراجعة
    [waitlisted] على قائمة الانتظار
    [offered] عُرض عليه مقعد
    [denied] مرفوض
    [cancelled] ملغى
   *[other] { $to }
}».
registration-over_capacity = عدد المقاعد المحجوزة { $held } والسعة { $capacity }؛ لم يُستبعد أحد.
registration-denied = رفض المنظِّم هذا التسجيل؛ يمكن إعادة تفعيله، لكن لا يمكن تقديمه من جديد.
registration-unknown_id = لا يوجد في السجل تسجيل بالمعرّف { $id }.
registration-cancel_deadline_passed = كان بإمكان المسجَّلين الإلغاء حتى { $deadline }؛ أما المنظِّم فما زال بإمكانه ذلك.

catalogue-unknown_country = البلد { $country } ليس عضوًا في المركز.
catalogue-unknown_organisation = لا توجد في قائمة المركز منظمة باسم { $organisation }.
catalogue-unknown_sub_region = لا توجد في قائمة المركز منطقة فرعية باسم { $sub_region }.
catalogue-unknown_language = الرمز { $language } ليس رمز لغة معتمدًا.
catalogue-unknown_reference = دورة التدريب أو المرشَّح أو الفعالية المرتبطة غير موجودة.
catalogue-nominee_not_completed = لم يُكمل المرشَّح دورة التدريب { $cycle }: حالة ترشيحه «{ $status ->
    [nominated] مرشَّح
    [endorsed] معتمد من اللجنة
    [confirmed] مؤكَّد
    [withdrawn] مسحوب
    [rejected] مرفوض
   *[other] { $status }
}».
catalogue-invalid_link = الرابط { $link } ليس رابط ويب صالحًا.
catalogue-missing_field = الحقل { $field } فارغ.
catalogue-outside_project = تاريخ المنتج المعرفي { $published_on } يقع خارج جميع مراحل المشروع.

grant-invalid_period = تنتهي المنحة ({ $end }) قبل أن تبدأ ({ $start }).
grant-outside_project = مدة المنحة ({ $start } – { $end }) لا تقع ضمن مرحلة واحدة من مراحل المشروع.
grant-non_positive_amount = المبلغ { $amount } ليس مبلغًا موجبًا.
grant-over_ceiling = المبلغ { $amount } يتجاوز الحد الأقصى للمنحة { $ceiling }.
grant-ceiling_currency_mismatch = الحد الأقصى ({ $ceiling }) والمنحة ({ $amount }) بعملتين مختلفتين، ولا تُجري المكتبة أي تحويل بين العملات.
grant-country_not_participating = البلد { $country } لا يشارك في المركز.
grant-unknown_organisation = لا توجد في قائمة المركز منظمة باسم { $organisation }.

training-quota_exceeded = تجاوز الحصة: يشغل البلد { $country } بالفعل { $held } من مقاعد حصته البالغة { $quota } في هذه الدورة.
training-endorsed_after_start = اعتُمد الترشيح في { $endorsed_on }، أي بعد بدء الدورة في { $start }.
training-outside_project = دورة التدريب تقع (كليًا أو جزئيًا) خارج جميع مراحل المشروع.
training-country_not_participating = البلد { $country } لا يشارك في الدورة { $cycle }.
training-duplicate_nominee = هذا الشخص مرشَّح بالفعل في هذه الدورة (الترشيح { $first_index }).
training-invalid_transition = لا يمكن نقل ترشيح حالته «{ $from ->
    [nominated] مرشَّح
    [endorsed] معتمد من اللجنة
    [confirmed] مؤكَّد
    [completed] مكتمل
    [withdrawn] مسحوب
    [rejected] مرفوض
   *[other] { $from }
}» إلى الحالة «{ $to ->
    [nominated] مرشَّح
    [endorsed] معتمد من اللجنة
    [confirmed] مؤكَّد
    [completed] مكتمل
    [withdrawn] مسحوب
    [rejected] مرفوض
   *[other] { $to }
}».
training-missing_field = الحقل { $field } مطلوب.
training-invalid_date = ترتيب التواريخ غير صحيح في { $path }.

event-invalid_offer_hours = يجب أن يظل عرض المقعد الذي شغر ساريًا ساعة واحدة على الأقل، والمدة المحددة الآن { $offer_hours ->
    [zero] صفر
    [one] ساعة واحدة
    [two] ساعتان
    [few] { $offer_hours } ساعات
    [many] { $offer_hours } ساعةً
   *[other] { $offer_hours } ساعة
}.
registration-mixed_script_email = يخلط جزء البريد الإلكتروني { $part } بين حروف لاتينية وحروف سيريلية أو يونانية تشبهها.
registration-undecodable_text = يحتوي الحقل { $field } على نص تعذّر فك ترميزه.
registration-control_character = يحتوي الحقل { $field } على محرف تحكّم (فاصل سطر أو جدولة أو رمز آخر غير مرئي)؛ احذفه.
registration-bidi_control = يحتوي الحقل { $field } على محرف يغيّر اتجاه النص المحيط به؛ تحقّق من أنه يُقرأ كما ينبغي.
registration-invalid_value = يحتوي الحقل { $field } على قيمة من نوع غير مناسب: { $kind } { $found }.
attendance-unreadable_row = لا يتضمن الصف { $row } من تقرير الحضور وقتَي انضمام ومغادرة مقروءين، أو يسبق فيه وقتُ المغادرة وقتَ الانضمام؛ لذلك استُبعد هذا الصف.

# السلاسل وملفات التقويم.
event-invalid_email = عنوان البريد الإلكتروني للمنظِّم غير صالح: { $reason }.
event-invalid_recurrence = لا يمكن استخدام قاعدة تكرار السلسلة: { $reason ->
    [interval_zero] يجب أن تتكرر كل يوم أو أسبوع أو شهر واحد أو أكثر
    [count_zero] يجب أن تضم جلسة واحدة على الأقل
    [count_and_until] حدِّد عدد التكرارات أو تاريخ الانتهاء، لا كليهما
    [unbounded] حدِّد عدد التكرارات أو تاريخ الانتهاء
    [until_before_start] تنتهي السلسلة قبل أن تبدأ
    [by_day_not_weekly] أيام الأسبوع تخص السلاسل الأسبوعية والشهرية وحدها
    [start_not_on_by_day] البداية لا تقع في أي يوم من أيام السلسلة
    [too_many] تضم السلسلة أكثر من 1000 جلسة
    [occurrence_listed_twice] أُلغيت جلسة أو نُقلت مرتين
    [monthly_only] أيام الشهر واليوم الترتيبي من الأسبوع والمواضع في المجموعة تخص السلاسل الشهرية وحدها
    [day_out_of_range] يوم الشهر أو اليوم الترتيبي أو الموضع في المجموعة خارج النطاق المسموح
    [start_not_on_rule] البداية لا تقع في أي يوم تعطيه القاعدة
    [extra_date_before_start] تاريخ إضافي لا يقع بعد بداية السلسلة
   *[other] { $reason }
}.
event-unknown_occurrence = { $cancelled ->
    [true] أُلغيت الجلسة التي كانت تبدأ في { $occurrence }.
   *[other] لا توجد في السلسلة جلسة تبدأ في { $occurrence }.
}
registration-occurrence_ignored = التسجيل في هذه الفعالية للسلسلة كلها، لذلك تُهمَل الجلسة { $occurrence }.
calendar-sequence_not_raised = تغيّر موعد الفعالية { $event } لكن رقم إصدارها ما زال { $sequence } (كان { $previous_sequence })، فستحتفظ التقاويم بالموعد القديم.
calendar-fold_start = يتكرر الوقت { $local } مرتين في المنطقة { $zone }: تختلف تطبيقات التقويم في فهمه، لذلك يكتبه الملف بالتوقيت العالمي المنسق.

## صفحات التسجيل (معرّفات تبدأ بـ "page-"): التسميات والإرشادات والنتائج.
page-this-language = العربية
page-languages = لغات هذه الصفحة
page-when = الموعد
page-organisers = الجهة المنظِّمة
page-your-time = بتوقيتك المحلي
page-your-zone = منطقتك الزمنية
page-no-script-time = يظهر الموعد بتوقيتك المحلي عند اختيار بلدك، أو عند تفعيل JavaScript.
page-seats-left = { $count ->
    [0] لم يتبقَّ أي مقعد.
    [one] تبقّى مقعد واحد.
    [two] تبقّى مقعدان.
    [few] تبقّت { $count } مقاعد.
   *[other] تبقّى { $count } مقعدًا.
}
page-seats-unlimited = عدد المقاعد غير محدود.
page-waiting-list = إذا امتلأت المقاعد كلها، يمكنك الانضمام إلى قائمة الانتظار.
page-form-title = التسجيل
page-required = مطلوب
page-name-label = الاسم الكامل
page-name-hint = كما تريد أن يظهر في قائمة المشاركين.
page-email-label = عنوان البريد الإلكتروني
page-email-hint = يصلك على هذا العنوان تأكيد التسجيل ودعوة التقويم.
page-country-label = البلد
page-country-hint = البلد الذي تعمل فيه.
page-country-choose = اختر بلدًا
page-country-group-hub = بلدان المركز
page-country-group-other = بلدان أخرى
page-organisation-label = الجهة التي تعمل فيها
page-organisation-hint = اختياري.
page-audience-label = صفتك في المشاركة
page-audience-choose = اختر صفة
page-audience = { $audience ->
    [policy_maker] صانع سياسات
    [education_stakeholder] جهة معنية بالتعليم
    [government_official] موظف حكومي
    [teacher] معلّم
    [academic_researcher] باحث أكاديمي
   *[other] غير ذلك
}
page-language-label = اللغة التي ستتابع بها الفعالية
page-language-hint = لغة الفعالية أو إحدى لغات الترجمة الفورية.
page-language-name = { $code ->
    [en] الإنجليزية
    [ru] الروسية
    [ar] العربية
   *[other] { $code }
}
page-consent-label = أوافق على أن يحتفظ المنظِّمون بتسجيلي ويستخدموه لهذه الفعالية.
page-submit = سجِّل
page-errors-title = { $count ->
    [one] يجب تصحيح أمر واحد قبل التسجيل:
    [two] يجب تصحيح أمرين قبل التسجيل:
    [few] يجب تصحيح { $count } أمور قبل التسجيل:
   *[other] يجب تصحيح { $count } أمرًا قبل التسجيل:
}
page-registered-title = شكرًا لتسجيلك
page-status = { $status ->
    [confirmed] تأكّد مقعدك.
    [pending] تسجيلك بانتظار موافقة المنظِّم، ومقعدك محجوز لك في الأثناء.
    [waitlisted] المقاعد ممتلئة: أنت في قائمة الانتظار، وسيُعرض عليك مقعد عندما يتوفر.
    [offered] توفّر لك مقعد: اقبله قبل انتهاء مدة العرض.
    [denied] لم يُقبل تسجيلك.
   *[cancelled] أُلغي تسجيلك.
}
page-starts = البداية
page-download-ics = أضِف الفعالية إلى تقويمي ({"\u2066"}.ics{"\u2069"})
page-check-email-title = تحقّق من بريدك الإلكتروني
page-check-email = إذا كان التسجيل في الفعالية متاحًا لهذا العنوان، فقد أُرسلت إليه رسالة بالخطوات التالية.
page-back = العودة إلى الفعالية
page-not-found = لا توجد فعالية أو تسجيل بهذا المعرّف.
page-internal-error = حدث خطأ من جهتنا ولم يتغيّر شيء. يُرجى المحاولة مرة أخرى بعد قليل.
page-manage-title = تسجيلك
page-manage-keep = احتفظ بعنوان هذه الصفحة: إنه رابطك الخاص لعرض تسجيلك أو تغييره أو إلغائه. ويستطيع أي شخص لديه هذا الرابط أن يفعل الشيء نفسه.
page-change-title = تغيير بياناتك
page-change-button = حفظ التغييرات
page-cancel-title = إلغاء تسجيلك
page-cancel-button = إلغاء تسجيلي
page-accept-button = قبول المقعد
page-decline-button = رفض المقعد
page-done = { $action ->
    [cancel] أُلغي تسجيلك، وسيُعرض مقعدك على الشخص التالي في قائمة الانتظار.
    [accept] قبلتَ المقعد، وأصبح لك.
    [decline] رفضتَ المقعد، وسيُعرض على الشخص التالي في قائمة الانتظار.
   *[update] حُفظت تغييراتك.
}
page-refused-title = تعذّر تنفيذ هذا الإجراء
page-too-many = أُرسل عدد كبير جدًا من التسجيلات من شبكتك قبل قليل. يُرجى المحاولة مرة أخرى بعد دقيقة.

## صفحات المنظِّمين (المعرّفات تبدأ بـ "page-org-").

page-org-sign-in-title = دخول المنظِّمين
page-org-token-label = رمز المنظِّم
page-org-token-hint = الرمز الذي أُعطي لك، ويبدأ بـ kixo_. يبقى دخولك ساريًا ثماني ساعات أو حتى تخرج.
page-org-sign-in-button = دخول
page-org-sign-in-refused = هذا الرمز غير صالح أو أُلغي.
page-org-signed-in-as = دخلتَ باسم
page-org-sign-out-button = خروج
page-org-events-title = فعالياتك
page-org-no-events = لا يشمل رمزك أيًّا من فعاليات هذا المركز.
page-org-ledger-title = المقاعد
page-org-count = { $what ->
    [capacity] السعة
    [confirmed] مؤكَّدة
    [pending] بانتظار الموافقة
    [offered] معروضة
    [waitlisted] قائمة الانتظار
    [free] شاغرة
    [cancelled] ملغاة
   *[denied] مرفوضة
}
page-org-unlimited = غير محدودة
page-org-export = تنزيل القائمة (CSV)
page-org-capacity-label = السعة
page-org-capacity-hint = عدد المقاعد؛ اترك الحقل فارغًا لإلغاء الحدّ. خفضها لا يُسقط أحدًا، ورفعها يعرض المقاعد المتاحة على قائمة الانتظار.
page-org-capacity-button = تغيير السعة
page-org-capacity-invalid = يجب أن تكون السعة عددًا صحيحًا من المقاعد، أو فارغة إن لم يكن هناك حدّ.
page-org-reason-optional-label = السبب (اختياري)
page-org-read-only = رمزك للاطلاع فقط: يمكنك رؤية القائمة وتنزيلها، لا تغييرها.
page-org-registrations-title = التسجيلات
page-org-no-registrations = لم يسجّل أحد بعد.
page-org-status = { $status ->
    [confirmed] مؤكَّد
    [pending] بانتظار الموافقة
    [waitlisted] في قائمة الانتظار
    [offered] عُرض عليه مقعد
    [denied] مرفوض
   *[cancelled] ملغى
}
page-org-submitted = تاريخ التسجيل
page-org-history = السجلّ
page-org-action = { $action ->
    [submit] التسجيل
    [update] تعديل البيانات
    [resubmit] إعادة التسجيل
    [approve] الموافقة
    [deny] الرفض
    [cancel] الإلغاء
    [reinstate] الاستعادة
    [offer] عرض مقعد
    [accept_offer] قبول المقعد
    [decline_offer] رفض المقعد
    [expire_offer] انتهاء مدة العرض
   *[check_in] تسجيل الحضور
}
page-org-actor = { $actor ->
    [registrant] من المسجِّل
    [organiser] من منظِّم
   *[system] من kix
}
page-org-forced = بما يتجاوز السعة
page-org-reason-label = السبب
page-org-approve-button = موافقة
page-org-cancel-button = إلغاء التسجيل
page-org-reinstate-button = استعادة
page-org-deny-reason-label = سبب الرفض
page-org-deny-button = رفض
page-org-force-confirm = أؤكّد: الموافقة على هذا التسجيل مع أن المقاعد كلها مشغولة.
page-org-force-button = موافقة بما يتجاوز السعة
page-org-pages = صفحات القائمة
page-org-previous = الصفحة السابقة
page-org-next = الصفحة التالية
page-org-done = { $action ->
    [approve] تمت الموافقة على التسجيل { $id }.
    [deny] رُفض التسجيل { $id }.
    [cancel] أُلغي التسجيل { $id }.
    [reinstate] استُعيد التسجيل { $id }.
   *[capacity] تغيّرت السعة.
}
page-org-over-capacity = أصبحت المقاعد المشغولة أكثر مما تسمح به السعة، ولم يُسقَط أحد.
page-org-forbidden = لم يعد هذا النموذج صالحًا (انتهت جلستك أو الصفحة قديمة)، فلم يتغيّر شيء. افتح الصفحة من جديد، أو ادخل مرة أخرى.
