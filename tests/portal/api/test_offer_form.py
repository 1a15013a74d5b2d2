"""The offer generator's form rules: typed rows into contents, and breaches back at fields."""

from __future__ import annotations

from services.portal.api.offer_form import (
    StepValues,
    apply,
    entered,
    errors_at,
    form_field,
    parts,
    step_of,
    values_of,
)


class TestEntered:
    def test_reads_the_rows_the_form_says_it_has_trimmed(self) -> None:
        form = {
            "rows": "2",
            "partners[0].organization_id": " org-1 ",
            "partners[0].name": "Fundacja",
            "partners[1].organization_id": "org-2",
            "partners[2].organization_id": "beyond the count",
        }

        values = entered("partners", form)

        assert values.rows == [
            {"organization_id": "org-1", "name": "Fundacja"},
            {"organization_id": "org-2", "name": ""},
        ]

    def test_a_row_count_that_is_not_a_number_reads_no_rows(self) -> None:
        assert entered("partners", {"rows": "-3"}).rows == []
        assert entered("partners", {"rows": "many"}).rows == []

    def test_a_huge_row_count_is_capped(self) -> None:
        assert len(entered("partners", {"rows": "100000"}).rows) == 200


class TestApply:
    def test_polish_amounts_become_the_api_s_numbers(self) -> None:
        row = {"key": "1", "category": "", "name": "Sala", "requested_grant": "1 500,50",
               "own_financial": "", "in_kind": "", "volunteer_work": ""}  # fmt: skip

        content = apply({"budget": {"own": 1}}, "budget", StepValues(rows=[row]))

        assert content["budget"]["own"] == 1  # the rest of the budget stays
        assert content["budget"]["lines"] == [
            {"key": "1", "name": "Sala", "requested_grant": "1500.50"}
        ]

    def test_an_untouched_row_is_left_out_and_an_empty_text_goes_as_empty(self) -> None:
        rows = [
            {"name": "", "target_value": "", "unit": "", "verification": ""},
            {"name": "Uczestnicy", "target_value": "30", "unit": "", "verification": ""},
        ]

        content = apply({}, "results", StepValues(fields={}, rows=rows))

        assert content["quantitative_results"] == [
            {"name": "Uczestnicy", "target_value": "30", "unit": "", "verification": ""}
        ]

    def test_a_schedule_row_always_has_both_period_ends(self) -> None:
        row = {"name": "Zajęcia", "description": "", "period.start": "2027-01-10",
               "period.end": "", "performer": ""}  # fmt: skip

        content = apply({}, "schedule", StepValues(rows=[row]))

        assert content["schedule"][0]["period"] == {"start": "2027-01-10", "end": None}

    def test_the_task_step_keeps_an_open_period_and_drops_an_empty_one(self) -> None:
        typed = {"title": "Lato", "place": "", "description": "", "task_period.start": "",
                 "task_period.end": "2027-06-30"}  # fmt: skip
        empty = {**typed, "task_period.end": ""}

        assert apply({}, "task", StepValues(fields=typed))["task_period"] == {
            "start": None, "end": "2027-06-30",
        }  # fmt: skip
        assert apply({}, "task", StepValues(fields=empty))["task_period"] is None

    def test_qualitative_results_are_one_per_line(self) -> None:
        typed = {"qualitative_results": "Więcej ruchu\n\n  Nowe przyjaźnie  \n"}

        content = apply({}, "results", StepValues(fields=typed))

        assert content["qualitative_results"] == ["Więcej ruchu", "Nowe przyjaźnie"]
        assert content["quantitative_results"] == []

    def test_saved_values_come_back_into_the_form(self) -> None:
        content = {"qualitative_results": ["A", "B"], "partners": [{"organization_id": "o"}]}

        assert values_of(content, "results").fields == {"qualitative_results": "A\nB"}
        assert values_of(content, "partners").rows == [{"organization_id": "o", "name": ""}]


class TestBreaches:
    def test_api_paths_become_form_names(self) -> None:
        assert form_field("body.budget.lines.0.key") == "budget.lines[0].key"
        assert form_field("schedule.2.period") == "schedule[2].period.start"
        assert form_field("task_period") == "task_period.start"
        assert form_field("budget") == "budget.lines"

    def test_each_breach_lands_on_its_step(self) -> None:
        found = [
            {"field": "title", "message": "Podaj tytuł."},
            {"field": "budget.lines.0.requested_grant", "message": "Za dużo."},
            {"field": "own_contribution", "message": "Wkład za mały."},
        ]

        assert errors_at(found, "task").by_field == {"title": ["Podaj tytuł."]}
        assert errors_at(found, "budget").by_field == {
            "budget.lines[0].requested_grant": ["Za dużo."]
        }
        assert errors_at(found, "summary").by_field == {"own_contribution": ["Wkład za mały."]}
        assert len(errors_at(found).by_field) == 3

    def test_a_field_names_its_row_counted_from_one(self) -> None:
        assert parts("budget.lines[0].requested_grant") == ("requested_grant", 1)
        assert parts("task_period.start") == ("task_period.start", None)
        assert step_of("partners[3].name") == "partners"
