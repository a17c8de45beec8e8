package org.liko.model.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liko.engine.InputException;

/**
 * The catalogue of verification cases of {@code liko verify}, in report order. This list is the
 * one place where cases are registered: add {@code YourCase::new} (or a factory) below. Cases that
 * need code not in this build join the list with the code that makes them possible.
 */
public final class VerifyCatalogue {
  private VerifyCatalogue() {}

  /** Every built-in case, in report order (fresh instances). */
  public static List<VerifyCase> builtIn() {
    return List.of(
        DepositionGrowthCase.random(),
        DepositionGrowthCase.ballisticDeposition(),
        new StripDlaCase(),
        new WalkerMsdCase(),
        new AdatomArrheniusCase(),
        new MullinsCase(),
        new FaradayCase(),
        new FaradayCoarseCase(),
        new ButlerVolmerCase(),
        new SandTimeCase(),
        new LimitingCurrentCase(),
        SpparksDeckCase.hops(),
        SpparksDeckCase.withDeposition(),
        new ParallelAgreementCase());
  }

  /** The case with this id. */
  public static VerifyCase get(String id) {
    return byId().computeIfAbsent(id, k -> {
      throw new InputException(unknown(k));
    });
  }

  /**
   * The cases with these ids, in catalogue order; null or empty = all.
   *
   * @throws InputException naming an unknown id and the known ones
   */
  public static List<VerifyCase> select(List<String> ids) {
    Map<String, VerifyCase> all = byId();
    if (ids == null || ids.isEmpty()) {
      return new ArrayList<>(all.values());
    }
    for (String id : ids) {
      if (!all.containsKey(id)) {
        throw new InputException(unknown(id));
      }
    }
    List<VerifyCase> out = new ArrayList<>();
    all.forEach((id, c) -> {
      if (ids.contains(id)) {
        out.add(c);
      }
    });
    return out;
  }

  private static Map<String, VerifyCase> byId() {
    Map<String, VerifyCase> m = new LinkedHashMap<>();
    for (VerifyCase c : builtIn()) {
      m.put(c.id(), c);
    }
    return m;
  }

  private static String unknown(String id) {
    return "--only: unknown case '" + id + "'; known: " + String.join(", ", byId().keySet());
  }
}
