package org.liko.engine.backend;

/**
 * Provides the {@code cpu-parallel} backend: one Java thread per available processor (always
 * available).
 */
public final class CpuParallelBackendProvider implements BackendProvider {
  /** The backend's name. */
  public static final String NAME = "cpu-parallel";

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public CpuParallelBackendProvider() {}

  @Override
  public Backend backend() {
    return new HostBackend(NAME, Runtime.getRuntime().availableProcessors());
  }
}
