package org.liko.model;

import java.util.ArrayList;
import java.util.List;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;

/**
 * The built-in materials of the Li model and their ids. Strategy files may append more rows
 * (coatings, hosts, solid electrolytes).
 */
public final class LiMaterials {
  /** Liquid electrolyte (fluid). */
  public static final int ELECTROLYTE = 0;
  /** Live Li metal, electronically connected to the collector. */
  public static final int LI = 1;
  /** Dead Li: metal cut off from the collector; takes no electrons. */
  public static final int LI_DEAD = 2;
  /** Inorganic SEI (LiF / Li2O / LiNxOy rich). */
  public static final int SEI_INORGANIC = 3;
  /** Organic SEI (carbonate reduction products). */
  public static final int SEI_ORGANIC = 4;
  /** Copper current collector. */
  public static final int CU = 5;
  /**
   * Separator: a fixed wall; Li touching it is a short circuit, except in field mode with a
   * porous separator (transport.field.separatorPorosity), where it blocks Li.
   */
  public static final int SEPARATOR = 6;

  private LiMaterials() {}

  /**
   * The built-in table for a scenario. Barriers come from the scenario's sei/kinetics sections.
   */
  public static List<Material> builtIn(Scenario s) {
    List<Material> m = new ArrayList<>();
    m.add(new Material("electrolyte", Material.FLUID | Material.CARRIER_CONDUCTOR,
        s.d("kinetics.electrolyteBarrier_eV"), 0, 0, Double.POSITIVE_INFINITY, 0, 0xF4F7FB));
    m.add(new Material("li", Material.ELECTRONIC | Material.DEPOSIT_ON | Material.BEARS_CARRIER
        | Material.MOBILE, 0, 0, 4.9, Double.POSITIVE_INFINITY, 0, 0x9AA5B1));
    m.add(new Material("li_dead", Material.BEARS_CARRIER | Material.MOBILE, 0, 0, 4.9,
        Double.POSITIVE_INFINITY, 0, 0xD1495B));
    // Young's modulus of SEI 0.63 GPa (review 3.1.1), fracture strength a model lever
    m.add(new Material("sei_inorganic", Material.CARRIER_CONDUCTOR | Material.BEARS_CARRIER,
        s.d("sei.inorganicBarrier_eV"), 0, s.d("sei.young_GPa"), s.d("sei.fracture_GPa"), 0,
        0x2E86AB));
    m.add(new Material("sei_organic", Material.CARRIER_CONDUCTOR | Material.BEARS_CARRIER,
        s.d("sei.organicBarrier_eV"), 0, s.d("sei.young_GPa"), s.d("sei.fracture_GPa"), 0,
        0xF6AE2D));
    // Cu: contact angle of molten Li ~140 degrees (review 3.3, Fig. 11h)
    m.add(new Material("cu", Material.ELECTRONIC | Material.DEPOSIT_ON | Material.FIXED, 0,
        s.d("geometry.collectorContactAngle_deg"),
        110, Double.POSITIVE_INFINITY, 0, 0xB87333));
    m.add(new Material("separator", Material.FIXED | Material.INERT, 0, 0, 0, Double.POSITIVE_INFINITY, 0,
        0x333333));
    return m;
  }

  /** The built-in table followed by the scenario's own materials. */
  public static MaterialTable table(Scenario s) {
    List<Material> rows = builtIn(s);
    for (Scenario.MaterialSpec m : s.materials()) {
      int flags = 0;
      for (String f : m.flags()) {
        flags |= 1 << Scenario.MATERIAL_FLAGS.indexOf(f);
      }
      rows.add(new Material(m.name(), flags, m.carrierBarrierEv(), m.contactAngleDeg(),
          m.youngGPa(), m.fractureGPa(), m.healingPerS(), m.rgb()));
    }
    try {
      return MaterialTable.of(rows);
    } catch (IllegalArgumentException e) {
      throw new org.liko.engine.InputException(s.source() + ": field 'materials': "
          + e.getMessage() + " (built-in names: electrolyte, li, li_dead, sei_inorganic,"
          + " sei_organic, cu, separator)");
    }
  }
}
