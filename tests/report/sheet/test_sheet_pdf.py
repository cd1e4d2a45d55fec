"""The PDF comparison sheet: what a reader extracts from it, its pages, fonts, and that it draws no images."""

from __future__ import annotations

import io
import json
import socket

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.model.advice.advise import advise
from desktop.model.options.registry import label
from desktop.model.questionnaire.data import QUESTIONS_BY_ID
from desktop.report.sheet.export import export_report, write_report
from desktop.report.sheet.price_register import price_register
from desktop.resources import examples_dir
from tests.conftest import make_workload
from tests.report.conftest import pdf_text, squeeze

HOSTILE = '<img src="http://example.com/x.png"> & <b>Co</b>'
EXAMPLES = ("http-api", "event-processor", "gpu-inference", "nightly-batch")
PAGE_POINTS = {"A4": (595, 842), "Letter": (612, 792)}


@pytest.fixture(scope="module")
def sheets(qt_app, book, examples, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Each example's sheet on A4 and on Letter: {(name, size): bytes}."""
    folder = tmp_path_factory.mktemp("sheets")
    out = {}
    for name in EXAMPLES:
        for size in PAGE_POINTS:
            path = folder / f"{name}-{size}.pdf"
            export_report(examples[name], book, path, page_size=size)
            out[(name, size)] = path.read_bytes()
    return out


def _estimate_json(name: str, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    assert main(["estimate", str(examples_dir() / f"{name}.workload.json"), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", EXAMPLES)
def test_sheet_states_name_totals_recommendation_and_price_book(name, sheets, capsys):  # type: ignore[no-untyped-def]
    estimate = _estimate_json(name, capsys)
    text = pdf_text(sheets[(name, "A4")])
    assert estimate["workload"] in text
    assert not set("\ufb00\ufb01\ufb02\ufb03\ufb04") & set(text), "ligatures make text unsearchable"
    for option, data in estimate["options"].items():
        assert label(option) in text
        if data["monthly_usd"] is not None:
            assert f"${data['monthly_usd']:,.2f} a month" in text, option
    winner = estimate["recommendation"]["option"]
    assert f"Recommended: {label(winner)} at ${estimate['options'][winner]['monthly_usd']:,.2f}" in text
    date = estimate["price_book"]["effective_date"]
    assert f"Price book dated {date}; {estimate['price_book']['prices_used']}" in text
    assert f"Prices: price book dated {date}" in text
    assert "ComputeFit 0.1.0" in text


@pytest.mark.parametrize("name", EXAMPLES)
def test_sheet_holds_the_assumption_register_and_every_price_used(name, sheets, book, examples):  # type: ignore[no-untyped-def]
    workload = examples[name]
    text = squeeze(pdf_text(sheets[(name, "A4")]))
    rows = [
        "Assumption register",
        f"Hours in a billing month {workload.assumptions.month_hours:g}",
        f"Minimum tasks (always on) {workload.min_tasks}",
        f"Spot share of task-hours {workload.container.spot_share:g}",
        f"Savings Plan, Fargate (% off) {workload.assumptions.savings_plans.fargate_pct:g}",
        f"Savings Plan, EC2 (% off) {workload.assumptions.savings_plans.ec2_pct:g}",
        f"Fargate Spot discount (%) {workload.assumptions.fargate_spot_discount_pct:g}",
        f"Target utilisation {workload.container.target_utilization:g}",
        f"Lambda free tier {'yes' if workload.lambda_.free_tier else 'no'}",
        f"Lambda memory (MB) {workload.lambda_.memory_mb:,}",
        f"AWS Region {workload.region}",
    ]
    for row in rows:
        assert squeeze(row) in text, row
    register = price_register(advise(workload, book).quote, book)
    assert register.unmatched == ()
    assert register.prices
    for use in register.prices:
        assert squeeze(f"{use.name} ${use.usd} {use.unit}") in text
        assert squeeze(f"{use.source_id}: {book.sources[use.source_id].title}") in text
        assert use.as_of.isoformat() in text


def test_ruled_out_options_are_given_with_their_reasons(sheets, book, examples):  # type: ignore[no-untyped-def]
    advice = advise(examples["gpu-inference"], book)
    ruled_out = [o for o in advice.quote.options.values() if not o.feasible]
    assert ruled_out
    text = squeeze(pdf_text(sheets[("gpu-inference", "A4")]))
    for option in ruled_out:
        assert squeeze(f"{option.label} is ruled out: {option.reasons[0].text}") in text


@pytest.mark.parametrize("size", list(PAGE_POINTS))
def test_every_example_fits_two_pages_of_both_sizes_with_page_numbers(size, sheets):  # type: ignore[no-untyped-def]
    for name in EXAMPLES:
        reader = PdfReader(io.BytesIO(sheets[(name, size)]))
        assert 1 <= len(reader.pages) <= 2, name
        for number, page in enumerate(reader.pages, start=1):
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == PAGE_POINTS[size]
            assert squeeze(f"Page {number} of {len(reader.pages)}") in squeeze(page.extract_text() or "")


@pytest.mark.parametrize("size", list(PAGE_POINTS))
def test_the_sensitivity_title_stays_with_its_table(size, sheets):  # type: ignore[no-untyped-def]
    for name in EXAMPLES:
        pages = [squeeze(page.extract_text() or "") for page in PdfReader(io.BytesIO(sheets[(name, size)])).pages]
        with_title = [text for text in pages if squeeze("Most sensitive assumptions") in text]
        assert len(with_title) == 1, name
        assert squeeze("Recommended option's cost") in with_title[0], (name, size)


def test_fonts_are_embedded_and_charts_are_vectors(sheets):  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(sheets[("http-api", "A4")]))
    fonts = 0
    for page in reader.pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            fonts += 1
        for ref in resources.get("/XObject", {}).values():
            assert ref.get_object().get("/Subtype") != "/Image", "the sheet must not hold raster images"
    assert fonts >= 2


def test_a_hostile_name_prints_literally_and_nothing_touches_the_network(qt_app, book, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    def no_network(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the sheet must not open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    workload = make_workload(name=HOSTILE)
    path = tmp_path / "hostile.pdf"
    export_report(workload, book, path)
    text = pdf_text(path.read_bytes())
    assert HOSTILE in text
    assert text.count(HOSTILE) >= 2  # the title and the footer


def test_questionnaire_answers_appear_in_words(qt_app, book, tmp_path):  # type: ignore[no-untyped-def]
    workload = make_workload(answers={"traffic_shape": "spiky", "ops_capacity": "none", "monthly_volume": 5000000})
    path = tmp_path / "answers.pdf"
    write_report(advise(workload, book), workload, book, path)
    text = squeeze(pdf_text(path.read_bytes()))
    assert "Questionnaireanswers" in text
    shape = QUESTIONS_BY_ID["traffic_shape"]
    choice = shape.choice("spiky")
    assert choice is not None
    assert squeeze(shape.text + choice.label) in text


def test_no_answers_section_without_answers(sheets):  # type: ignore[no-untyped-def]
    assert "Questionnaire answers" not in pdf_text(sheets[("http-api", "A4")])


def test_an_unwritable_folder_raises_a_clear_error_and_leaves_nothing(qt_app, book, examples, tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "missing" / "sheet.pdf"
    with pytest.raises(OSError) as caught:
        export_report(examples["http-api"], book, target)
    assert "does not exist" in str(caught.value.strerror)
    assert not target.parent.exists()


def test_a_folder_without_write_permission_is_named_in_the_error(qt_app, book, examples, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    def denied(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)  # root may write anywhere: simulate
    with pytest.raises(OSError) as caught:
        export_report(examples["http-api"], book, tmp_path / "sheet.pdf")
    assert caught.value.strerror == f"permission denied: the folder {tmp_path} is not writable"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(qt_app, book, examples, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old sheet")

    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.report.sheet.export.os.replace", disk_full)
    with pytest.raises(OSError) as caught:
        export_report(examples["http-api"], book, target)
    assert caught.value.strerror == "the disk is full"
    assert target.read_bytes() == b"old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
