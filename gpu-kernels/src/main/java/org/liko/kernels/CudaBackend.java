package org.liko.kernels;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.backend.Availability;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.DeviceKind;
import org.liko.engine.backend.SweepEngine;

/**
 * The {@code cuda} backend, through the JCuda 12.6.0 driver API. Without a driver the first
 * JCuda call throws {@link UnsatisfiedLinkError} and later ones {@link NoClassDefFoundError};
 * the probe catches {@link LinkageError} once, process-wide, and remembers
 * "unavailable: no CUDA driver". It requires {@code cuDriverGetVersion >= 12060} (CUDA 12.6)
 * and then runs the Philox PTX module on the Random123 known-answer vectors. {@link #open()}
 * gives a {@link SectorPassEngine} on device 0 running the kernels of {@code sector.cu}.
 */
public final class CudaBackend implements Backend {

  /** The backend's name. */
  public static final String NAME = "cuda";
  /** Oldest driver API version accepted (CUDA 12.6). */
  public static final int MIN_DRIVER_VERSION = 12060;

  private static Availability probed; // one probe per process: native loading happens once

  /** Creates the backend; touches no native library. */
  public CudaBackend() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Availability availability() {
    synchronized (CudaBackend.class) {
      if (probed == null) {
        probed = probe();
      }
      return probed;
    }
  }

  @Override
  public SweepEngine open() {
    Availability a = availability();
    if (!a.available()) {
      throw new BackendUnavailableException("backend " + NAME + " " + a.reason());
    }
    try {
      return new SectorPassEngine(NAME, new CudaDevice(0, a.device()));
    } catch (RuntimeException e) {
      throw new BackendUnavailableException("backend " + NAME + " unavailable: cannot load the"
          + " sector kernels on " + a.device() + ": " + e.getMessage());
    }
  }

  /**
   * Decodes a driver version such as 12060 as "12.6".
   *
   * @param version the value from {@code cuDriverGetVersion}
   * @return major.minor
   */
  static String versionText(int version) {
    return (version / 1000) + "." + (version % 1000) / 10;
  }

  private static Availability probe() {
    try {
      JCudaDriver.setExceptionsEnabled(true);
      cuInit(0);
      int[] version = new int[1];
      cuDriverGetVersion(version);
      if (version[0] < MIN_DRIVER_VERSION) {
        return Availability.unavailable("CUDA driver " + versionText(version[0])
            + " is older than the required " + versionText(MIN_DRIVER_VERSION));
      }
      int[] count = new int[1];
      cuDeviceGetCount(count);
      if (count[0] == 0) {
        return Availability.unavailable("no CUDA device");
      }
      CUdevice device = new CUdevice();
      cuDeviceGet(device, 0);
      byte[] name = new byte[256];
      cuDeviceGetName(name, name.length, device);
      int end = 0;
      while (end < name.length && name[end] != 0) {
        end++;
      }
      String describe = new String(name, 0, end, StandardCharsets.US_ASCII).trim()
          + " (CUDA driver " + versionText(version[0]) + ")";
      try (CudaPhilox philox = new CudaPhilox(0)) {
        int[] words = philox.words(OpenClBackend.KAT_COUNTERS.clone(),
            OpenClBackend.KAT_KEYS.clone());
        if (!Arrays.equals(words, OpenClBackend.KAT_WORDS)) {
          return Availability.unavailable("Philox known-answer test failed on " + describe);
        }
      }
      return Availability.available(describe, DeviceKind.GPU);
    } catch (LinkageError e) {
      String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      return Availability.unavailable("no CUDA driver (" + e.getClass().getSimpleName() + ": "
          + detail + ")");
    } catch (RuntimeException e) {
      return Availability.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
