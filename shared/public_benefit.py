"""Spheres of public tasks of art. 4(1) of the Act on Public Benefit Activity and Volunteerism."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AREA_LABELS", "PublicBenefitArea"]


class PublicBenefitArea(StrEnum):
    """A sphere of public tasks (art. 4(1) points 1-33 of the Act).

    Values are stored by the services, so they never change: `veterans` is point 29
    (combatants and victims of repression), `mission_veterans` point 21a (weterani).
    """

    SOCIAL_ASSISTANCE = "social_assistance"
    FAMILY_SUPPORT_FOSTER_CARE = "family_support_foster_care"
    FREE_LEGAL_AID = "free_legal_aid"
    SOCIAL_PROFESSIONAL_REINTEGRATION = "social_professional_reintegration"
    CHARITY = "charity"
    NATIONAL_TRADITION = "national_tradition"
    NATIONAL_ETHNIC_MINORITIES = "national_ethnic_minorities"
    INTEGRATION_OF_FOREIGNERS = "integration_of_foreigners"
    HEALTH = "health"
    PERSONS_WITH_DISABILITIES = "persons_with_disabilities"
    EMPLOYMENT_PROMOTION = "employment_promotion"
    EQUAL_RIGHTS = "equal_rights"
    SENIORS = "seniors"
    ECONOMIC_DEVELOPMENT = "economic_development"
    TECHNOLOGY_INNOVATION = "technology_innovation"
    LOCAL_COMMUNITIES = "local_communities"
    EDUCATION_SCIENCE = "education_science"
    CHILDREN_YOUTH_RECREATION = "children_youth_recreation"
    CULTURE_HERITAGE = "culture_heritage"
    PHYSICAL_CULTURE_SPORT = "physical_culture_sport"
    ECOLOGY_ANIMAL_PROTECTION = "ecology_animal_protection"
    TOURISM = "tourism"
    PUBLIC_ORDER_SAFETY = "public_order_safety"
    NATIONAL_DEFENCE = "national_defence"
    MISSION_VETERANS = "mission_veterans"
    HUMAN_RIGHTS_DEMOCRACY = "human_rights_democracy"
    RESCUE_CIVIL_PROTECTION = "rescue_civil_protection"
    DISASTER_RELIEF = "disaster_relief"
    CONSUMER_RIGHTS = "consumer_rights"
    EUROPEAN_INTEGRATION = "european_integration"
    VOLUNTEERING = "volunteering"
    POLISH_DIASPORA = "polish_diaspora"
    VETERANS = "veterans"
    PROMOTION_OF_POLAND_ABROAD = "promotion_of_poland_abroad"
    FAMILY_PARENTHOOD_CHILD_RIGHTS = "family_parenthood_child_rights"
    ADDICTION_PREVENTION = "addiction_prevention"
    REVITALISATION = "revitalisation"
    SUPPORT_FOR_NGOS = "support_for_ngos"


_A = PublicBenefitArea
AREA_LABELS: dict[PublicBenefitArea, tuple[str, str]] = {
    _A.SOCIAL_ASSISTANCE: ("pomoc społeczna", "social assistance"),
    _A.FAMILY_SUPPORT_FOSTER_CARE: (
        "wspieranie rodziny i systemu pieczy zastępczej",
        "family support and foster care",
    ),
    _A.FREE_LEGAL_AID: ("nieodpłatna pomoc prawna", "free legal aid"),
    _A.SOCIAL_PROFESSIONAL_REINTEGRATION: (
        "integracja i reintegracja zawodowa i społeczna",
        "social and professional reintegration",
    ),
    _A.CHARITY: ("działalność charytatywna", "charity"),
    _A.NATIONAL_TRADITION: ("tradycja narodowa i świadomość obywatelska", "national tradition"),
    _A.NATIONAL_ETHNIC_MINORITIES: (
        "mniejszości narodowe i etniczne, język regionalny",
        "national and ethnic minorities",
    ),
    _A.INTEGRATION_OF_FOREIGNERS: ("integracja cudzoziemców", "integration of foreigners"),
    _A.HEALTH: ("ochrona i promocja zdrowia", "health protection and promotion"),
    _A.PERSONS_WITH_DISABILITIES: ("osoby niepełnosprawne", "persons with disabilities"),
    _A.EMPLOYMENT_PROMOTION: ("promocja zatrudnienia", "employment promotion"),
    _A.EQUAL_RIGHTS: ("równe prawa kobiet i mężczyzn", "equal rights of women and men"),
    _A.SENIORS: ("osoby w wieku emerytalnym", "seniors"),
    _A.ECONOMIC_DEVELOPMENT: ("rozwój gospodarczy i przedsiębiorczość", "economic development"),
    _A.TECHNOLOGY_INNOVATION: ("technika, wynalazczość, innowacyjność", "technology, innovation"),
    _A.LOCAL_COMMUNITIES: ("rozwój wspólnot i społeczności lokalnych", "local communities"),
    _A.EDUCATION_SCIENCE: ("nauka, edukacja, oświata i wychowanie", "science and education"),
    _A.CHILDREN_YOUTH_RECREATION: ("wypoczynek dzieci i młodzieży", "recreation of youth"),
    _A.CULTURE_HERITAGE: ("kultura, sztuka, dziedzictwo narodowe", "culture and heritage"),
    _A.PHYSICAL_CULTURE_SPORT: ("kultura fizyczna", "physical culture and sport"),
    _A.ECOLOGY_ANIMAL_PROTECTION: ("ekologia i ochrona zwierząt", "ecology, animal protection"),
    _A.TOURISM: ("turystyka i krajoznawstwo", "tourism"),
    _A.PUBLIC_ORDER_SAFETY: ("porządek i bezpieczeństwo publiczne", "public order and safety"),
    _A.NATIONAL_DEFENCE: ("obronność państwa", "national defence"),
    _A.MISSION_VETERANS: (
        "weterani i weterani poszkodowani",
        "veterans of military missions abroad",
    ),
    _A.HUMAN_RIGHTS_DEMOCRACY: ("prawa człowieka i demokracja", "human rights and democracy"),
    _A.RESCUE_CIVIL_PROTECTION: ("ratownictwo i ochrona ludności", "rescue, civil protection"),
    _A.DISASTER_RELIEF: ("pomoc ofiarom katastrof i konfliktów", "disaster relief"),
    _A.CONSUMER_RIGHTS: ("prawa konsumentów", "consumer rights"),
    _A.EUROPEAN_INTEGRATION: ("integracja europejska", "european integration"),
    _A.VOLUNTEERING: ("promocja i organizacja wolontariatu", "volunteering"),
    _A.POLISH_DIASPORA: ("pomoc Polonii i Polakom za granicą", "Polish diaspora"),
    _A.VETERANS: ("kombatanci i osoby represjonowane", "veterans"),
    _A.PROMOTION_OF_POLAND_ABROAD: ("promocja Polski za granicą", "promotion of Poland abroad"),
    _A.FAMILY_PARENTHOOD_CHILD_RIGHTS: (
        "rodzina, rodzicielstwo, prawa dziecka",
        "family, parenthood, child rights",
    ),
    _A.ADDICTION_PREVENTION: ("przeciwdziałanie uzależnieniom", "addiction prevention"),
    _A.REVITALISATION: ("rewitalizacja", "revitalisation"),
    _A.SUPPORT_FOR_NGOS: ("wspieranie organizacji pozarządowych", "support for NGOs"),
}
