"""The six areas of cooperation and their indicators, drawn from the standards of cooperation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.errors import Text

__all__ = ["AREA_LABELS", "INDICATORS", "Area", "Indicator", "indicator", "indicators_in"]


class Area(StrEnum):
    """The six areas of the Local Cooperation Quality Index."""

    SOCIAL_CONSULTATIONS = "social_consultations"
    MUTUAL_INFORMATION = "mutual_information"
    FINANCIAL_COOPERATION = "financial_cooperation"
    NON_FINANCIAL_COOPERATION = "non_financial_cooperation"
    INITIATIVE_SUPPORT = "initiative_support"
    SECTOR_INTEGRATION = "sector_integration"


AREA_LABELS: dict[Area, Text] = {
    Area.SOCIAL_CONSULTATIONS: Text("konsultacje społeczne", "social consultations"),
    Area.MUTUAL_INFORMATION: Text(
        "wzajemne informowanie się organizacji pozarządowych i samorządu",
        "mutual information between NGOs and the municipality",
    ),
    Area.FINANCIAL_COOPERATION: Text("współpraca finansowa", "financial cooperation"),
    Area.NON_FINANCIAL_COOPERATION: Text("współpraca pozafinansowa", "non-financial cooperation"),
    Area.INITIATIVE_SUPPORT: Text(
        "wspieranie inicjatyw mieszkańców i organizacji pozarządowych",
        "support for residents' and NGO initiatives",
    ),
    Area.SECTOR_INTEGRATION: Text(
        "wspieranie integracji i współpracy organizacji pozarządowych",
        "integration and cooperation of the NGO sector",
    ),
}


@dataclass(frozen=True)
class Indicator:
    """One statement both groups score; its code never changes, so rounds stay comparable."""

    code: str
    area: Area
    text: Text


def _i(code: str, area: Area, pl: str, en: str) -> Indicator:
    return Indicator(code, area, Text(pl, en))


_C, _M, _F = Area.SOCIAL_CONSULTATIONS, Area.MUTUAL_INFORMATION, Area.FINANCIAL_COOPERATION
_N, _S, _G = Area.NON_FINANCIAL_COOPERATION, Area.INITIATIVE_SUPPORT, Area.SECTOR_INTEGRATION

INDICATORS: tuple[Indicator, ...] = (
    _i("consultations.procedure", _C,
       "Gmina ma uchwaloną procedurę konsultacji społecznych z organizacjami.",
       "The municipality has adopted a procedure for social consultations with NGOs."),
    _i("consultations.co_creation", _C,
       "Strategie i programy gminy powstają wspólnie z organizacjami, np. na warsztatach.",
       "The municipality's strategies and programmes are drafted with NGOs, e.g. in workshops."),
    _i("consultations.announcement", _C,
       "Konsultacje poprzedza kampania informacyjna docierająca do organizacji i mieszkańców.",
       "Consultations are preceded by an information campaign reaching NGOs and residents."),
    _i("consultations.answers", _C,
       "Każda uwaga dostaje uzasadnioną odpowiedź, a raport z konsultacji jest publikowany.",
       "Every comment gets a justified answer and the consultation report is published."),
    _i("consultations.council", _C,
       "Działa rada działalności pożytku publicznego i opiniuje projekty dokumentów.",
       "A public benefit council works and gives opinions on draft documents."),
    _i("information.website", _M,
       "Na stronie gminy jest zakładka dla organizacji, aktualizowana na bieżąco.",
       "The municipality's website has an up-to-date section for NGOs."),
    _i("information.policy", _M,
       "Urząd ma politykę informacyjną wobec organizacji (kto, co, jakimi kanałami).",
       "The office has an information policy towards NGOs (who, what, which channels)."),
    _i("information.ngo_news", _M,
       "Informacje o działaniach organizacji ukazują się w biuletynie i na stronach gminy.",
       "News of NGO activities appears in the municipal bulletin and website."),
    _i("information.database", _M,
       "Istnieje ogólnodostępna, aktualna baza danych o organizacjach pozarządowych.",
       "A public, up-to-date database of NGOs exists."),
    _i("information.from_ngos", _M,
       "Organizacje same informują urząd o swoich planach i potrzebach.",
       "NGOs themselves tell the office about their plans and needs."),
    _i("financial.competition_rules", _F,
       "Konkursy ofert mają jawne kryteria wyboru i wzór umowy znany z góry.",
       "Open competitions have published selection criteria and a known agreement template."),
    _i("financial.committee", _F,
       "Jest procedura doboru komisji konkursowej z udziałem przedstawicieli organizacji.",
       "A procedure selects the competition committee, including NGO representatives."),
    _i("financial.modes", _F,
       "Gmina korzysta z różnych trybów: konkursów, małych grantów, umów wieloletnich.",
       "The municipality uses several modes: competitions, small grants, multi-year agreements."),
    _i("financial.settlement", _F,
       "Zasady rozliczania zadań i katalog kosztów niekwalifikowalnych są znane i stałe.",
       "Settlement rules and the catalogue of ineligible costs are known and stable."),
    _i("financial.evaluation", _F,
       "Realizacja zleconych zadań jest oceniana, a wnioski wpływają na kolejne konkursy.",
       "Commissioned tasks are evaluated and the findings shape the next competitions."),
    _i("non_financial.premises", _N,
       "Jest procedura udostępniania organizacjom lokali i mienia gminy.",
       "A procedure lets NGOs use municipal premises and property."),
    _i("non_financial.patronage", _N,
       "Zasady obejmowania patronatem działań organizacji są jawne.",
       "The rules for granting patronage to NGO activities are public."),
    _i("non_financial.teams", _N,
       "Działają wspólne zespoły urzędu i organizacji.",
       "Joint teams of officers and NGO members work together."),
    _i("non_financial.partners", _N,
       "Gmina włącza organizacje we współpracę ze swoimi partnerami.",
       "The municipality involves NGOs in its cooperation with partners."),
    _i("non_financial.staff", _N,
       "Pracownicy urzędu mogą wspierać organizacje w realizacji zadań publicznych.",
       "Municipal staff may support NGOs carrying out public tasks."),
    _i("initiatives.liaison", _S,
       "Gmina ma pełnomocnika ds. organizacji pozarządowych z rocznym planem pracy.",
       "The municipality has an NGO liaison officer with a yearly work plan."),
    _i("initiatives.advice", _S,
       "Grupy obywatelskie dostają od gminy pomoc informacyjną i doradczą.",
       "Citizen groups get information and advice from the municipality."),
    _i("initiatives.local_initiative", _S,
       "Uchwała o inicjatywie lokalnej określa tryb i kryteria, a mieszkańcy ją znają.",
       "A local initiative resolution sets the procedure and criteria, and residents know it."),
    _i("initiatives.support_centre", _S,
       "Organizacje mają dostęp do centrum wsparcia: szkoleń, doradztwa, sali i sprzętu.",
       "NGOs have a support centre: training, advice, rooms and equipment."),
    _i("integration.forum", _G,
       "Organizacje spotykają się regularnie, np. na forum organizacji pozarządowych.",
       "NGOs meet regularly, e.g. in an NGO forum."),
    _i("integration.partnerships", _G,
       "Organizacje tworzą partnerstwa i porozumienia, także przy wspólnych projektach.",
       "NGOs form partnerships and agreements, including joint projects."),
    _i("integration.representatives", _G,
       "Organizacje same wybierają swoich przedstawicieli do wspólnych ciał.",
       "NGOs choose their own representatives to joint bodies."),
    _i("integration.training", _G,
       "Organizacje podnoszą kompetencje: pozyskiwanie funduszy, księgowość, promocja.",
       "NGOs build skills: fundraising, accounting, public relations."),
    _i("integration.showcase", _G,
       "Organizacje prezentują się mieszkańcom, np. na corocznym pokazie lub targach.",
       "NGOs present themselves to residents, e.g. at a yearly fair."),
)  # fmt: skip

_BY_CODE = {i.code: i for i in INDICATORS}


def indicator(code: str) -> Indicator | None:
    """Return the indicator with `code`, if the catalogue has one."""
    return _BY_CODE.get(code)


def indicators_in(area: Area) -> tuple[Indicator, ...]:
    """Return the indicators of one area, in catalogue order."""
    return tuple(i for i in INDICATORS if i.area is area)
