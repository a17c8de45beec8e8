package org.liko.engine.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.liko.engine.InputException;

/**
 * The checkpoint file: header, state, CRC32C, all big-endian.
 *
 * <table>
 * <caption>Layout</caption>
 * <tr><th>bytes</th><th>field</th></tr>
 * <tr><td>8</td><td>magic {@code LIKOCKPT}</td></tr>
 * <tr><td>4</td><td>format version ({@link #FORMAT_VERSION})</td></tr>
 * <tr><td>2 + n</td><td>liko version, UTF-8 with its length</td></tr>
 * <tr><td>32</td><td>SHA-256 of the canonical resolved scenario</td></tr>
 * <tr><td>8</td><td>length of the state in bytes</td></tr>
 * <tr><td>state</td><td>what the model wrote ({@link StateOut})</td></tr>
 * <tr><td>4</td><td>CRC32C of every byte before it</td></tr>
 * </table>
 *
 * <p>{@link #decode} checks, in this order, the length (a truncated file), the magic, the format
 * version, the CRC32C (a damaged file), the liko version and the scenario hash, and refuses the
 * file with an {@link InputException} naming the first that fails: a checkpoint is resumed
 * exactly or not at all. Writing is the caller's, atomically (temporary file and rename).
 *
 * @param likoVersion the liko version that wrote it
 * @param scenarioSha256 SHA-256 of the canonical resolved scenario, 32 bytes
 * @param state the state sections
 */
public record Checkpoint(String likoVersion, byte[] scenarioSha256, byte[] state) {
  /** First bytes of every checkpoint. */
  public static final byte[] MAGIC = "LIKOCKPT".getBytes(StandardCharsets.US_ASCII);
  /** Version of the layout; a reader refuses others. */
  public static final int FORMAT_VERSION = 1;
  private static final int FIXED = MAGIC.length + 4 + 2 + 32 + 8 + 4; // without version text

  /** Checks the hash length. */
  public Checkpoint {
    if (scenarioSha256.length != 32) {
      throw new IllegalArgumentException("SHA-256 has 32 bytes, got " + scenarioSha256.length);
    }
  }

  /** The file's bytes. */
  public byte[] encode() {
    byte[] v = likoVersion.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(FIXED + v.length + state.length)
        .order(ByteOrder.BIG_ENDIAN);
    b.put(MAGIC).putInt(FORMAT_VERSION).putShort((short) v.length).put(v).put(scenarioSha256)
        .putLong(state.length).put(state);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /**
   * Reads a checkpoint and checks that it may be resumed here.
   *
   * @param bytes the file's content
   * @param source the file, for messages
   * @param likoVersion the running liko's version: a checkpoint of another is refused
   * @param scenarioSha256 the hash of the scenario to continue: a checkpoint of another is
   *     refused
   * @throws InputException naming what is wrong: truncated, not a checkpoint, another format
   *     version, damaged (CRC32C), another liko version, another scenario
   */
  public static Checkpoint decode(byte[] bytes, String source, String likoVersion,
      byte[] scenarioSha256) {
    String never = "; it is never resumed in part: rerun the scenario from the start";
    if (bytes.length < MAGIC.length
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new InputException(source + ": not a liko checkpoint (it does not start with "
          + "LIKOCKPT)" + never);
    }
    if (bytes.length < FIXED) {
      throw new InputException(source + ": truncated (" + bytes.length + " bytes, shorter than"
          + " the header)" + never);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    b.position(MAGIC.length);
    int format = b.getInt();
    if (format != FORMAT_VERSION) {
      throw new InputException(source + ": checkpoint format version " + format + "; this liko ("
          + likoVersion + ") reads version " + FORMAT_VERSION + " only" + never);
    }
    int vlen = Short.toUnsignedInt(b.getShort());
    if (bytes.length < FIXED + vlen) {
      throw new InputException(source + ": truncated (" + bytes.length + " bytes, shorter than"
          + " the header)" + never);
    }
    b.position(b.position() + vlen + 32);
    long stateLength = b.getLong();
    long expected = FIXED + vlen + stateLength;
    if (stateLength < 0 || bytes.length != expected) {
      throw new InputException(source + ": " + (bytes.length < expected ? "truncated" : "damaged")
          + " (" + bytes.length + " bytes, the header says " + expected + ")" + never);
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.BIG_ENDIAN)
        .getInt();
    if (stored != (int) crc.getValue()) {
      throw new InputException(source + ": damaged (CRC32C " + Integer.toHexString(stored)
          + " stored, " + Integer.toHexString((int) crc.getValue()) + " computed)" + never);
    }
    b.position(MAGIC.length + 4 + 2);
    byte[] v = new byte[vlen];
    b.get(v);
    String version = new String(v, StandardCharsets.UTF_8);
    if (!version.equals(likoVersion)) {
      throw new InputException(source + ": written by liko " + version + ", this is liko "
          + likoVersion + "; resume it with liko " + version + ", or rerun from the start");
    }
    byte[] sha = new byte[32];
    b.get(sha);
    if (!Arrays.equals(sha, scenarioSha256)) {
      HexFormat hex = HexFormat.of();
      throw new InputException(source + ": belongs to another scenario (SHA-256 "
          + hex.formatHex(sha, 0, 6) + "..., the scenario to resume has "
          + hex.formatHex(scenarioSha256, 0, 6) + "...); resume it with the scenario.resolved"
          + ".yaml written beside it");
    }
    b.getLong();
    byte[] state = new byte[(int) stateLength];
    b.get(state);
    return new Checkpoint(version, sha, state);
  }
}
