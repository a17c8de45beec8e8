package org.liko.engine.backend;

/**
 * Service-provider interface for backends, found with {@link java.util.ServiceLoader} (list the
 * implementation in {@code META-INF/services/org.liko.engine.backend.BackendProvider}).
 * Implementations need a public no-argument constructor and must not touch native libraries
 * when constructed.
 */
public interface BackendProvider {

  /**
   * The backend this provider supplies.
   *
   * @return the backend (construction is cheap; probing happens in
   *     {@link Backend#availability()})
   */
  Backend backend();
}
