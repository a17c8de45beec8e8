package org.liko.model;

import java.util.ArrayList;
import java.util.List;
import org.liko.engine.InputException;

/**
 * The mesoscale strategy catalogue (issue 15): the files listed in {@code
 * catalogue/mesoscale/index.txt}, baseline first, each an overlay of keys, materials, features
 * or protocol put on top of a regime base scenario (field mode, coarse sites, 2D: {@code cell} or
 * {@code transport}), with the strategy block of the atomistic catalogue ({@link
 * Catalogue.Strategy}) and a pre-registered {@link Prediction}. A strategy whose {@code needs}
 * is not empty names physics the model lacks: it is listed, and a comparison reports it as not
 * run (inconclusive), never with a stand-in lever.
 */
public final class MesoscaleCatalogue {
  /** Folder of the mesoscale files inside the embedded catalogue. */
  public static final String FOLDER = "mesoscale/";

  private MesoscaleCatalogue() { }

  /**
   * One mesoscale strategy over one regime base.
   *
   * @param file file name in the folder
   * @param strategy the strategy block, its scenario layered over the regime base
   * @param prediction the pre-registered prediction (null only for the baseline)
   */
  public record Entry(String file, Catalogue.Strategy strategy, Prediction prediction) {
    /** False when the strategy names missing physics ({@code needs}): report it as not run. */
    public boolean runnable() {
      return strategy.needs().isBlank();
    }

    /**
     * The line a comparison shows instead of a verdict when the strategy is not run: "not run
     * (inconclusive): needs ..."; empty for a runnable strategy.
     */
    public String notRunReason() {
      return runnable() ? "" : "not run (inconclusive): needs " + strategy.needs();
    }

    /** Whether the prediction expects an effect in this regime. */
    public boolean predictsIn(String regime) {
      return prediction != null && prediction.regimes().contains(regime);
    }
  }

  /** File names of mesoscale/index.txt, in order (baseline.yaml first). */
  public static List<String> index() {
    return Catalogue.index(FOLDER + "index.txt");
  }

  /** The text of one embedded mesoscale file. */
  public static String text(String file) {
    return Catalogue.resource(FOLDER + file);
  }

  /**
   * One file layered over a regime base, with its prediction parsed and validated (lever keys
   * against the schema and the layered scenario).
   *
   * @throws InputException naming the file and field when the file or its prediction is invalid,
   *     or when a strategy other than the baseline has no prediction or no reference
   */
  public static Entry load(String file, Scenario regimeBase) {
    String src = "catalogue/" + FOLDER + file;
    String text = text(file);
    Catalogue.Strategy s = Catalogue.Strategy.of(Scenario.parse(text, src, regimeBase));
    Prediction p = Prediction.parse(text, src);
    if (!s.isBaseline()) {
      if (p == null) {
        throw new InputException(src + ": field 'prediction' is missing; a mesoscale strategy"
            + " states metric, sign, regimes and leverRange before it is run");
      }
      if (s.reference().isBlank()) {
        throw new InputException(src + ": field 'strategy.reference' is missing; allowed: the"
            + " primary paper (authors, journal, year, DOI)");
      }
      p.validate(s.scenario());
    }
    if (!s.origin().equals("emergent") && s.lever().isBlank()) {
      throw new InputException(src + ": field 'strategy.lever' is missing; origin "
          + s.origin() + " names the lever that sets the outcome");
    }
    return new Entry(file, s, p);
  }

  /** Every file of the index over one regime base, in index order. */
  public static List<Entry> all(Scenario regimeBase) {
    List<Entry> out = new ArrayList<>();
    for (String f : index()) {
      out.add(load(f, regimeBase));
    }
    return out;
  }
}
