"""A seeded synthetic register of persons in Latin letters, for timing look-ups and de-duplication at scale.

    from bench.screening.register import generate
    frame = generate(1_200_000, seed=7)   # pandas DataFrame, about 10 s

Columns: ``unique_id`` ("P0000001"...), ``person_id`` ("PE0000001"..., the same for all of a person's records),
``family_name``, ``given_names``, ``sex`` (M|F), ``date_of_birth`` (ISO date or None), ``nationality`` (ISO 3166
alpha-2).

Names come from 24 cultures: the ten of the transliteration set (names.py), each name pre-rendered in every
romanisation system of its culture (romanise.py) and drawn in one of them at random, and fourteen more whose names
are written here directly in Latin letters (Somali, Eritrean, Ethiopian, Turkish, Kurdish, Albanian, Pakistani,
Bangladeshi, Nigerian, Congolese, Vietnamese, Chinese, Latin American, Romanian). Names are drawn with Zipf-like
weights (a few names are very common, as in real registers). The lists are short (about 40 names a culture), so to
give the register a wider spread of family names 70% of persons get one spliced from two of their culture's (the
first half of one, the second half of another: Kovalenko + Shevchenko -> Kovachenko), about 70,000 distinct
family-name spellings at 1.2 million persons (a real register of that size has more). Dates of birth 1945-2025
(mode 1992); 3% known by year only (1 January), 2% unknown.

``dup_rate`` of the persons (default 3%) get a second record: the same person romanised by another system of the
culture, with a date-of-birth slip 15% of the time and a typo 10% of the time. A register with a few known duplicates
is realistic, and it gives Splink's EM the matches it needs to estimate m probabilities.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd

try:
    from . import translit as T
    from .romanise import SYSTEMS
except ImportError:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import translit as T  # type: ignore[no-redef]
    from romanise import SYSTEMS  # type: ignore[no-redef]

LATIN: dict[str, tuple[str, float, str, str, str]] = {
    # culture: (nationality, weight, male given names, female given names, family names)
    "so": (
        "SO",
        1.0,
        "Mohamed Abdi Ahmed Ali Hassan Omar Abdullahi Yusuf Ibrahim Abdirahman Mahad Farah Hussein Said Osman Jama "
        "Abdikarim Liban Bashir Mukhtar",
        "Amina Fadumo Hodan Sahra Hawa Faduma Halima Asha Maryan Nimco Khadija Ifrah Hibaaq Sagal Ubah Sucaad Ayaan "
        "Hamdi Deeqa Ilhan",
        "Mohamed Ahmed Hassan Ali Abdi Omar Farah Warsame Jama Hussein Yusuf Osman Ismail Aden Abdullahi Nur Elmi "
        "Gedi Hirsi Samatar Egal Dirie Shire Guled Mohamud Mahamud Duale Barre Abdulle Jibril",
    ),
    "er": (
        "ER",
        1.0,
        "Tesfaye Yonas Dawit Samuel Michael Berhane Tekle Habtom Filmon Daniel Mehari Amanuel Yohannes Semere Kidane "
        "Goitom Efrem Biniam Henok Robel",
        "Helen Selam Rahel Senait Mebrat Luwam Saba Hiwet Yordanos Feven Tsega Winta Eden Ruth Aster Semhar Abeba "
        "Freweini Letekidan Mizan",
        "Tesfamariam Gebremedhin Haile Tekle Ghebreyesus Berhe Kidane Habte Woldemariam Mehari Tesfay Andemariam "
        "Gebrehiwet Asfaha Ghebremichael Negash Weldu Kahsay Abraha Yemane Fitsum Tewelde Sium Okbazghi Hagos",
    ),
    "et": (
        "ET",
        0.8,
        "Abebe Getachew Mulugeta Tadesse Bekele Alemu Girma Solomon Tesfaye Kebede Dereje Yared Fikru Mesfin Biruk "
        "Henok Abel Ermias Natnael Kaleb",
        "Tigist Meron Hanna Selamawit Bethlehem Mahlet Almaz Genet Tsion Hirut Meseret Eyerusalem Liya Kidist Marta "
        "Sara Frehiwot Rahel Yeshi Aster",
        "Tadesse Bekele Alemu Getachew Haile Mekonnen Kebede Desta Wolde Tesfaye Girma Assefa Negash Abebe Demissie "
        "Mengistu Gebre Ayele Worku Tilahun Yilma Zewde Lemma Shiferaw Mulatu",
    ),
    "tr": (
        "TR",
        1.2,
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman Abdullah "
        "Mahmut Recep Salih Emre Burak",
        "Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Havva Zeliha Esra Fadime Özlem "
        "Hacer Yasemin Büşra",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç "
        "Kurt Özkan Şimşek Polat Korkmaz Karataş Erdoğan Güneş Aksoy Bulut Keskin Tekin Ünal",
    ),
    "ku": (
        "IQ",
        0.8,
        "Rebwar Karwan Shvan Dilshad Hawre Aram Bakhtiyar Nawzad Hemin Sherzad Azad Kawa Soran Dler Zana Rizgar Bestun "
        "Goran Sarhad Hogr",
        "Shilan Nazdar Avin Roj Berivan Shirin Hana Sozan Kurdistan Nasrin Gulistan Rezan Dilan Zhino Bahar Parwin "
        "Lana Tara Rozhin Shno",
        "Barzani Talabani Hawrami Mahmoud Ahmed Rasul Qadir Karim Aziz Mustafa Salih Hama Amin Jaff Baban Zebari "
        "Doski Berwari Sindi Mizuri Rekani Surchi Harki Dizayi Pishdari",
    ),
    "sq": (
        "AL",
        0.8,
        "Arben Artan Besnik Blerim Driton Gentian Ilir Kastriot Luan Mentor Agron Arjan Ermal Fatmir Gezim Klodian "
        "Sokol Valon Dritan Endrit",
        "Albana Arta Besa Blerta Drita Elona Entela Fatjona Flutura Jonida Lindita Majlinda Mimoza Rudina Shpresa "
        "Valbona Vjollca Zana Edlira Anila",
        "Hoxha Shehu Gashi Krasniqi Berisha Morina Kelmendi Bytyqi Hoti Rama Leka Dervishi Musliu Hysa Kola Marku "
        "Gjoka Prifti Basha Cela Dushku Zeneli Halili Kastrati Kurti",
    ),
    "pk": (
        "PK",
        1.2,
        "Muhammad Ali Ahmed Hassan Usman Bilal Imran Kamran Asif Tariq Zeeshan Faisal Adnan Shahid Naveed Waqas "
        "Irfan Sohail Junaid Arslan",
        "Ayesha Fatima Sana Hina Saima Nadia Rabia Sadia Amna Maryam Bushra Farah Iqra Mehwish Uzma Zainab Sidra "
        "Kiran Asma Huma",
        "Khan Ahmed Ali Hussain Shah Butt Malik Chaudhry Qureshi Sheikh Akhtar Iqbal Raza Abbasi Mirza Siddiqui "
        "Rana Bhatti Javed Anwar Awan Baig Gill Rehman Aslam",
    ),
    "bd": (
        "BD",
        0.8,
        "Mohammad Md Abdul Rahim Karim Shahidul Aminul Rafiqul Mizanur Habibur Anisur Jahangir Kamal Shafiqul "
        "Monirul Sohel Rasel Rubel Shakil Tanvir",
        "Fatema Nasrin Shirin Rokeya Shahnaz Taslima Nazma Rehana Jesmin Parvin Sharmin Sultana Farzana Tania Moushumi "
        "Shapla Rupa Mitu Lipi Ruma",
        "Rahman Hossain Islam Ahmed Uddin Alam Miah Khan Begum Akter Sarkar Chowdhury Haque Karim Biswas Das Roy "
        "Talukder Mondal Bhuiyan Sikder Molla Howlader Sheikh Khatun",
    ),
    "ng": (
        "NG",
        1.0,
        "Chukwuemeka Oluwaseun Abubakar Ibrahim Emeka Tunde Olusegun Chinedu Musa Babatunde Ikechukwu Adebayo "
        "Yusuf Obinna Femi Kelechi Uche Segun Nnamdi Kayode",
        "Ngozi Funmilayo Aisha Chiamaka Folake Adaeze Blessing Chioma Bukola Amina Yetunde Nneka Oluwakemi Halima "
        "Ifeoma Temitope Zainab Uchenna Abimbola Precious",
        "Okafor Adeyemi Okeke Ibrahim Bello Abubakar Eze Ogunleye Nwosu Adebayo Okonkwo Musa Balogun Olawale Chukwu "
        "Obi Afolabi Onyeka Adewale Ogbu Nwachukwu Usman Oladipo Akinola Ezeh",
    ),
    "cd": (
        "CD",
        0.8,
        "Jean Pierre Joseph Patrick Emmanuel Christian Didier Serge Fiston Glody Trésor Junior Cédric Héritier "
        "Jonathan Blaise Papy Guy Dieudonné Jules",
        "Marie Esther Grace Chantal Jeanne Solange Ruth Sarah Merveille Rachel Nathalie Aline Mireille Judith "
        "Francine Gisèle Claudine Béatrice Josée Anne",
        "Kabila Tshisekedi Mbuyi Ilunga Kalala Mukendi Tshibangu Kabongo Mwamba Kasongo Lukusa Ngoy Mulumba Kazadi "
        "Kanku Nzuzi Mbala Makiese Lumumba Mputu Kapinga Bokele Mayala Ngandu Kalonji",
    ),
    "vn": (
        "VN",
        0.8,
        "Minh Tuấn Hùng Dũng Hải Nam Long Phong Quang Thành Trung Việt Đức Hoàng Anh Khoa Tâm Bảo Huy Thắng",
        "Lan Hương Mai Linh Hoa Thảo Trang Ngọc Hà Thu Phương Hằng Nga Vy Trinh Yến Loan Tuyết Nhung Uyên",
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Đào Lâm Mai Tô Cao Hà Lưu",
    ),
    "cn": (
        "CN",
        1.0,
        "Wei Jie Hao Yang Lei Jun Ming Qiang Tao Chao Peng Bin Hui Gang Jian Long Xin Bo Kai Lin",
        "Fang Na Min Jing Li Ying Yan Hong Mei Xia Juan Lan Ping Yun Qing Xiu Hui Jia Ting Yu",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang",
    ),
    "la": (
        "CO",
        0.8,
        "José Juan Luis Carlos Jorge Miguel Pedro Andrés Diego Alejandro Manuel Jesús Fernando Ricardo Javier "
        "Daniel Sergio Eduardo Óscar Raúl",
        "María Ana Carmen Laura Sofía Valentina Camila Daniela Gabriela Lucía Paula Andrea Isabel Rosa Patricia "
        "Claudia Mónica Diana Natalia Carolina",
        "García Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz "
        "Cruz Morales Reyes Gutiérrez Ortiz Castillo Jiménez Vargas Romero Mendoza Herrera",
    ),
    "ro": (
        "RO",
        0.6,
        "Ion Gheorghe Vasile Constantin Nicolae Mihai Andrei Alexandru Florin Adrian Cristian Marius Daniel Ionuț "
        "Bogdan Gabriel Ștefan Dumitru Radu Ciprian",
        "Maria Elena Ioana Ana Mihaela Andreea Cristina Gabriela Alexandra Daniela Florentina Georgiana Alina Ramona "
        "Simona Roxana Nicoleta Adriana Claudia Raluca",
        "Popescu Ionescu Popa Pop Nistor Stan Dumitru Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin Lazăr "
        "Marin Moldovan Dinu Florea Tudor Barbu Ene Cristea Oprea Neagu",
    ),
}
TRANSLIT_WEIGHTS = {"ru": 0.8, "uk": 1.2, "ar_iq": 1.2, "ar_sy": 1.5, "ar_ma": 1.0, "ka": 0.7, "hy": 0.7, "mn": 0.5,
                    "ne": 0.7, "fa": 1.5}  # fmt: skip


SPLICED = 0.7  # share of persons whose family name is spliced from two of the culture's names, for diversity


def _zipf(n: int, exponent: float = 0.7) -> np.ndarray:
    w = 1 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


class _Culture:
    """Latin renderings of a culture's names: arrays of shape (names, systems)."""

    def __init__(self, code: str, nationalities: list[tuple[str, float]], weight: float, male, female, family):
        self.code, self.weight = code, weight
        self.nationalities = [c for c, _ in nationalities]
        self.nat_p = np.array([p for _, p in nationalities]) / sum(p for _, p in nationalities)
        self.male, self.female, self.family = male, female, family


def _render_all(code: str, names: list[T.Name], kind: str) -> np.ndarray:
    rng = random.Random(0)
    systems = SYSTEMS[code]
    table = [[systems[s](name.key, kind, rng) for s in sorted(systems)] for name in names]
    return np.array(table, dtype=object)


def cultures() -> list[_Culture]:
    out = []
    for code, c in T.CULTURES.items():
        family = c.family
        out.append(
            _Culture(
                code,
                list(c.nationalities),
                TRANSLIT_WEIGHTS[code],
                _render_all(code, c.male, "given"),
                _render_all(code, c.female, "given"),
                _render_all(code, family, "family"),
            )
        )
    for code, (nationality, weight, male, female, family) in LATIN.items():
        out.append(
            _Culture(
                code,
                [(nationality, 1.0)],
                weight,
                np.array([[n] for n in male.split()], dtype=object),
                np.array([[n] for n in female.split()], dtype=object),
                np.array([[n] for n in family.split()], dtype=object),
            )
        )
    return out


def _family(c: _Culture, a: int, b: int, system: int) -> str:
    """Family name ``a``, or (``b`` >= 0) the first half of ``a`` joined to the second half of ``b``, both as
    romanised by ``system``: Kovalenko + Shevchenko -> Kovachenko."""
    first = c.family[a, system]
    if b < 0:
        return first
    second = c.family[b, system]
    return first[: (len(first) + 1) // 2] + second[len(second) // 2 :].lower()


def _typo(rng: random.Random, text: str) -> str:
    return T.typo(rng, text) if text else text


def generate(n_persons: int, seed: int = 7, dup_rate: float = 0.03, id_prefix: str = "P") -> pd.DataFrame:
    """``n_persons`` persons (plus ``dup_rate`` of them again as duplicate records), shuffled."""
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    cs = cultures()
    p = np.array([c.weight for c in cs])
    which = rng.choice(len(cs), size=n_persons, p=p / p.sum())
    family = np.empty(n_persons, dtype=object)
    given = np.empty(n_persons, dtype=object)
    nationality = np.empty(n_persons, dtype=object)
    sex = np.where(rng.random(n_persons) < 0.5, "M", "F").astype(object)
    keys = np.zeros((n_persons, 5), dtype=np.int64)  # culture, given index, family index, system, second family index
    for ci, c in enumerate(cs):
        idx = np.flatnonzero(which == ci)
        if not len(idx):
            continue
        n_sys = c.family.shape[1]
        system = rng.integers(0, n_sys, len(idx))
        fam_i = rng.choice(len(c.family), size=len(idx), p=_zipf(len(c.family)))
        fam_j = rng.choice(len(c.family), size=len(idx), p=_zipf(len(c.family)))
        fam_j[rng.random(len(idx)) >= SPLICED] = -1
        family[idx] = [_family(c, a, b, s) for a, b, s in zip(fam_i, fam_j, system, strict=True)]
        male = sex[idx] == "M"
        g_i = np.where(
            male,
            rng.choice(len(c.male), size=len(idx), p=_zipf(len(c.male))),
            rng.choice(len(c.female), size=len(idx), p=_zipf(len(c.female))),
        )
        given[idx[male]] = c.male[g_i[male], system[male]]
        given[idx[~male]] = c.female[g_i[~male], system[~male]]
        nationality[idx] = rng.choice(c.nationalities, size=len(idx), p=c.nat_p)
        keys[idx] = np.column_stack([np.full(len(idx), ci), g_i, fam_i, system, fam_j])

    year = np.clip(np.rint(rng.triangular(1945, 1992, 2025, n_persons)), 1945, 2025).astype(int)
    day = rng.integers(0, 365, n_persons)
    dob = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + day.astype("timedelta64[D]")
    precision = rng.random(n_persons)
    dob = np.where(precision < 0.03, (year - 1970).astype("datetime64[Y]").astype("datetime64[D]"), dob)
    dob_str = np.datetime_as_string(dob, unit="D").astype(object)
    dob_str[(precision >= 0.03) & (precision < 0.05)] = None

    person_id = np.arange(n_persons)
    frame = pd.DataFrame(
        {
            "person_id": person_id,
            "family_name": family,
            "given_names": given,
            "sex": sex,
            "date_of_birth": dob_str,
            "nationality": nationality,
        }
    )

    n_dup = int(n_persons * dup_rate)
    if n_dup:
        src = rng.choice(n_persons, size=n_dup, replace=False)
        dup = frame.iloc[src].copy()
        fam_out, giv_out, dob_out = [], [], []
        for row_keys, (_, row) in zip(keys[src], dup.iterrows(), strict=True):
            c = cs[row_keys[0]]
            n_sys = c.family.shape[1]
            system = (row_keys[3] + pyrng.randrange(1, n_sys)) % n_sys if n_sys > 1 else 0
            pool = c.male if row["sex"] == "M" else c.female
            fam, giv = _family(c, row_keys[2], row_keys[4], system), pool[row_keys[1], system]
            if pyrng.random() < 0.10:
                if pyrng.random() < 0.6:
                    fam = _typo(pyrng, fam)
                else:
                    giv = _typo(pyrng, giv)
            d = row["date_of_birth"]
            if d and pyrng.random() < 0.15:
                y, m, dd = d.split("-")
                roll = pyrng.random()
                if roll < 0.4:
                    d = f"{y}-01-01"
                elif roll < 0.7:
                    d = f"{int(y) + pyrng.choice([-1, 1]):04d}-{m}-{dd if (m, dd) != ('02', '29') else '28'}"
                elif int(dd) <= 12:
                    d = f"{y}-{dd}-{m}"
                else:
                    d = None
            fam_out.append(fam)
            giv_out.append(giv)
            dob_out.append(d)
        dup["family_name"], dup["given_names"], dup["date_of_birth"] = fam_out, giv_out, dob_out
        frame = pd.concat([frame, dup], ignore_index=True)

    frame = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    frame.insert(0, "unique_id", [f"{id_prefix}{i + 1:07d}" for i in range(len(frame))])
    frame["person_id"] = [f"{id_prefix}E{p + 1:07d}" for p in frame["person_id"]]
    return frame


if __name__ == "__main__":
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    t = time.perf_counter()
    f = generate(n)
    print(f"{len(f)} rows in {time.perf_counter() - t:.1f} s")
    print(f.head(15).to_string())
    print(f.nunique())
