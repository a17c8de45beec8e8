package org.liko.kernels;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import org.liko.engine.InputException;

/**
 * A {@link SectorDevice} on a CUDA GPU through the JCuda driver API: its own context, the
 * {@code sector.ptx} module (built from {@code src/main/cuda/sector.cu}) loaded with
 * {@code cuModuleLoadData}, plain {@code cuMemAlloc} buffers, and synchronous launches of
 * {@link #BLOCK} threads per block. Every call makes the context current first, so the engine
 * may move between threads. Call only after {@link CudaBackend#availability()} reported the
 * driver usable.
 */
final class CudaDevice implements SectorDevice {
  private static final String PTX = "/org/liko/kernels/sector.ptx";
  /** Threads per block: sectors are few (hundreds to tens of thousands) and heavy. */
  static final int BLOCK = 64;

  private final CUcontext context = new CUcontext();
  private final CUfunction[] functions = new CUfunction[KERNELS.length];
  private final Map<Long, CUdeviceptr> buffers = new HashMap<>();
  private final String describe;
  private long nextHandle = 1;
  private boolean closed;

  CudaDevice(int ordinal, String describe) {
    this.describe = describe;
    CUdevice device = new CUdevice();
    cuDeviceGet(device, ordinal);
    cuCtxCreate(context, 0, device);
    try {
      CUmodule module = new CUmodule();
      cuModuleLoadData(module, CudaPhilox.ptx(PTX));
      for (int k = 0; k < KERNELS.length; k++) {
        functions[k] = new CUfunction();
        cuModuleGetFunction(functions[k], module, KERNELS[k]);
      }
    } catch (RuntimeException e) {
      cuCtxDestroy(context);
      throw e;
    }
  }

  private CUdeviceptr pointer(long handle) {
    CUdeviceptr p = buffers.get(handle);
    if (p == null) {
      throw new IllegalArgumentException("backend cuda: no device buffer " + handle);
    }
    return p;
  }

  @Override
  public long alloc(long bytes) {
    cuCtxSetCurrent(context);
    CUdeviceptr p = new CUdeviceptr();
    try {
      cuMemAlloc(p, bytes);
    } catch (CudaException e) {
      throw new InputException("backend cuda: cannot allocate " + bytes + " bytes on "
          + describe + " (" + e.getMessage() + "): the lattice does not fit the GPU's memory;"
          + " use a smaller lattice or --backend cpu-parallel");
    }
    cuMemsetD8(p, (byte) 0, bytes);
    long h = nextHandle++;
    buffers.put(h, p);
    return h;
  }

  @Override
  public void free(long handle) {
    cuCtxSetCurrent(context);
    cuMemFree(pointer(handle));
    buffers.remove(handle);
  }

  @Override
  public void write(long handle, byte[] data, int length) {
    cuCtxSetCurrent(context);
    if (length > 0) {
      cuMemcpyHtoD(pointer(handle), Pointer.to(data), length);
    }
  }

  @Override
  public void write(long handle, int[] data, int length) {
    cuCtxSetCurrent(context);
    if (length > 0) {
      cuMemcpyHtoD(pointer(handle), Pointer.to(data), 4L * length);
    }
  }

  @Override
  public void read(long handle, byte[] into, int length) {
    cuCtxSetCurrent(context);
    if (length > 0) {
      cuMemcpyDtoH(Pointer.to(into), pointer(handle), length);
    }
  }

  @Override
  public void read(long handle, int[] into, int length) {
    cuCtxSetCurrent(context);
    if (length > 0) {
      cuMemcpyDtoH(Pointer.to(into), pointer(handle), 4L * length);
    }
  }

  @Override
  public void launch(int kernel, int items, long[] args, int orderBase, int colour, int sweepLo,
      int sweepHi) {
    cuCtxSetCurrent(context);
    Pointer[] p = new Pointer[BUFFER_ARGS + 5];
    for (int a = 0; a < BUFFER_ARGS; a++) {
      p[a] = Pointer.to(pointer(args[a]));
    }
    p[BUFFER_ARGS] = Pointer.to(new int[] {items});
    p[BUFFER_ARGS + 1] = Pointer.to(new int[] {orderBase});
    p[BUFFER_ARGS + 2] = Pointer.to(new int[] {colour});
    p[BUFFER_ARGS + 3] = Pointer.to(new int[] {sweepLo});
    p[BUFFER_ARGS + 4] = Pointer.to(new int[] {sweepHi});
    try {
      cuLaunchKernel(functions[kernel], (items + BLOCK - 1) / BLOCK, 1, 1, BLOCK, 1, 1, 0, null,
          Pointer.to(p), null);
      cuCtxSynchronize();
    } catch (CudaException e) {
      throw new IllegalStateException("backend cuda: kernel " + KERNELS[kernel] + " failed on "
          + describe + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      cuCtxSetCurrent(context);
      buffers.clear();
      cuCtxDestroy(context); // frees the context's buffers and module
    }
  }
}
