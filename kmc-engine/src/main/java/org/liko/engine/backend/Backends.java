package org.liko.engine.backend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.InputException;

/**
 * The registry of backends found with {@link ServiceLoader}, in a fixed preference order given
 * as data ({@link #AUTO_ORDER}), with {@link #select(String)} for {@code --backend NAME} and
 * {@link #auto()} for {@code --backend auto}. An unavailable backend that is asked for is an
 * error with the reason; there is never a silent fallback.
 */
public final class Backends {

  /**
   * One rung of the auto-selection ladder: the backend {@code name} qualifies when available on
   * a device of kind {@code kind} ({@code null}: any kind).
   *
   * @param name backend name
   * @param kind required device kind, or null for any
   */
  public record Preference(String name, DeviceKind kind) {}

  /**
   * The auto-selection order: cuda, then OpenCL on a GPU, then cpu-parallel, then OpenCL on a CPU
   * (PoCL: never preferred over cpu-parallel), then cpu.
   */
  public static final List<Preference> AUTO_ORDER = List.of(
      new Preference("cuda", null),
      new Preference("opencl", DeviceKind.GPU),
      new Preference("cpu-parallel", null),
      new Preference("opencl", DeviceKind.CPU),
      new Preference("cpu", null));

  /** The result of {@link #auto()}: the backend and a one-line explanation for stderr. */
  public record Choice(Backend backend, String explanation) {}

  private final Map<String, Backend> byName;
  private final Map<String, Availability> probed = new HashMap<>();
  private final Map<String, Optional<String>> opened = new HashMap<>();

  private Backends(Collection<Backend> backends) {
    Map<String, Backend> map = new LinkedHashMap<>();
    List<Backend> sorted = new ArrayList<>(backends);
    sorted.sort(Comparator.comparingInt((Backend b) -> rank(b.name())).thenComparing(Backend::name));
    for (Backend b : sorted) {
      if (map.putIfAbsent(b.name(), b) != null) {
        throw new IllegalStateException("two backend providers named " + b.name());
      }
    }
    this.byName = map;
  }

  /**
   * All backends on the class path, found with {@link ServiceLoader}.
   *
   * @return the registry
   */
  public static Backends load() {
    List<Backend> list = new ArrayList<>();
    for (BackendProvider p : ServiceLoader.load(BackendProvider.class,
        Backends.class.getClassLoader())) {
      list.add(p.backend());
    }
    return new Backends(list);
  }

  /**
   * A registry of the given backends (for tests and embedding).
   *
   * @param backends the backends; names must be distinct
   * @return the registry
   */
  public static Backends of(Collection<? extends Backend> backends) {
    return new Backends(new ArrayList<>(backends));
  }

  private static int rank(String name) {
    for (int i = 0; i < AUTO_ORDER.size(); i++) {
      if (AUTO_ORDER.get(i).name().equals(name)) {
        return i;
      }
    }
    return AUTO_ORDER.size();
  }

  /**
   * All registered backends in preference order (unknown names last, by name).
   *
   * @return the backends
   */
  public List<Backend> all() {
    return List.copyOf(byName.values());
  }

  /**
   * The backend called {@code name}, if registered.
   *
   * @param name backend name
   * @return the backend or empty
   */
  public Optional<Backend> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The availability of a registered backend, probed once and remembered.
   *
   * @param backend a backend of this registry
   * @return its availability
   */
  public synchronized Availability availability(Backend backend) {
    return probed.computeIfAbsent(backend.name(), n -> probe(backend));
  }

  private static Availability probe(Backend backend) {
    try {
      return Objects.requireNonNull(backend.availability(), "availability");
    } catch (RuntimeException | LinkageError e) {
      return Availability.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * Whether an available backend can open a sweep engine for the parallel solver: tried once per
   * registry ({@link Backend#open()}, the engine closed at once) and remembered, like {@link
   * #availability}. A backend whose probe fails is not opened.
   *
   * @param backend a backend of this registry
   * @return empty when the engine opened and closed, else why not in one line ({@code
   *     "UnsupportedOperationException: backend cuda: ..."}; for a backend that does not probe
   *     available, its availability reason)
   */
  public synchronized Optional<String> openFailure(Backend backend) {
    Availability a = availability(backend);
    if (!a.available()) {
      return Optional.of(a.reason());
    }
    return opened.computeIfAbsent(backend.name(), n -> tryOpen(backend));
  }

  /**
   * Checks that a backend chosen by name ({@link #select}) can open a sweep engine, so that the
   * parallel solver fails before it starts and with exit 3 rather than deep inside a run.
   *
   * @param backend a backend of this registry
   * @return the backend
   * @throws BackendUnavailableException if it does not probe available or cannot open a sweep
   *     engine; the message names the backend and gives the reason
   */
  public Backend requireOpens(Backend backend) {
    Availability a = availability(backend);
    if (!a.available()) {
      throw new BackendUnavailableException("backend " + backend.name() + " " + a.reason());
    }
    Optional<String> failure = openFailure(backend);
    if (failure.isPresent()) {
      throw new BackendUnavailableException("backend " + cannotOpen(backend, a, failure.get()));
    }
    return backend;
  }

  /** "NAME probes fine on DEVICE but cannot open a sweep engine: WHY". */
  private static String cannotOpen(Backend backend, Availability a, String why) {
    return backend.name() + " probes fine on " + a.device()
        + " but cannot open a sweep engine: " + why;
  }

  private static Optional<String> tryOpen(Backend backend) {
    SweepEngine engine;
    try {
      engine = Objects.requireNonNull(backend.open(), "open() returned null");
    } catch (RuntimeException | LinkageError e) {
      return Optional.of(describe(e));
    }
    try {
      engine.close();
    } catch (RuntimeException | LinkageError e) {
      return Optional.of(describe(e) + " (closing the trial engine)");
    }
    return Optional.empty();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int cut = message.indexOf('\n');
    int cr = message.indexOf('\r');
    if (cr >= 0 && (cut < 0 || cr < cut)) {
      cut = cr;
    }
    String first = cut < 0 ? message : message.substring(0, cut);
    return e.getClass().getSimpleName() + ": " + first.strip();
  }

  /**
   * The backend for {@code --backend NAME}; {@code "auto"} means {@link #auto()}.
   *
   * @param name backend name or {@code "auto"}
   * @return the available backend
   * @throws BackendUnavailableException if it is known but unavailable here (message gives the
   *     reason) or its provider is not on the class path
   * @throws InputException if no backend has that name
   */
  public Backend select(String name) {
    if ("auto".equals(name)) {
      return auto().backend();
    }
    Backend b = byName.get(name);
    if (b == null) {
      if (rank(name) < AUTO_ORDER.size()) {
        throw new BackendUnavailableException("backend " + name
            + " unavailable: no provider on the class path (is gpu-kernels missing?)");
      }
      throw new InputException("--backend: unknown value '" + name + "'; allowed: auto, "
          + String.join(", ", byName.keySet()));
    }
    Availability a = availability(b);
    if (!a.available()) {
      throw new BackendUnavailableException("backend " + name + " " + a.reason());
    }
    return b;
  }

  /**
   * Picks the first backend of {@link #AUTO_ORDER} that is available on the required kind of
   * device and can open a sweep engine ({@link #openFailure}), and explains the choice in one
   * line, e.g. {@code "backend auto: cpu-parallel on 16 Java threads on amd64 (cuda probes fine
   * on NVIDIA H200 (GPU) but cannot open a sweep engine: UnsupportedOperationException: ...;
   * opencl: pthread-cpu is a CPU device, not preferred here)"}.
   *
   * @return the choice
   * @throws BackendUnavailableException if nothing is available
   */
  public Choice auto() {
    List<String> skipped = new ArrayList<>();
    List<String> noted = new ArrayList<>();
    for (Preference p : AUTO_ORDER) {
      Backend b = byName.get(p.name());
      if (b == null) {
        if (!noted.contains(p.name())) {
          skipped.add(p.name() + " not installed");
          noted.add(p.name());
        }
        continue;
      }
      Availability a = availability(b);
      if (!a.available()) {
        if (!noted.contains(p.name())) {
          skipped.add(p.name() + " " + a.reason());
          noted.add(p.name());
        }
        continue;
      }
      if (p.kind() != null && p.kind() != a.kind()) {
        if (!noted.contains(p.name())) {
          skipped.add(p.name() + ": " + a.device() + " is a " + a.kind()
              + " device, not preferred here");
          noted.add(p.name());
        }
        continue;
      }
      Optional<String> failure = openFailure(b);
      if (failure.isPresent()) {
        String text = cannotOpen(b, a, failure.get());
        if (!skipped.contains(text)) {
          skipped.add(text);
        }
        if (!noted.contains(p.name())) {
          noted.add(p.name());
        }
        continue;
      }
      String why = skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")";
      return new Choice(b, "backend auto: " + b.name() + " on " + a.device() + why);
    }
    throw new BackendUnavailableException(
        "backend auto: nothing available (" + String.join("; ", skipped) + ")");
  }
}
