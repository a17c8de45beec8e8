package org.liko.kernels;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * A CUDA context with the {@code philox.ptx} module (the CUDA twin of
 * {@link org.liko.engine.rng.Philox}, Salmon et al. 2011) loaded from the class path with
 * {@code cuModuleLoadData}. Call only after {@link CudaBackend#availability()} reported the
 * driver usable; close it to destroy the context.
 */
public final class CudaPhilox implements AutoCloseable {
  private static final String PTX = "/org/liko/kernels/philox.ptx";
  private final CUcontext context = new CUcontext();
  private final CUfunction function = new CUfunction();

  /**
   * Creates a context on device {@code ordinal} and loads the PTX module.
   *
   * @param ordinal CUDA device number
   */
  public CudaPhilox(int ordinal) {
    CUdevice device = new CUdevice();
    cuDeviceGet(device, ordinal);
    cuCtxCreate(context, 0, device);
    try {
      CUmodule module = new CUmodule();
      cuModuleLoadData(module, ptx(PTX));
      cuModuleGetFunction(function, module, "philox_words");
    } catch (RuntimeException e) {
      cuCtxDestroy(context);
      throw e;
    }
  }

  /**
   * A PTX module from the class path, NUL-terminated for {@code cuModuleLoadData}.
   *
   * @param resource absolute resource name, e.g. {@code /org/liko/kernels/philox.ptx}
   * @return the module image
   */
  static byte[] ptx(String resource) {
    try (InputStream in = CudaPhilox.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("PTX resource " + resource
            + " missing from the class path");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      bytes.write(0); // cuModuleLoadData wants a NUL-terminated image
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Evaluates Philox on the device: four words per item.
   *
   * @param counters four counter words per item
   * @param keys two key words per item
   * @return four output words per item
   */
  public int[] words(int[] counters, int[] keys) {
    int n = counters.length / 4;
    if (counters.length != 4 * n || keys.length != 2 * n) {
      throw new IllegalArgumentException("CudaPhilox: counters.length = " + counters.length
          + ", keys.length = " + keys.length + "; need 4n and 2n");
    }
    int[] out = new int[4 * n];
    if (n == 0) {
      return out;
    }
    CUdeviceptr dCtr = new CUdeviceptr();
    CUdeviceptr dKey = new CUdeviceptr();
    CUdeviceptr dOut = new CUdeviceptr();
    cuMemAlloc(dCtr, (long) counters.length * Sizeof.INT);
    try {
      cuMemAlloc(dKey, (long) keys.length * Sizeof.INT);
      try {
        cuMemAlloc(dOut, (long) out.length * Sizeof.INT);
        try {
          cuMemcpyHtoD(dCtr, Pointer.to(counters), (long) counters.length * Sizeof.INT);
          cuMemcpyHtoD(dKey, Pointer.to(keys), (long) keys.length * Sizeof.INT);
          Pointer params = Pointer.to(Pointer.to(dCtr), Pointer.to(dKey), Pointer.to(dOut),
              Pointer.to(new int[] {n}));
          int block = 128;
          cuLaunchKernel(function, (n + block - 1) / block, 1, 1, block, 1, 1, 0, null, params,
              null);
          cuCtxSynchronize();
          cuMemcpyDtoH(Pointer.to(out), dOut, (long) out.length * Sizeof.INT);
        } finally {
          cuMemFree(dOut);
        }
      } finally {
        cuMemFree(dKey);
      }
    } finally {
      cuMemFree(dCtr);
    }
    return out;
  }

  @Override
  public void close() {
    cuCtxDestroy(context);
  }
}
