package org.liko.kernels;

import org.liko.engine.backend.Backend;
import org.liko.engine.backend.BackendProvider;

/** Provides the {@code opencl} backend ({@link OpenClBackend}) to {@link java.util.ServiceLoader}. */
public final class OpenClBackendProvider implements BackendProvider {

  /** Creates the provider. */
  public OpenClBackendProvider() {}

  @Override
  public Backend backend() {
    return new OpenClBackend();
  }
}
