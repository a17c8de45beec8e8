package org.liko.kernels;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SectorDevice} whose kernels are the g++ build of {@code src/main/cuda/sector.cu}
 * ({@code src/test/c/sector_host.cpp}: the grid runs as a loop), driven over the program's
 * stdin/stdout protocol. With it the cuda backend's engine and kernel sources run bit for bit
 * against cpu-parallel on machines without a GPU.
 */
final class HostKernelDevice implements SectorDevice {
  private static final int MAX_BUFFERS = 64; // sector_host.cpp
  private final Process process;
  private final OutputStream out;
  private final DataInputStream in;
  private final boolean[] used = new boolean[MAX_BUFFERS];

  HostKernelDevice(Path executable) {
    try {
      process = new ProcessBuilder(List.of(executable.toString()))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
    InputStream raw = process.getInputStream();
    in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
  }

  /**
   * Compiles the host program with g++ into {@code dir}.
   *
   * @return the executable
   */
  static Path build(Path dir) throws IOException, InterruptedException {
    Path module = Path.of("").toAbsolutePath();
    Path exe = dir.resolve("sector_host");
    PhiloxHeaderTest.run(List.of("g++", "-std=c++11", "-O2", "-Wall", "-Wextra",
        "-Wno-unused-parameter", "-Werror", "-I", module.resolve("src/main/cuda").toString(),
        module.resolve("src/test/c/sector_host.cpp").toString(), "-o", exe.toString()), "", dir);
    return exe;
  }

  private void i32(int v) throws IOException {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private void i64(long v) throws IOException {
    i32((int) v);
    i32((int) (v >>> 32));
  }

  private int readI32() throws IOException {
    return Integer.reverseBytes(in.readInt());
  }

  private void command(int c, long handle) throws IOException {
    out.write(c);
    i32((int) handle);
  }

  @Override
  public long alloc(long bytes) {
    int h = 0;
    while (h < MAX_BUFFERS && used[h]) {
      h++;
    }
    if (h == MAX_BUFFERS) {
      throw new IllegalStateException("sector_host: more than " + MAX_BUFFERS + " buffers");
    }
    used[h] = true;
    try {
      command('A', h);
      i64(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return h;
  }

  @Override
  public void free(long handle) {
    try {
      command('F', handle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    used[(int) handle] = false;
  }

  @Override
  public void write(long handle, byte[] data, int length) {
    try {
      command('W', handle);
      i64(length);
      out.write(data, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void write(long handle, int[] data, int length) {
    ByteBuffer b = ByteBuffer.allocate(4 * length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(data, 0, length);
    write(handle, b.array(), 4 * length);
  }

  @Override
  public void read(long handle, byte[] into, int length) {
    try {
      command('R', handle);
      i64(length);
      out.flush();
      in.readFully(into, 0, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void read(long handle, int[] into, int length) {
    byte[] b = new byte[4 * length];
    read(handle, b, b.length);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(into, 0, length);
  }

  @Override
  public void launch(int kernel, int items, long[] buffers, int orderBase, int colour,
      int sweepLo, int sweepHi) {
    try {
      out.write('K');
      int block = 7; // not a divisor of typical sector counts: the last block is partial
      i32(kernel);
      i32((items + block - 1) / block);
      i32(block);
      for (long h : buffers) {
        i32((int) h);
      }
      i32(items);
      i32(orderBase);
      i32(colour);
      i32(sweepLo);
      i32(sweepHi);
      out.flush();
      int ack = in.read();
      if (ack != 'k') {
        throw new IllegalStateException("sector_host: kernel " + KERNELS[kernel]
            + " did not finish (reply " + ack + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The constants the kernel sources were compiled with, in sector_host.cpp's order. */
  int[] constants() {
    try {
      out.write('C');
      out.flush();
      int[] c = new int[readI32()];
      for (int k = 0; k < c.length; k++) {
        c[k] = readI32();
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String describe() {
    return "g++ build of sector.cu (grid as a loop)";
  }

  @Override
  public void close() {
    try {
      out.write('Q');
      out.flush();
      out.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
