package org.liko.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cooperative handling of SIGINT (exit 130) and SIGTERM (exit 143), so a long run stops at a
 * consistent point and its outputs (series, checkpoint, summary) are complete.
 *
 * <p>Usage in a command:
 *
 * <pre>{@code
 * try (Interrupts.Scope scope = Interrupts.cooperative()) {
 *   while (!done && !Interrupts.requested()) {
 *     step();
 *   }
 *   writeOutputs();                         // still runs after Ctrl-C
 * }
 * return Interrupts.requested() ? Interrupts.exitCode() : ExitCode.OK;
 * }</pre>
 *
 * <p>{@link #install()} (called by {@link Main#main}, never by in-process tests) replaces the JVM's
 * INT and TERM handlers with {@code sun.misc.Signal} handlers. Outside a {@link #cooperative()}
 * scope a signal exits at once with 130/143, as the default handler would. Inside a scope the
 * first signal only sets a volatile flag that the loop polls; a second signal exits at once,
 * except a SIGTERM within {@link #SAME_TERM_MS} of a first SIGTERM: one cancellation often
 * arrives twice (Slurm's {@code scancel} signals the job's shell and its children, and the
 * shell passes the signal on), and must not turn a clean stop into an immediate exit. Where
 * {@code sun.misc.Signal} is missing, a shutdown hook sets the flag instead and waits up to
 * {@link #GRACE_MS} for open scopes to close.
 */
public final class Interrupts {
  /** Longest wait, in ms, of the fallback shutdown hook for open scopes to finish. */
  public static final long GRACE_MS = 10_000;

  /** A SIGTERM this soon, in ms, after the first SIGTERM is the same request, not a second. */
  public static final long SAME_TERM_MS = 2_000;

  private static volatile int signalCode; // 0 = none, else 130 or 143
  private static long firstSignalNanos;
  private static final AtomicInteger openScopes = new AtomicInteger();
  private static volatile CountDownLatch scopesClosed = new CountDownLatch(0);
  private static boolean installed;
  private static boolean signalsInstalled;

  private Interrupts() {}

  /**
   * Installs the INT and TERM handlers once per JVM; later calls do nothing. Returns whether
   * {@code sun.misc.Signal} handlers were installed (false: fallback shutdown hook only).
   */
  public static synchronized boolean install() {
    if (installed) {
      return signalsInstalled;
    }
    installed = true;
    boolean ok;
    try {
      ok = SignalHandlers.install("INT", ExitCode.SIGINT) & SignalHandlers.install("TERM", ExitCode.SIGTERM);
    } catch (LinkageError e) { // jdk.unsupported absent
      ok = false;
    }
    signalsInstalled = ok;
    if (!ok) {
      Runtime.getRuntime().addShutdownHook(new Thread(Interrupts::onShutdown, "liko-shutdown"));
    }
    return ok;
  }

  /** True once SIGINT or SIGTERM (or {@link #request}) has asked the current run to stop. */
  public static boolean requested() {
    return signalCode != 0;
  }

  /** 130 after SIGINT, 143 after SIGTERM, 0 when no stop was requested. */
  public static int exitCode() {
    return signalCode;
  }

  /** Asks the run to stop as if a signal had arrived; {@code code} is 130 or 143. Keeps the first. */
  public static synchronized void request(int code) {
    if (code != ExitCode.SIGINT && code != ExitCode.SIGTERM) {
      throw new IllegalArgumentException("code must be 130 or 143, got " + code);
    }
    if (signalCode == 0) {
      signalCode = code;
    }
  }

  /** Clears the flag; for tests that call {@link Main#run} several times in one JVM. */
  public static synchronized void reset() {
    signalCode = 0;
  }

  /**
   * Opens a scope in which signals are cooperative: the first one only sets the flag. Close it
   * (try-with-resources) once outputs are consistent.
   */
  public static synchronized Scope cooperative() {
    if (openScopes.getAndIncrement() == 0) {
      scopesClosed = new CountDownLatch(1);
    }
    return new Scope();
  }

  /** A region in which a signal is polled rather than fatal; see {@link #cooperative()}. */
  public static final class Scope implements AutoCloseable {
    private boolean closed;

    private Scope() {}

    /** Ends the scope; a later signal exits at once again. Idempotent. */
    @Override
    public void close() {
      synchronized (Interrupts.class) {
        if (closed) {
          return;
        }
        closed = true;
        if (openScopes.decrementAndGet() == 0) {
          scopesClosed.countDown();
        }
      }
    }
  }

  /** Called on the JVM's signal-dispatch thread. */
  static void onSignal(int code) {
    boolean exitNow;
    synchronized (Interrupts.class) {
      long now = System.nanoTime();
      boolean repeatedTerm = signalCode == ExitCode.SIGTERM && code == ExitCode.SIGTERM
          && now - firstSignalNanos < SAME_TERM_MS * 1_000_000L;
      if (repeatedTerm) {
        return; // the same cancellation delivered twice
      }
      exitNow = openScopes.get() == 0 || signalCode != 0; // not cooperative, or a second signal
      if (signalCode == 0) {
        signalCode = code;
        firstSignalNanos = now;
      }
    }
    if (exitNow) {
      System.exit(signalCode);
    } else {
      System.err.println("liko: stopping after the current step (signal again to quit at once)");
    }
  }

  private static void onShutdown() {
    if (signalCode == 0) {
      signalCode = ExitCode.SIGINT; // the hook cannot tell INT from TERM
    }
    try {
      scopesClosed.await(GRACE_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Isolated so a JVM without {@code sun.misc.Signal} fails only here, with a LinkageError. */
  private static final class SignalHandlers {
    static boolean install(String name, int code) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> onSignal(code));
        return true;
      } catch (IllegalArgumentException e) { // signal unknown on this OS, or reserved by the JVM (-Xrs)
        return false;
      }
    }
  }
}
