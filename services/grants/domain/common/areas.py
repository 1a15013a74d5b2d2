"""Statutory points and wording of the spheres of public tasks of art. 4(1) of the Act.

The spheres themselves are the platform's shared `PublicBenefitArea`; this module adds what the
grants domain prints in announcements and documents: the point of the article and its wording.
"""

from __future__ import annotations

from shared.errors import Text
from shared.public_benefit import PublicBenefitArea

__all__ = ["PublicBenefitArea", "article_point", "statutory_label"]


def article_point(area: PublicBenefitArea) -> str:
    """Return the point of art. 4(1) that defines the sphere, e.g. "1a"."""
    return _POINTS[area]


def statutory_label(area: PublicBenefitArea) -> Text:
    """Return the sphere's name in Polish (the Act's wording) and English."""
    return _LABELS[area]


_A = PublicBenefitArea
_POINTS: dict[PublicBenefitArea, str] = {
    _A.SOCIAL_ASSISTANCE: "1",
    _A.FAMILY_SUPPORT_FOSTER_CARE: "1a",
    _A.FREE_LEGAL_AID: "1b",
    _A.SOCIAL_PROFESSIONAL_REINTEGRATION: "2",
    _A.CHARITY: "3",
    _A.NATIONAL_TRADITION: "4",
    _A.NATIONAL_ETHNIC_MINORITIES: "5",
    _A.INTEGRATION_OF_FOREIGNERS: "5a",
    _A.HEALTH: "6",
    _A.PERSONS_WITH_DISABILITIES: "7",
    _A.EMPLOYMENT_PROMOTION: "8",
    _A.EQUAL_RIGHTS: "9",
    _A.SENIORS: "10",
    _A.ECONOMIC_DEVELOPMENT: "11",
    _A.TECHNOLOGY_INNOVATION: "12",
    _A.LOCAL_COMMUNITIES: "13",
    _A.EDUCATION_SCIENCE: "14",
    _A.CHILDREN_YOUTH_RECREATION: "15",
    _A.CULTURE_HERITAGE: "16",
    _A.PHYSICAL_CULTURE_SPORT: "17",
    _A.ECOLOGY_ANIMAL_PROTECTION: "18",
    _A.TOURISM: "19",
    _A.PUBLIC_ORDER_SAFETY: "20",
    _A.NATIONAL_DEFENCE: "21",
    _A.MISSION_VETERANS: "21a",
    _A.HUMAN_RIGHTS_DEMOCRACY: "22",
    _A.RESCUE_CIVIL_PROTECTION: "23",
    _A.DISASTER_RELIEF: "24",
    _A.CONSUMER_RIGHTS: "25",
    _A.EUROPEAN_INTEGRATION: "26",
    _A.VOLUNTEERING: "27",
    _A.POLISH_DIASPORA: "28",
    _A.VETERANS: "29",
    _A.PROMOTION_OF_POLAND_ABROAD: "30",
    _A.FAMILY_PARENTHOOD_CHILD_RIGHTS: "31",
    _A.ADDICTION_PREVENTION: "32",
    _A.REVITALISATION: "32a",
    _A.SUPPORT_FOR_NGOS: "33",
}
_LABELS: dict[PublicBenefitArea, Text] = {
    _A.SOCIAL_ASSISTANCE: Text(
        "pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej "
        "oraz wyrównywanie szans tych rodzin i osób",
        "social assistance, including help for families and people in difficulty",
    ),
    _A.FAMILY_SUPPORT_FOSTER_CARE: Text(
        "wspieranie rodziny i systemu pieczy zastępczej", "family support and foster care"
    ),
    _A.FREE_LEGAL_AID: Text(
        "udzielanie nieodpłatnej pomocy prawnej oraz zwiększanie świadomości prawnej społeczeństwa",
        "free legal aid and legal awareness",
    ),
    _A.SOCIAL_PROFESSIONAL_REINTEGRATION: Text(
        "integracja i reintegracja zawodowa i społeczna osób zagrożonych wykluczeniem społecznym",
        "social and professional integration of people at risk of exclusion",
    ),
    _A.CHARITY: Text("działalność charytatywna", "charity"),
    _A.NATIONAL_TRADITION: Text(
        "podtrzymywanie i upowszechnianie tradycji narodowej, pielęgnowanie polskości oraz "
        "rozwój świadomości narodowej, obywatelskiej i kulturowej",
        "national tradition, civic and cultural awareness",
    ),
    _A.NATIONAL_ETHNIC_MINORITIES: Text(
        "działalność na rzecz mniejszości narodowych i etnicznych oraz języka regionalnego",
        "national and ethnic minorities and the regional language",
    ),
    _A.INTEGRATION_OF_FOREIGNERS: Text(
        "działalność na rzecz integracji cudzoziemców", "integration of foreigners"
    ),
    _A.HEALTH: Text("ochrona i promocja zdrowia", "health protection and promotion"),
    _A.PERSONS_WITH_DISABILITIES: Text(
        "działalność na rzecz osób niepełnosprawnych", "people with disabilities"
    ),
    _A.EMPLOYMENT_PROMOTION: Text(
        "promocja zatrudnienia i aktywizacja zawodowa osób pozostających bez pracy "
        "i zagrożonych zwolnieniem z pracy",
        "employment promotion and activation of the unemployed",
    ),
    _A.EQUAL_RIGHTS: Text(
        "działalność na rzecz równych praw kobiet i mężczyzn", "equal rights of women and men"
    ),
    _A.SENIORS: Text("działalność na rzecz osób w wieku emerytalnym", "people of retirement age"),
    _A.ECONOMIC_DEVELOPMENT: Text(
        "działalność wspomagająca rozwój gospodarczy, w tym rozwój przedsiębiorczości",
        "economic development and entrepreneurship",
    ),
    _A.TECHNOLOGY_INNOVATION: Text(
        "działalność wspomagająca rozwój techniki, wynalazczości i innowacyjności",
        "technology, invention and innovation",
    ),
    _A.LOCAL_COMMUNITIES: Text(
        "działalność wspomagająca rozwój wspólnot i społeczności lokalnych",
        "development of local communities",
    ),
    _A.EDUCATION_SCIENCE: Text(
        "nauka, szkolnictwo wyższe, edukacja, oświata i wychowanie",
        "science, higher education, education and upbringing",
    ),
    _A.CHILDREN_YOUTH_RECREATION: Text(
        "działalność na rzecz dzieci i młodzieży, w tym wypoczynku dzieci i młodzieży",
        "children and youth, including their holidays",
    ),
    _A.CULTURE_HERITAGE: Text(
        "kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego",
        "culture, art and national heritage",
    ),
    _A.PHYSICAL_CULTURE_SPORT: Text(
        "wspieranie i upowszechnianie kultury fizycznej", "physical culture and sport"
    ),
    _A.ECOLOGY_ANIMAL_PROTECTION: Text(
        "ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego",
        "ecology, animal protection and natural heritage",
    ),
    _A.TOURISM: Text("turystyka i krajoznawstwo", "tourism and sightseeing"),
    _A.PUBLIC_ORDER_SAFETY: Text("porządek i bezpieczeństwo publiczne", "public order and safety"),
    _A.NATIONAL_DEFENCE: Text(
        "obronność państwa i działalność Sił Zbrojnych Rzeczypospolitej Polskiej",
        "national defence and the Polish Armed Forces",
    ),
    _A.MISSION_VETERANS: Text(
        "działalność na rzecz weteranów i weteranów poszkodowanych",
        "veterans and injured veterans",
    ),
    _A.HUMAN_RIGHTS_DEMOCRACY: Text(
        "upowszechnianie i ochrona wolności i praw człowieka oraz swobód obywatelskich, "
        "a także działania wspomagające rozwój demokracji",
        "human rights, civil liberties and democracy",
    ),
    _A.RESCUE_CIVIL_PROTECTION: Text(
        "ratownictwo i ochrona ludności", "rescue and civil protection"
    ),
    _A.DISASTER_RELIEF: Text(
        "pomoc ofiarom katastrof, klęsk żywiołowych, konfliktów zbrojnych i wojen w kraju "
        "i za granicą",
        "relief for victims of disasters and wars",
    ),
    _A.CONSUMER_RIGHTS: Text("upowszechnianie i ochrona praw konsumentów", "consumer rights"),
    _A.EUROPEAN_INTEGRATION: Text(
        "działalność na rzecz integracji europejskiej oraz rozwijania kontaktów i współpracy "
        "między społeczeństwami",
        "European integration and cooperation between societies",
    ),
    _A.VOLUNTEERING: Text("promocja i organizacja wolontariatu", "volunteering"),
    _A.POLISH_DIASPORA: Text(
        "pomoc Polonii i Polakom za granicą", "Polish diaspora and Poles abroad"
    ),
    _A.VETERANS: Text(
        "działalność na rzecz kombatantów i osób represjonowanych",
        "combatants and victims of repression",
    ),
    _A.PROMOTION_OF_POLAND_ABROAD: Text(
        "promocja Rzeczypospolitej Polskiej za granicą", "promotion of Poland abroad"
    ),
    _A.FAMILY_PARENTHOOD_CHILD_RIGHTS: Text(
        "działalność na rzecz rodziny, macierzyństwa, rodzicielstwa, upowszechniania "
        "i ochrony praw dziecka",
        "family, parenthood and children's rights",
    ),
    _A.ADDICTION_PREVENTION: Text(
        "przeciwdziałanie uzależnieniom i patologiom społecznym",
        "prevention of addictions and social pathologies",
    ),
    _A.REVITALISATION: Text("rewitalizacja", "revitalisation"),
    _A.SUPPORT_FOR_NGOS: Text(
        "działalność na rzecz organizacji pozarządowych oraz podmiotów wymienionych "
        "w art. 3 ust. 3, w zakresie określonym w pkt 1–32a",
        "support for NGOs and other public benefit organizations in the spheres above",
    ),
}
