package org.liko.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The materials of a run as primitive arrays (structure of arrays) for the solvers and kernels.
 * Index = material id as stored in the lattice's low six bits.
 */
public final class MaterialTable {
  private final List<Material> rows;
  /** Flags per material id. */
  public final int[] flags;

  private MaterialTable(List<Material> rows) {
    this.rows = List.copyOf(rows);
    this.flags = new int[Lattice.MAX_MATERIALS];
    for (int i = 0; i < rows.size(); i++) {
      flags[i] = rows.get(i).flags();
    }
  }

  /**
   * Builds a table; ids are the list positions.
   *
   * @throws IllegalArgumentException on more than 64 materials or duplicate names
   */
  public static MaterialTable of(List<Material> rows) {
    if (rows.isEmpty() || rows.size() > Lattice.MAX_MATERIALS) {
      throw new IllegalArgumentException(
          "materials: need 1 to " + Lattice.MAX_MATERIALS + " rows, got " + rows.size());
    }
    List<String> names = new ArrayList<>();
    for (Material m : rows) {
      if (names.contains(m.name())) {
        throw new IllegalArgumentException("materials: duplicate name '" + m.name() + "'");
      }
      names.add(m.name());
    }
    return new MaterialTable(rows);
  }

  /** Number of materials. */
  public int size() {
    return rows.size();
  }

  /** Row of material id. */
  public Material get(int id) {
    return rows.get(id);
  }

  /** All rows in id order. */
  public List<Material> rows() {
    return rows;
  }

  /** Id of the material with this name, or -1. */
  public int id(String name) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** True when material id has every bit of flag. */
  public boolean is(int id, int flag) {
    return (flags[id] & flag) == flag;
  }
}
