package org.liko.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr for long runs (simulated time, charge, ETA) through progressbar; silent
 * with {@code --quiet} or when stderr is not a terminal.
 */
final class Progress implements AutoCloseable {
  private static final int SCALE = 1000;
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress open(PrintWriter err, boolean quiet, String task) {
    if (quiet || System.console() == null) {
      return new Progress(null);
    }
    ProgressBar b = new ProgressBarBuilder().setTaskName(task).setInitialMax(SCALE)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(
            new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(500).build();
    return new Progress(b);
  }

  /** True when a bar is drawn (stderr is a terminal and --quiet is off). */
  boolean active() {
    return bar != null;
  }

  /** Progress over a set of runs (compare): done of total, the last run finished. */
  void runs(int done, int total, String last) {
    if (bar != null) {
      bar.stepTo(Math.round((double) done / total * SCALE));
      bar.setExtraMessage(String.format(" %d/%d runs, last %s", done, total, last));
    }
  }

  void update(double fraction, double time_s, double charge_mAh_cm2) {
    if (bar != null) {
      bar.stepTo(Math.round(fraction * SCALE));
      bar.setExtraMessage(String.format(" t=%.3g s Q=%.3g mAh/cm2", time_s, charge_mAh_cm2));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
