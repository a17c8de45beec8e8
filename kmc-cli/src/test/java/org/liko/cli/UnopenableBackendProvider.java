package org.liko.cli;

import org.liko.engine.backend.Availability;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.BackendProvider;
import org.liko.engine.backend.DeviceKind;
import org.liko.engine.backend.SweepEngine;

/**
 * A test-only backend (registered by the test class path's ServiceLoader file) whose probe passes
 * but whose {@link Backend#open()} throws, as {@code cuda} does while its engine is unwritten.
 * Its name is outside {@code Backends.AUTO_ORDER}, so {@code --backend auto} never considers it.
 */
public final class UnopenableBackendProvider implements BackendProvider {
  /** The backend's name. */
  static final String NAME = "test-unopenable";
  /** The device its probe reports. */
  static final String DEVICE = "Test GPU 0 (GPU)";
  /** The message of its open() failure. */
  static final String WHY = "backend " + NAME + ": sweep passes come with the parallel solver";

  @Override
  public Backend backend() {
    return new Backend() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Availability availability() {
        return Availability.available(DEVICE, DeviceKind.GPU);
      }

      @Override
      public SweepEngine open() {
        throw new UnsupportedOperationException(WHY);
      }
    };
  }
}
