package org.liko.engine.backend;

/**
 * What kind of device a backend runs on; {@link Backends#AUTO_ORDER} ranks by it, so an OpenCL
 * CPU device (PoCL) is not preferred over the {@code cpu-parallel} backend.
 */
public enum DeviceKind {
  /** A GPU or other accelerator. */
  GPU,
  /** Host CPU cores (Java threads or an OpenCL CPU device such as PoCL). */
  CPU,
  /** Nothing: the backend is unavailable. */
  NONE
}
