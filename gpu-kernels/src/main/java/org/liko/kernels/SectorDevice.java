package org.liko.kernels;

/**
 * What {@link SectorPassEngine} needs of a device that runs the kernels of
 * {@code src/main/cuda/sector.cu}: buffers named by handles, copies in and out, and launches of
 * a kernel by number ({@link #KERNELS}) over a 1D grid with the common parameter list (12
 * buffers, then items, orderBase, colour, sweepLo, sweepHi). {@link CudaDevice} is the JCuda
 * driver-API device; the tests run the same kernel sources compiled by g++ behind this
 * interface, so the engine logic is shared by both.
 */
interface SectorDevice extends AutoCloseable {
  /** Kernel entry points of {@code sector.cu}, indexed by the pass numbers of SectorKernel. */
  String[] KERNELS = {"liko_count", "liko_sweep", "liko_launch", "liko_fill_seed",
      "liko_fill_grow", "liko_fill_label", "liko_observe"};
  /** Buffer arguments of every kernel. */
  int BUFFER_ARGS = 12;

  /**
   * Allocates a zeroed buffer.
   *
   * @param bytes size, at least 1
   * @return its handle, never reused while the buffer lives
   */
  long alloc(long bytes);

  /** Frees a buffer. */
  void free(long handle);

  /** Copies {@code length} bytes of {@code data} to the start of buffer {@code handle}. */
  void write(long handle, byte[] data, int length);

  /** Copies {@code length} ints of {@code data} to the start of buffer {@code handle}. */
  void write(long handle, int[] data, int length);

  /** Copies the first {@code length} bytes of buffer {@code handle} into {@code into}. */
  void read(long handle, byte[] into, int length);

  /** Copies the first {@code length} ints of buffer {@code handle} into {@code into}. */
  void read(long handle, int[] into, int length);

  /**
   * Launches kernel {@code kernel} with one thread per item (blocks of the device's size) and
   * waits for it.
   *
   * @param kernel index into {@link #KERNELS}
   * @param items threads that do work
   * @param buffers the {@link #BUFFER_ARGS} buffer handles in parameter order
   * @param orderBase first index into the order table (sweep pass)
   * @param colour colour of a sweep pass
   * @param sweepLo sweep number bits 0..31
   * @param sweepHi sweep number bits 32..63
   */
  void launch(int kernel, int items, long[] buffers, int orderBase, int colour, int sweepLo,
      int sweepHi);

  /** The device in words, for messages. */
  String describe();

  /** Releases the device (its buffers included). */
  @Override
  void close();
}
