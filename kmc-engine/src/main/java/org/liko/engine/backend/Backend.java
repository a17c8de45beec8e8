package org.liko.engine.backend;

/**
 * A place where the parallel solver's sweeps run: {@code cpu}, {@code cpu-parallel},
 * {@code opencl} or {@code cuda} (DESIGN section 3). Backends execute tables and never see
 * physics. Implementations are cheap to construct; {@link #availability()} does the probing
 * (driver, device, a test kernel) and should remember its answer.
 */
public interface Backend {

  /**
   * The name used by {@code --backend}.
   *
   * @return the name, e.g. {@code "cpu-parallel"}
   */
  String name();

  /**
   * Whether this backend can run here, with the reason or the device. Never throws; a missing
   * native library or driver is reported as unavailable.
   *
   * @return the availability
   */
  Availability availability();

  /**
   * Opens a sweep engine on this backend's device.
   *
   * @return a new engine; close it to release device memory
   * @throws org.liko.engine.BackendUnavailableException if the backend is unavailable
   */
  SweepEngine open();

  /**
   * Opens a sweep engine with a requested number of worker threads; backends without host
   * threads ignore the number.
   *
   * @param threads worker threads, or 0 for the backend's default
   * @return a new engine
   */
  default SweepEngine open(int threads) {
    return open();
  }
}
