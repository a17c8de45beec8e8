package org.liko.kernels;

import org.liko.engine.backend.Backend;
import org.liko.engine.backend.BackendProvider;

/** Provides the {@code cuda} backend ({@link CudaBackend}) to {@link java.util.ServiceLoader}. */
public final class CudaBackendProvider implements BackendProvider {

  /** Creates the provider. */
  public CudaBackendProvider() {}

  @Override
  public Backend backend() {
    return new CudaBackend();
  }
}
