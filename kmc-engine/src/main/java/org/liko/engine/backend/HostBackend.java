package org.liko.engine.backend;

/**
 * The pure-Java backends: {@code cpu} (one thread, the reference) and {@code cpu-parallel}
 * (a thread per core). Always available.
 */
final class HostBackend implements Backend {
  private final String name;
  private final int threads;

  HostBackend(String name, int threads) {
    this.name = name;
    this.threads = threads;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Availability availability() {
    String arch = System.getProperty("os.arch", "unknown");
    return Availability.available(
        threads + (threads == 1 ? " Java thread on " : " Java threads on ") + arch,
        DeviceKind.CPU);
  }

  @Override
  public SweepEngine open() {
    return new HostSweepEngine(name, threads);
  }

  /**
   * Opens an engine with {@code threads} workers (0: the backend's default); the one-thread
   * reference backend {@code cpu} stays on one thread whatever is asked.
   */
  @Override
  public SweepEngine open(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads = " + threads + " must be >= 0");
    }
    int n = threads == 0 || this.threads == 1 ? this.threads : threads;
    return new HostSweepEngine(name, n);
  }

  /** Number of worker threads this backend uses. */
  int threads() {
    return threads;
  }
}
