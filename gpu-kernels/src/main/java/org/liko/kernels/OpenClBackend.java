package org.liko.kernels;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.opencl.OpenCLLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.backend.Availability;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.DeviceKind;
import org.liko.engine.backend.SweepEngine;

/**
 * The {@code opencl} backend, through Aparapi 3.0.2. Its availability probe picks an OpenCL
 * device (GPUs and accelerators first, then CPU devices such as PoCL), compiles and runs
 * {@link PhiloxKernel} once on the Random123 known-answer vectors, and requires
 * {@code isRunningCL()} and the right words: Aparapi's silent fallback to a Java thread pool is
 * reported as unavailable, never used.
 */
public final class OpenClBackend implements Backend {

  /** The backend's name. */
  public static final String NAME = "opencl";

  // Random123 kat_vectors for philox4x32_10: counters, keys and expected words.
  static final int[] KAT_COUNTERS = {0, 0, 0, 0, -1, -1, -1, -1,
      0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344};
  static final int[] KAT_KEYS = {0, 0, -1, -1, 0xa4093822, 0x299f31d0};
  static final int[] KAT_WORDS = {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8,
      0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd,
      0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1};

  private Availability availability;
  private OpenCLDevice device;

  /** Creates the backend; touches no native library. */
  public OpenClBackend() {
    this(APARAPI);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized Availability availability() {
    if (availability == null) {
      availability = probe();
    }
    return availability;
  }

  /**
   * The OpenCL device the probe chose.
   *
   * @return the device
   * @throws BackendUnavailableException if the backend is unavailable
   */
  public synchronized OpenCLDevice device() {
    Availability a = availability();
    if (!a.available()) {
      throw new BackendUnavailableException("backend " + NAME + " " + a.reason());
    }
    return device;
  }

  /**
   * Opens a sweep engine ({@link OpenClSweepEngine}) on the probed device: one Aparapi kernel,
   * explicit buffers, data on the device between passes.
   *
   * @throws BackendUnavailableException if the backend is unavailable or the sector kernel's
   *     generated OpenCL is not buildable ({@link KernelSource}; message gives the reason); also
   *     thrown by the engine's first pass if the sector kernel does not compile
   *     or Aparapi falls back to Java threads
   */
  @Override
  public SweepEngine open() {
    OpenClSweepEngine engine = new OpenClSweepEngine(device(), availability().device());
    try {
      engine.checkSource();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  /** The steps of the availability probe, replaceable in tests (missing library, bad device). */
  interface Probe {
    /** True when Aparapi loaded libOpenCL and its JNI library. */
    boolean libraryLoaded();

    /** The device to use, or null when no platform has one. */
    OpenCLDevice pick();

    /** Runs the self-test on the device: null on success, else the reason. */
    String selfTest(OpenCLDevice device);

    /** The device in words. */
    default String describe(OpenCLDevice d) {
      return d.getName().trim() + " (" + d.getType() + ", "
          + d.getOpenCLPlatform().getName().trim() + ")";
    }

    /** GPU or CPU. */
    default DeviceKind kind(OpenCLDevice d) {
      return d.getType() == Device.TYPE.CPU ? DeviceKind.CPU : DeviceKind.GPU;
    }
  }

  /** The real probe: Aparapi's loader, GPUs first, the Philox known-answer kernel. */
  static final Probe APARAPI = new Probe() {
    @Override
    public boolean libraryLoaded() {
      return OpenCLLoader.isOpenCLAvailable();
    }

    @Override
    public OpenCLDevice pick() {
      return OpenClBackend.pick();
    }

    @Override
    public String selfTest(OpenCLDevice d) {
      int[] out = new int[KAT_WORDS.length];
      String failure = runPhilox(d, KAT_COUNTERS.clone(), KAT_KEYS.clone(), out);
      if (failure != null) {
        return failure;
      }
      return Arrays.equals(out, KAT_WORDS) ? null
          : "Philox known-answer test failed on " + describe(d);
    }
  };

  private final Probe probe;

  /** A backend with a replaced probe (tests). */
  OpenClBackend(Probe probe) {
    this.probe = probe;
  }

  private Availability probe() {
    try {
      if (!probe.libraryLoaded()) {
        return Availability.unavailable("Aparapi could not load libOpenCL or its JNI library"
            + " (install an OpenCL driver, e.g. ocl-icd-libopencl1 and pocl-opencl-icd)");
      }
      OpenCLDevice chosen = probe.pick();
      if (chosen == null) {
        return Availability.unavailable("no OpenCL platform with a device");
      }
      String failure = probe.selfTest(chosen);
      if (failure != null) {
        return Availability.unavailable(failure);
      }
      device = chosen;
      return Availability.available(probe.describe(chosen), probe.kind(chosen));
    } catch (LinkageError | RuntimeException e) {
      return Availability.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static OpenCLDevice pick() {
    List<OpenCLDevice> candidates = new ArrayList<>();
    for (Device.TYPE type : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.ACC,
        Device.TYPE.CPU}) {
      List<OpenCLDevice> found = OpenCLDevice.listDevices(type);
      if (found != null) {
        candidates.addAll(found);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  /**
   * Runs {@link PhiloxKernel#PASS_BLOCK} on {@code device}; returns null on success or the
   * reason it could not run on OpenCL.
   */
  static String runPhilox(OpenCLDevice device, int[] counters, int[] keys, int[] out) {
    PhiloxKernel kernel = new PhiloxKernel(counters, keys, out);
    try {
      LinkedHashSet<Device> only = new LinkedHashSet<>();
      only.add(device);
      KernelManager.instance().setPreferredDevices(kernel, only);
      try {
        kernel.compile(device);
      } catch (CompileFailedException e) {
        return "OpenCL kernel compile failed on " + device.getName().trim() + ": "
            + e.getMessage();
      }
      kernel.pass = PhiloxKernel.PASS_BLOCK;
      kernel.upload();
      kernel.execute(device.createRange(kernel.items()));
      if (!kernel.isRunningCL()) {
        return "Aparapi fell back to Java threads instead of OpenCL on "
            + device.getName().trim();
      }
      kernel.download();
      return null;
    } finally {
      kernel.dispose();
    }
  }
}
