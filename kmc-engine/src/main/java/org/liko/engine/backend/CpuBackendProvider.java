package org.liko.engine.backend;

/** Provides the single-threaded {@code cpu} backend (the reference; always available). */
public final class CpuBackendProvider implements BackendProvider {
  /** The backend's name. */
  public static final String NAME = "cpu";

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public CpuBackendProvider() {}

  @Override
  public Backend backend() {
    return new HostBackend(NAME, 1);
  }
}
