package org.liko.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liko.engine.BackendUnavailableException;
import org.liko.engine.backend.Availability;
import org.liko.engine.backend.Backend;
import org.liko.engine.backend.Backends;

/**
 * Availability messages of the opencl backend with the probe's steps replaced: a missing
 * OpenCL library, no device, and a device whose self-test fails. An unavailable backend is
 * refused with its reason when asked for, and {@code auto} never picks it.
 */
class OpenClAvailabilityTest {
  private static OpenClBackend with(boolean library, boolean device, String selfTest) {
    return new OpenClBackend(new OpenClBackend.Probe() {
      @Override
      public boolean libraryLoaded() {
        return library;
      }

      @Override
      public OpenCLDevice pick() {
        if (!device) {
          return null;
        }
        throw new IllegalStateException("device failure: clGetDeviceInfo returned -5");
      }

      @Override
      public String selfTest(OpenCLDevice d) {
        return selfTest;
      }
    });
  }

  @Test
  void missingLibraryNamesThePackages() {
    Availability a = with(false, false, null).availability();
    assertFalse(a.available());
    assertTrue(a.reason().contains("libOpenCL") && a.reason().contains("pocl-opencl-icd"),
        a.reason());
  }

  @Test
  void noDeviceIsReported() {
    Availability a = with(true, false, null).availability();
    assertFalse(a.available());
    assertTrue(a.reason().contains("no OpenCL platform with a device"), a.reason());
  }

  @Test
  void deviceFailureIsReportedNotThrown() {
    Availability a = with(true, true, null).availability();
    assertFalse(a.available());
    assertTrue(a.reason().contains("device failure"), a.reason());
  }

  @Test
  void unavailableOpenClIsRefusedAndNeverAutoSelected() {
    OpenClBackend broken = with(false, false, null);
    Backends all = Backends.of(List.of(broken, new org.liko.engine.backend.CpuParallelBackendProvider()
        .backend(), new org.liko.engine.backend.CpuBackendProvider().backend()));
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> all.select("opencl"));
    assertTrue(e.getMessage().contains("libOpenCL"), e.getMessage());
    Backend chosen = all.auto().backend();
    assertNotEquals("opencl", chosen.name());
    assertTrue(all.availability(chosen).available());
  }
}
