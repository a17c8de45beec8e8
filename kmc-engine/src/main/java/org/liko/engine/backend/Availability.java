package org.liko.engine.backend;

import java.util.Objects;

/**
 * Whether a backend can run here, and why not or on what.
 *
 * @param available true if the backend can run
 * @param reason why it is unavailable ({@code "unavailable: no CUDA driver"}), or a short note
 *     when available; never null; one line (anything after a line break is dropped, since
 *     native errors carry whole stack traces in their messages)
 * @param device the device it runs on, in words ({@code "NVIDIA H100 (GPU)"}), or {@code ""}
 * @param kind GPU or CPU when available, {@link DeviceKind#NONE} when not
 */
public record Availability(boolean available, String reason, String device, DeviceKind kind) {

  /**
   * Checks the components: texts not null and cut to one line, {@code kind} NONE exactly when
   * unavailable.
   */
  public Availability {
    reason = firstLine(Objects.requireNonNull(reason, "reason"));
    device = firstLine(Objects.requireNonNull(device, "device"));
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

  private static String firstLine(String text) {
    int cut = text.indexOf('\n');
    int cr = text.indexOf('\r');
    if (cr >= 0 && (cut < 0 || cr < cut)) {
      cut = cr;
    }
    return cut < 0 ? text : text.substring(0, cut).stripTrailing();
  }
}
