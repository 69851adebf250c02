"""A relocsim output file opens without a manual in h5py, xarray, pandas,
ncdump and through analysis/relocsim, and says what it holds."""

import os
import shutil
import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import relocsim

DIMS = {"step", "site", "sector", "bloc", "market", "event_kind", "home", "plant_slot", "event", "firm", "input_file",
        "breakdown_time", "breakdown_option", "value_part"}
LABELS = ["site", "sector", "bloc", "market", "event_kind", "home", "breakdown_option", "value_part"]
CODES = {  # code variable -> coordinate holding its labels
    "site_bloc": "bloc",
    "value_breakdown_site": "site",
    "event_from_site": "site",
    "event_to_site": "site",
    "event_kind_code": "event_kind",
    "firm_sector": "sector",
    "firm_home": "home",
    "firm_plant_site": "site",
    "firm_project_site": "site",
}


@pytest.fixture(scope="module")
def ds(run_file):
    with xr.open_dataset(run_file, engine="h5netcdf") as d:
        yield d.load()


def test_h5py_sees_labelled_dimension_scales(run_file):
    with h5py.File(run_file, "r") as f:
        assert f.attrs["relocsim_complete"] == 1
        cap = f["capacity"]
        assert [d[0].name for d in cap.dims] == ["/step", "/site", "/sector"]
        for name in LABELS:
            info = h5py.check_string_dtype(f[name].dtype)
            assert info is not None and info.length is None and info.encoding == "utf-8", name
        for name, obj in f.items():
            assert isinstance(obj, h5py.Dataset), name
            assert {"long_name", "units"} <= set(obj.attrs), name


def test_text_attributes_are_fixed_length(run_file):
    # netCDF reads fixed-length strings as text and variable-length ones as
    # arrays of strings, which R and ncdump show differently.
    with h5py.File(run_file, "r") as f:
        for obj in (f, f["capacity"], f["event_to_site"]):
            for name in obj.attrs:
                t = obj.attrs.get_id(name).get_type()
                if isinstance(t, h5py.h5t.TypeStringID):
                    assert not t.is_variable_str(), name


def test_xarray_reads_dimensions_and_labels(ds):
    assert set(ds.sizes) == DIMS
    for name in LABELS:
        values = ds[name].values
        assert values.dtype == object and all(isinstance(v, str) for v in values), name
        assert list(ds.indexes[name]) == list(values), name
    assert ds["capacity"].dims == ("step", "site", "sector")
    assert ds["mean_unit_cost"].dims == ("step", "bloc", "sector")
    assert ds["route_cost"].dims == ("site", "market")
    assert ds["sales"].dims == ("step", "site", "sector", "market")
    assert ds["sales"].attrs["units"] == "USD million per year"
    assert np.allclose(ds["sales"].sum("market").values, ds["capacity"].values)
    assert ds["firm_plant_site"].dims == ("firm", "plant_slot")
    assert ds["value_breakdown"].dims == ("breakdown_time", "sector", "breakdown_option", "value_part")
    assert list(ds["breakdown_option"].values) == ["stay", "China", "ASEAN", "India"]
    assert list(ds["bloc"].values) == ["China", "ASEAN", "India"]
    assert list(ds["step"].values) == list(range(ds.sizes["step"]))
    assert "year" in ds.coords and ds["year"].dims == ("step",)
    site = ds["site"].values[0]
    assert ds["capacity"].sel(site=site).dims == ("step", "sector")


def test_every_variable_has_long_name_and_units(ds):
    for name, var in ds.variables.items():
        assert var.attrs.get("long_name"), name
        assert "units" in var.attrs, name


def test_codes_name_their_labels(ds):
    for name, coordinate in CODES.items():
        attrs = ds[name].attrs
        assert attrs["label_coordinate"] == coordinate, name
        assert len(attrs["flag_values"]) == ds.sizes[coordinate], name
        assert len(str(attrs["flag_meanings"]).split()) == ds.sizes[coordinate], name


def test_missing_values_are_declared(ds):
    for name in ["pli_cost_per_job", "pli_cost_per_unit", "mean_unit_cost"]:
        assert np.isnan(ds[name].encoding["_FillValue"]), name
    for name in ["event_from_site", "event_to_site", "firm_plant_site", "firm_project_site", "firm_project_kind"]:
        assert ds[name].encoding["_FillValue"] == -1, name


def test_pandas_through_xarray(ds):
    frame = ds[["capacity", "employment"]].to_dataframe()
    assert list(frame.index.names) == ["step", "site", "sector"]
    assert len(frame) == ds.sizes["step"] * ds.sizes["site"] * ds.sizes["sector"]
    assert np.isfinite(frame["capacity"]).all()


def test_pandas_through_h5py(run_file):
    with h5py.File(run_file, "r") as f:
        table = pd.DataFrame({name: f[name][...] for name in ["event_step", "event_firm", "event_to_site"]})
        assert len(table) == f["event"].shape[0]


def test_load_run(run_file):
    with relocsim.load_run(run_file) as d:
        assert d.attrs["relocsim_complete"] == 1
        assert d["capacity"].dims == ("step", "site", "sector")


@pytest.fixture
def incomplete_copy(run_file, tmp_path):
    path = tmp_path / "incomplete.h5"
    shutil.copyfile(run_file, path)
    with h5py.File(path, "r+") as f:
        f.attrs.modify("relocsim_complete", np.int32(0))
    return path


def test_load_run_refuses_an_incomplete_file(incomplete_copy):
    with pytest.raises(relocsim.IncompleteRunError, match="relocsim_complete"):
        relocsim.load_run(incomplete_copy)
    with pytest.raises(relocsim.IncompleteRunError):
        relocsim.events(incomplete_copy)


def test_load_run_refuses_a_temporary_file(run_file, tmp_path):
    path = tmp_path / ".out.h5.tmp-1234"
    shutil.copyfile(run_file, path)
    with pytest.raises(relocsim.IncompleteRunError, match="temporary"):
        relocsim.load_run(path)


def test_events_decode_to_labels(run_file, ds):
    table = relocsim.events(run_file)
    assert list(table.columns) == ["step", "year", "firm", "from_site", "to_site", "kind", "share"]
    assert len(table) == ds.sizes["event"]
    for column, coordinate in [("from_site", "site"), ("to_site", "site"), ("kind", "event_kind")]:
        assert isinstance(table[column].dtype, pd.CategoricalDtype), column
        assert list(table[column].cat.categories) == list(ds[coordinate].values), column
    with h5py.File(run_file, "r") as f:
        codes = f["event_to_site"][...]
        sites = f["site"].asstr()[...]
        kinds = f["event_kind"].asstr()[...]
        kind_codes = f["event_kind_code"][...]
    expected = [sites[c] if c >= 0 else None for c in codes]
    assert [None if pd.isna(v) else v for v in table["to_site"]] == expected
    assert list(table["kind"].astype(str)) == [kinds[c] for c in kind_codes]
    assert (table["year"].to_numpy() == ds["year"].values[table["step"].to_numpy()]).all()


def test_firms_decode_to_labels(run_file, ds):
    table = relocsim.firms(run_file)
    assert len(table) == ds.sizes["firm"]
    assert list(table["sector"].cat.categories) == list(ds["sector"].values)
    assert list(table["home"].cat.categories) == list(ds["home"].values)
    assert set(table["project_kind"].cat.categories) == {"move", "add"}
    assert table["plant_site_0"].notna().any() or len(table) == 0
    assert np.allclose(table["capacity"], ds["firm_capacity"].values)


def test_provenance(run_file):
    p = relocsim.provenance(run_file)
    for key in ["program_version", "git_commit", "build_type", "compiler", "compile_flags", "lib_hdf5",
                "command_line", "config_path", "start_time", "end_time", "host", "title", "Conventions", "source",
                "history"]:
        assert isinstance(p[key], str), key
    # No fused multiply-add contraction, in every build (docs/REPLICATION.md).
    assert "-ffp-contract=off" in p["compile_flags"].split()
    assert p["Conventions"] == "CF-1.8"
    assert p["source"] == "relocsim " + p["program_version"]
    assert isinstance(p["seed"], int) and isinstance(p["threads"], int)
    assert p["relocsim_complete"] == 1
    assert p["resolved_config"].strip()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in p["input_files"].items())


@pytest.mark.skipif(shutil.which("ncdump") is None, reason="ncdump not installed (Debian: netcdf-bin)")
def test_ncdump_reads_it_as_netcdf4(run_file):
    header = subprocess.run(["ncdump", "-h", run_file], capture_output=True, text=True)
    assert header.returncode == 0, header.stderr
    assert "event = UNLIMITED" in header.stdout
    assert "phony_dim" not in header.stdout
    kind = subprocess.run(["ncdump", "-k", run_file], capture_output=True, text=True)
    assert kind.stdout.strip() == "netCDF-4"
    data = subprocess.run(["ncdump", "-v", "site,event_kind", run_file], capture_output=True, text=True)
    assert data.returncode == 0, data.stderr
    assert '"move_started"' in data.stdout
