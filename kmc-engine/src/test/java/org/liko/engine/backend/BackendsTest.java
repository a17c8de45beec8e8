package org.liko.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.InputException;
import org.junit.jupiter.api.Test;

/** Tests the registry, the preference data and the host backends. */
class BackendsTest {

  private record Fake(String name, Availability availability) implements Backend {
    @Override
    public SweepEngine open() {
      throw new UnsupportedOperationException();
    }
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
