package org.liko.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The charge book of one plate / rest / strip cycle (DESIGN section 5: every electron is
 * counted). Electrons come from the model's event counts: plated = net electrons in over the
 * cycle's plating steps (reductions + SEI formed from the current - oxidations), stripped = net
 * electrons out over its stripping steps, rest = the net of the open-circuit exchange (0 on
 * average). The Li left behind comes from the lattice (material counts at the cycle's start and
 * end): dead Li, SEI-bound Li, live metal, host-bound Li and ions. In reaction mode the two
 * books agree to the atom:
 * {@code plated - stripped + rest = d(dead) + d(sei) + d(live) + d(host) + d(ions)}.
 *
 * <p>Coulombic efficiency CE = stripped / plated of the cycle; the loss 1 - CE splits into dead
 * Li, SEI Li and other (live Li not stripped, host Li, ions, the rest exchange), each a
 * fraction of the plated charge. CE can exceed 1 only by stripping Li that was there before the
 * cycle (live metal at its start, or dead Li revived by contact); the row then says so.
 */
final class CycleLedger {
  private final int cycle;
  private final long plated0;
  private final long stripped0;
  private final long rest0;
  private final long revived0;
  private final long[] inv0; // metal, dead, sei, ions, host at the start

  /** Opens the book of {@code cycle} with the model's counters and the lattice's inventory. */
  CycleLedger(int cycle, LiModel model, long[] inventory) {
    this.cycle = cycle;
    this.plated0 = model.platedElectrons();
    this.stripped0 = model.strippedElectrons();
    this.rest0 = model.restElectrons();
    this.revived0 = model.revived();
    this.inv0 = inventory.clone();
  }

  private CycleLedger(int cycle, long plated0, long stripped0, long rest0, long revived0,
      long[] inv0) {
    this.cycle = cycle;
    this.plated0 = plated0;
    this.stripped0 = stripped0;
    this.rest0 = rest0;
    this.revived0 = revived0;
    this.inv0 = inv0;
  }

  /** Writes the open book for a checkpoint. */
  void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("cycle-ledger").i(cycle).l(plated0).l(stripped0).l(rest0).l(revived0)
        .longs(inv0);
  }

  /** The book {@link #save} wrote. */
  static CycleLedger restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("cycle-ledger");
    int cycle = in.i();
    long p = in.l();
    long s = in.l();
    long r = in.l();
    long v = in.l();
    long[] inv = new long[5];
    in.longs(inv);
    return new CycleLedger(cycle, p, s, r, v, inv);
  }

  /** Cycle number (1-based). */
  int cycle() {
    return cycle;
  }

  /**
   * Closes the book: the cycle's row, or null when nothing was plated in it.
   *
   * @param inventory metal, dead, sei, ions, host at the cycle's end
   */
  Map<String, Object> close(LiModel model, long[] inventory, double areaM2) {
    long plated = model.platedElectrons() - plated0;
    long stripped = model.strippedElectrons() - stripped0;
    long rest = model.restElectrons() - rest0;
    long revived = model.revived() - revived0;
    if (cycle <= 0 || plated <= 0) {
      return null;
    }
    long dLive = inventory[0] - inv0[0];
    long dDead = inventory[1] - inv0[1];
    long dSei = inventory[2] - inv0[2];
    long dIons = inventory[3] - inv0[3];
    long dHost = inventory[4] - inv0[4];
    double q = plated;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("cycle", cycle);
    c.put("platedCharge_mAh_cm2", Physics.countToMahCm2(plated, areaM2));
    c.put("strippedCharge_mAh_cm2", Physics.countToMahCm2(stripped, areaM2));
    c.put("coulombicEfficiency", stripped / q);
    Map<String, Object> loss = new LinkedHashMap<>();
    loss.put("deadLi", dDead / q);
    loss.put("seiLi", dSei / q);
    loss.put("other", 1.0 - stripped / q - dDead / q - dSei / q);
    c.put("lossFractions", loss);
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("liveLiLeft", dLive / q);
    other.put("hostLi", dHost / q);
    other.put("ions", dIons / q);
    other.put("restExchange", -rest / q);
    c.put("otherFractions", other);
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("plated", plated);
    n.put("stripped", stripped);
    n.put("restNet", rest);
    n.put("deadChange", dDead);
    n.put("seiChange", dSei);
    n.put("liveChange", dLive);
    n.put("hostChange", dHost);
    n.put("ionsChange", dIons);
    n.put("liveAtStart", inv0[0]);
    n.put("revived", revived);
    c.put("atoms", n);
    c.put("ceAboveOne", stripped > plated
        ? "stripped Li that was there before the cycle: " + inv0[0] + " live atoms at its start,"
            + " " + revived + " dead atoms revived during it" : null);
    return c;
  }
}
