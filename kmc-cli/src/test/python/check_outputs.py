#!/usr/bin/env python3
"""Reads liko run folders with the tools users already have and checks what they see.

Usage: check_outputs.py RUN_DIR [RUN_DIR ...]

For each folder (a `liko run` output): final.xyz through ASE's extxyz reader, final.vti,
plated_1.vti and the snapshots through VTK's XML reader, timeseries.csv through pandas, and the
permissions of every file against the process umask. The XYZ and the VTI are checked against
each other: every exported atom sits in a cell whose VTK `material` value is its `kind`, with
the name `material_names[kind]`, and the XYZ box (Angstrom, as its header says) is ten times
the VTI box (nm, as its `length_unit` says). Prints one line per folder; exits 1 on the first
failed check with a message naming the file.
"""
import json
import math
import os
import sys
import xml.etree.ElementTree as ET

import ase.io
import numpy as np
import pandas as pd
import vtk
from vtk.util.numpy_support import vtk_to_numpy


def fail(msg):
    print("check_outputs: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


class Errors:
    """Collects VTK error and warning events of a reader."""

    def __init__(self, obj):
        self.messages = []
        for event in ("ErrorEvent", "WarningEvent"):
            obj.AddObserver(event, self.on_event)

    def on_event(self, obj, event):
        self.messages.append(event)


def read_vti(path):
    check(os.path.isfile(path), path + ": missing")
    root = ET.parse(path).getroot()
    check(root.get("compressor") == "vtkZLibDataCompressor", path + ": not zlib-compressed")
    check(root.get("header_type") == "UInt64", path + ": header_type is not UInt64")
    reader = vtk.vtkXMLImageDataReader()
    errors = Errors(reader)
    reader.SetFileName(path)
    reader.Update()
    check(not errors.messages, path + ": VTK reported " + ", ".join(errors.messages))
    image = reader.GetOutput()
    dims = [d - 1 for d in image.GetDimensions()]  # points -> cells
    check(min(dims) >= 1, path + ": empty image " + str(dims))
    material = image.GetCellData().GetArray("material")
    check(material is not None, path + ": no cell array 'material'")
    check(material.GetDataTypeAsString() == "unsigned char", path + ": material not UInt8")
    values = vtk_to_numpy(material)
    check(values.size == dims[0] * dims[1] * dims[2], path + ": wrong number of cells")
    fd = image.GetFieldData()
    names_array = fd.GetAbstractArray("material_names")
    check(names_array is not None, path + ": no field data 'material_names'")
    names = [names_array.GetValue(i) for i in range(names_array.GetNumberOfValues())]
    check(int(values.max()) < len(names), path + ": material id without a name")
    rgb = fd.GetArray("material_rgb")
    check(rgb is not None and rgb.GetNumberOfComponents() == 3
          and rgb.GetNumberOfTuples() == len(names), path + ": material_rgb does not match names")
    unit = fd.GetAbstractArray("length_unit")
    check(unit is not None and unit.GetValue(0) == "nm", path + ": length_unit is not nm")
    ion = image.GetCellData().GetArray("ion")
    check(ion is not None and set(np.unique(vtk_to_numpy(ion))) <= {0, 1}, path + ": bad ion")
    return image, dims, values, names


def check_folder(d, umask):
    image, dims, material, names = read_vti(os.path.join(d, "final.vti"))
    spacing_nm = image.GetSpacing()[0]
    for extra in ["plated_1.vti"] + sorted(f for f in os.listdir(d) if f.startswith("snap_")):
        _, extra_dims, _, extra_names = read_vti(os.path.join(d, extra))
        check(extra_dims == dims and extra_names == names, extra + ": differs from final.vti")

    xyz = os.path.join(d, "final.xyz")
    atoms = ase.io.read(xyz, format="extxyz")
    with open(xyz) as f:
        count = int(f.readline())
    check(len(atoms) == count, xyz + ": ASE read %d atoms, file has %d" % (len(atoms), count))
    check(count > 0, xyz + ": no atoms")
    check(atoms.info.get("units") == "Angstrom", xyz + ": header does not state Angstrom")
    symbols = set(atoms.get_chemical_symbols())
    check(symbols <= {"Li", "F", "O"}, xyz + ": unexpected elements " + str(symbols))
    check("material" in atoms.arrays and "kind" in atoms.arrays, xyz + ": no material/kind")
    a = float(atoms.info["spacing"])
    check(math.isclose(a, 10 * spacing_nm, rel_tol=1e-9),
          xyz + ": spacing %g A is not 10 x VTI spacing %g nm" % (a, spacing_nm))
    lengths = atoms.cell.lengths()
    for k in range(3):
        check(math.isclose(lengths[k], dims[k] * a, rel_tol=1e-6), xyz + ": box differs from VTI")
    check(list(atoms.pbc) == [True, True, False], xyz + ": pbc is not T T F")
    cells = np.floor(atoms.positions / a).astype(int)
    index = (cells[:, 2] * dims[1] + cells[:, 1]) * dims[0] + cells[:, 0]
    kinds = atoms.arrays["kind"]
    check(np.array_equal(material[index], kinds), xyz + ": kind differs from VTI material")
    for kind, mat in zip(kinds, atoms.arrays["material"]):
        if names[kind] != mat:
            fail(xyz + ": material %s but VTI names id %d %s" % (mat, kind, names[kind]))
    li = [s == "Li" for s in atoms.get_chemical_symbols()]
    check(all(m.startswith("li") for m, l in zip(atoms.arrays["material"], li) if l),
          xyz + ": Li atoms that are not Li metal")

    with open(os.path.join(d, "materials.paraview.json")) as f:
        preset = json.load(f)[0]
    check(preset["Annotations"][1::2] == names, "materials.paraview.json: names differ from VTI")
    check(len(preset["IndexedColors"]) == 3 * len(names), "materials.paraview.json: colours")

    ts = pd.read_csv(os.path.join(d, "timeseries.csv"))
    for col in ts.columns:
        integer = col in ("events", "step") or col.startswith("li_")
        kind = "i" if integer else "f"
        check(ts[col].dtype.kind == kind,
              "timeseries.csv: column %s reads as %s, expected %s" % (col, ts[col].dtype, kind))

    expected = 0o666 & ~umask
    for f in sorted(os.listdir(d)):
        mode = os.stat(os.path.join(d, f)).st_mode & 0o777
        check(mode == expected, "%s: mode %o, umask %03o wants %o" % (f, mode, umask, expected))
    dim = "3D" if dims[1] > 1 else "2D"
    print("check_outputs: %s ok: %s %dx%dx%d, %d atoms %s, materials %s" % (
        d, dim, dims[0], dims[1], dims[2], count, sorted(symbols), names))


def main(argv):
    if len(argv) < 2:
        fail("usage: check_outputs.py RUN_DIR [RUN_DIR ...]")
    umask = os.umask(0)
    os.umask(umask)
    for d in argv[1:]:
        check_folder(d, umask)


if __name__ == "__main__":
    main(sys.argv)
