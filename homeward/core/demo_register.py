"""The demo register's history: households in the case exchange format (docs/formats.md) whose 2012 figures are
exactly the seed's tables (IOM Belgium & Luxembourg, year report 2012), with smaller years around them.

`homeward demo` loads these rows through the import, as an office loads its spreadsheet, so `homeward report year
2012` prints the seed's tables. One seeded generator draws everything: the same seed gives the same rows.

How the tables hold at once: the 2012 departures are built per destination and with or without reintegration
support (household sizes drawn, the last household of each group taking the exact remainder); then categories,
partner types and Red Cross partners are shared out over those households by quota, largest households first, so
that single persons placed last fill every quota to the unit.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from homeward.exchange.files import CaseFile
from homeward.exchange.rows import COLUMNS, REINTEGRATION_KINDS

Date = datetime.date

# The seed's REAB tables for 2012, in persons. Below the top ten, every destination stays under the tenth (125
# departed, 25 with reintegration support), so the top tens are exactly the seed's.
REAB_DEPARTED_2012 = {
    "BR": 683, "RU": 554, "UA": 403, "IQ": 359, "XK": 315, "AM": 228, "AL": 207, "RS": 207, "MN": 190, "KZ": 125,
    "GE": 112, "MA": 96, "CN": 88, "MK": 84, "AF": 78, "MD": 70, "IR": 62, "BY": 57, "DZ": 54, "NG": 52, "TR": 48,
    "BD": 46, "PK": 41, "GN": 41, "NP": 38, "CD": 39, "IN": 36, "ME": 34, "CM": 33, "SN": 31, "EC": 30, "BA": 29,
    "TN": 27, "PE": 26, "EG": 24, "BO": 23, "VN": 21, "SY": 18, "CO": 19, "AZ": 16, "ET": 15, "LK": 14, "SO": 12,
    "ER": 9,
}
REAB_REINTEGRATION_2012 = {
    "RU": 364, "IQ": 245, "XK": 157, "AM": 124, "KZ": 56, "GE": 39, "AF": 39, "BD": 35, "NP": 26, "PK": 25,
    "MN": 24, "UA": 22, "IR": 20, "RS": 18, "MK": 16, "BY": 15, "MA": 14, "AL": 12, "MD": 12, "GN": 11, "CN": 10,
    "CD": 10, "BR": 9, "NG": 9, "DZ": 8, "BA": 8, "ME": 7, "CM": 7, "TR": 6, "SN": 6,
}
REAB_CATEGORIES_2012 = {"ASYLUM_WITHDRAWN": 743, "ASYLUM_REJECTED": 2139, "NON_ASYLUM": 1812}
# partner type: (registered, departed)
REAB_PARTNER_TYPES_2012 = {
    "NGO": (3526, 2606), "FEDASIL_CENTRE": (1675, 1322), "IMMIGRATION_OFFICE": (119, 108),
    "RED_CROSS_CENTRE": (573, 440), "CITY": (186, 156), "IOM": (81, 62),
}
# The seed's footnote: Croix-Rouge de Belgique 273 departed, Rode Kruis - Vlaanderen 140; a third centre the rest.
RED_CROSS_DEPARTED_2012 = {
    "Croix-Rouge de Belgique": 273, "Rode Kruis - Vlaanderen": 140,
    "Rotes Kreuz Belgien, Deutschsprachige Gemeinschaft": 27,
}
# Luxembourg: the top five, then twenty persons of whom no destination has more than three.
AVRRL_DEPARTED_2012 = {
    "XK": 59, "IQ": 6, "RU": 4, "BR": 4, "BY": 4,
    "AL": 3, "RS": 3, "MK": 3, "ME": 2, "BA": 2, "MN": 2, "GE": 2, "AM": 1, "DZ": 1, "CN": 1,
}
# Luxembourg's 2012 departures by support: (cases, persons). 54 cases (84 persons) had reintegration support, 31 of
# them (59 persons) a microbusiness, and 6 persons medical support.
AVRRL_SUPPORT_2012 = {"MICROBUSINESS": (31, 59), "MEDICAL": (5, 6), "OTHER": (18, 19), "NONE": (10, 13)}

# The years around 2012, smaller so that the demo loads quickly: persons registered (REAB, AVRRL), and how the
# destinations lean compared with 2012.
OTHER_YEARS = {
    2010: (680, 48, {"RS": 2.5, "MK": 2.5, "XK": 1.3, "BR": 1.3, "KZ": 0.6}),
    2011: (940, 66, {"XK": 1.4, "RS": 1.5, "MK": 1.5, "IQ": 1.2}),
    2013: (1050, 71, {"AF": 1.8, "GE": 1.4, "BR": 0.7, "UA": 0.8, "SY": 2.0}),
}

BE_PARTNERS: dict[str, list[tuple[str, int]]] = {
    "NGO": [("Caritas International", 30), ("CIRÉ", 12), ("CAW Brussel", 10), ("Point d'appui", 8),
            ("Vluchtelingenwerk Vlaanderen", 6), ("De8", 6), ("Convivial", 5), ("Samenlevingsopbouw Gent", 4),
            ("Médecins du Monde", 4), ("Pag-Asa", 3), ("Payoke", 3), ("Sürya", 2)],
    "FEDASIL_CENTRE": [("Fedasil reception centre Klein Kasteeltje", 20), ("Fedasil reception centre Poelkapelle", 8),
                       ("Fedasil reception centre Jodoigne", 7), ("Fedasil reception centre Florennes", 7),
                       ("Fedasil reception centre Sint-Truiden", 7), ("Fedasil reception centre Bierset", 6),
                       ("Fedasil reception centre Kapellen", 5), ("Fedasil reception centre Mouscron", 5),
                       ("Fedasil reception centre Arendonk", 4), ("Fedasil reception centre Charleroi", 4)],
    "RED_CROSS_CENTRE": [(name, departed) for name, departed in RED_CROSS_DEPARTED_2012.items()],
    "CITY": [("CPAS de Bruxelles", 8), ("OCMW Antwerpen", 7), ("OCMW Gent", 5), ("CPAS de Liège", 5),
             ("CPAS de Charleroi", 3), ("CPAS d'Anderlecht", 3), ("CPAS de Schaerbeek", 3), ("OCMW Brugge", 2)],
    "IMMIGRATION_OFFICE": [("Immigration Office", 1)],
    "IOM": [("IOM Brussels Country Office", 1)],
}
LU_PARTNERS: dict[str, list[tuple[str, int]]] = {
    "NGO": [("Caritas Luxembourg", 10), ("ASTI", 3)],
    "RED_CROSS_CENTRE": [("Croix-Rouge luxembourgeoise", 6)],
    "IMMIGRATION_OFFICE": [("Direction de l'immigration", 4)],
    "CITY": [("Ville de Luxembourg", 1)],
}

# How often households of each size come: families are more common among those who fled.
SIZES = (1, 2, 3, 4, 5, 6)
SIZE_WEIGHTS_FAMILIES = (44, 15, 14, 15, 8, 4)
SIZE_WEIGHTS = (70, 13, 8, 6, 2, 1)
FAMILY_DESTINATIONS = ("RU", "AM", "XK", "IQ", "AF", "GE", "AZ", "RS", "MK", "KZ", "BA", "ME", "SY", "IR", "AL")
# How the REAB categories lean by destination (withdrawn, rejected, not asylum): labour migration or asylum.
CATEGORY_LEAN_MIGRANTS = {"ASYLUM_WITHDRAWN": 0.03, "ASYLUM_REJECTED": 0.12, "NON_ASYLUM": 0.85}
CATEGORY_LEAN_ASYLUM = {"ASYLUM_WITHDRAWN": 0.22, "ASYLUM_REJECTED": 0.6, "NON_ASYLUM": 0.18}
MIGRANT_DESTINATIONS = ("BR", "UA", "MN", "MA", "DZ", "TN", "SN", "PE", "BO", "EC", "CO", "MD", "CN", "VN", "TR",
                        "BY", "IN", "BD", "PK", "EG")
# Reception centres host asylum seekers; cities and the office's own desk see more migrants without asylum.
PARTNER_LEAN = {
    "ASYLUM_WITHDRAWN": {"NGO": 1.0, "FEDASIL_CENTRE": 1.6, "RED_CROSS_CENTRE": 1.6, "CITY": 0.5,
                         "IMMIGRATION_OFFICE": 0.5, "IOM": 0.5},
    "ASYLUM_REJECTED": {"NGO": 1.0, "FEDASIL_CENTRE": 1.4, "RED_CROSS_CENTRE": 1.4, "CITY": 0.7,
                        "IMMIGRATION_OFFICE": 1.2, "IOM": 0.5},
    "NON_ASYLUM": {"NGO": 1.3, "FEDASIL_CENTRE": 0.3, "RED_CROSS_CENTRE": 0.3, "CITY": 1.5,
                   "IMMIGRATION_OFFICE": 1.0, "IOM": 1.5},
}
SUPPORT_WEIGHTS = {"MICROBUSINESS": 40, "EDUCATION": 12, "HOUSING": 18, "MEDICAL": 8, "WAGE_SUBSIDY": 10,
                   "JOB_PLACEMENT": 12}

# Names as people write them, by the culture of the country of return: native scripts for some, Latin for others.
# (family names, male given names, female given names)
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "RU": (("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
            "Морозов", "Волков", "Лебедев", "Умаров", "Мусаев", "Хасанов", "Исмаилов", "Асхабов", "Алиев"),
           ("Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Максим", "Иван", "Руслан", "Ислам", "Магомед",
            "Ахмед", "Тимур"),
           ("Ольга", "Наталья", "Екатерина", "Анна", "Елена", "Татьяна", "Мадина", "Хава", "Зарема", "Малика",
            "Светлана", "Ирина")),
    "UA": (("Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Мельник", "Шевчук",
            "Поліщук", "Бойко", "Ковальчук", "Лисенко", "Марченко", "Руденко", "Савчук"),
           ("Олександр", "Андрій", "Михайло", "Богдан", "Сергій", "Віктор", "Юрій", "Василь", "Ігор", "Тарас"),
           ("Олена", "Оксана", "Ірина", "Тетяна", "Наталія", "Світлана", "Галина", "Людмила", "Юлія", "Марія")),
    "BY": (("Ковалёв", "Новик", "Козлов", "Морозов", "Лукашевич", "Ковальчук", "Жук", "Климович", "Макаревич",
            "Янкович"),
           ("Андрей", "Сергей", "Дмитрий", "Александр", "Виталий", "Павел", "Николай"),
           ("Ольга", "Татьяна", "Наталья", "Светлана", "Анастасия", "Юлия", "Ирина")),
    "KZ": (("Ахметов", "Серікбаев", "Нұрланов", "Жұмабаев", "Әбілов", "Тоқтаров", "Оспанов", "Сейітов",
            "Қасымов", "Ибраимов"),
           ("Айдар", "Ерлан", "Нұрлан", "Қайрат", "Бауыржан", "Дәурен", "Асхат", "Серік"),
           ("Айгүл", "Динара", "Жанар", "Гүлнар", "Әсел", "Айжан", "Салтанат", "Мадина")),
    "MN": (("Батбаяр", "Ганбаатар", "Энхбаяр", "Болд", "Пүрэвдорж", "Батсүх", "Цэрэндорж", "Даваасүрэн",
            "Лхагвасүрэн", "Ганзориг"),
           ("Бат-Эрдэнэ", "Тэмүүжин", "Мөнх-Очир", "Ганболд", "Батжаргал", "Эрдэнэбат", "Энхтөр"),
           ("Сарнай", "Оюунчимэг", "Наранцэцэг", "Болормаа", "Алтанцэцэг", "Мөнхзул", "Энхжаргал")),
    "RS": (("Јовановић", "Петровић", "Николић", "Марковић", "Ђорђевић", "Стојановић", "Илић", "Станковић",
            "Павловић", "Демировић"),
           ("Марко", "Никола", "Стефан", "Милан", "Дејан", "Горан", "Небојша", "Драган"),
           ("Јелена", "Милица", "Ана", "Марија", "Драгана", "Снежана", "Ивана", "Јасмина")),
    "MK": (("Николовски", "Стојановски", "Трајковски", "Петровски", "Јовановски", "Димитриевски", "Ристовски"),
           ("Александар", "Горан", "Зоран", "Дејан", "Бојан", "Никола"),
           ("Марија", "Елена", "Билјана", "Весна", "Снежана", "Катерина")),
    "IQ": (("الجبوري", "العبيدي", "الدليمي", "التميمي", "الساعدي", "الخفاجي", "الموسوي", "الزبيدي", "الربيعي",
            "الشمري", "كريم", "رشيد", "عزيز"),
           ("محمد", "أحمد", "علي", "حسين", "عمر", "مصطفى", "حيدر", "كرار", "ياسر", "آزاد"),
           ("فاطمة", "زينب", "مريم", "نور", "سارة", "هدى", "رنا", "شيلان")),
    "SY": (("الحلبي", "الأحمد", "الخطيب", "الحمصي", "العلي", "الشامي", "قاسم", "إبراهيم"),
           ("محمد", "أحمد", "خالد", "عمر", "بشير", "ياسين", "سامر"),
           ("رشا", "لينا", "سلمى", "ريم", "دعاء", "هبة")),
    "EG": (("عبد الله", "حسن", "إبراهيم", "السيد", "محمود", "عبد الرحمن", "مصطفى", "الشريف"),
           ("محمد", "أحمد", "محمود", "مصطفى", "كريم", "طارق"),
           ("منى", "هبة", "دينا", "ياسمين", "نادية", "سمر")),
    "AF": (("احمدی", "حیدری", "محمدی", "رحیمی", "کریمی", "نوری", "صدیقی", "هاشمی", "یوسفزی", "پوپلزی"),
           ("احمد", "محمود", "نجیب", "عبدالله", "فرید", "ذبیح الله", "جاوید", "نصیر"),
           ("فریبا", "مریم", "زهرا", "شکیلا", "نرگس", "فاطمه", "ملالی", "لیلا")),
    "IR": (("حسینی", "رضایی", "محمدی", "کریمی", "موسوی", "جعفری", "احمدی", "صادقی", "رحمانی"),
           ("علی", "رضا", "مهدی", "حسین", "امیر", "سعید", "محمد", "حمید"),
           ("زهرا", "مریم", "فاطمه", "سارا", "نسرین", "لیلا", "شیرین", "الهام")),
    "AM": (("Գևորգյան", "Հարությունյան", "Սարգսյան", "Պետրոսյան", "Հովհաննիսյան", "Խաչատրյան", "Կարապետյան",
            "Գրիգորյան", "Մկրտչյան", "Ավետիսյան"),
           ("Արամ", "Տիգրան", "Դավիթ", "Հայկ", "Արմեն", "Գագիկ", "Վահե", "Սամվել"),
           ("Անի", "Մարիամ", "Լիլիթ", "Նարինե", "Գայանե", "Աննա", "Արմինե", "Սյուզաննա")),
    "GE": (("ბერიძე", "კაპანაძე", "გელაშვილი", "მაისურაძე", "ლომიძე", "ჯაფარიძე", "ხუციშვილი", "ნოზაძე",
            "ტაბატაძე"),
           ("გიორგი", "დავით", "ლევან", "ნიკა", "ზურაბ", "ირაკლი", "გოჩა", "მამუკა"),
           ("ნინო", "თამარ", "მარიამ", "ანა", "ეკატერინე", "ნათია", "ქეთევან", "მაკა")),
    "NP": (("श्रेष्ठ", "गुरुङ", "तामाङ", "राई", "मगर", "थापा", "अधिकारी", "शर्मा", "लिम्बु", "कार्की"),
           ("राम", "हरि", "सुरेश", "दीपक", "विकास", "सञ्जय", "प्रकाश", "राजेश"),
           ("सीता", "गीता", "सरिता", "सुनिता", "कमला", "पुष्पा", "अनिता", "मन्जु")),
    "IN": (("शर्मा", "सिंह", "कुमार", "वर्मा", "गुप्ता", "पटेल", "यादव"),
           ("राजेश", "अमित", "सुनील", "गुरप्रीत", "हरप्रीत", "मनप्रीत"),
           ("प्रिया", "सुनीता", "पूजा", "अंजलि", "रीना", "नेहा")),
    "BR": (("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Lima", "Ferreira", "Costa", "Rodrigues", "Almeida",
            "Carvalho", "Gomes", "Ribeiro", "Martins"),
           ("João", "Lucas", "Gabriel", "Rafael", "Pedro", "Marcos", "Paulo", "Thiago", "Anderson", "Wellington",
            "João Paulo"),
           ("Maria", "Ana", "Juliana", "Fernanda", "Patrícia", "Aline", "Camila", "Luciana", "Vanessa", "Adriana",
            "Maria Aparecida")),
    "XK": (("Krasniqi", "Gashi", "Berisha", "Morina", "Hoxha", "Shala", "Bytyqi", "Kryeziu", "Rexhepi", "Hasani",
            "Kelmendi", "Ahmeti", "Mustafa"),
           ("Arben", "Besnik", "Driton", "Valon", "Agron", "Blerim", "Fatmir", "Ilir", "Labinot", "Shkelzen"),
           ("Arta", "Blerta", "Drita", "Vjosa", "Fatime", "Shqipe", "Mimoza", "Valbona", "Lindita", "Teuta")),
    "AL": (("Hoxha", "Shehu", "Dervishi", "Leka", "Çela", "Kola", "Prifti", "Gjoka", "Marku", "Hysa", "Muça"),
           ("Ardit", "Klodian", "Erion", "Gentian", "Altin", "Elton", "Dritan", "Alban"),
           ("Anila", "Elona", "Brunilda", "Jonida", "Erjona", "Klea", "Mirela", "Enkeleda")),
    "MA": (("El Amrani", "Benali", "Ouazzani", "Tazi", "Alaoui", "Bennani", "El Idrissi", "Berrada", "Chraibi",
            "Ziani", "Bouzid"),
           ("Youssef", "Mohamed", "Hamza", "Omar", "Rachid", "Said", "Abdelilah", "Karim"),
           ("Fatima", "Khadija", "Salma", "Imane", "Nadia", "Samira", "Latifa", "Hanane")),
    "DZ": (("Benaissa", "Boudiaf", "Khelifi", "Meziane", "Saadi", "Haddad", "Brahimi", "Belkacem", "Mansouri",
            "Zerrouki"),
           ("Karim", "Sofiane", "Mourad", "Nassim", "Amine", "Yacine", "Djamel", "Farid"),
           ("Amel", "Nassima", "Lamia", "Souad", "Karima", "Yasmina", "Meriem", "Sabrina")),
    "TN": (("Trabelsi", "Ben Salah", "Gharbi", "Jlassi", "Hammami", "Ayari", "Mejri", "Ben Ammar"),
           ("Mohamed", "Ahmed", "Walid", "Anis", "Sami", "Bilel", "Hichem"),
           ("Amira", "Ines", "Rim", "Sonia", "Hela", "Mouna")),
    "SN": (("Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Ba", "Sy", "Faye", "Gueye", "Mbaye", "Sarr"),
           ("Mamadou", "Cheikh", "Ousmane", "Ibrahima", "Moussa", "Abdoulaye", "Babacar", "Modou"),
           ("Fatou", "Aminata", "Awa", "Mariama", "Khady", "Ndeye", "Coumba", "Astou")),
    "GN": (("Diallo", "Barry", "Bah", "Camara", "Sylla", "Condé", "Baldé", "Soumah", "Keita", "Touré"),
           ("Mamadou", "Alpha", "Ibrahima", "Sekou", "Oumar", "Thierno", "Amadou", "Boubacar"),
           ("Mariama", "Fatoumata", "Aissatou", "Kadiatou", "Hawa", "Ramatoulaye", "Oumou", "Aminata")),
    "CM": (("Mbarga", "Fotso", "Tchoumi", "Kamga", "Nana", "Ngono", "Essomba", "Atangana", "Tchinda"),
           ("Jean-Pierre", "Serge", "Paul", "Hervé", "Achille", "Emmanuel", "Christian", "Blaise"),
           ("Brigitte", "Carine", "Sandrine", "Estelle", "Mireille", "Chantal", "Solange", "Marie")),
    "CD": (("Tshibangu", "Kalala", "Mukendi", "Ilunga", "Kasongo", "Mutombo", "Lukusa", "Ngoy", "Mwamba", "Nsimba"),
           ("Jean", "Patrick", "Christian", "Didier", "Pascal", "Guy", "Joseph", "Trésor"),
           ("Grâce", "Nadine", "Esther", "Mireille", "Chantal", "Béatrice", "Gisèle", "Ruth")),
    "NG": (("Okafor", "Adeyemi", "Okonkwo", "Eze", "Nwosu", "Balogun", "Ogunleye", "Ibrahim", "Musa", "Adebayo"),
           ("Chinedu", "Emeka", "Oluwaseun", "Tunde", "Ifeanyi", "Ibrahim", "Segun", "Uche"),
           ("Ngozi", "Chioma", "Funmilayo", "Blessing", "Adaeze", "Amaka", "Folake", "Aisha")),
    "TR": (("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir"),
           ("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat"),
           ("Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife")),
    "AZ": (("Məmmədov", "Əliyev", "Həsənov", "Hüseynov", "Quliyev", "İsmayılov", "Abbasov", "Rzayev"),
           ("Elvin", "Rəşad", "Orxan", "Tural", "Elçin", "Kamran", "Anar", "Vüsal"),
           ("Aynur", "Günel", "Leyla", "Nərmin", "Səbinə", "Aysel", "Könül", "Ülviyyə")),
    "BA": (("Hodžić", "Hadžić", "Kovačević", "Delić", "Begić", "Mehmedović", "Suljić", "Hasanović", "Jukić"),
           ("Amir", "Adnan", "Emir", "Haris", "Mirza", "Senad", "Samir", "Edin"),
           ("Amra", "Lejla", "Selma", "Aida", "Emina", "Amela", "Jasmina", "Sanela")),
    "ME": (("Popović", "Vujović", "Radović", "Vuković", "Lazović", "Šćepanović", "Božović", "Nikolić"),
           ("Milan", "Marko", "Vuk", "Nikola", "Dragan", "Veselin", "Luka"),
           ("Jelena", "Milena", "Ana", "Vesna", "Danijela", "Marija")),
    "MD": (("Rusu", "Ceban", "Ciobanu", "Țurcan", "Cojocaru", "Lungu", "Popa", "Munteanu", "Rotari", "Sârbu"),
           ("Ion", "Vasile", "Andrei", "Sergiu", "Alexandru", "Mihai", "Vitalie", "Igor"),
           ("Maria", "Elena", "Natalia", "Tatiana", "Ana", "Olga", "Svetlana", "Cristina")),
    "PE": (("Quispe", "Flores", "Rodríguez", "Huamán", "Mamani", "García", "Chávez", "Rojas", "Vásquez"),
           ("José", "Luis", "Carlos", "Juan", "Jorge", "Miguel", "César", "Víctor"),
           ("María", "Rosa", "Carmen", "Ana", "Luz", "Elena", "Gladys", "Patricia")),
    "BO": (("Mamani", "Quispe", "Choque", "Condori", "Flores", "Gutiérrez", "Apaza", "Limachi", "Vargas"),
           ("Juan", "Mario", "Wilson", "René", "Freddy", "Edwin", "Roberto", "Limber"),
           ("Rosa", "Lidia", "Sonia", "Marisol", "Carmen", "Norma", "Maribel", "Jhenny")),
    "EC": (("Guamán", "Andrade", "Zambrano", "Cedeño", "Vera", "Mendoza", "Pacheco", "Castillo", "Paredes"),
           ("Jorge", "Luis", "Byron", "Fausto", "Marco", "Patricio", "Wilson", "Édison"),
           ("María", "Mercedes", "Verónica", "Gabriela", "Diana", "Silvia", "Jessica", "Carmen")),
    "CO": (("Rodríguez", "Gómez", "González", "Martínez", "López", "Hernández", "Díaz", "Ramírez", "Ospina"),
           ("Andrés", "Juan Carlos", "Jhon", "Diego", "Carlos", "Julián", "Fabián", "Óscar"),
           ("Luz Marina", "Diana", "Paola", "Sandra", "Claudia", "Marcela", "Yuliana", "Natalia")),
    "CN": (("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Lin"),
           ("Wei", "Jun", "Qiang", "Lei", "Jian", "Ming", "Hao", "Tao"),
           ("Fang", "Li Na", "Xiuying", "Mei", "Yan", "Jing", "Hui", "Ling")),
    "VN": (("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"),
           ("Văn Hùng", "Văn Nam", "Minh Tuấn", "Đức Anh", "Quang Huy", "Văn Long"),
           ("Thị Lan", "Thị Hoa", "Thị Hương", "Thu Trang", "Ngọc Anh", "Thị Mai")),
    "LK": (("Perera", "Fernando", "de Silva", "Jayasinghe", "Bandara", "Wickramasinghe", "Sivakumar",
            "Kumarasamy", "Navaratnam"),
           ("Nimal", "Sunil", "Kamal", "Ruwan", "Suresh", "Pradeep", "Sivanesan", "Kanthan"),
           ("Kumari", "Chamari", "Dilani", "Nirosha", "Tharshini", "Malini", "Sanduni", "Priyanka")),
    "BD": (("Hossain", "Rahman", "Islam", "Ahmed", "Uddin", "Miah", "Chowdhury", "Khan", "Sarkar"),
           ("Mohammad", "Abdul", "Rafiqul", "Shahidul", "Kamal", "Jahangir", "Habibur", "Anwar"),
           ("Nasrin", "Fatema", "Rokeya", "Shirin", "Taslima", "Jesmin", "Rupa", "Salma")),
    "PK": (("Khan", "Ahmed", "Ali", "Hussain", "Shah", "Butt", "Malik", "Qureshi", "Chaudhry", "Raza"),
           ("Muhammad", "Imran", "Asif", "Tariq", "Faisal", "Kashif", "Zahid", "Bilal"),
           ("Ayesha", "Saima", "Nadia", "Sana", "Rabia", "Shazia", "Farah", "Amina")),
    "SO": (("Mohamed", "Ali", "Hassan", "Abdi", "Farah", "Warsame", "Osman", "Abdullahi", "Yusuf", "Nur"),
           ("Abdirahman", "Abdullahi", "Ahmed", "Mohamed", "Hassan", "Abdikadir", "Yusuf", "Omar"),
           ("Fadumo", "Hodan", "Amina", "Sahra", "Hawa", "Ladan", "Asha", "Khadra")),
    "ET": (("Tesfaye", "Bekele", "Girma", "Tadesse", "Haile", "Alemu", "Mekonnen", "Abebe", "Kebede"),
           ("Dawit", "Yonas", "Henok", "Solomon", "Abel", "Biniam", "Tewodros", "Samuel"),
           ("Hiwot", "Selam", "Tigist", "Meron", "Bethlehem", "Mahlet", "Almaz", "Rahel")),
    "ER": (("Tesfamariam", "Ghebremedhin", "Habte", "Tekle", "Berhane", "Kidane", "Mehari", "Woldu", "Yohannes"),
           ("Yonas", "Filmon", "Samuel", "Daniel", "Aron", "Semere", "Tedros", "Robel"),
           ("Helen", "Senait", "Ruta", "Luwam", "Saba", "Winta", "Eden", "Feven")),
}
# Where a wife keeps her own family name.
OWN_FAMILY_NAME = ("IQ", "SY", "EG", "AF", "IR", "MA", "DZ", "TN", "MN", "CN", "VN", "SO", "ET", "ER", "PK", "BD",
                   "SN", "GN", "PE", "BO", "EC", "CO")
# Family names with a feminine form (Иванов → Иванова, Николовски → Николовска, Məmmədov → Məmmədova).
FEMININE_ENDINGS = {
    "RU": (("ский", "ская"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина")),
    "BY": (("ов", "ова"), ("ёв", "ёва"), ("ев", "ева")),
    "KZ": (("ов", "ова"), ("ев", "ева")),
    "MK": (("ски", "ска"),),
    "AZ": (("ov", "ova"), ("yev", "yeva"), ("ev", "eva")),
}
FEMALE_PRINCIPALS = {"UA": 0.5, "MN": 0.5, "BR": 0.45, "MD": 0.45, "PE": 0.5, "BO": 0.5, "EC": 0.5, "CO": 0.5,
                     "BY": 0.4, "RU": 0.35, "CM": 0.4, "CD": 0.4, "NG": 0.4, "ET": 0.45, "ER": 0.35}
# Some carry the passport of another state: Kosovars a Serbian one from before 2008, and so on.
OTHER_NATIONALITY = {"XK": ("RS", 0.12), "ME": ("RS", 0.1), "KZ": ("RU", 0.08), "BY": ("RU", 0.05),
                     "AM": ("RU", 0.04), "GE": ("RU", 0.03)}


@dataclass(eq=False)  # households are compared by identity: two may have the same columns
class _Household:
    programme: str
    destination: str
    size: int
    reintegration: tuple[str, ...] = ()
    category: str = ""
    partner_type: str = ""
    partner: str = ""
    outcome: str = "DEPARTED"
    registered_on: Date = datetime.date.min
    departed_on: Date | None = None


def _size(destination: str, rng: random.Random, *, at_most: int) -> int:
    weights = SIZE_WEIGHTS_FAMILIES if destination in FAMILY_DESTINATIONS else SIZE_WEIGHTS
    return min(rng.choices(SIZES, weights)[0], at_most)


def _cell_sizes(persons: int, destination: str, rng: random.Random) -> list[int]:
    """Household sizes adding up to `persons`: drawn, the last one taking what is left."""
    sizes = []
    while persons > 0:
        sizes.append(_size(destination, rng, at_most=persons))
        persons -= sizes[-1]
    return sizes


def _sizes_for(cases: int, persons: int, rng: random.Random, largest: int = 6) -> list[int]:
    """`cases` household sizes adding up to exactly `persons`."""
    sizes = [1] * cases
    for _extra in range(persons - cases):
        index = rng.choice([index for index, size in enumerate(sizes) if size < largest])
        sizes[index] += 1
    return sizes


def _share_out(households: list[_Household], quotas: dict[str, int],
               lean: Callable[[_Household, str], float], rng: random.Random) -> list[str]:
    """A label per household such that the persons per label are exactly `quotas`.

    The largest households go first, each to a label with room for it (chosen by lean × room left), so that the
    single persons who go last fill every quota to the unit; a rare dead end is tried again in another order.
    """
    if sum(household.size for household in households) != sum(quotas.values()):
        raise ValueError("the quotas do not add up to the households' persons")
    for _attempt in range(100):
        order = list(range(len(households)))
        rng.shuffle(order)
        order.sort(key=lambda index: -households[index].size)
        room = dict(quotas)
        labels = [""] * len(households)
        for index in order:
            size = households[index].size
            fitting = [label for label, left in room.items() if left >= size]
            if not fitting:
                break
            label = rng.choices(fitting, [lean(households[index], label) * room[label] for label in fitting])[0]
            room[label] -= size
            labels[index] = label
        else:
            return labels
    raise ValueError("the households cannot be shared out exactly over the quotas")


def _category_lean(household: _Household, category: str) -> float:
    lean = CATEGORY_LEAN_MIGRANTS if household.destination in MIGRANT_DESTINATIONS else CATEGORY_LEAN_ASYLUM
    return lean[category]


def _partner_lean(household: _Household, partner_type: str) -> float:
    return PARTNER_LEAN[household.category][partner_type]


def _support(rng: random.Random) -> tuple[str, ...]:
    kinds = {rng.choices(list(SUPPORT_WEIGHTS), list(SUPPORT_WEIGHTS.values()))[0]}
    if rng.random() < 0.25:
        kinds.add(rng.choice(["HOUSING", "EDUCATION", "JOB_PLACEMENT"]))
    return tuple(kind for kind in REINTEGRATION_KINDS if kind in kinds)


def _weekday_between(rng: random.Random, first: Date, last: Date) -> Date:
    """A working day from `first` to `last` (both included), or `first` if the span has none."""
    span = (last - first).days
    for _try in range(10):
        day = first + datetime.timedelta(days=rng.randint(0, span))
        if day.weekday() < 5:
            return day
    return first


def _registered_and_departed(rng: random.Random, *, departed_from: Date, departed_until: Date,
                             registered_from: Date) -> tuple[Date, Date]:
    """A departure in the span and its registration some weeks before, not before `registered_from`."""
    departed_on = _weekday_between(rng, departed_from, departed_until)
    registered_on = departed_on - datetime.timedelta(days=int(rng.triangular(10, 160, 35)))
    if registered_on < registered_from or registered_on.weekday() >= 5:
        registered_on = _weekday_between(rng, max(registered_from, registered_on - datetime.timedelta(days=3)),
                                         departed_on)
    return registered_on, departed_on


def _partner(partner_type: str, rng: random.Random, programme: str = "REAB") -> str:
    names, weights = zip(*(BE_PARTNERS if programme == "REAB" else LU_PARTNERS)[partner_type], strict=True)
    return rng.choices(names, weights)[0]


def _category(destination: str, rng: random.Random) -> str:
    lean = CATEGORY_LEAN_MIGRANTS if destination in MIGRANT_DESTINATIONS else CATEGORY_LEAN_ASYLUM
    return rng.choices(list(lean), list(lean.values()))[0]


def _reab_2012(rng: random.Random) -> list[_Household]:
    """REAB 2012: the departures (the seed's tables) and the registrations that did not leave that year."""
    departed = [
        _Household("REAB", destination, size, reintegration=_support(rng) if supported else ())
        for destination, total in REAB_DEPARTED_2012.items()
        for supported, persons in ((True, REAB_REINTEGRATION_2012.get(destination, 0)),
                                   (False, total - REAB_REINTEGRATION_2012.get(destination, 0)))
        for size in _cell_sizes(persons, destination, rng)
    ]
    for household, category in zip(departed, _share_out(departed, REAB_CATEGORIES_2012, _category_lean, rng),
                                   strict=True):
        household.category = category
    departed_by_type = {partner_type: counts[1] for partner_type, counts in REAB_PARTNER_TYPES_2012.items()}
    for household, partner_type in zip(departed, _share_out(departed, departed_by_type, _partner_lean, rng),
                                       strict=True):
        household.partner_type = partner_type
        household.partner = _partner(partner_type, rng)
    red_cross = [household for household in departed if household.partner_type == "RED_CROSS_CENTRE"]
    for household, partner in zip(red_cross, _share_out(red_cross, RED_CROSS_DEPARTED_2012, lambda *_: 1.0, rng),
                                  strict=True):
        household.partner = partner

    # A few registered in December 2011 left in January 2012; as many persons of each partner type registered in
    # December 2012 left in January 2013, so that registrations and departures per type stay the seed's.
    around_new_year = rng.sample([household for household in departed if household.size <= 3], 40)
    for household in departed:
        if household in around_new_year:
            household.registered_on = _weekday_between(rng, Date(2011, 12, 1), Date(2011, 12, 21))
            household.departed_on = _weekday_between(rng, Date(2012, 1, 3), Date(2012, 1, 27))
        else:
            household.registered_on, household.departed_on = _registered_and_departed(
                rng, departed_from=Date(2012, 1, 16), departed_until=Date(2012, 12, 21),
                registered_from=Date(2012, 1, 2))

    destinations, weights = list(REAB_DEPARTED_2012), list(REAB_DEPARTED_2012.values())
    not_departed = []
    for household in around_new_year:
        destination = rng.choices(destinations, weights)[0]
        not_departed.append(_Household(
            "REAB", destination, household.size, category=_category(destination, rng),
            partner_type=household.partner_type, partner=_partner(household.partner_type, rng),
            registered_on=_weekday_between(rng, Date(2012, 12, 3), Date(2012, 12, 21)),
            departed_on=_weekday_between(rng, Date(2013, 1, 7), Date(2013, 1, 31)),
            reintegration=_support(rng) if rng.random() < 0.25 else (),
        ))
    for partner_type, (registered, departed_count) in REAB_PARTNER_TYPES_2012.items():
        persons = registered - departed_count
        while persons > 0:
            destination = rng.choices(destinations, weights)[0]
            size = _size(destination, rng, at_most=persons)
            persons -= size
            household = _Household("REAB", destination, size, category=_category(destination, rng),
                                   partner_type=partner_type, partner=_partner(partner_type, rng))
            household.outcome = rng.choices(["DEPARTED", "WITHDRAWN", "NO_SHOW"], [30, 45, 25])[0]
            if household.outcome == "DEPARTED":  # still waiting for travel at the end of the year
                household.registered_on = _weekday_between(rng, Date(2012, 10, 1), Date(2012, 12, 21))
                household.departed_on = _weekday_between(rng, Date(2013, 1, 7), Date(2013, 3, 29))
                household.reintegration = _support(rng) if rng.random() < 0.25 else ()
            else:
                household.registered_on = _weekday_between(rng, Date(2012, 1, 2), Date(2012, 12, 14))
            not_departed.append(household)
    return departed + not_departed


def _avrrl_2012(rng: random.Random) -> list[_Household]:
    """Luxembourg 2012: 97 departed, the seed's top five, and its reintegration, microbusiness and medical figures."""
    departed = []
    for group, (cases, persons) in AVRRL_SUPPORT_2012.items():
        for size in _sizes_for(cases, persons, rng, largest=5):
            if group == "MICROBUSINESS":
                support: tuple[str, ...] = ("MICROBUSINESS", "HOUSING") if rng.random() < 0.2 else ("MICROBUSINESS",)
            elif group == "MEDICAL":
                support = ("MEDICAL",)
            elif group == "OTHER":
                support = (rng.choice(["EDUCATION", "HOUSING", "JOB_PLACEMENT", "WAGE_SUBSIDY"]),)
            else:
                support = ()
            departed.append(_Household("AVRRL", "", size, reintegration=support))

    def lean(household: _Household, destination: str) -> float:  # Kosovars opened most of the small businesses
        return 3.0 if destination == "XK" and "MICROBUSINESS" in household.reintegration else 1.0

    for household, destination in zip(departed, _share_out(departed, AVRRL_DEPARTED_2012, lean, rng), strict=True):
        household.destination = destination
        household.partner_type = rng.choices(list(LU_PARTNERS), [13, 6, 4, 1])[0]
        household.partner = _partner(household.partner_type, rng, "AVRRL")
        household.registered_on, household.departed_on = _registered_and_departed(
            rng, departed_from=Date(2012, 1, 9), departed_until=Date(2012, 12, 20), registered_from=Date(2011, 10, 3))
    withdrawn = []
    for size in (1, 2, 1, 3, 1):
        destination = rng.choice(["XK", "XK", "RS", "IQ", "MK"])
        partner_type = rng.choice(["NGO", "RED_CROSS_CENTRE"])
        withdrawn.append(_Household(
            "AVRRL", destination, size, partner_type=partner_type, partner=_partner(partner_type, rng, "AVRRL"),
            outcome=rng.choice(["WITHDRAWN", "NO_SHOW"]),
            registered_on=_weekday_between(rng, Date(2012, 1, 2), Date(2012, 11, 30)),
        ))
    return departed + withdrawn


def _other_year(year: int, rng: random.Random) -> list[_Household]:
    """A plausible year with no targets: it registers, and departs, within the year, so 2012 stays exact."""
    reab_persons, avrrl_persons, leans = OTHER_YEARS[year]
    destinations = list(REAB_DEPARTED_2012)
    weights = [count * leans.get(destination, 1.0) for destination, count in REAB_DEPARTED_2012.items()]
    partner_types = list(REAB_PARTNER_TYPES_2012)
    partner_weights = [registered for registered, _departed in REAB_PARTNER_TYPES_2012.values()]
    households = []
    for programme, persons in (("REAB", reab_persons), ("AVRRL", avrrl_persons)):
        while persons > 0:
            if programme == "REAB":
                destination = rng.choices(destinations, weights)[0]
                partner_type = rng.choices(partner_types, partner_weights)[0]
                category = _category(destination, rng)
                supported = rng.random() < REAB_REINTEGRATION_2012.get(destination, 2) / REAB_DEPARTED_2012[
                    destination]
            else:
                destination = rng.choices(list(AVRRL_DEPARTED_2012), list(AVRRL_DEPARTED_2012.values()))[0]
                partner_type = rng.choices(list(LU_PARTNERS), [13, 6, 4, 1])[0]
                category = ""
                supported = rng.random() < 0.85
            size = _size(destination, rng, at_most=persons)
            persons -= size
            household = _Household(programme, destination, size, category=category, partner_type=partner_type,
                                   partner=_partner(partner_type, rng, programme))
            household.outcome = rng.choices(["DEPARTED", "WITHDRAWN", "NO_SHOW"], [76, 15, 9])[0]
            if household.outcome == "DEPARTED":
                household.registered_on, household.departed_on = _registered_and_departed(
                    rng, departed_from=Date(year, 2, 1), departed_until=Date(year, 12, 20),
                    registered_from=Date(year, 1, 2))
                household.reintegration = _support(rng) if supported else ()
            else:
                household.registered_on = _weekday_between(rng, Date(year, 1, 2), Date(year, 12, 14))
            households.append(household)
    return households


def _feminine(family_name: str, culture: str) -> str:
    for ending, feminine in FEMININE_ENDINGS.get(culture, ()):
        if family_name.endswith(ending):
            return family_name[: -len(ending)] + feminine
    return family_name


def _born(on: Date, age: int, rng: random.Random) -> str:
    if rng.random() < 0.02:  # no document, no date
        return ""
    return (on - datetime.timedelta(days=int(age * 365.25) + rng.randint(0, 364))).isoformat()


def _persons(household: _Household, rng: random.Random) -> list[dict[str, str]]:
    """The household's persons: a principal adult, then a partner, children, sometimes an older relative."""
    culture = household.destination
    families, male, female = NAMES[culture]
    nationality = culture
    other = OTHER_NATIONALITY.get(culture)
    if other and rng.random() < other[1]:
        nationality = other[0]
    used: list[str] = []

    def person(sex: str, age: int, family_name: str) -> dict[str, str]:
        choices = [name for name in (female if sex == "F" else male) if name not in used] or list(female + male)
        given_names = rng.choice(choices)
        used.append(given_names)
        return {
            "family_name": _feminine(family_name, culture) if sex == "F" else family_name,
            "given_names": given_names, "sex": sex, "date_of_birth": _born(household.registered_on, age, rng),
            "nationality": nationality, "vulnerable": "yes" if rng.random() < 0.05 else "no",
        }

    principal_sex = "F" if rng.random() < FEMALE_PRINCIPALS.get(culture, 0.3) else "M"
    principal_age = int(rng.triangular(18, 62, 29)) if household.size < 3 else int(rng.triangular(24, 58, 34))
    family_name = rng.choice(families)
    persons = [person(principal_sex, principal_age, family_name)]
    children_family_name = family_name
    if household.size >= 2 and rng.random() < (0.85 if principal_sex == "M" else 0.5):
        partner_sex = "M" if principal_sex == "F" else "F"
        partner_family_name = rng.choice(families) if culture in OWN_FAMILY_NAME else family_name
        if partner_sex == "M":
            children_family_name = partner_family_name
        persons.append(person(partner_sex, max(18, principal_age + rng.randint(-8, 6)), partner_family_name))
    while len(persons) < household.size:
        if rng.random() < 0.05 and principal_age < 55:  # a parent who returns with the family
            persons.append(person(rng.choice("FM"), principal_age + rng.randint(21, 30), family_name))
        elif principal_age >= 19:
            persons.append(person(rng.choice("FM"), rng.randint(0, min(17, principal_age - 19)),
                                  children_family_name))
        else:  # a young principal travels with brothers and sisters
            persons.append(person(rng.choice("FM"), rng.randint(16, 24), family_name))
    return persons


def demo_register_rows(seed: int = 2012) -> list[list[str]]:
    """The demo history as the case exchange format's rows: the header, then one row per person, by registration."""
    rng = random.Random(seed)
    households = _reab_2012(rng) + _avrrl_2012(rng)
    for year in OTHER_YEARS:
        households += _other_year(year, rng)
    households.sort(key=lambda household: (household.registered_on, household.programme))
    rows = [list(COLUMNS)]
    numbers: dict[tuple[str, int], int] = {}
    for household in households:
        key = (household.programme, household.registered_on.year)
        numbers[key] = numbers.get(key, 0) + 1
        case_ref = f"{household.programme}-{household.registered_on.year}-{numbers[key]:05d}"
        for position, person in enumerate(_persons(household, rng), start=1):
            values = {
                "case_ref": case_ref, "programme": household.programme, "referring_partner": household.partner,
                "partner_type": household.partner_type, "registered_on": household.registered_on.isoformat(),
                "person_ref": f"{case_ref}-{position}", "role": "PRINCIPAL" if position == 1 else "MEMBER",
                "reab_category": household.category, "destination": household.destination,
                "outcome": household.outcome,
                "departed_on": household.departed_on.isoformat() if household.departed_on else "",
                "reintegration": ";".join(household.reintegration), **person,
            }
            rows.append([values[column] for column in COLUMNS])
    return rows


def as_file_rows(rows: list[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """The rows as `parse_rows` reads them from a file: read by the case file reader itself, numbered from line 2
    under the header."""
    header, *body = rows
    return CaseFile(iter(body), header, len(body)).rows
