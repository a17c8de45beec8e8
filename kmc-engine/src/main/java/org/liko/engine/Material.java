package org.liko.engine;

/**
 * One row of the materials table. Flags are bit masks ({@link #FLUID} etc.); numeric properties
 * carry their units in their names. "Conducts electrons" and "deposition allowed on it" are
 * separate flags: a mixed conductor may carry electrons without becoming a growth surface.
 *
 * @param name short identifier, e.g. {@code electrolyte}
 * @param flags bitwise OR of the flag constants
 * @param carrierBarrierEv activation barrier for carrier transport through the material, eV
 *     (0 for the fluid); enters the deposition weight under a layer
 * @param contactAngleDeg contact angle of the deposit on this material, degrees (nucleation
 *     factor S(theta))
 * @param youngGPa Young's modulus, GPa (0 when not a layer)
 * @param fractureGPa fracture strength, GPa (infinite when it never cracks)
 * @param healingPerS rate at which a crack in this layer re-closes, 1/s (0: no healing)
 * @param displayRgb colour for maps, 0xRRGGBB
 */
public record Material(String name, int flags, double carrierBarrierEv, double contactAngleDeg,
    double youngGPa, double fractureGPa, double healingPerS, int displayRgb) {

  /** The site is fluid: carriers move through it, deposits grow into it. */
  public static final int FLUID = 1;
  /** Conducts electrons (part of the electronically connected network). */
  public static final int ELECTRONIC = 2;
  /** Deposition (reduction) is allowed on its surface. */
  public static final int DEPOSIT_ON = 4;
  /** Conducts carriers (ions) through its bulk: deposition may happen beneath it. */
  public static final int CARRIER_CONDUCTOR = 8;
  /** Holds one unit of the conserved species (counted in the inventory). */
  public static final int BEARS_CARRIER = 16;
  /** Mobile solid: its atoms hop on the surface. */
  public static final int MOBILE = 32;
  /** Fixed in space: never lifted by growth beneath it (collector, host scaffold). */
  public static final int FIXED = 64;
  /** An inert wall: neither bonds nor supports surface atoms (separator, box walls). */
  public static final int INERT = 128;

  /** True when every bit of {@code flag} is set. */
  public boolean is(int flag) {
    return (flags & flag) == flag;
  }
}
