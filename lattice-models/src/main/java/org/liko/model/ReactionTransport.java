package org.liko.model;

import org.liko.engine.ExactSolver;

/**
 * {@code transport.mode: reaction}: no electrolyte is resolved; reduction (and nucleation) and
 * oxidation are Butler-Volmer site channels whose common overpotential follows from the
 * galvanostatic constraint sum_i k0 w_i exp(-alpha f eta) - sum_i k0 v_i exp((1 - alpha) f eta)
 * = I/e (less the SEI formed from the current while plating), solved by {@link Kinetics}.
 * Both directions are live while plating and stripping, and at rest unless
 * {@code kinetics.openCircuitExchange} is off.
 */
final class ReactionTransport implements Transport {
  private final LiModel model;
  private final Kinetics kinetics;

  ReactionTransport(LiModel model, Kinetics kinetics) {
    this.model = model;
    this.kinetics = kinetics;
  }

  @Override
  public boolean siteReduction() {
    return true;
  }

  @Override
  public boolean channelActive(int c, LiModel.Mode m) {
    return m != LiModel.Mode.REST || kinetics.exchangeAtRest();
  }

  /**
   * The galvanostatic solve runs when the reduction channel's rate is read (first, in channel
   * order) and gives the reduction, nucleation and oxidation totals k0 W exp(-alpha x),
   * k0 n_k w_k(x) exp(-alpha x) and k0 V exp((1 - alpha) x).
   */
  @Override
  public double drivenRate(int c) {
    if (c == LiModel.INJECT) {
      return model.mode() == LiModel.Mode.PLATE ? model.currentPerE() : 0.0;
    }
    if (c == LiModel.DEPOSIT) {
      solveOverpotential();
    }
    if (Double.isNaN(kinetics.etaX())) {
      return 0.0;
    }
    ExactSolver solver = model.solver();
    if (c == LiModel.DEPOSIT) {
      return kinetics.reductionFactor() * solver.channelWeight(LiModel.DEPOSIT);
    }
    if (c == LiModel.DISSOLVE) {
      return kinetics.oxidationFactor() * solver.channelWeight(LiModel.DISSOLVE);
    }
    return kinetics.nucleationRate(c - LiModel.NUCLEATE);
  }

  /** Exact solver: solves for f eta from the live channel weights. */
  private void solveOverpotential() {
    ExactSolver solver = model.solver();
    if (solver == null || !model.channelActive(LiModel.DEPOSIT)) {
      kinetics.clearSolution();
      return;
    }
    double[] nucCount = kinetics.nucleationCounts();
    for (int k = 0; k < kinetics.foreignCount(); k++) {
      nucCount[k] = solver.channelWeight(LiModel.NUCLEATE + k);
    }
    double rSei = model.mode() == LiModel.Mode.PLATE && model.seiOn()
        ? solver.channelRate(LiModel.SEI) : 0.0;
    kinetics.solve(solver.channelWeight(LiModel.DEPOSIT), nucCount,
        solver.channelWeight(LiModel.DISSOLVE), model.targetPerK0(rSei));
  }

  /** Full Butler-Volmer overpotential; +infinity while stripping with nothing to oxidise. */
  @Override
  public double overpotential() {
    if (model.solver() == null) {
      return 0.0;
    }
    if (Double.isNaN(kinetics.etaX())) {
      return model.mode() == LiModel.Mode.STRIP ? Double.POSITIVE_INFINITY : 0.0;
    }
    return kinetics.etaX() / (kinetics.alphaF() + kinetics.betaF());
  }

  @Override
  public boolean canCarry() {
    return !Double.isNaN(kinetics.etaX());
  }

  /** Nothing to write: the overpotential is solved again from the restored lattice. */
  @Override
  public void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("reaction");
  }

  @Override
  public void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("reaction");
  }
}
