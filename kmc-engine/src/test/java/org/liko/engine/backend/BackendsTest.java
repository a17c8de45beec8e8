package org.liko.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.InputException;
import org.junit.jupiter.api.Test;

/** Tests the registry, the preference data and the host backends. */
class BackendsTest {

  /** A backend with a given probe answer whose open() is given too; counts its opens. */
  private static final class Fake implements Backend {
    private final String name;
    private final Availability availability;
    private final Supplier<SweepEngine> opener;
    private final AtomicInteger opens = new AtomicInteger();

    Fake(String name, Availability availability) {
      this(name, availability, StubEngine::new);
    }

    Fake(String name, Availability availability, Supplier<SweepEngine> opener) {
      this.name = name;
      this.availability = availability;
      this.opener = opener;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Availability availability() {
      return availability;
    }

    @Override
    public SweepEngine open() {
      opens.incrementAndGet();
      return opener.get();
    }

    int opens() {
      return opens.get();
    }
  }

  /** An engine that does nothing but remember whether it was closed. */
  private static final class StubEngine implements SweepEngine {
    private boolean closed;

    @Override
    public void uploadLattice(byte[] sites) {}

    @Override
    public void uploadTable(int slot, int[] values) {}

    @Override
    public void runPass(int pass, int colour, long sweep) {}

    @Override
    public void downloadLattice(byte[] into) {}

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A cuda that probes fine on a GPU but whose open() throws what {@code failure} gives. */
  private static Fake cudaThatCannotOpen(Supplier<RuntimeException> failure) {
    return new Fake("cuda", Availability.available("NVIDIA H200 (GPU)", DeviceKind.GPU), () -> {
      throw failure.get();
    });
  }

  private static final Backend CPU = new CpuBackendProvider().backend();
  private static final Backend CPU_PARALLEL = new CpuParallelBackendProvider().backend();

  @Test
  void serviceLoaderFindsHostBackendsAvailable() {
    Backends all = Backends.load();
    assertTrue(all.find("cpu").isPresent());
    assertTrue(all.find("cpu-parallel").isPresent());
    for (Backend b : all.all()) {
      System.out.println(b.name() + ": " + all.availability(b));
    }
    assertTrue(all.availability(all.find("cpu").orElseThrow()).available());
    assertEquals(DeviceKind.CPU, all.availability(all.find("cpu-parallel").orElseThrow()).kind());
  }

  @Test
  void listIsInPreferenceOrder() {
    Backends r = Backends.of(List.of(CPU, new Fake("zzz", Availability.unavailable("x")),
        CPU_PARALLEL, new Fake("opencl", Availability.unavailable("no platform")),
        new Fake("cuda", Availability.unavailable("no CUDA driver"))));
    assertEquals(List.of("cuda", "opencl", "cpu-parallel", "cpu", "zzz"),
        r.all().stream().map(Backend::name).toList());
  }

  @Test
  void autoPrefersCudaThenGpuOpenCl() {
    Backend cuda = new Fake("cuda", Availability.available("H100", DeviceKind.GPU));
    Backend ocl = new Fake("opencl", Availability.available("A770", DeviceKind.GPU));
    assertEquals("cuda", Backends.of(List.of(CPU, CPU_PARALLEL, ocl, cuda)).auto()
        .backend().name());
    Backends.Choice c = Backends.of(List.of(CPU, CPU_PARALLEL, ocl,
        new Fake("cuda", Availability.unavailable("no CUDA driver")))).auto();
    assertEquals("opencl", c.backend().name());
    assertTrue(c.explanation().contains("cuda unavailable: no CUDA driver"), c.explanation());
    assertTrue(c.explanation().contains("A770"), c.explanation());
    assertTrue(!c.explanation().contains("\n"));
  }

  @Test
  void autoDoesNotPreferOpenClCpuOverCpuParallel() {
    Backend pocl = new Fake("opencl", Availability.available("pthread-cpu", DeviceKind.CPU));
    Backends.Choice c = Backends.of(List.of(CPU, CPU_PARALLEL, pocl)).auto();
    assertEquals("cpu-parallel", c.backend().name());
    assertTrue(c.explanation().contains("cuda not installed"), c.explanation());
    assertTrue(c.explanation().contains("pthread-cpu"), c.explanation());
    System.err.println(c.explanation());
  }

  @Test
  void autoSkipsCudaThatProbesButCannotOpen() {
    Fake cuda = cudaThatCannotOpen(() -> new UnsupportedOperationException(
        "backend cuda: sweep passes come with the parallel solver"));
    Backend cpuParallel = Backends.load().find("cpu-parallel").orElseThrow();
    Backends r = Backends.of(List.of(CPU, cpuParallel, cuda));
    Backends.Choice c = r.auto();
    System.err.println(c.explanation());
    assertEquals("cpu-parallel", c.backend().name());
    assertTrue(c.explanation().startsWith("backend auto: cpu-parallel on "), c.explanation());
    assertTrue(c.explanation().contains("cuda") && c.explanation().contains("cannot open"),
        c.explanation());
    assertTrue(c.explanation().contains("(cuda probes fine on NVIDIA H200 (GPU) but cannot open"
        + " a sweep engine: UnsupportedOperationException: backend cuda: sweep passes come with"
        + " the parallel solver; opencl not installed)"), c.explanation());
    assertEquals(1, cuda.opens());
    assertEquals("cpu-parallel", r.auto().backend().name());
    assertEquals(1, cuda.opens(), "the open trial is remembered per registry");
    assertEquals("cpu-parallel", r.select("auto").name());
    assertEquals("cuda", r.select("cuda").name(), "select(name) only probes");
  }

  @Test
  void autoSkipsBackendWhoseOpenSaysUnavailableWithFirstLineOnly() {
    Fake cuda = cudaThatCannotOpen(() -> new BackendUnavailableException(
        "backend cuda unavailable: out of device memory\n\tat org.liko.X.open(X.java:1)"));
    Backends.Choice c = Backends.of(List.of(CPU, CPU_PARALLEL, cuda)).auto();
    assertEquals("cpu-parallel", c.backend().name());
    assertTrue(c.explanation().contains("cuda probes fine on NVIDIA H200 (GPU) but cannot open a"
        + " sweep engine: BackendUnavailableException: backend cuda unavailable: out of device"
        + " memory;"), c.explanation());
    assertFalse(c.explanation().contains("\n") || c.explanation().contains("X.java"),
        c.explanation());
  }

  @Test
  void autoSkipsBackendWhoseOpenThrowsLinkageError() {
    Backend cuda = new Fake("cuda", Availability.available("H100", DeviceKind.GPU), () -> {
      throw new UnsatisfiedLinkError("no libnvrtc");
    });
    Backends.Choice c = Backends.of(List.of(CPU, cuda)).auto();
    assertEquals("cpu", c.backend().name());
    assertTrue(c.explanation().contains("UnsatisfiedLinkError: no libnvrtc"), c.explanation());
  }

  @Test
  void autoPicksBackendThatOpensAndClosesTheTrialEngine() {
    StubEngine trial = new StubEngine();
    Fake cuda = new Fake("cuda", Availability.available("NVIDIA H200 (GPU)", DeviceKind.GPU),
        () -> trial);
    Backends r = Backends.of(List.of(CPU, CPU_PARALLEL, cuda));
    Backends.Choice c = r.auto();
    assertEquals("cuda", c.backend().name());
    assertEquals("backend auto: cuda on NVIDIA H200 (GPU)", c.explanation());
    assertEquals(1, cuda.opens());
    assertTrue(trial.closed, "the trial engine must be closed");
    assertEquals(Optional.empty(), r.openFailure(cuda));
    assertEquals(cuda, r.requireOpens(cuda));
    assertEquals(1, cuda.opens());
  }

  @Test
  void gpuOpenClThatCannotOpenFallsToCpuParallelAndIsExplainedOnce() {
    Backend ocl = new Fake("opencl", Availability.available("A770", DeviceKind.GPU), () -> {
      throw new BackendUnavailableException("backend opencl: kernel does not build");
    });
    Backends.Choice c = Backends.of(List.of(CPU, CPU_PARALLEL, ocl)).auto();
    assertEquals("cpu-parallel", c.backend().name());
    String e = c.explanation();
    assertTrue(e.contains("opencl probes fine on A770 but cannot open a sweep engine"), e);
    assertEquals(e.indexOf("opencl"), e.lastIndexOf("opencl probes"), e);
    assertFalse(e.contains("GPU device, not preferred"), e);
  }

  @Test
  void autoWithNothingThatOpensThrowsWithReasons() {
    Backends r = Backends.of(List.of(cudaThatCannotOpen(UnsupportedOperationException::new)));
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, r::auto);
    assertTrue(e.getMessage().contains("cuda probes fine on NVIDIA H200 (GPU) but cannot open a"
        + " sweep engine: UnsupportedOperationException;"), e.getMessage());
  }

  @Test
  void requireOpensTurnsAnOpenFailureIntoUnavailableNamingTheBackend() {
    Fake cuda = cudaThatCannotOpen(() -> new UnsupportedOperationException(
        "backend cuda: sweep passes come with the parallel solver"));
    Backends r = Backends.of(List.of(CPU, cuda));
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> r.requireOpens(r.select("cuda")));
    assertEquals("backend cuda probes fine on NVIDIA H200 (GPU) but cannot open a sweep engine:"
        + " UnsupportedOperationException: backend cuda: sweep passes come with the parallel"
        + " solver", e.getMessage());
    assertEquals(CPU, r.requireOpens(r.select("cpu")));
  }

  @Test
  void openFailureOfAnUnavailableBackendIsItsReasonWithoutOpening() {
    Fake cuda = new Fake("cuda", Availability.unavailable("no CUDA driver"));
    Backends r = Backends.of(List.of(CPU, cuda));
    assertEquals(Optional.of("unavailable: no CUDA driver"), r.openFailure(cuda));
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> r.requireOpens(cuda));
    assertEquals("backend cuda unavailable: no CUDA driver", e.getMessage());
    assertEquals("cpu", r.auto().backend().name());
    assertEquals(0, cuda.opens());
  }

  @Test
  void autoFallsToCpuOnlyWhenNothingElse() {
    assertEquals("cpu", Backends.of(List.of(CPU)).auto().backend().name());
  }

  @Test
  void autoWithNothingAvailableThrows() {
    Backends r = Backends.of(List.of(new Fake("cuda", Availability.unavailable("no driver"))));
    assertThrows(BackendUnavailableException.class, r::auto);
  }

  @Test
  void selectUnavailableThrowsWithReason() {
    Backends r = Backends.of(List.of(CPU,
        new Fake("cuda", Availability.unavailable("no CUDA driver"))));
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> r.select("cuda"));
    assertEquals("backend cuda unavailable: no CUDA driver", e.getMessage());
  }

  @Test
  void selectMissingProviderThrowsUnavailable() {
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> Backends.of(List.of(CPU)).select("opencl"));
    assertTrue(e.getMessage().contains("opencl"), e.getMessage());
  }

  @Test
  void selectUnknownNameIsBadInput() {
    InputException e = assertThrows(InputException.class,
        () -> Backends.of(List.of(CPU)).select("tpu"));
    assertTrue(e.getMessage().contains("--backend") && e.getMessage().contains("tpu"));
  }

  @Test
  void selectAvailableAndAuto() {
    Backends r = Backends.of(List.of(CPU, CPU_PARALLEL));
    assertEquals("cpu", r.select("cpu").name());
    assertEquals("cpu-parallel", r.select("auto").name());
  }

  @Test
  void probeThatThrowsIsReportedUnavailable() {
    Backend broken = new Backend() {
      @Override
      public String name() {
        return "cuda";
      }

      @Override
      public Availability availability() {
        throw new UnsatisfiedLinkError("libcuda.so");
      }

      @Override
      public SweepEngine open() {
        throw new UnsupportedOperationException();
      }
    };
    Backends r = Backends.of(List.of(CPU, broken));
    assertTrue(r.availability(broken).reason().contains("libcuda.so"));
    assertEquals("cpu", r.auto().backend().name());
  }

  @Test
  void duplicateNamesRejected() {
    assertThrows(IllegalStateException.class, () -> Backends.of(List.of(CPU, CPU)));
  }

  @Test
  void availabilityKindMustMatchFlag() {
    assertThrows(IllegalArgumentException.class,
        () -> new Availability(true, "ok", "x", DeviceKind.NONE));
    assertTrue(Availability.unavailable("no platform").reason()
        .equals("unavailable: no platform"));
    assertEquals("unavailable: UnsatisfiedLinkError: x",
        Availability.unavailable("UnsatisfiedLinkError: x\n\tat a.b(C.java:1)").reason());
  }

  @Test
  void hostEngineRoundTripsLatticeAndTables() {
    try (SweepEngine e = CPU_PARALLEL.open()) {
      byte[] lattice = {1, 2, 3, 64, -128};
      e.uploadLattice(lattice);
      lattice[0] = 9; // the engine holds its own copy
      e.uploadTable(0, new int[] {7, 8});
      byte[] back = new byte[5];
      e.downloadLattice(back);
      assertArrayEquals(new byte[] {1, 2, 3, 64, -128}, back);
      assertArrayEquals(new int[] {7, 8}, ((HostSweepEngine) e).table(0));
      UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
          () -> e.runPass(42, 0, 0));
      assertTrue(u.getMessage().contains("cpu-parallel") && u.getMessage().contains("42"));
      assertThrows(IllegalArgumentException.class, () -> e.downloadLattice(new byte[4]));
      assertThrows(IllegalArgumentException.class, () -> e.uploadTable(-1, new int[0]));
    }
  }
}
