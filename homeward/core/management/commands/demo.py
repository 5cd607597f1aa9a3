"""`homeward demo`: demo organisations, one user per role, a few hundred live cases in every state, and the history.

The live cases go through the services, as a user's clicks would; the history (2010-2013, with the seed's 2012 year
report to the unit) goes through the case import, as an office's spreadsheet would. A fixed seed gives the same
register each time.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django_countries import countries

from homeward.cases import screening
from homeward.cases import services as case_services
from homeward.cases.models import AvrrlStatus, Case, CaseState, ReabCategory, Relation, Vulnerability
from homeward.cases.services import MemberData
from homeward.core.demo_register import as_file_rows, demo_register_rows
from homeward.exchange.importer import ImportResult, cases_import
from homeward.exchange.rows import parse_rows
from homeward.organisations import services as organisation_services
from homeward.organisations.models import Organisation, OrganisationType, Programme, Role, User
from homeward.people.models import DatePrecision, DocumentType, Sex
from homeward.people.services import PersonData

DEMO_PASSWORD = "homeward-demo"

T = OrganisationType
ORGANISATIONS = [
    ("IOM Brussels Country Office", T.COUNTRY_OFFICE, "BE", "Brussels"),
    ("Fedasil", T.DONOR, "BE", "Brussels"),
    ("Luxembourg Ministry of Foreign Affairs, Immigration Directorate", T.DONOR, "LU", "Luxembourg"),
    ("Caritas International", T.NGO, "BE", "Brussels"),
    ("Vluchtelingenwerk Vlaanderen", T.NGO, "BE", "Brussels"),
    ("CIRÉ", T.NGO, "BE", "Brussels"),
    ("Caritas Luxembourg", T.NGO, "LU", "Luxembourg"),
    ("Fedasil reception centre Klein Kasteeltje", T.FEDASIL_CENTRE, "BE", "Brussels"),
    ("Fedasil reception centre Poelkapelle", T.FEDASIL_CENTRE, "BE", "Poelkapelle"),
    ("Croix-Rouge de Belgique, centre de Jette", T.RED_CROSS_CENTRE, "BE", "Jette"),
    ("Rode Kruis Vlaanderen, centrum Sint-Niklaas", T.RED_CROSS_CENTRE, "BE", "Sint-Niklaas"),
    ("CPAS de Bruxelles", T.CITY, "BE", "Brussels"),
    ("OCMW Antwerpen", T.CITY, "BE", "Antwerpen"),
    ("Immigration Office", T.IMMIGRATION_OFFICE, "BE", "Brussels"),
    ("IOM Erbil", T.OFFICE_ABROAD, "IQ", "Erbil"),
    ("IOM Pristina", T.OFFICE_ABROAD, "XK", "Pristina"),
    ("IOM Moscow", T.OFFICE_ABROAD, "RU", "Moscow"),
    ("IOM Yerevan", T.OFFICE_ABROAD, "AM", "Yerevan"),
    ("IOM Rabat", T.OFFICE_ABROAD, "MA", "Rabat"),
]

# username, first name, last name, organisation, roles
USERS = [
    ("counsellor", "Sofie", "Peeters", "Caritas International", [Role.PARTNER_COUNSELLOR]),
    ("counsellor2", "Marc", "Dubois", "Croix-Rouge de Belgique, centre de Jette", [Role.PARTNER_COUNSELLOR]),
    ("caseofficer", "Laura", "Janssens", "IOM Brussels Country Office", [Role.CASE_OFFICER]),
    ("movement", "Karim", "Benali", "IOM Brussels Country Office", [Role.MOVEMENT_OFFICER]),
    ("reintegration", "Evi", "Maes", "IOM Brussels Country Office", [Role.REINTEGRATION_OFFICER]),
    ("erbil", "Shilan", "Aziz", "IOM Erbil", [Role.OFFICE_ABROAD]),
    ("fedasil", "Tom", "Claes", "Fedasil", [Role.PROGRAMME_MANAGER]),
    ("admin", "Ana", "Ramos", "IOM Brussels Country Office", [Role.ADMINISTRATOR]),
]

# Names as people write them in their own script, by nationality.
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "RU": (["Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев"],
           ["Александр", "Дмитрий", "Сергей", "Андрей"], ["Ольга", "Наталья", "Екатерина", "Анна"]),
    "UA": (["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко"],
           ["Олександр", "Андрій", "Михайло", "Богдан"], ["Олена", "Оксана", "Ірина", "Тетяна"]),
    "IQ": (["الحسن", "العبيدي", "الجبوري", "كريم", "رشيد"],
           ["محمد", "أحمد", "علي", "حسين"], ["فاطمة", "زينب", "مريم", "نور"]),
    "AM": (["Գևորգյան", "Հարությունյան", "Սարգսյան", "Պետրոսյան"],
           ["Արամ", "Տիգրան", "Դավիթ", "Հայկ"], ["Անի", "Մարիամ", "Լիլիթ", "Նարինե"]),
    "GE": (["ბერიძე", "კაპანაძე", "გელაშვილი", "მაისურაძე"],
           ["გიორგი", "დავით", "ლევან", "ნიკა"], ["ნინო", "თამარ", "მარიამ", "ანა"]),
    "MN": (["Батбаяр", "Ганбаатар", "Энхбаяр", "Болд"],
           ["Бат-Эрдэнэ", "Тэмүүжин", "Мөнх"], ["Сарнай", "Оюунчимэг", "Наран"]),
    "NP": (["श्रेष्ठ", "गुरुङ", "तामाङ", "राई"], ["राम", "हरि", "सुरेश"], ["सीता", "गीता", "सरिता"]),
    "BR": (["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Lima"],
           ["João", "Lucas", "Gabriel", "Rafael"], ["Maria", "Ana", "Juliana", "Fernanda"]),
    "XK": (["Krasniqi", "Gashi", "Berisha", "Morina", "Hoxha"],
           ["Arben", "Besnik", "Driton", "Valon"], ["Arta", "Blerta", "Drita", "Vjosa"]),
    "RS": (["Јовановић", "Петровић", "Николић", "Марковић"],
           ["Марко", "Никола", "Стефан"], ["Јелена", "Милица", "Ана"]),
    "AF": (["احمدی", "حیدری", "محمدی", "رحیمی"], ["احمد", "محمود", "نجیب"], ["فریبا", "مریم", "زهرا"]),
    "MA": (["El Amrani", "Benali", "Ouazzani", "Tazi", "Alaoui"],
           ["Youssef", "Mohamed", "Hamza", "Omar"], ["Fatima", "Khadija", "Salma", "Imane"]),
    "KZ": (["Нұрланов", "Серікбаев", "Ахметов"], ["Айдар", "Ерлан", "Нұрсұлтан"], ["Айгүл", "Динара", "Жанар"]),
}
LANGUAGES = {"RU": "rus", "UA": "ukr", "IQ": "ara", "AM": "hye", "GE": "kat", "MN": "mon", "NP": "nep", "BR": "por",
             "XK": "sqi", "RS": "srp", "AF": "fas", "MA": "ara", "KZ": "kaz"}
DESTINATION_WEIGHTS = {"BR": 15, "RU": 12, "UA": 9, "IQ": 8, "XK": 7, "AM": 5, "RS": 4, "MN": 4, "KZ": 3,
                       "GE": 3, "AF": 3, "NP": 2, "MA": 3}
# Roughly how a year's files are spread over the workflow.
STATE_WEIGHTS = {
    CaseState.DRAFT: 4, CaseState.REGISTERED: 8, CaseState.UNDER_REVIEW: 8, CaseState.APPROVED: 6,
    CaseState.REJECTED: 3, CaseState.TRAVEL_PREPARATION: 6, CaseState.BOOKED: 5, CaseState.DEPARTED: 30,
    CaseState.WITHDRAWN: 6, CaseState.NO_SHOW: 3, CaseState.CLOSED: 8,
}
# The path through the workflow to each state: (target, who moves it).
PATHS: dict[str, list[tuple[str, str]]] = {
    CaseState.DRAFT: [],
    CaseState.REGISTERED: [(CaseState.REGISTERED, "partner")],
    CaseState.UNDER_REVIEW: [(CaseState.REGISTERED, "partner"), (CaseState.UNDER_REVIEW, "caseofficer")],
}
PATHS[CaseState.APPROVED] = [*PATHS[CaseState.UNDER_REVIEW], (CaseState.APPROVED, "caseofficer")]
PATHS[CaseState.REJECTED] = [*PATHS[CaseState.UNDER_REVIEW], (CaseState.REJECTED, "caseofficer")]
PATHS[CaseState.TRAVEL_PREPARATION] = [*PATHS[CaseState.APPROVED], (CaseState.TRAVEL_PREPARATION, "movement")]
PATHS[CaseState.BOOKED] = [*PATHS[CaseState.TRAVEL_PREPARATION], (CaseState.BOOKED, "movement")]
PATHS[CaseState.DEPARTED] = [*PATHS[CaseState.BOOKED], (CaseState.DEPARTED, "movement")]
PATHS[CaseState.WITHDRAWN] = [*PATHS[CaseState.UNDER_REVIEW], (CaseState.WITHDRAWN, "caseofficer")]
PATHS[CaseState.NO_SHOW] = [*PATHS[CaseState.BOOKED], (CaseState.NO_SHOW, "movement")]
PATHS[CaseState.CLOSED] = [*PATHS[CaseState.DEPARTED], (CaseState.CLOSED, "caseofficer")]
NOTES = [
    "The family has valid passports; the youngest child needs a birth certificate from the embassy.",
    "Prefers a morning flight; the principal applicant uses a wheelchair at airports.",
    "Interpreter needed for appointments.",
    "Wants to start a small grocery shop back home; interested in reintegration support.",
]
REASONS: dict[str, str] = {
    CaseState.REJECTED: "The applicant holds a valid residence permit in another Schengen state.",
    CaseState.WITHDRAWN: "The applicant decided to stay and appeal the asylum decision.",
    CaseState.NO_SHOW: "The family did not come to the airport; the counsellor could not reach them.",
}


@dataclass
class Demo:
    random: random.Random
    users: dict[str, User]
    programmes: dict[str, Programme]
    partners: list[Organisation]


class Command(BaseCommand):
    help = "Load demo organisations, one user per role (password: homeward-demo), demo cases and their history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=300, help="How many cases to create (default 300).")
        parser.add_argument("--seed", type=int, default=2012, help="Seed of the random generator.")

    def handle(self, *args, cases: int, seed: int, **options) -> None:
        if User.objects.filter(username="caseofficer").exists():
            self.stdout.write("The demo data is already loaded.")
            return
        with transaction.atomic():
            demo = self._setup(seed)
            for _number in range(cases):
                self._case(demo)
            self._returning(demo)
            history = self._history(demo, seed)
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {len(ORGANISATIONS)} organisations, {len(USERS)} users, {cases} cases and a history of "
            f"{history.cases_created} cases ({history.persons} persons, 2010-2013; see homeward report year 2012). "
            f"Log in as counsellor, caseofficer, movement, ... with the password {DEMO_PASSWORD}."
        ))

    def _setup(self, seed: int) -> Demo:
        organisations = {
            name: organisation_services.organisation_create(name=name, type=type_, country=country, city=city)
            for name, type_, country, city in ORGANISATIONS
        }
        programmes = {programme.code: programme for programme in Programme.objects.all()}
        programmes["REAB"].managed_by = organisations["Fedasil"]
        programmes["AVRRL"].managed_by = organisations[
            "Luxembourg Ministry of Foreign Affairs, Immigration Directorate"]
        for programme in programmes.values():
            programme.save(update_fields=["managed_by"])
        users = {}
        for username, first, last, organisation, roles in USERS:
            users[username] = organisation_services.user_create(
                username=username, password=DEMO_PASSWORD, organisation=organisations[organisation], roles=roles,
                first_name=first, last_name=last, email=f"{username}@homeward.example",
            )
        partners = [organisation for organisation in organisations.values() if organisation.refers_cases]
        return Demo(random=random.Random(seed), users=users, programmes=programmes, partners=partners)

    def _history(self, demo: Demo, seed: int) -> ImportResult:
        """The register's past, imported by the administrator like any office's case file."""
        rows = demo_register_rows(seed)
        households = parse_rows(as_file_rows(rows), countries=frozenset(dict(countries)), today=timezone.localdate())
        return cases_import(actor=demo.users["admin"], cases=households, seed=seed)

    def _person(
        self, demo: Demo, nationality: str, *, sex: str, age: int, family_name: str, on: datetime.date,
        taken: set[str],
    ) -> PersonData:
        rng = demo.random
        _families, male, female = NAMES[nationality]
        names = [name for name in (male if sex == Sex.MALE else female) if name not in taken] or male + female
        given_name = rng.choice(names)
        taken.add(given_name)
        born = on - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        precision = rng.choices([DatePrecision.DAY, DatePrecision.YEAR, DatePrecision.UNKNOWN], [90, 7, 3])[0]
        if precision == DatePrecision.YEAR:
            born = datetime.date(born.year, 1, 1)
        has_passport = rng.random() < 0.6
        return PersonData(
            family_name=family_name,
            given_names=given_name,
            sex=sex,
            date_of_birth=None if precision == DatePrecision.UNKNOWN else born,
            date_of_birth_precision=precision,
            nationality=nationality,
            language=LANGUAGES[nationality] if age >= 4 else "",
            document_type=DocumentType.PASSPORT if has_passport else "",
            document_number=f"{nationality}{rng.randint(1000000, 9999999)}" if has_passport else "",
        )

    def _household(
        self, demo: Demo, nationality: str, on: datetime.date
    ) -> tuple[MemberData, list[MemberData]]:
        rng = demo.random
        family_name = rng.choice(NAMES[nationality][0])
        taken: set[str] = set()
        sex = rng.choice([Sex.MALE, Sex.MALE, Sex.FEMALE])
        age = rng.randint(19, 60)
        vulnerabilities = (
            frozenset({rng.choice([Vulnerability.MEDICAL_NEED, Vulnerability.VICTIM_OF_TRAFFICKING])})
            if rng.random() < 0.08
            else frozenset()
        )
        principal = MemberData(
            person=self._person(demo, nationality, sex=sex, age=age, family_name=family_name, on=on, taken=taken),
            relation=Relation.PRINCIPAL,
            vulnerabilities=vulnerabilities,
        )
        members = []
        size = rng.choices([1, 2, 3, 4, 5], [55, 15, 12, 12, 6])[0]
        if size > 1:
            partner_sex = Sex.FEMALE if sex == Sex.MALE else Sex.MALE
            partner_age = max(18, min(70, age + rng.randint(-6, 6)))
            members.append(MemberData(
                person=self._person(demo, nationality, sex=partner_sex, age=partner_age, family_name=family_name,
                                    on=on, taken=taken),
                relation=Relation.SPOUSE,
            ))
        # Children are at least 18 years younger than the principal, and minors.
        oldest_child = min(17, age - 18)
        for _child in range(size - 2):
            members.append(MemberData(
                person=self._person(demo, nationality, sex=rng.choice([Sex.MALE, Sex.FEMALE]),
                                    age=rng.randint(0, max(0, oldest_child)), family_name=family_name, on=on,
                                    taken=taken),
                relation=Relation.CHILD,
            ))
        return principal, members

    def _case(self, demo: Demo) -> None:
        rng = demo.random
        nationality = rng.choices(list(DESTINATION_WEIGHTS), list(DESTINATION_WEIGHTS.values()))[0]
        programme = demo.programmes["AVRRL" if rng.random() < 0.05 else "REAB"]
        country = "LU" if programme.code == "AVRRL" else "BE"
        partner = rng.choice([partner for partner in demo.partners if partner.country == country])
        state = rng.choices(list(STATE_WEIGHTS), list(STATE_WEIGHTS.values()))[0]
        path = PATHS[state]
        # Spread the history over the last months, a few days between steps, ending in the past.
        now = timezone.now()
        step = datetime.timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 8))
        moment = now - step * (len(path) + 1) - datetime.timedelta(days=rng.randint(0, 240))
        principal, members = self._household(demo, nationality, timezone.localdate(moment))
        partner_user = self._partner_user(demo, partner)
        case = case_services.case_register(
            actor=partner_user, programme=programme, referring_partner=partner, destination=nationality,
            reab_category=rng.choices(ReabCategory.values, [16, 45, 39])[0] if programme.uses_reab_categories else "",
            avrrl_status="" if programme.uses_reab_categories else rng.choice(AvrrlStatus.values),
            principal=principal, members=members, submit=False, at=moment,
            notes=rng.choice(NOTES) if rng.random() < 0.3 else "",
        )
        for target, who in path:
            moment += step
            actor = partner_user if who == "partner" else demo.users[who]
            if target == CaseState.APPROVED:
                self._screening_review(demo, case)
            departing = None
            if target == CaseState.DEPARTED and len(members) > 0 and rng.random() < 0.1:
                departing = [member.pk for member in case.members.all() if member.relation != Relation.SPOUSE]
            case = case_services.case_transition(
                actor=actor, case=case, to_state=target, reason=REASONS.get(target, ""), at=moment,
                departed_on=timezone.localdate(moment) if target == CaseState.DEPARTED else None,
                departing_member_ids=departing,
            )

    def _returning(self, demo: Demo) -> None:
        """A man who returned to Ukraine in 2023 applies again, his name spelt another way and his date of birth
        written day-first: screening puts the earlier return before the case officer."""
        counsellor = demo.users["counsellor"]
        partner = counsellor.organisation
        assert partner is not None
        reab = demo.programmes["REAB"]

        def applicant(family: str, given: str, born: datetime.date) -> MemberData:
            return MemberData(
                person=PersonData(family_name=family, given_names=given, sex=Sex.MALE, date_of_birth=born,
                                  date_of_birth_precision=DatePrecision.DAY, nationality="UA", language="ukr"),
                relation=Relation.PRINCIPAL,
            )

        moment = timezone.make_aware(datetime.datetime(2023, 3, 6, 10))
        case = case_services.case_register(
            actor=counsellor, programme=reab, referring_partner=partner, destination="UA",
            reab_category=ReabCategory.ASYLUM_REJECTED, principal=applicant("Ševčenko", "Aleksandr",
                                                                          datetime.date(1985, 3, 11)), at=moment,
        )
        for target, who in [(CaseState.UNDER_REVIEW, "caseofficer"), (CaseState.APPROVED, "caseofficer"),
                            (CaseState.TRAVEL_PREPARATION, "movement"), (CaseState.BOOKED, "movement"),
                            (CaseState.DEPARTED, "movement")]:
            moment += datetime.timedelta(days=20)
            case = case_services.case_transition(
                actor=demo.users[who], case=case, to_state=target, at=moment,
                departed_on=timezone.localdate(moment) if target == CaseState.DEPARTED else None,
            )
        case_services.case_register(
            actor=counsellor, programme=reab, referring_partner=partner, destination="UA",
            reab_category=ReabCategory.ASYLUM_REJECTED,
            principal=applicant("Shevchenko", "Oleksandr", datetime.date(1985, 11, 3)),
            at=timezone.now() - datetime.timedelta(days=2),
        )

    def _screening_review(self, demo: Demo, case: Case) -> None:
        """The officer looks at what screening found before approving: in the made-up register, a namesake."""
        for candidate in screening.open_candidates(case):
            screening.candidate_decide(actor=demo.users["caseofficer"], candidate=candidate, same_person=False)

    def _partner_user(self, demo: Demo, partner: Organisation) -> User:
        """The partner's demo counsellor, or the case officer registering at the desk for other partners."""
        for user in (demo.users["counsellor"], demo.users["counsellor2"]):
            if user.organisation_id == partner.pk:
                return user
        return demo.users["caseofficer"]
