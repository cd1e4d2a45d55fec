"""Cloud Carbon Footprint's own test values (cloud-carbon-footprint @ b7a049c7), reproduced by our rules.

CW7/CW8: packages/aws/src/__tests__/CostAndUsageReports.test.ts (Lambda GB-seconds, x86 and Arm, us-east-1);
CW9/CW10: the same file (Fargate GB-hours counted as SSD, us-east-2; Fargate vCPU-hours, us-west-1);
CW3: packages/core/src/memory/__tests__/MemoryEstimator.test.ts; the m5.large month: CCF's constants applied to
730 hours (kWh 4.068181 compute + 2.048082 memory, 0.349 kg embodied, 2.668 kg in us-east-1).
"""

from __future__ import annotations

import math

import pytest

from desktop.model.footprint.coefficients import GRID, MEMORY_KWH_PER_GB_HOUR, PUE
from desktop.model.footprint.estimate import (
    Energy,
    OptionFootprint,
    extra_memory_gb_hours,
    fargate_energy,
    instance_energy,
    lambda_energy,
)

CCF_US_WEST_1 = 0.322167  # the WECC factor CCF's test uses for us-west-1 (not a region of the price book)


def test_lambda_x86_five_gb_seconds_in_us_east_1() -> None:
    energy = lambda_energy(5, arm=False)
    assert energy.kwh == pytest.approx(0.000003341944444444445, rel=1e-12)
    tonnes = OptionFootprint("lambda", "us-east-1", energy, GRID["us-east-1"]).kg / 1000  # type: ignore[operator]
    assert tonnes == pytest.approx(1.2668275386111113e-9, rel=1e-12)


def test_lambda_arm_seven_gb_seconds_in_us_east_1() -> None:
    energy = lambda_energy(7, arm=True)
    assert energy.kwh == pytest.approx(0.0000023834999999999997, rel=1e-12)
    assert energy.kwh * GRID["us-east-1"].value / 1000 == pytest.approx(9.035109614999999e-10, rel=1e-12)


def test_fargate_memory_eleven_gb_hours_counted_as_ssd_in_us_east_2() -> None:
    energy = fargate_energy(0, 11, arm=False)
    assert energy.kwh == pytest.approx(0.000014981999999999998, rel=1e-12)
    assert energy.kwh * GRID["us-east-2"].value / 1000 == pytest.approx(6.151729056e-9, rel=1e-12)


def test_fargate_five_vcpu_hours_in_us_west_1() -> None:
    energy = fargate_energy(5, 0, arm=False)
    assert energy.kwh == pytest.approx(0.012031, rel=1e-12)
    assert energy.kwh * CCF_US_WEST_1 / 1000 == pytest.approx(3.875991177e-6, rel=1e-12)


def test_memory_estimator_eighty_gb_hours() -> None:
    kwh = 80 * MEMORY_KWH_PER_GB_HOUR.value * PUE.value
    assert kwh == pytest.approx(0.035593599999999996, rel=1e-12)
    assert kwh * 0.000415755 == pytest.approx(0.000014798217168, rel=1e-12)


def test_memory_helper_counts_servers_chips_and_extra_gigabyte_hours() -> None:
    # calculateGigabyteHours(1 chip, 10 GB largest, 5 GB per chip, 20 GB instance, 20 h) = 200
    assert extra_memory_gb_hours(96, 10, 5, 20, 20) == pytest.approx(200)
    assert math.ceil(300 / 96) == 4  # chips(300 vCPU)


def test_a_month_of_m5_large_in_us_east_1_and_eu_west_2() -> None:
    energy = instance_energy("m5.large", 2, 8, 730)
    assert energy.compute_kwh == pytest.approx(4.068181, abs=1e-6)
    assert energy.memory_kwh == pytest.approx(2.048082, abs=1e-6)
    assert energy.embodied_kg == pytest.approx(0.349, abs=5e-4)
    found = OptionFootprint("ec2", "us-east-1", energy, GRID["us-east-1"])
    assert found.kg == pytest.approx(2.668, abs=5e-4)
    assert found.in_region("eu-west-2") == pytest.approx(1.726, abs=5e-4)
    # embodied per instance-hour does not depend on the size within a family (CCF's code)
    assert instance_energy("m5.xlarge", 4, 16, 730).embodied_kg == pytest.approx(energy.embodied_kg)


def test_burstable_t3_large_counts_its_baseline_and_no_memory() -> None:
    energy = instance_energy("t3.large", 2, 8, 730)
    assert energy.compute_kwh == pytest.approx(2.291769, abs=1e-6)
    assert energy.memory_kwh == 0
    assert energy.embodied_kg == pytest.approx(4.194, abs=5e-4)
    assert OptionFootprint("ec2", "us-east-1", energy, GRID["us-east-1"]).kg == pytest.approx(5.062, abs=5e-4)


def test_monthly_fargate_and_lambda_regression_values() -> None:
    fargate = OptionFootprint("fargate", "us-east-1", fargate_energy(730, 1460, arm=False), GRID["us-east-1"])
    assert fargate.kg == pytest.approx(0.667, abs=5e-4)
    assert fargate.in_region("eu-west-2") == pytest.approx(0.396, abs=5e-4)
    assert OptionFootprint("lambda", "us-east-1", lambda_energy(1e6, False), GRID["us-east-1"]).kg == (
        pytest.approx(0.253, abs=5e-4))
    assert OptionFootprint("lambda", "us-east-1", lambda_energy(1e6, True), GRID["us-east-1"]).kg == (
        pytest.approx(0.129, abs=5e-4))


def test_a_type_the_method_lacks_is_missing_never_zero() -> None:
    energy = instance_energy("g4dn.xlarge", 4, 16, 730)
    found = OptionFootprint("ec2", "us-east-1", energy, GRID["us-east-1"])
    assert found.kg is None and found.in_region("sa-east-1") is None
    assert found.missing == ("g4dn.xlarge (not in the method's instance table: no power or embodied figure)",)
    assert not found.complete


def test_a_region_without_a_grid_factor_states_no_total() -> None:
    found = OptionFootprint("fargate", "eu-north-1", Energy(compute_kwh=1.0), None)
    assert found.kg is None and found.missing == ("grid emission factor for eu-north-1",)
