"""Shared fixtures. Qt runs offscreen; the model tests need no display at all."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never the developer's own user price book: each test run starts with an empty application data folder.
os.environ["COMPUTEFIT_DATA_DIR"] = tempfile.mkdtemp(prefix="computefit-data-")

from desktop.model.pricing.book import PriceBook, load_price_book
from desktop.model.workload.files import load_workload
from desktop.model.workload.spec import Workload
from desktop.resources import examples_dir, price_book_path

REPO = Path(__file__).resolve().parent.parent
atexit.register(shutil.rmtree, os.environ["COMPUTEFIT_DATA_DIR"], ignore_errors=True)

# The slowest tests (each about half a second or more, measured with `pytest --durations=0`): marked `slow` so
# that `pytest -m "not slow"` is the inner loop (well under a minute); CI runs them all. A file named with
# ALL is slow as a whole (its tests build the window, write PDFs, start processes); otherwise the tests named.
ALL = "*"
SLOW: dict[str, str | frozenset[str]] = {
    "tests/qt/charts/test_chart_tabs.py": ALL, "tests/qt/test_file_errors.py": ALL,
    "tests/qt/test_incomplete_totals.py": ALL, "tests/qt/test_main_window.py": ALL, "tests/qt/test_monkey.py": ALL,
    "tests/qt/test_options_menu.py": ALL, "tests/qt/test_prices_window.py": ALL,
    "tests/qt/test_registry_window.py": ALL, "tests/qt/wizard/test_wizard.py": ALL,
    "tests/qt/workshop/test_workshop_window.py": ALL,
    "tests/report/sheet/test_sheet_pdf.py": ALL, "tests/test_wheel.py": ALL,
    "tests/qt/workshop/test_workshop_incomplete.py": ALL, "tests/qt/test_fleet_window.py": ALL,
    "tests/pricelist/test_interrupted.py": ALL, "tests/test_fuzz_cli.py": ALL, "tests/test_no_network.py": ALL,
    "tests/test_start_up_work.py": ALL, "tests/model/advice/test_engine_properties.py": ALL,
    "tests/model/advice/test_curves.py": ALL, "tests/report/sheet/test_sheet_bounds.py": ALL,
    "tests/files/test_cli_probes.py": frozenset({"test_hostile_price_books", "test_hostile_workload_files"}),
    "tests/model/advice/test_any_valid_workload.py": frozenset({"test_any_valid_workload_is_advised_and_rendered"}),
    "tests/model/workload/test_bad_input.py": frozenset({"test_field_errors_name_the_field"}),
    "tests/model/test_format_and_layering.py": frozenset({"test_estimate_runs_without_qt_installed_paths",
                                                          "test_importing_the_model_loads_no_qt"}),
    "tests/model/options/test_managed_instances.py": frozenset({
        "test_bad_managed_instances_input_is_refused_naming_the_file_and_field"}),
    "tests/model/advice/test_recommendation.py": frozenset({"test_advise_holds_together_on_random_workloads"}),
    "tests/model/advice/test_sensitivity_fast.py": ALL,
    "tests/pricelist/test_bad_files.py": frozenset({"test_a_bad_file_is_one_line_exit_2_and_changes_nothing"}),
    "tests/pricelist/offers/test_import.py": frozenset({"test_alb_rows_fit_the_books_pair_or_hour_alone"}),
    "tests/pricelist/test_prices_cli.py": frozenset({
        "test_a_corrupt_user_book_falls_back_to_the_bundled_one_with_one_warning",
        "test_estimate_uses_the_user_book_by_default_and_price_book_still_works"}),
    "tests/qt/form/test_form_lazy.py": frozenset({"test_the_groups_out_of_sight_are_built_after_the_first_paint"}),
    "tests/qt/test_recovery.py": frozenset({"test_a_corrupt_recovery_file_is_set_aside_with_a_message",
                                            "test_kill_9_mid_edit_then_restart_restores_the_edits",
                                            "test_the_restore_question_is_plain_text_with_the_name_as_data"}),
    "tests/qt/test_startup.py": frozenset({"test_bad_settings_at_start_are_set_aside_with_a_message"}),
    "tests/report/sheet/test_cli_and_data_export.py": frozenset({
        "test_report_cli_writes_a_letter_sheet", "test_the_sheet_says_what_is_left_out_and_what_it_depends_on"}),
    "tests/qt/test_export_controller.py": frozenset({
        "test_pdf_export_writes_the_sheet_and_remembers_folder_and_page_size"}),
    "tests/report/sheet/test_five_way_sheet.py": frozenset({
        "test_the_pdf_names_every_option_and_what_its_total_leaves_out"}),
    "tests/report/sheet/test_user_prices_marked.py": frozenset({
        "test_the_sheet_names_the_user_book_and_marks_each_user_price"}),
    "tests/test_packaging.py": frozenset({"test_smoke_test_passes_from_source"}),
    "tests/report/workshop/test_workshop_outputs.py": frozenset({
        "test_estimate_json_holds_each_scenarios_estimate_and_the_comparison",
        "test_report_writes_the_summary_then_each_sheet"}),
    "tests/qt/test_german_sweep.py": ALL,  # some 700 generated workloads advised in German (window and sheet)
}


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects by the marks added here
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests SLOW names; a name its module no longer defines is an error (a renamed slow test must not
    slip into the inner loop unnoticed)."""
    modules: dict[str, object] = {}
    for item in items:
        path = item.nodeid.split("::")[0]
        module = item.getparent(pytest.Module)
        if module is not None:
            modules.setdefault(path, module.obj)
        names = SLOW.get(path)
        if names == ALL or (isinstance(names, frozenset) and getattr(item, "originalname", item.name) in names):
            item.add_marker(pytest.mark.slow)
    stale = [f"{path}::{name}" for path, module in modules.items() if isinstance(SLOW.get(path), frozenset)
             for name in sorted(SLOW[path]) if not hasattr(module, name)]
    if stale:
        raise pytest.UsageError(f"tests/conftest.py SLOW names tests that do not exist: {', '.join(stale)}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app never opens a network connection: any attempt in any test fails it."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty application data folder for this test (where the default user book lives)."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("COMPUTEFIT_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def book() -> PriceBook:
    return load_price_book(price_book_path())


@pytest.fixture(scope="session")
def examples() -> dict[str, Workload]:
    """The bundled example workloads by file stem (e.g. "http-api")."""
    return {p.name.removesuffix(".workload.json"): load_workload(p)
            for p in sorted(examples_dir().glob("*.workload.json"))}


def make_workload(**sections: object) -> Workload:
    """A workload from keyword sections, e.g. make_workload(traffic={...}, front_door="none")."""
    data: dict[str, object] = {"name": "test"}
    data.update(sections)
    return Workload.model_validate(data)
