package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.backend.Availability;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;
import org.liko.engine.backend.DeviceKind;
import org.liko.engine.rng.Philox;

/**
 * The opencl and cuda backends: found by ServiceLoader, honest availability, and device Philox
 * words equal to {@link Philox#philox}. Device tests skip, with the reason, where no device is.
 */
class GpuBackendsTest {

  private static final long SEED = Long.getLong("liko.test.seed", 0x5EED_2011L);
  private static final OpenClBackend OPENCL = new OpenClBackend();
  private static final CudaBackend CUDA = new CudaBackend();

  static {
    if (System.getenv("POCL_CACHE_DIR") == null) {
      // PoCL reads the variable only from the environment; this note explains slow first runs.
      System.err.println("GpuBackendsTest: POCL_CACHE_DIR not set");
    }
  }

  private static int[] randomInts(SplittableRandom rnd, int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextInt();
    }
    return a;
  }

  static int[] javaPhilox(int[] counters, int[] keys) {
    int n = counters.length / 4;
    int[] out = new int[4 * n];
    for (int i = 0; i < n; i++) {
      for (int w = 0; w < 4; w++) {
        out[4 * i + w] = Philox.philox(counters[4 * i], counters[4 * i + 1],
            counters[4 * i + 2], counters[4 * i + 3], keys[2 * i], keys[2 * i + 1], w);
      }
    }
    return out;
  }

  @Test
  void serviceLoaderFindsAllFourAndAutoExplains() {
    Backends all = Backends.load();
    for (String name : new String[] {"cuda", "opencl", "cpu-parallel", "cpu"}) {
      assertTrue(all.find(name).isPresent(), name + " not found by ServiceLoader");
    }
    for (Backend b : all.all()) {
      System.err.println(b.name() + ": " + all.availability(b));
    }
    Backends.Choice c = all.auto();
    System.err.println(c.explanation());
    assertTrue(c.explanation().startsWith("backend auto: " + c.backend().name()));
    assertFalse(c.explanation().contains("\n"));
    Availability ocl = all.availability(all.find("opencl").orElseThrow());
    if (ocl.available() && ocl.kind() == DeviceKind.CPU) {
      assertEquals("cpu-parallel", c.backend().name(), "an OpenCL CPU device must not win");
    }
  }

  @Test
  void openClAvailabilityIsReported() {
    Availability a = OPENCL.availability();
    System.err.println("opencl: " + a);
    assertNotNull(a.reason());
    if (a.available()) {
      assertFalse(a.device().isEmpty());
      assertTrue(a.kind() == DeviceKind.CPU || a.kind() == DeviceKind.GPU);
    } else {
      assertTrue(a.reason().startsWith("unavailable: "), a.reason());
      assertThrows(BackendUnavailableException.class, OPENCL::device);
    }
  }

  @Test
  void openClPhiloxEqualsJava() {
    Availability a = OPENCL.availability();
    assumeTrue(a.available(), "OpenCL " + a.reason());
    SplittableRandom rnd = new SplittableRandom(SEED);
    int n = 4096;
    int[] counters = randomInts(rnd, 4 * n);
    int[] keys = randomInts(rnd, 2 * n);
    counters[0] = -1; // edge words
    keys[0] = -1;
    counters[5] = 0;
    int[] out = new int[4 * n];
    assertEquals(null, OpenClBackend.runPhilox(OPENCL.device(), counters, keys, out));
    assertArrayEquals(javaPhilox(counters, keys), out, "seed 0x" + Long.toHexString(SEED));
  }

  @Test
  void openClUnsignedThresholdEqualsJava() {
    Availability a = OPENCL.availability();
    assumeTrue(a.available(), "OpenCL " + a.reason());
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    int n = 2048;
    int[] counters = randomInts(rnd, 4 * n);
    int[] keys = randomInts(rnd, 2 * n);
    int[] out = new int[4 * n];
    long threshold = 0xC0000000L; // above 2^31: exercises the unsigned comparison
    PhiloxKernel k = new PhiloxKernel(counters, keys, out);
    try {
      k.pass = PhiloxKernel.PASS_BELOW;
      k.threshold = threshold;
      k.upload();
      k.execute(OPENCL.device().createRange(n));
      assertTrue(k.isRunningCL(), "Aparapi fell back to Java threads");
      k.download();
    } finally {
      k.dispose();
    }
    int below = 0;
    for (int i = 0; i < n; i++) {
      long u = Philox.uint32(counters[4 * i], counters[4 * i + 1], counters[4 * i + 2],
          counters[4 * i + 3], keys[2 * i], keys[2 * i + 1], 0);
      assertEquals(u < threshold ? 1 : 0, out[4 * i], "item " + i);
      below += out[4 * i];
    }
    assertTrue(below > n / 2 && below < n, "fraction below 0.75 implausible: " + below);
  }

  @Test
  void cudaAvailabilityIsReportedWithoutThrowing() {
    Availability a = CUDA.availability();
    System.err.println("cuda: " + a);
    assertTrue(a == CUDA.availability(), "probe must run once");
    if (!a.available()) {
      assertTrue(a.reason().startsWith("unavailable: "), a.reason());
      assertThrows(BackendUnavailableException.class, CUDA::open);
      BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
          () -> Backends.load().select("cuda"));
      assertTrue(e.getMessage().contains("unavailable"), e.getMessage());
    } else {
      assertEquals(DeviceKind.GPU, a.kind());
    }
  }

  @Test
  void cudaPhiloxEqualsJava() {
    Availability a = CUDA.availability();
    assumeTrue(a.available(), "CUDA " + a.reason());
    SplittableRandom rnd = new SplittableRandom(SEED);
    int n = 100_000;
    int[] counters = randomInts(rnd, 4 * n);
    int[] keys = randomInts(rnd, 2 * n);
    try (CudaPhilox philox = new CudaPhilox(0)) {
      assertArrayEquals(javaPhilox(counters, keys), philox.words(counters, keys));
    }
  }

  @Test
  void driverVersionText() {
    assertEquals("12.6", CudaBackend.versionText(12060));
    assertEquals("13.0", CudaBackend.versionText(13000));
  }

  @Test
  void moduleDirectoryIsWorkingDirectory() {
    // the header and PTX tests find sources relative to the module, as surefire runs them
    assertTrue(Path.of("src/main/cuda/philox.h").toFile().isFile());
  }
}
