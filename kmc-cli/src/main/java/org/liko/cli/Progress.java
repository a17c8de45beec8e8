package org.liko.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr for long runs (simulated time, charge, ETA) through progressbar, drawn only
 * when stderr is a terminal ({@link Terminal#progress()}) and {@code --quiet} is off; colour
 * (a Unicode block bar) only where {@link Terminal#colourErr()} allows it.
 */
final class Progress implements AutoCloseable {
  private static final int SCALE = 1000;
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * A bar on {@code err}, or a silent one when {@code quiet} or when stderr is not a terminal.
   */
  static Progress open(PrintWriter err, Terminal terminal, boolean quiet, String task) {
    if (quiet || !terminal.progress()) {
      return new Progress(null);
    }
    DelegatingProgressBarConsumer consumer = new DelegatingProgressBarConsumer(rendered -> {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }, terminal.columns() - 1) {
      @Override
      public void close() {
        err.println();
        err.flush();
      }
    };
    ProgressBar b = new ProgressBarBuilder().setTaskName(task).setInitialMax(SCALE)
        .setStyle(terminal.colourErr() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK
            : ProgressBarStyle.ASCII)
        .setConsumer(consumer).setUpdateIntervalMillis(500).build();
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
