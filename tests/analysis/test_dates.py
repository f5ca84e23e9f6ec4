"""The time grammar, row by row: each row is a sentence, its anchor, and one reading it must hold.

Rows are (language, text, anchor, span, kind, value, end_value): find_times must return an
expression whose text is `span` with that kind and those values.
"""

from __future__ import annotations

import pytest

from bilat.analysis.dates import find_anniversaries, find_elapsed, find_times, parse_ordinal
from bilat.lang import languages, load

A = "2023-08-21"  # a Monday

ROWS = [
    # --- English: dates
    ("en", "The treaty was signed on March 22, 1973 in Paris.", None,
     "on March 22, 1973", "date", "1973-03-22", None),
    ("en", "Ties were set up on 22 March 1973.", None, "on 22 March 1973", "date", "1973-03-22",
     None),
    ("en", "It opened on 22/3/1973 after talks.", None, "on 22/3/1973", "date", "1973-03-22", None),
    ("en", "Records from 22-3-1973 survive.", None, "22-3-1973", "date", "1973-03-22", None),
    ("en", "The file is dated 22.03.1973.", None, "22.03.1973", "date", "1973-03-22", None),
    ("en", "Posted 2023-08-21 by the desk.", None, "2023-08-21", "date", "2023-08-21", None),
    ("en", "Exports fell in December 2022.", None, "in December 2022", "date", "2022-12", None),
    ("en", "Trade grew in 2021.", None, "in 2021", "year", "2021", None),
    ("en", "They met on the 22nd of March.", None, "on the 22nd of March", "date", "XXXX-03-22",
     None),
    ("en", "They met on March 22nd.", A, "on March 22nd", "date", "2023-03-22", None),
    ("en", "He arrives on December 28.", "2024-01-05", "on December 28", "date", "2023-12-28",
     None),
    ("en", "He left on January 3.", "2023-12-30", "on January 3", "date", "2024-01-03", None),
    ("en", "The summit ends in November.", "2024-08-09", "in November", "date", "2024-11", None),
    ("en", "Morning edition Wednesday, November 16, 2022, 10:05 GMT+7", None,
     "Wednesday, November 16, 2022", "date", "2022-11-16", None),
    ("en", "The minister spoke on Sunday (August 20).", A, "on Sunday (August 20)", "date",
     "2023-08-20",
     None),
    # --- English: ranges
    ("en", "She visits Vietnam from August 21 to 25, 2023.", None,
     "from August 21 to 25, 2023", "range", "2023-08-21", "2023-08-25"),
    ("en", "The visit runs August 21-25.", A, "August 21-25", "range", "2023-08-21", "2023-08-25"),
    ("en", "A fair took place 21–25 August 2023.", None, "21–25 August 2023", "range", "2023-08-21",
     "2023-08-25"),
    ("en", "Talks ran from 11 to 12 December 2023.", None, "from 11 to 12 December 2023", "range",
     "2023-12-11", "2023-12-12"),
    ("en", "A jubilee (March 22, 1973 – March 22, 2023) was marked.", None,
     "March 22, 1973 – March 22, 2023", "range", "1973-03-22", "2023-03-22"),
    ("en", "Fifty years (1973 - 2023) of ties.", None, "1973 - 2023", "range", "1973", "2023"),
    ("en", "Ties over 1973-2023 grew.", None, "1973-2023", "range", "1973", "2023"),
    ("en", "The tour lasts from March 31 to April 4.", "2025-03-20", "from March 31 to April 4",
     "range", "2025-03-31", "2025-04-04"),
    ("en", "Trade during January – October reached a record.", "2023-12-11",
     "during January – October", "range", "2023-01", "2023-10"),
    ("en", "Output rose between 2010 and 2015.", None, "between 2010 and 2015", "range", "2010",
     "2015"),
    ("en", "New Year falls from December 28 to January 3.", "2024-01-05",
     "from December 28 to January 3", "range", "2023-12-28", "2024-01-03"),
    # --- English: parts of a year
    ("en", "Sales hit 2 billion USD in the first seven months of 2023.", None,
     "the first seven months of 2023", "part_of_year", "2023-01", "2023-07"),
    ("en", "Trade grew in the first half of 2024.", None, "the first half of 2024", "part_of_year",
     "2024-01", "2024-06"),
    ("en", "Revenue in H1 2024 fell.", None, "H1 2024", "part_of_year", "2024-01", "2024-06"),
    ("en", "Imports in the first quarter of 2024 rose.", None, "the first quarter of 2024",
     "part_of_year", "2024-01", "2024-03"),
    ("en", "Growth in Q3 2023 slowed.", None, "Q3 2023", "part_of_year", "2023-07", "2023-09"),
    ("en", "Trade in the first 10 months rose.", "2023-11-20", "the first 10 months",
     "part_of_year",
     "2023-01", "2023-10"),
    ("en", "Trade in the first 10 months rose.", "2024-03-02", "the first 10 months",
     "part_of_year",
     "2023-01", "2023-10"),
    ("en", "Trade in the first nine months of this year rose.", "2024-10-28",
     "the first nine months of this year", "part_of_year", "2024-01", "2024-09"),
    ("en", "Spending in FY2022/23 rose.", None, "FY2022/23", "part_of_year", "2022", "2023"),
    ("en", "Aid in the 2022–23 fiscal year grew.", None, "the 2022–23 fiscal year", "part_of_year",
     "2022", "2023"),
    ("en", "Aid in fiscal year 2022 grew.", None, "fiscal year 2022", "part_of_year", "2022",
     "2022"),
    # --- English: as of, since, relative
    ("en", "Investors held 90 projects as of July 2023.", None, "as of July 2023", "as_of",
     "2023-07", None),
    ("en", "There were four projects as of the end of 2022.", None, "as of the end of 2022",
     "as_of",
     "2022-12", None),
    ("en", "The plan runs by the end of June 2024.", None, "by the end of June 2024", "as_of",
     "2024-06", None),
    ("en", "As of March, 87 projects were active.", A, "As of March", "as_of", "2023-03", None),
    ("en", "Currently, 13,000 people live there.", A, "Currently", "as_of", "2023-08", None),
    ("en", "To date, 205 projects are registered.", "2023-12-11", "To date", "as_of", "2023-12",
     None),
    ("en", "Relations have grown since 1992.", None, "since 1992", "since", "1992", None),
    ("en", "The leaders met today.", A, "today", "relative", "2023-08-21", None),
    ("en", "They met this morning.", A, "this morning", "relative", "2023-08-21", None),
    ("en", "They met yesterday.", A, "yesterday", "relative", "2023-08-20", None),
    ("en", "They meet tomorrow.", A, "tomorrow", "relative", "2023-08-22", None),
    ("en", "The talks were held on Sunday.", A, "on Sunday", "relative", "2023-08-20", None),
    ("en", "The talks were held on Monday.", A, "on Monday", "relative", "2023-08-21", None),
    ("en", "The president will travel to Hanoi on Friday.", A, "on Friday", "relative",
     "2023-08-25", None),
    ("en", "Trade reached 4.7 billion USD last year.", A, "last year", "relative", "2022", None),
    ("en", "Trade will grow this year.", A, "this year", "relative", "2023", None),
    ("en", "A visit is planned next year.", A, "next year", "relative", "2024", None),
    ("en", "Talks opened last month.", A, "last month", "relative", "2023-07", None),
    ("en", "A deal was signed earlier this month.", A, "earlier this month", "relative", "2023-08",
     None),
    ("en", "He visits next week.", "2023-08-09", "next week", "relative", "2023-08", None),
    ("en", "He visits next week.", A, "next week", "relative", None, None),  # Aug 28 - Sep 3
    ("en", "It happened two years ago.", A, "two years ago", "relative", "2021", None),
    ("en", "The leaders met today.", None, "today", "relative", None, None),
    # --- Vietnamese
    ("vi", "Hiệp định được ký ngày 22/3/1973 tại Paris.", None, "ngày 22/3/1973", "date",
     "1973-03-22", None),
    ("vi", "Ngày 15 tháng 10, hai bên hội đàm.", None, "Ngày 15 tháng 10", "date", "XXXX-10-15",
     None),
    ("vi", "Ngày 15 tháng 10, hai bên hội đàm.", "2013-10-16", "Ngày 15 tháng 10", "date",
     "2013-10-15", None),
    ("vi", "Sự kiện diễn ra ngày 15 tháng 10 năm 2013.", None, "ngày 15 tháng 10 năm 2013", "date",
     "2013-10-15", None),
    ("vi", "Xuất khẩu giảm trong tháng 12/2022.", None, "trong tháng 12/2022", "date", "2022-12",
     None),
    ("vi", "Xuất khẩu giảm trong tháng 12 năm 2022.", None, "trong tháng 12 năm 2022", "date",
     "2022-12", None),
    ("vi", "Thương mại tăng mạnh năm 2021.", None, "năm 2021", "year", "2021", None),
    ("vi", "Thứ Năm, ngày 8 tháng 1 năm 2015", None, "Thứ Năm, ngày 8 tháng 1 năm 2015", "date",
     "2015-01-08", None),
    ("vi", "Thứ 2, 21/08/2023 | 07:54:47", None, "Thứ 2, 21/08/2023", "date", "2023-08-21", None),
    ("vi", "Sáng 11/12, Thủ tướng chủ trì lễ đón.", "2023-12-11", "Sáng 11/12", "date",
     "2023-12-11", None),
    ("vi", "Chiều 12-12, hai bên ký kết.", "2025-12-13", "Chiều 12-12", "date", "2025-12-12", None),
    ("vi", "Hôm nay (8/11), đoàn tới Hà Nội.", "2017-11-08", "Hôm nay (8/11)", "date",
     "2017-11-08", None),
    ("vi", "Bà thăm Việt Nam từ ngày 21 đến 25/8.", A, "từ ngày 21 đến 25/8", "range",
     "2023-08-21", "2023-08-25"),
    ("vi", "Chuyến thăm từ ngày 21-25/8/2023 theo lời mời.", None, "từ ngày 21-25/8/2023", "range",
     "2023-08-21", "2023-08-25"),
    ("vi", "Hội nghị diễn ra từ 13-17 tháng 10.", None, "từ 13-17 tháng 10", "range", "XXXX-10-13",
     "XXXX-10-17"),
    ("vi", "Các cuộc gặp từ 13-ngày 17 Tháng 10 để tham dự.", None, "từ 13-ngày 17 Tháng 10",
     "range", "XXXX-10-13", "XXXX-10-17"),
    ("vi", "Bà giữ chức từ ngày 1/10/2007-30/10/2009.", None, "từ ngày 1/10/2007-30/10/2009",
     "range", "2007-10-01", "2009-10-30"),
    ("vi", "Ông công tác từ ngày 1/11/2009-6/2014.", None, "từ ngày 1/11/2009-6/2014", "range",
     "2009-11-01", "2014-06"),
    ("vi", "Đoàn thăm từ ngày 11-12/12 năm 2023.", None, "từ ngày 11-12/12 năm 2023", "range",
     "2023-12-11", "2023-12-12"),
    ("vi", "Bão đổ bộ dịp cuối tuần (19-20/7).", "2025-07-16", "(19-20/7)", "range", "2025-07-19",
     "2025-07-20"),
    ("vi", "Từ năm 2009-2018, bà giữ nhiều chức vụ.", None, "Từ năm 2009-2018", "range", "2009",
     "2018"),
    ("vi", "Kim ngạch 7 tháng đầu năm 2023 đạt 2 tỷ USD.", None, "7 tháng đầu năm 2023",
     "part_of_year", "2023-01", "2023-07"),
    ("vi", "Kim ngạch 6 tháng đầu năm 2024 tăng.", None, "6 tháng đầu năm 2024", "part_of_year",
     "2024-01", "2024-06"),
    ("vi", "Kim ngạch 10 tháng năm 2024 đạt 6 tỷ USD.", None, "10 tháng năm 2024", "part_of_year",
     "2024-01", "2024-10"),
    ("vi", "Trong quý I/2024, xuất khẩu tăng.", None, "quý I/2024", "part_of_year", "2024-01",
     "2024-03"),
    ("vi", "Kim ngạch 6 tháng đầu năm nay tăng.", "2024-08-01", "6 tháng đầu năm nay",
     "part_of_year", "2024-01", "2024-06"),
    ("vi", "Tính đến tháng 7/2023, có 90 dự án.", None, "Tính đến tháng 7/2023", "as_of", "2023-07",
     None),
    ("vi", "Tính đến hết năm 2022, có 4 dự án.", None, "Tính đến hết năm 2022", "as_of", "2022-12",
     None),
    ("vi", "Lũy kế đến tháng 10/2024, có 7 dự án.", None, "Lũy kế đến tháng 10/2024", "as_of",
     "2024-10", None),
    ("vi", "Canada hiện có 161 dự án.", "2017-11-08", "hiện có", "as_of", "2017-11", None),
    ("vi", "Hiện nay, có 13.000 người Việt sinh sống.", A, "Hiện nay", "as_of", "2023-08", None),
    ("vi", "Từ năm 1992, hai nước hợp tác.", None, "Từ năm 1992", "since", "1992", None),
    ("vi", "Bà làm nghị sĩ từ năm 2020 đến nay.", None, "từ năm 2020 đến nay", "since", "2020",
     None),
    ("vi", "Hôm nay, hai bên hội đàm.", A, "Hôm nay", "relative", "2023-08-21", None),
    ("vi", "Sáng nay, đoàn tới Hà Nội.", A, "Sáng nay", "relative", "2023-08-21", None),
    ("vi", "Chiều nay, lễ đón diễn ra.", A, "Chiều nay", "relative", "2023-08-21", None),
    ("vi", "Tối qua, hai bên ăn tối.", A, "Tối qua", "relative", "2023-08-20", None),
    ("vi", "Hôm qua, đoàn rời Hà Nội.", A, "Hôm qua", "relative", "2023-08-20", None),
    ("vi", "Ngày mai, đoàn thăm Huế.", A, "Ngày mai", "relative", "2023-08-22", None),
    ("vi", "Hội nghị diễn ra Chủ nhật.", A, "Chủ nhật", "relative", "2023-08-20", None),
    ("vi", "Thủ tướng sẽ thăm Lào vào thứ Sáu.", A, "vào thứ Sáu", "relative", "2023-08-25", None),
    ("vi", "Thương mại năm ngoái đạt 4 tỷ USD.", A, "năm ngoái", "relative", "2022", None),
    ("vi", "Đầu tư năm trước tăng.", A, "năm trước", "relative", "2022", None),
    ("vi", "Năm nay, hai nước kỷ niệm.", A, "Năm nay", "relative", "2023", None),
    ("vi", "Năm tới, hai bên sẽ gặp.", A, "Năm tới", "relative", "2024", None),
    ("vi", "Năm sau, hai bên sẽ gặp.", A, "Năm sau", "relative", "2024", None),
    ("vi", "Tuần tới, hai bên sẽ gặp.", "2023-08-09", "Tuần tới", "relative", "2023-08", None),
    ("vi", "Tháng trước, hai bên ký.", A, "Tháng trước", "relative", "2023-07", None),
    ("vi", "Mười năm trước, hai bên ký.", A, "Mười năm trước", "relative", "2013", None),
    # --- French
    ("fr", "Le traité fut signé le 22 mars 1973 à Paris.", None, "le 22 mars 1973", "date",
     "1973-03-22", None),
    ("fr", "La ministre arrive le 1er janvier 2024.", None, "le 1er janvier 2024", "date",
     "2024-01-01", None),
    ("fr", "Elle séjourne au Vietnam du 21 au 25 août.", A, "du 21 au 25 août", "range",
     "2023-08-21", "2023-08-25"),
    ("fr", "Il est en visite les 11 et 12 décembre.", "2023-12-10", "les 11 et 12 décembre",
     "range", "2023-12-11", "2023-12-12"),
    ("fr", "Un jubilé (22 mars 1973- 2023) est fêté.", None, "22 mars 1973- 2023", "range",
     "1973-03-22", "2023"),
    ("fr", "Le partenariat établi en août 2015 progresse.", None, "en août 2015", "date", "2015-08",
     None),
    ("fr", "Les échanges ont doublé en 2021.", None, "en 2021", "year", "2021", None),
    ("fr", "Les échanges ont atteint 7 milliards à fin 2022.", None, "à fin 2022", "as_of",
     "2022-12", None),
    ("fr", "Les relations progressent depuis 1992.", None, "depuis 1992", "since", "1992", None),
    ("fr", "Un accord signé depuis le 23 octobre 2015 reste actif.", None,
     "depuis le 23 octobre 2015", "since", "2015-10-23", None),
    ("fr", "Les exportations des sept premiers mois de 2023 ont crû.", None,
     "sept premiers mois de 2023", "part_of_year", "2023-01", "2023-07"),
    ("fr", "La croissance du premier trimestre 2024 ralentit.", None, "premier trimestre 2024",
     "part_of_year", "2024-01", "2024-03"),
    ("fr", "Le vote du 24 mars dernier a surpris.", "2024-04-19", "24 mars dernier", "date",
     "2024-03-24", None),
    ("fr", "Le président effectue aujourd'hui une visite.", A, "aujourd'hui", "relative",
     "2023-08-21", None),
    ("fr", "Les deux pays ont signé mardi plusieurs accords.", A, "mardi", "relative",
     "2023-08-15", None),
    ("fr", "Le ministre se rendra à Hanoï lundi prochain.", A, "lundi prochain", "relative",
     "2023-08-28", None),
    ("fr", "Le commerce a crû l'an dernier.", A, "l'an dernier", "relative", "2022", None),
    ("fr", "Il y a dix ans, un accord fut signé.", A, "Il y a dix ans", "relative", "2013", None),
    ("fr", "Actuellement, 5 000 étudiants vivent en France.", A, "Actuellement", "as_of",
     "2023-08", None),
    # --- German
    ("de", "Der Vertrag wurde am 22. März 1973 unterzeichnet.", None, "am 22. März 1973", "date",
     "1973-03-22", None),
    ("de", "Die Delegation besucht Hanoi vom 21. bis 25. August.", A, "vom 21. bis 25. August",
     "range", "2023-08-21", "2023-08-25"),
    ("de", "Die Exporte stiegen im Dezember 2022.", None, "im Dezember 2022", "date", "2022-12",
     None),
    ("de", "Der Handel wuchs im Jahr 2021 kräftig.", None, "im Jahr 2021", "year", "2021", None),
    ("de", "Stand Ende 2022 gab es 90 Projekte.", None, "Stand Ende 2022", "as_of", "2022-12",
     None),
    ("de", "Die Beziehungen bestehen seit 1992.", None, "seit 1992", "since", "1992", None),
    ("de", "Der Minister führte am Mittwoch Gespräche.", A, "am Mittwoch", "relative",
     "2023-08-16", None),
    ("de", "Der Minister wird am Freitag reisen.", A, "am Freitag", "relative", "2023-08-25", None),
    ("de", "Er kam im September letzten Jahres.", "2025-03-10", "im September letzten Jahres",
     "date", "2024-09", None),
    ("de", "Der Handel wuchs in den ersten sieben Monaten 2023.", None,
     "den ersten sieben Monaten 2023", "part_of_year", "2023-01", "2023-07"),
    ("de", "Im ersten Quartal 2024 sank der Absatz.", None, "Im ersten Quartal 2024",
     "part_of_year", "2024-01", "2024-03"),
    ("de", "Der Handel wuchs letztes Jahr.", A, "letztes Jahr", "relative", "2022", None),
    ("de", "Die Gespräche finden morgen statt.", A, "morgen", "relative", "2023-08-22", None),
    # --- Spanish
    ("es", "El tratado se firmó el 22 de marzo de 1973.", None, "el 22 de marzo de 1973", "date",
     "1973-03-22", None),
    ("es", "La visita será del 21 al 25 de agosto.", "2024-08-09", "del 21 al 25 de agosto",
     "range", "2024-08-21", "2024-08-25"),
    ("es", "La guerra casi estalló en diciembre de 1978.", None, "en diciembre de 1978", "date",
     "1978-12", None),
    ("es", "Los cancilleres se reunieron este viernes en Santiago.", "2024-08-09", "este viernes",
     "relative", "2024-08-09", None),
    ("es", "El comercio creció el año pasado.", A, "el año pasado", "relative", "2022", None),
    ("es", "Las ventas de los primeros siete meses de 2023 subieron.", None,
     "los primeros siete meses de 2023", "part_of_year", "2023-01", "2023-07"),
    ("es", "Había 90 proyectos a finales de 2022.", None, "a finales de 2022", "as_of", "2022-12",
     None),
    # --- Polish
    ("pl", "Spotkanie odbyło się w dniu 8 lipca 2025 r. w Warszawie.", None,
     "w dniu 8 lipca 2025 r.", "date", "2025-07-08", None),
    ("pl", "Wizyta potrwa od 21 do 25 sierpnia.", A, "od 21 do 25 sierpnia", "range",
     "2023-08-21", "2023-08-25"),
    ("pl", "Handel wzrósł w 2021 r. o połowę.", None, "w 2021 r.", "year", "2021", None),
    ("pl", "Stosunki nawiązano 22 marca 1973 roku.", None, "22 marca 1973 roku", "date",
     "1973-03-22", None),
    ("pl", "Rozmowy trwały od 21 do 25 sierpnia 2023 r.", None, "od 21 do 25 sierpnia 2023 r.",
     "range", "2023-08-21", "2023-08-25"),
    ("pl", "Na koniec 2022 r. działało 90 projektów.", None, "Na koniec 2022 r.", "as_of",
     "2022-12", None),
    ("pl", "Handel wzrósł w zeszłym roku.", A, "w zeszłym roku", "relative", "2022", None),
    ("pl", "Konsultacje odbyły się we wtorek.", "2025-07-09", "we wtorek", "relative",
     "2025-07-08", None),
    # --- anchors and their edges
    ("en", "The trip will run from Wednesday to Saturday.", "2022-11-16",
     "from Wednesday to Saturday", "range", "2022-11-16", "2022-11-19"),
    ("en", "Ties grew since the visit in January.", "2024-08-05", "in January", "date", "2024-01",
     None),
    ("en", "He will go there in January.", "2024-08-05", "in January", "date", "2025-01", None),
    ("en", "They met on Monday.", "2023-12", "on Monday", "relative", None, None),
    ("en", "Trade grew last month.", "2023-12", "last month", "relative", "2023-11", None),
    ("en", "Talks resume next Monday.", A, "next Monday", "relative", "2023-08-28", None),
    ("en", "Talks were held last Monday.", A, "last Monday", "relative", "2023-08-14", None),
    ("fr", "Il est arrivé lundi matin 11 décembre à Hanoï.", "2023-12",
     "lundi matin 11 décembre", "date", "2023-12-11", None),
    ("vi", "PV 12:26 - 30/01/2024 Thời sự", None, "30/01/2024", "date", "2024-01-30", None),
    # --- no language given: the data of every language
    (None, "Hiệp định ký ngày 22/3/1973; le traité du 22 mars 1973.", None, "22 mars 1973",
     "date", "1973-03-22", None),
    (None, "Hiệp định ký ngày 22/3/1973; le traité du 22 mars 1973.", None, "ngày 22/3/1973",
     "date", "1973-03-22", None),
]


@pytest.mark.parametrize(("lang", "text", "anchor", "span", "kind", "value", "end_value"), ROWS)
def test_reading(lang, text, anchor, span, kind, value, end_value):
    found = find_times(text, lang, anchor)
    got = {(t.text, t.kind, t.value, t.end_value) for t in found}
    assert (span, kind, value, end_value) in got, [
        (t.text, t.kind, t.value, t.end_value) for t in found
    ]


YEAR_SOURCE = [
    ("en", "The deal was signed on 22 March 1973.", A, True),
    ("en", "The deal was signed on 22 March.", A, False),
    ("en", "Trade grew last year.", A, False),
    ("vi", "Hai bên ký ngày 15 tháng 10.", A, False),
    ("vi", "Hai bên ký ngày 15 tháng 10 năm 2013.", A, True),
]


@pytest.mark.parametrize(("lang", "text", "anchor", "from_text"), YEAR_SOURCE)
def test_year_from_text(lang, text, anchor, from_text):
    found = find_times(text, lang, anchor)
    assert len(found) == 1
    assert found[0].year_from_text is from_text


# Texts that hold numbers or time-like words but no time expression at all.
NOT_TIMES = [
    ("en", "Trade reached 4.29 billion USD, up 53.8% to 12.6 million tonnes."),
    ("en", "Resolution 36/2023/NQ-CP took effect."),
    ("en", "The score was 2-1 at 20:15 after 90 minutes."),
    ("en", "Call 0243 2021 555 for details."),
    ("en", "They may 12 times march 3 miles."),
    ("en", "Some 2,023 people and 1,973 guests came."),
    ("en", "Over the past 50 years ties have grown."),
    ("en", "Among the top 2000 firms, Room 2021 hosts 1999 people."),
    ("vi", "Thái Lan đứng thứ 9/139 quốc gia đầu tư."),
    ("vi", "Nghị định 15/2023/NĐ-CP có hiệu lực."),
    ("vi", "Kim ngạch đạt 17,8 tỷ USD, tăng 16,9%."),
    ("vi", "Hai nước cần thực hiện có hiệu quả các thỏa thuận."),
    ("vi", "Trong 10 năm qua, quan hệ phát triển."),
    ("vi", "Đây là lần thứ hai ông thăm Việt Nam."),
    ("vi", "Việt Nam sau đó ký hiệp định."),
    ("vi", "Đầu tư của Việt Nam tăng mạnh."),
    ("vi", "Kỷ niệm 80 năm Cách mạng Tháng Tám thành công."),
    ("fr", "Au cours de ces 50 dernières années, les liens ont grandi."),
    ("fr", "Le décret n° 15/2023 est entré en vigueur."),
    ("de", "Am Morgen trafen sich die Minister."),
    ("de", "In den letzten 30 Jahren wuchs der Handel."),
    ("es", "La reunión fue por la mañana en Santo Domingo."),
    ("es", "Las cifras subieron un 12,5% hasta 4.000 millones."),
    ("pl", "W ciągu ostatnich 30 lat handel wzrósł o 12,5%."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_TIMES)
def test_not_a_time(lang, text):
    assert find_times(text, lang, A) == []


def test_years_in_a_list_stay_years():
    found = find_times("He visited in 2006, 2012 and 2018.", "en", None)
    assert [(t.text, t.kind, t.value) for t in found] == [
        ("in 2006", "year", "2006"), ("2012", "year", "2012"), ("2018", "year", "2018")]


@pytest.mark.parametrize("lang", ["en", "vi", None, "xx"])
def test_sorted_and_non_overlapping(lang):
    text = ("From August 21 to 25, 2023 and on 22/3/1973; từ ngày 21-25/8/2023, tháng 12/2022, "
            "năm 2021, as of July 2023, since 1992, Q1 2024.")
    found = find_times(text, lang, A)
    assert found
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for t in found:
        assert text[t.start:t.end] == t.text


def test_empty_text():
    assert find_times("", "en", A) == []


ORDINALS = [
    ("en", "50th", 50), ("en", "fiftieth", 50), ("en", "twenty-fifth", 25), ("en", "first", 1),
    ("en", "50 years", 50), ("vi", "thứ 50", 50), ("vi", "50 năm", 50), ("fr", "50e", 50),
    ("fr", "cinquantième", 50), ("fr", "soixante-quinzième", 75), ("de", "50.", 50),
    ("de", "50. Jahrestag", 50), ("de", "fünfzigsten", 50), ("es", "50º", 50),
    ("es", "vigésimo quinto", 25), ("pl", "50 rocznica", 50), ("en", "anniversary", None),
    ("en", "many", None),
]


@pytest.mark.parametrize(("lang", "text", "n"), ORDINALS)
def test_parse_ordinal(lang, text, n):
    assert parse_ordinal(text, lang) == n


ANNIVERSARIES = [
    ("en", "The two nations mark the 50th anniversary of their ties.", "50th anniversary", 50),
    ("en", "It was the fiftieth anniversary of the accord.", "fiftieth anniversary", 50),
    ("en", "They toasted 45 years of diplomatic relations.", "45 years of diplomatic relations",
     45),
    ("vi", "Hai nước kỷ niệm 50 năm thiết lập quan hệ song phương.", "kỷ niệm 50 năm thiết lập",
     50),
    ("vi", "Điện mừng 65 năm ngày thiết lập quan hệ hai nước.", "65 năm ngày thiết lập", 65),
    ("vi", "Lễ kỷ niệm lần thứ 45 ngày thiết lập quan hệ.", "kỷ niệm lần thứ 45 ngày thiết lập",
     45),
    ("vi", "Hai bên ôn lại 30 năm quan hệ.", "30 năm quan hệ", 30),
    ("fr", "Ils célèbrent le 50e anniversaire des relations.", "50e anniversaire", 50),
    ("fr", "Le cinquantième anniversaire fut fêté.", "cinquantième anniversaire", 50),
    ("de", "Beide Länder feiern den 45. Jahrestag der Beziehungen.", "45. Jahrestag", 45),
    ("de", "Das 30-jährige Jubiläum naht.", "30-jährige Jubiläum", 30),
    ("es", "Celebran el 50 aniversario de las relaciones.", "50 aniversario", 50),
    ("es", "Se recordaron los 40 años del Tratado de Paz.", "los 40 años del Tratado", 40),
    ("pl", "Obchodzono 75. rocznicę nawiązania stosunków.", "75. rocznicę", 75),
    ("pl", "Po 75 latach od nawiązania stosunków spotkali się.", "75 latach od nawiązania", 75),
]


@pytest.mark.parametrize(("lang", "text", "span", "n"), ANNIVERSARIES)
def test_find_anniversaries(lang, text, span, n):
    found = [(text[s:e], k) for s, e, k in find_anniversaries(text, lang)]
    assert (span, n) in found, found


@pytest.mark.parametrize("lang", [c for c in languages() if load(c, "time")])
def test_no_anniversary_in_plain_text(lang):
    assert find_anniversaries("Trade reached 4.7 billion USD in 2022, up 12%.", lang) == []


ELAPSED = [
    ("en", "The trip comes 24 years after the state visit of 1998.", "24 years after", 24),
    ("en", "It is 50 years since the two countries set up ties in 1973.", "50 years since", 50),
    ("vi", "Chuyến thăm diễn ra sau 24 năm kể từ chuyến thăm năm 1998.", "sau 24 năm kể từ", 24),
    ("fr", "La visite a lieu 20 ans après celle de 2003.", "20 ans après", 20),
    ("de", "Der Besuch kommt 20 Jahre nach dem Besuch von 2003.", "20 Jahre nach", 20),
    ("es", "La visita llega 20 años después de la de 2003.", "20 años después", 20),
    ("pl", "Wizyta odbywa się po 20 latach od wizyty z 2003 roku.", "po 20 latach od", 20),
    ("pl", "Wizyta odbywa się 24 lata po wizycie z 1998 roku.", "24 lata po", 24),
]


@pytest.mark.parametrize(("lang", "text", "span", "n"), ELAPSED)
def test_find_elapsed(lang, text, span, n):
    assert [(text[s:e], k) for s, e, k in find_elapsed(text, lang)] == [(span, n)]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The trip comes nearly 10 years after the visit of 2013."),
    ("vi", "Chuyến thăm diễn ra gần 10 năm sau chuyến thăm năm 2013."),
    ("de", "Der Besuch kommt fast 10 Jahre nach dem Besuch von 2013."),
    ("pl", "Wizyta odbywa się ok. 24 lata po wizycie z 1998 roku."),
])
def test_an_approximate_count_of_years_is_no_elapsed_time(lang, text):
    assert find_elapsed(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "spans"), [
    # a word ending in an apostrophe needs no space before the next token
    ("it", "La visita si svolgerà dal 5 all'8 marzo 2024.", ["dal 5 all'8 marzo 2024"]),
    ("it", "Sono arrivati l'8 marzo 2024.", ["l'8 marzo 2024"]),
    ("fr", "La mission durera d'avril à juin 2024.", ["d'avril à juin 2024"]),
    # bare months after a dated one, joined by a comma or a list joiner, are dates; a bare
    # month with no dated month before it is none
    ("it", "Ci sono stati incontri in maggio e luglio 2023.", ["in maggio", "luglio 2023"]),
    ("en", "They met in May, June and July 2023.", ["in May", "June", "July 2023"]),
    ("pt", "Reuniram-se em maio e em julho de 2023.", ["em maio", "em julho de 2023"]),
    ("en", "The May and June issues sold out.", []),
])
def test_elided_leads_and_listed_months(lang, text, spans):
    assert [t.text for t in find_times(text, lang, "2024-01-10")] == spans


def test_list_joiners_are_data_with_every_languages_as_fallback():
    from bilat.analysis.dates import list_joiners

    assert {"e", "ed"} <= list_joiners("it") and "and" not in list_joiners("it")
    assert {"dan", ""} <= list_joiners("id")
    # a language without the key (or without time data) reads every language's joiners
    assert {"and", "e", "dan", "và"} <= list_joiners("xx")
