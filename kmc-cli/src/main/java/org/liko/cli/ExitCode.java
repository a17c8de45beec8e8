package org.liko.cli;

/** liko's exit codes (DESIGN.md section 8; README "Exit codes"). */
public final class ExitCode {
  private ExitCode() {}

  /** Success. */
  public static final int OK = 0;
  /** A bug in liko: message and stack trace on stderr. */
  public static final int INTERNAL = 1;
  /** Bad input (option, scenario file, output folder): message only, no stack trace. */
  public static final int BAD_INPUT = 2;
  /** The requested backend cannot run here; never a silent fallback. */
  public static final int BACKEND_UNAVAILABLE = 3;
  /** {@code liko verify}: a verification case failed (the case and its numbers are on stderr). */
  public static final int VERIFY_FAILED = 4;
  /** Stopped by SIGINT (Ctrl-C), 128 + 2. */
  public static final int SIGINT = 130;
  /** Stopped by SIGTERM (e.g. Slurm time limit), 128 + 15. */
  public static final int SIGTERM = 143;
}
