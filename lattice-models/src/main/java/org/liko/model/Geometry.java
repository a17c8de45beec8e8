package org.liko.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.MaterialTable;

/**
 * Builds the initial lattice of a scenario: collector, initial Li film, separator, then the
 * geometry features in file order (coating layers, pillars and channels, porous hosts, solid
 * electrolyte slabs). Random features (hosts, grain boundaries) draw from their own stream of
 * the run seed, so the same seed gives the same structure.
 *
 * <p>Model simplifications: host grains are taken as electronically wired to the collector (they
 * seed the dead-Li flood fill); polycrystalline slabs use square grains of the given size.
 */
final class Geometry {
  private Geometry() {}

  /**
   * Fills the cells.
   *
   * @param collectorTop first z above the collector
   * @param filmTop first z above the initial Li film
   * @param separatorZ first z of the separator
   * @return number of Li-bearing sites placed (initial inventory)
   */
  static long build(Scenario s, Lattice lattice, MaterialTable mt, double siteNm, int collector,
      int collectorTop, int filmTop, int separatorZ, long seed) {
    Grid g = lattice.grid();
    byte[] cells = lattice.cells();
    for (int z = 0; z < g.nz; z++) {
      int m = z < collectorTop ? collector : z < filmTop ? LiMaterials.LI
          : z >= separatorZ ? LiMaterials.SEPARATOR : LiMaterials.ELECTROLYTE;
      java.util.Arrays.fill(cells, z * g.plane, (z + 1) * g.plane, (byte) m);
    }
    double adatoms = s.d("geometry.initialAdatoms_ML");
    if (adatoms > 0) {
      // each site of the first layer above the collector and film holds an adatom with
      // probability adatoms, as SPPARKS's `set site value 2 region ad fraction C` does
      UniformRandomProvider r = RandomSource.XO_RO_SHI_RO_128_PP
          .create(new long[] {seed, 0x61646174L}); // "adat": a stream apart from the run's
      for (int c = 0; c < g.plane; c++) {
        if (r.nextDouble() < adatoms) {
          cells[filmTop * g.plane + c] = (byte) LiMaterials.LI;
        }
      }
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x6E0D3A5BL);
    int surface = filmTop; // where the next layer-type feature starts
    int k = 0;
    for (Scenario.Feature f : s.features()) {
      String where = s.source() + ": field 'geometry.features[" + k++ + "]." + f.kind() + "'";
      switch (f.kind()) {
        case "coating": {
          int m = material(mt, f.s("material"), where);
          int t = sites(f.d("thickness_nm"), siteNm);
          check(surface + t < separatorZ, where, "thickness_nm", f.d("thickness_nm"));
          for (int z = surface; z < surface + t; z++) {
            java.util.Arrays.fill(cells, z * g.plane, (z + 1) * g.plane, (byte) m);
          }
          surface += t;
          break;
        }
        case "pillars": {
          int m = material(mt, f.s("material"), where);
          int w = sites(f.d("width_nm"), siteNm);
          int sp = sites(f.d("spacing_nm"), siteNm);
          int h = sites(f.d("height_nm"), siteNm);
          check(w < sp, where, "width_nm", f.d("width_nm"));
          check(collectorTop + h < separatorZ, where, "height_nm", f.d("height_nm"));
          for (int z = collectorTop; z < collectorTop + h; z++) {
            for (int y = 0; y < g.ny; y++) {
              for (int x = 0; x < g.nx; x++) {
                boolean inX = x % sp < w;
                boolean inY = g.ny == 1 || f.b("walls") || y % sp < w;
                if (inX && inY) {
                  cells[g.index(x, y, z)] = (byte) m;
                }
              }
            }
          }
          break;
        }
        case "host": {
          int m = material(mt, f.s("material"), where);
          int grain = sites(f.d("poreSize_nm"), siteNm);
          int z0 = collectorTop + (int) Math.round(f.d("bottom_nm") / siteNm);
          int z1 = z0 + sites(f.d("height_nm"), siteNm);
          check(z1 < separatorZ, where, "height_nm", f.d("height_nm"));
          double solid = 1.0 - f.d("porosity");
          for (int bz = z0; bz < z1; bz += grain) {
            for (int by = 0; by < g.ny; by += g.ny == 1 ? 1 : grain) {
              for (int bx = 0; bx < g.nx; bx += grain) {
                if (rng.nextDouble() >= solid) {
                  continue;
                }
                for (int z = bz; z < Math.min(z1, bz + grain); z++) {
                  for (int y = by; y < Math.min(g.ny, by + (g.ny == 1 ? 1 : grain)); y++) {
                    for (int x = bx; x < Math.min(g.nx, bx + grain); x++) {
                      cells[g.index(x, y, z)] = (byte) m;
                    }
                  }
                }
              }
            }
          }
          break;
        }
        case "slab": {
          int m = material(mt, f.s("material"), where);
          int z0 = collectorTop + (int) Math.round(f.d("bottom_nm") / siteNm);
          z0 = Math.max(z0, surface);
          int z1 = z0 + sites(f.d("thickness_nm"), siteNm);
          check(z1 <= separatorZ, where, "thickness_nm", f.d("thickness_nm"));
          int grain = f.d("grainSize_nm") > 0 ? sites(f.d("grainSize_nm"), siteNm) : 0;
          int gb = grain > 0 ? material(mt, f.s("grainBoundary"), where + ".grainBoundary") : m;
          // grains are offset by a random shift so boundaries do not line up with the collector
          int shift = grain > 0 ? rng.nextInt(grain) : 0;
          for (int z = z0; z < z1; z++) {
            for (int y = 0; y < g.ny; y++) {
              for (int x = 0; x < g.nx; x++) {
                boolean boundary = grain > 0 && ((x + shift) % grain == 0
                    || (g.ny > 1 && (y + shift) % grain == 0));
                cells[g.index(x, y, z)] = (byte) (boundary ? gb : m);
              }
            }
          }
          break;
        }
        default:
          throw new IllegalStateException("feature " + f.kind());
      }
    }
    long li = 0;
    for (byte c : cells) {
      if (mt.is(c & Lattice.MATERIAL_MASK, Material.BEARS_CARRIER)) {
        li++;
      }
    }
    return li;
  }

  private static int material(MaterialTable mt, String name, String where) {
    int id = mt.id(name);
    if (id < 0) {
      StringBuilder names = new StringBuilder();
      for (Material m : mt.rows()) {
        names.append(names.length() == 0 ? "" : ", ").append(m.name());
      }
      throw new InputException(where + ".material: value '" + name + "' is not a material;"
          + " allowed: " + names + " (add your own under 'materials:')");
    }
    return id;
  }

  private static int sites(double nm, double siteNm) {
    return Math.max(1, (int) Math.round(nm / siteNm));
  }

  private static void check(boolean ok, String where, String field, double value) {
    if (!ok) {
      throw new InputException(where + "." + field + ": value " + value + " does not fit"
          + " between the collector and the separator; allowed: a smaller value, or raise"
          + " lattice.nz / separator_nm");
    }
  }
}
