"""A budget the workload states is shown as the questionnaire promises: options above it are marked over budget in
the table, the verdict and the sheet (the questionnaire's monthly_budget question: "Options above it are marked over
budget")."""

from __future__ import annotations

from desktop.model.pricing.book import PriceBook


def test_a_stated_budget_marks_the_options_above_it_in_the_verdict_the_table_and_the_sheet(
        book: PriceBook, examples) -> None:
    """The questionnaire promises: "Options above it are marked over budget" (question monthly_budget). The http-api
    example at $70 a month: Lambda ($89.13) and ECS on EC2 ($91.94) are over it, Fargate ($62.44) is not."""
    from desktop.model.advice.advise import advise
    from desktop.qt.views.comparison_table import status_text
    from desktop.report.sheet.html import cost_table

    w = examples["http-api"].model_copy(update={"answers": {"monthly_budget": 70}})
    advice = advise(w, book)
    assert advice.over_budget == ("lambda", "ec2")
    assert advice.verdict.endswith("; over the budget of $70.00 a month: Lambda, ECS on EC2")
    assert "over budget ($70.00 a month)" in status_text(advice, "lambda")
    assert "over budget" not in status_text(advice, "fargate")
    assert cost_table(advice).count("; over budget") == 2
    plain = advise(examples["http-api"], book)
    assert plain.over_budget == () and "budget" not in plain.verdict
