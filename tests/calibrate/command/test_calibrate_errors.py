"""Bad calibration definitions and targets: every problem located as
file:line: key: problem, exit status 2, nothing run and nothing written."""

from conftest import HISTORY, OUTCOMES, TARGET_HEADER, calibration_text, targets_text

GOOD_TARGETS = targets_text(
    [
        ("a", "india_output_fy21", "2021-03-31", 100.0, 10.0),
        ("b", "india_output_fy22", "2022-03-31", 110.0, 10.0),
        ("c", "india_output_fy23", "2023-03-31", 120.0, 10.0),
        ("d", "asean_output_fy23", "2023-03-31", 500.0, 50.0),
        ("e", "india_exports_fy23", "2023-03-31", 20.0, 5.0),
    ]
)


def refused(relocsim, write, calib, targets=GOOD_TARGETS):
    write("targets.csv", targets)
    path = write("calib.toml", calib)
    r = relocsim("calibrate", path, "-o", "fit.h5", "--dry-run")
    assert r.returncode == 2, (r.stdout, r.stderr)
    return path, r.stderr


def test_a_valid_definition_passes_the_dry_run(relocsim, write):
    write("targets.csv", GOOD_TARGETS)
    path = write("calib.toml", calibration_text())
    r = relocsim("calibrate", path, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "2 parameters, 5 targets (5 fitted, 0 held out), 3 replications; at most" in r.stdout


def test_missing_calibration_table(relocsim, write):
    path, err = refused(relocsim, write, '[method]\nglobal = "crs2"\n' + OUTCOMES)
    assert f"{path}: calibration: missing; expected a [calibration] table with scenario, targets, fit_until" in err


def test_unknown_method_key_is_named_with_a_suggestion(relocsim, write):
    path, err = refused(relocsim, write, calibration_text(method="global_evaluation = 10"))
    assert f"{path}:10: method.global_evaluation: unknown key; did you mean global_evaluations?" in err


def test_unknown_search_method(relocsim, write):
    path, err = refused(relocsim, write, calibration_text(method='local = "nelder"'))
    assert "method.local: unknown method 'nelder'; expected sbplx or none" in err


def test_reversed_bounds(relocsim, write):
    calib = calibration_text(parameters=[("behaviour.logit_scale", 8.0, 2.0, None),
                                         ("behaviour.review_probability", 0.02, 0.2, None)])
    path, err = refused(relocsim, write, calib)
    assert "parameter.upper: expected lower < upper for behaviour.logit_scale, got lower = 8, upper = 2" in err


def test_start_outside_the_bounds(relocsim, write):
    calib = calibration_text(parameters=[("behaviour.logit_scale", 2.0, 8.0, 9.5),
                                         ("behaviour.review_probability", 0.02, 0.2, None)])
    path, err = refused(relocsim, write, calib)
    assert "parameter.start: start = 9.5 lies outside the bounds [2, 8]" in err


def test_a_key_the_scenario_lacks(relocsim, write):
    calib = calibration_text(parameters=[("behaviour.logit_scael", 2.0, 8.0, None),
                                         ("behaviour.review_probability", 0.02, 0.2, None)])
    path, err = refused(relocsim, write, calib)
    assert f"parameter.key: behaviour.logit_scael is not a key of scenario {HISTORY}" in err
    assert "; did you mean behaviour.logit_scale?" in err


def test_a_key_that_is_not_a_real_number(relocsim, write):
    calib = calibration_text(parameters=[("population.n_firms", 1000, 3000, None),
                                         ("behaviour.review_probability", 0.02, 0.2, None)])
    path, err = refused(relocsim, write, calib)
    assert "parameter.key: population.n_firms holds 2000; only keys holding a real number can be fitted" in err


def test_a_target_naming_an_unknown_outcome(relocsim, write):
    targets = GOOD_TARGETS + "f,india_output_fy24,india_output_fy24,2023-03-31,1.0,USD million,1.0,,1,x,test\n"
    path, err = refused(relocsim, write, calibration_text(), targets)
    assert "targets.csv:7: outcome: target f names outcome 'india_output_fy24', which" in err
    assert "; did you mean india_output_fy21?" in err


def test_a_target_without_uncertainty(relocsim, write):
    targets = GOOD_TARGETS + "f,x,india_output_fy21,2021-03-31,1.0,USD million,,,1,x,test\n"
    path, err = refused(relocsim, write, calibration_text(), targets)
    assert "targets.csv:7: se: missing; give the observation's uncertainty as se (in its unit) or rel_se" in err


def test_a_target_with_a_bad_date(relocsim, write):
    targets = GOOD_TARGETS + "f,x,india_output_fy21,2021-02-30,1.0,USD million,1.0,,1,x,test\n"
    path, err = refused(relocsim, write, calibration_text(), targets)
    assert "targets.csv:7: date: expected a date YYYY-MM-DD, got '2021-02-30'" in err


def test_a_targets_file_missing_a_column(relocsim, write):
    targets = TARGET_HEADER.replace(",to_model", "") + "a,x,india_output_fy21,2021-03-31,1.0,USD million,1.0,,x,test\n"
    path, err = refused(relocsim, write, calibration_text(), targets)
    assert "targets.csv:1" in err and "to_model" in err


def test_too_many_parameters_for_the_targets(relocsim, write):
    calib = calibration_text(parameters=[("behaviour.logit_scale", 2.0, 8.0, None),
                                         ("behaviour.review_probability", 0.02, 0.2, None),
                                         ("behaviour.herding_weight", 0.0, 0.5, None)])
    path, err = refused(relocsim, write, calib)
    assert ("parameter: 3 parameters for 5 targets inside the fit window: fit at most the number of targets minus "
            "three (2); leave the rest at their sourced values") in err


def test_no_target_inside_the_fit_window(relocsim, write):
    path, err = refused(relocsim, write, calibration_text(fit_until="2020-06-30"))
    assert "calibration.fit_until: no target is dated on or before fit_until: nothing to fit" in err


def test_one_replication_is_refused(relocsim, write):
    path, err = refused(relocsim, write, calibration_text(replications=1))
    assert "calibration.replications: expected a whole number >= 2, got 1" in err


def test_resume_and_force_together(relocsim, write):
    write("targets.csv", GOOD_TARGETS)
    path = write("calib.toml", calibration_text())
    r = relocsim("calibrate", path, "--resume", "--force")
    assert r.returncode == 2
    assert "--resume continues a calibration and --force discards it; give one, not both" in r.stderr
