package org.liko.model;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.liko.engine.InputException;

/**
 * The setting a strategy comparison ({@code liko compare --regime}) runs in: its embedded base
 * scenario and the catalogue folder whose files are layered on it ({@link Catalogue#load}).
 * <ul>
 *   <li>{@code atomistic}: the atomistic catalogue over {@code compare-default.yaml} (0.279 nm
 *       sites, a few nm of Li; reaction mode).</li>
 *   <li>{@code cell}: the mesoscale catalogue over {@code regime-cell.yaml}: field mode, 100 nm
 *       sites, 20 um wide, a porous separator on the deposit with a salt-conserving counter
 *       electrode, J/J_lim ~ 0.1, the sub-grid SEI film and nucleation.</li>
 *   <li>{@code transport}: the mesoscale catalogue over {@code regime-transport.yaml}: field
 *       mode, a liquid gap, J/J_lim between 1.5 and 5 (tip growth after Sand's time).</li>
 * </ul>
 */
public enum CompareRegime {
  /** Today's atomistic comparison. */
  ATOMISTIC("atomistic", "compare-default.yaml", ""),
  /** Coin-cell setting: separator on the deposit, J/J_lim ~ 0.1. */
  CELL("cell", "regime-cell.yaml", "mesoscale/"),
  /** Liquid gap above the limiting current. */
  TRANSPORT("transport", "regime-transport.yaml", "mesoscale/");

  /**
   * The regime {@code liko compare} runs without {@code --regime}: atomistic until the cell
   * regime's default comparison fits its time target (docs/outputs.md, README).
   */
  public static final CompareRegime DEFAULT = ATOMISTIC;

  private final String id;
  private final String baseFile;
  private final String folder;

  CompareRegime(String id, String baseFile, String folder) {
    this.id = id;
    this.baseFile = baseFile;
    this.folder = folder;
  }

  /** Name on the command line and in outputs. */
  public String id() {
    return id;
  }

  /** File name of the embedded base scenario in the catalogue resources. */
  public String baseFile() {
    return baseFile;
  }

  /** Sub-folder of the catalogue resources that holds the strategy files and index.txt. */
  public String folder() {
    return folder;
  }

  /** Whether the regime runs the mesoscale catalogue (field mode, coarse sites). */
  public boolean mesoscale() {
    return !folder.isEmpty();
  }

  /**
   * The regime named {@code text}.
   *
   * @param option the option or field for the message, e.g. {@code --regime}
   * @throws InputException naming the allowed values
   */
  public static CompareRegime parse(String text, String option) {
    for (CompareRegime r : values()) {
      if (r.id.equals(text)) {
        return r;
      }
    }
    throw new InputException(option + ": unknown value '" + text + "'; allowed: "
        + Arrays.stream(values()).map(CompareRegime::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
