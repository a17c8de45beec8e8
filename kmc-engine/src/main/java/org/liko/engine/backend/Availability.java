package org.liko.engine.backend;

import java.util.Objects;

/**
 * Whether a backend can run here, and why not or on what.
 *
 * @param available true if the backend can run
 * @param reason why it is unavailable ({@code "unavailable: no CUDA driver"}), or a short note
 *     when available; never null
 * @param device the device it runs on, in words ({@code "NVIDIA H100 (GPU)"}), or {@code ""}
 * @param kind GPU or CPU when available, {@link DeviceKind#NONE} when not
 */
public record Availability(boolean available, String reason, String device, DeviceKind kind) {

  /** Checks the components: texts not null, {@code kind} NONE exactly when unavailable. */
  public Availability {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(kind, "kind");
    if (available == (kind == DeviceKind.NONE)) {
      throw new IllegalArgumentException(
          "Availability kind = " + kind + " contradicts available = " + available);
    }
  }

  /**
   * An available backend.
   *
   * @param device the device in words
   * @param kind GPU or CPU
   * @return the availability
   */
  public static Availability available(String device, DeviceKind kind) {
    return new Availability(true, "available", device, kind);
  }

  /**
   * An unavailable backend.
   *
   * @param reason why, e.g. {@code "no CUDA driver"}; prefixed with {@code "unavailable: "}
   * @return the availability
   */
  public static Availability unavailable(String reason) {
    String text = reason.startsWith("unavailable: ") ? reason : "unavailable: " + reason;
    return new Availability(false, text, "", DeviceKind.NONE);
  }
}
