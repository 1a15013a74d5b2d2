"""Jinja templates of the printable documents (kept in code so every install carries them)."""

from __future__ import annotations

__all__ = ["BASE", "OFFER", "REPORT"]

BASE = """<!DOCTYPE html>
<html lang="pl">
<head>
<meta charset="utf-8">
<title>{% block title %}{% endblock %}</title>
<style>
  body { font-family: "Times New Roman", serif; font-size: 11pt; margin: 2cm; color: #000; }
  h1 { font-size: 13pt; text-align: center; text-transform: uppercase; }
  h2 { font-size: 11pt; margin-top: 1.5em; background: #ddd; padding: 0.2em 0.4em; }
  h3 { font-size: 11pt; margin-top: 1em; }
  table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
  th, td { border: 1px solid #000; padding: 0.25em 0.4em; vertical-align: top; }
  th { background: #eee; text-align: left; }
  td.amount, th.amount { text-align: right; white-space: nowrap; }
  .legal { font-size: 9pt; text-align: right; }
  .signatures { margin-top: 3em; display: flex; justify-content: space-between; }
  .signatures div { border-top: 1px dotted #000; width: 40%; text-align: center; font-size: 9pt; }
  @media print { body { margin: 1cm; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<p class="legal">{% block legal %}{% endblock %}</p>
{% block body %}{% endblock %}
</body>
</html>
"""

OFFER = """{% extends "base.html" %}
{% block title %}Oferta: {{ content.title or "(bez tytułu)" }}{% endblock %}
{% block legal %}Załącznik nr 1 do rozporządzenia Przewodniczącego Komitetu do spraw Pożytku
Publicznego z dnia 24 października 2018 r. (Dz.U. 2018 poz. 2057){% endblock %}
{% block body %}
<h1>Oferta {{ "wspólna " if content.partners else "" }}realizacji zadania publicznego,
o której mowa w art. 14 ust. {{ 2 if content.partners else 1 }} ustawy z dnia 24 kwietnia 2003 r.
o działalności pożytku publicznego i o wolontariacie</h1>
<p>Stan oferty: <strong>{{ offer.state.value | label }}</strong>
{% if offer.submitted_at %} (data złożenia: {{ offer.submitted_at | day }}){% endif %}.</p>

<h2>I. Podstawowe informacje o złożonej ofercie</h2>
<table>
  <tr><th>1. Organ administracji publicznej, do którego jest adresowana oferta</th>
      <td>{{ authority }}</td></tr>
  <tr><th>2. Rodzaj zadania publicznego</th>
      <td>{{ competition.terms.public_task }} (art. 4 ust. 1 pkt {{ area_point }}:
          {{ area_label }})<br>Konkurs: {{ competition.terms.title }}</td></tr>
</table>

<h2>II. Dane oferenta(-tów)</h2>
<table>
  <tr><th>1. Nazwa oferenta(-tów), forma prawna, numer w Krajowym Rejestrze Sądowym lub innej
      ewidencji</th>
      <td>{{ offer.organization_name }}
      {% if applicant %}, {{ applicant.legal_form | label }}
        {% if applicant.krs %}, KRS {{ applicant.krs }}{% endif %}
        {% if applicant.nip %}, NIP {{ applicant.nip }}{% endif %}
        {% if applicant.regon %}, REGON {{ applicant.regon }}{% endif %}
      {% endif %}
      {% for partner in content.partners %}<br>{{ partner.name }} (oferent wspólny){% endfor %}
      </td></tr>
  <tr><th>2. Dane osoby upoważnionej do składania wyjaśnień dotyczących oferty</th>
      <td>w oryginale oferty, poza platformą</td></tr>
</table>

<h2>III. Opis zadania</h2>
<table>
  <tr><th>1. Tytuł zadania publicznego</th><td>{{ content.title or "—" }}</td></tr>
  <tr><th>2. Termin realizacji zadania publicznego</th>
      <td>{% if content.task_period %}od {{ content.task_period.start | day }}
          do {{ content.task_period.end | day }}{% else %}—{% endif %}</td></tr>
  <tr><th>3. Syntetyczny opis zadania (miejsce realizacji, grupa docelowa, potrzeba)</th>
      <td>Miejsce: {{ content.place or "—" }}<br>{{ content.description or "—" }}</td></tr>
</table>
<h3>4. Plan i harmonogram działań</h3>
<table>
  <tr><th>Lp.</th><th>Nazwa działania</th><th>Opis</th><th>Planowany termin realizacji</th>
      <th>Zakres działania realizowany przez podmiot niebędący stroną umowy</th></tr>
  {% for action in content.schedule %}
  <tr><td>{{ loop.index }}</td><td>{{ action.name }}</td><td>{{ action.description }}</td>
      <td>{{ action.period.start | day }} – {{ action.period.end | day }}</td>
      <td>{{ action.performer or "—" }}</td></tr>
  {% else %}<tr><td colspan="5">—</td></tr>{% endfor %}
</table>
<h3>5. Opis zakładanych rezultatów realizacji zadania publicznego</h3>
<ul>{% for text in content.qualitative_results %}<li>{{ text }}</li>{% else %}<li>—</li>
{% endfor %}</ul>
<h3>6. Dodatkowe informacje dotyczące rezultatów realizacji zadania publicznego</h3>
<table>
  <tr><th>Nazwa rezultatu</th><th>Planowany poziom osiągnięcia rezultatów (wartość docelowa)</th>
      <th>Sposób monitorowania rezultatów / źródło informacji o osiągnięciu wskaźnika</th></tr>
  {% for result in content.quantitative_results %}
  <tr><td>{{ result.name }}</td><td>{{ result.target_value }} {{ result.unit }}</td>
      <td>{{ result.verification or "—" }}</td></tr>
  {% else %}<tr><td colspan="3">—</td></tr>{% endfor %}
</table>

<h2>IV. Charakterystyka oferenta</h2>
<p>Informacje o wcześniejszej działalności oraz zasobach kadrowych, rzeczowych i finansowych
oferenta: w profilu organizacji w rejestrze platformy.</p>

<h2>V. Kalkulacja przewidywanych kosztów realizacji zadania publicznego</h2>
<h3>V.A Zestawienie kosztów realizacji zadania</h3>
<table>
  <tr><th>Lp.</th><th>Rodzaj kosztu</th><th class="amount">Dotacja</th>
      <th class="amount">Wkład własny finansowy</th><th class="amount">Wkład rzeczowy</th>
      <th class="amount">Praca wolontariuszy</th><th class="amount">Wartość razem</th></tr>
  {% for category, heading in ((ACTION, "I. Koszty realizacji działań"),
                               (none, "II. Koszty administracyjne")) %}
  <tr><th colspan="7">{{ heading }}</th></tr>
  {% for line in budget.lines if (line.category == ACTION) == (category == ACTION) %}
  <tr><td>{{ line.key }}</td><td>{{ line.name }}</td>
      <td class="amount">{{ line.requested_grant | money }}</td>
      <td class="amount">{{ line.own_financial | money }}</td>
      <td class="amount">{{ line.in_kind | money }}</td>
      <td class="amount">{{ line.volunteer_work | money }}</td>
      <td class="amount">{{ line.total | money }}</td></tr>
  {% endfor %}
  {% endfor %}
  <tr><th colspan="6">III. Planowane koszty ogółem</th>
      <th class="amount">{{ budget.total | money }}</th></tr>
</table>
<h3>V.B Źródła finansowania kosztów realizacji zadania</h3>
<table>
  <tr><th>1. Suma wszystkich kosztów realizacji zadania</th>
      <td class="amount">{{ budget.total | money }}</td><td class="amount">100,00%</td></tr>
  <tr><th>2. Planowana dotacja w ramach niniejszej oferty</th>
      <td class="amount">{{ budget.requested_grant | money }}</td>
      <td class="amount">{{ percent(budget.requested_grant, budget.total) }}</td></tr>
  <tr><th>3. Wkład własny</th><td class="amount">{{ budget.own_contribution | money }}</td>
      <td class="amount">{{ percent(budget.own_contribution, budget.total) }}</td></tr>
  <tr><th>3.1. Wkład własny finansowy</th><td class="amount">{{ budget.own_financial | money }}</td>
      <td class="amount">{{ percent(budget.own_financial, budget.total) }}</td></tr>
  <tr><th>3.2. Wkład własny niefinansowy (osobowy i rzeczowy)</th>
      <td class="amount">{{ budget.own_non_financial | money }}</td>
      <td class="amount">{{ percent(budget.own_non_financial, budget.total) }}</td></tr>
</table>

<h2>VI. Inne informacje</h2>
<p>Oferta złożona w otwartym konkursie ofert „{{ competition.terms.title }}”; termin składania
ofert: {{ competition.terms.offer_deadline | day }}.</p>

<h2>VII. Oświadczenia</h2>
<p>Oświadczam(-my), że proponowane zadanie publiczne będzie realizowane wyłącznie w zakresie
działalności pożytku publicznego oferenta(-tów), a dane zawarte w ofercie są zgodne ze stanem
prawnym i faktycznym.</p>
<div class="signatures"><div>Data</div>
<div>Podpis osoby upoważnionej lub podpisy osób upoważnionych do składania oświadczeń woli
w imieniu oferentów</div></div>
{% endblock %}
"""

REPORT = """{% extends "base.html" %}
{% block title %}Sprawozdanie: {{ title }}{% endblock %}
{% block legal %}Załącznik nr 5 do rozporządzenia Przewodniczącego Komitetu do spraw Pożytku
Publicznego z dnia 24 października 2018 r. (Dz.U. 2018 poz. 2057){% endblock %}
{% block body %}
<h1>Sprawozdanie z wykonania zadania publicznego, o którym mowa w art. 18 ust. 4 ustawy
z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie</h1>
<p>Rodzaj sprawozdania: <strong>{{ "końcowe" if final else "częściowe" }}</strong>
({{ report.obligation.key }}); okres sprawozdawczy: {{ report.period.start | day }} –
{{ report.period.end | day }}; stan: <strong>{{ report_states[report.state.value] }}</strong>.</p>

<h2>I. Podstawowe informacje</h2>
<table>
  <tr><th>1. Organ administracji publicznej</th><td>{{ authority }}</td></tr>
  <tr><th>2. Tytuł zadania publicznego</th><td>{{ title }}</td></tr>
  <tr><th>3. Nazwa Zleceniobiorcy(-ców)</th>
      <td>{% for party in agreement.parties if party.organization_id %}{{ party.name }}
          {% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
  <tr><th>4. Data zawarcia umowy</th><td>{{ agreement.signed_at | day }}</td></tr>
  <tr><th>5. Numer umowy</th><td>{{ agreement.id }}</td></tr>
  <tr><th>6. Data rozpoczęcia realizacji zadania publicznego</th>
      <td>{{ agreement.task_period.start | day }}</td></tr>
  <tr><th>7. Data zakończenia realizacji zadania publicznego</th>
      <td>{{ agreement.task_period.end | day }}</td></tr>
</table>

<h2>II. Sprawozdanie merytoryczne</h2>
<h3>1. Opis osiągniętych rezultatów wraz z liczbowym określeniem skali działań</h3>
<p>{{ report.narrative or "—" }}</p>
<h3>2. Stopień osiągnięcia rezultatów zakładanych w ofercie</h3>
<table>
  <tr><th>Nazwa rezultatu</th><th>Zakładana wartość docelowa</th><th>Osiągnięta wartość</th></tr>
  {% for item in comparisons %}
  <tr><td>{{ item.name }}</td><td>{{ item.target_value }} {{ item.unit }}</td>
      <td>{{ item.achieved_value if item.achieved_value is not none else "—" }}</td></tr>
  {% else %}<tr><td colspan="3">—</td></tr>{% endfor %}
</table>

<h2>III. Sprawozdanie z wykonania wydatków</h2>
<h3>1. Rozliczenie wydatków w okresie sprawozdawczym</h3>
<table>
  <tr><th>Lp.</th><th>Rodzaj kosztu</th><th class="amount">Koszty zgodnie z umową</th>
      <th class="amount">Poniesione z dotacji</th><th class="amount">Poniesione ogółem</th></tr>
  {% for line, expense in lines %}
  <tr><td>{{ line.key }}</td><td>{{ line.name }}</td>
      <td class="amount">{{ line.total | money }}</td>
      <td class="amount">{{ (expense.grant if expense else none) | money }}</td>
      <td class="amount">{{ (expense.total if expense else none) | money }}</td></tr>
  {% endfor %}
  <tr><th colspan="2">Ogółem</th><th class="amount">{{ budget.total | money }}</th>
      <th class="amount">{{ report.grant_spent | money }}</th>
      <th class="amount">{{ spent_total | money }}</th></tr>
</table>
<h3>2. Rozliczenie ze względu na źródło finansowania</h3>
<table>
  <tr><th>Dotacja zgodnie z umową</th><td class="amount">{{ agreement.amount | money }}</td></tr>
  <tr><th>Dotacja wykorzystana</th><td class="amount">{{ report.grant_spent | money }}</td></tr>
</table>

<h2>IV. Dodatkowe informacje</h2>
<p>{% if report.remarks %}Uwagi urzędu do poprzedniej wersji: {{ report.remarks }}
{% else %}—{% endif %}</p>

<p>Oświadczam(-my), że od daty zawarcia umowy nie zmienił się status prawny Zleceniobiorcy(-ców),
wszystkie informacje podane w niniejszym sprawozdaniu są zgodne z aktualnym stanem prawnym
i faktycznym, a zamówienia na dostawy, usługi i roboty budowlane za środki finansowe uzyskane
w ramach umowy zostały dokonane zgodnie z przepisami o zamówieniach publicznych.</p>
<div class="signatures"><div>Data</div>
<div>Podpis osoby upoważnionej lub podpisy osób upoważnionych do składania oświadczeń woli
w imieniu Zleceniobiorcy(-ców)</div></div>
{% endblock %}
"""
