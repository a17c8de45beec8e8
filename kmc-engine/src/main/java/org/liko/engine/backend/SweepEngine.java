package org.liko.engine.backend;

/**
 * The compute side of a backend: a lattice and tables held on the device, passes run over them,
 * the lattice copied back only when observables or snapshots need it. Data stays on the device
 * between passes (DESIGN section 4).
 *
 * <p>Pass numbers and table slots are defined by the solver that drives the engine; an engine
 * rejects a pass it does not implement with an {@link UnsupportedOperationException} naming
 * the backend and the pass.
 */
public interface SweepEngine extends AutoCloseable {

  /**
   * Copies the lattice (one byte per site, DESIGN section 3) to the device, replacing any
   * previous one. The caller's array is not retained.
   *
   * @param sites the lattice bytes
   */
  void uploadLattice(byte[] sites);

  /**
   * Copies an integer table (rate thresholds, neighbour offsets, attempt counts) to the device
   * into {@code slot}, replacing any previous table there. The caller's array is not retained.
   *
   * @param slot table slot, 0 or more
   * @param values the table
   */
  void uploadTable(int slot, int[] values);

  /**
   * Runs one pass over the device lattice.
   *
   * @param pass which pass (defined by the solver)
   * @param colour sublattice colour of this pass
   * @param sweep sweep number, part of the random-number counter
   * @throws UnsupportedOperationException if this engine does not implement {@code pass}
   */
  void runPass(int pass, int colour, long sweep);

  /**
   * Copies the device lattice back into {@code into}, whose length must equal the uploaded
   * lattice's.
   *
   * @param into destination array
   */
  void downloadLattice(byte[] into);

  /**
   * Copies an integer table back from the device (outputs of passes: counters, histograms).
   *
   * @param slot table slot
   * @param into destination, whose length must equal the table's
   * @throws UnsupportedOperationException if this engine cannot read tables back
   */
  default void downloadTable(int slot, int[] into) {
    throw new UnsupportedOperationException("this engine cannot download table " + slot);
  }

  /**
   * Copies slices of an integer table back: at least the entries {@code [first[k] * size,
   * first[k] * size + size)} for k below {@code count}, each to the same position of
   * {@code into} (whose length must equal the table's). An engine may copy more; this default
   * copies the whole table with {@link #downloadTable(int, int[])} (one transfer), and the host
   * engines copy the slices only.
   *
   * @param slot table slot
   * @param into destination, whose length must equal the table's
   * @param first slice numbers
   * @param count slices to copy ({@code first[0 .. count)})
   * @param size ints per slice
   */
  default void downloadSlices(int slot, int[] into, int[] first, int count, int size) {
    downloadTable(slot, into);
  }

  /**
   * Number of worker threads (or device lanes, for a GPU: 0) this engine runs passes on.
   *
   * @return threads, at least 1 for host engines
   */
  default int threads() {
    return 0;
  }

  /**
   * Bytes this engine holds where its passes run (the lattice and every uploaded table): the
   * device memory of a GPU backend, the engine's heap copies of a host backend.
   *
   * @return bytes, 0 when unknown
   */
  default long deviceBytes() {
    return 0;
  }

  /** Releases device memory; the engine cannot be used afterwards. */
  @Override
  void close();
}
