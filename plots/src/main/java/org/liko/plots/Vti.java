package org.liko.plots;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Lattices as VTK XML ImageData ({@code .vti}) for ParaView and VTK.
 *
 * <p>Each site is one VTK cell: the points extent is {@code 0..nx, 0..ny, 0..nz}, so the cell
 * arrays hold {@code nx * ny * nz} values in VTK order (x fastest, then y, then z), which is the
 * lattice's own index order {@code i = (z * ny + y) * nx + x}. A 2D lattice is one cell thick in
 * y. Two {@code UInt8} cell arrays are written: {@code material} (bits 0-5 of the site) and
 * {@code ion} (1 where the carrier bit is set). The scratch bit is not written. Spacing and
 * origin are in nm, stated by the field data string {@code length_unit}.
 *
 * <p>With a {@link MaterialLegend}, the field data also carries {@code material_names} (String,
 * one per material id, so {@code material = k} reads as {@code material_names[k]}),
 * {@code material_rgb} (UInt8, 3 components per id, the colours of every liko figure) and
 * {@code ion_rgb}.
 *
 * <p>Arrays are inline {@code format="binary"} compressed by {@code vtkZLibDataCompressor} with
 * a {@code UInt64} header: base64 of the header {@code [blocks, block size, last block size,
 * compressed size of each block]}, then base64 of the zlib streams of the blocks of
 * {@value #BLOCK} bytes (VTK's layout, see "VTK File Formats" and {@code vtkXMLDataParser}).
 * The output contains no timestamp or host data: the same lattice, spacing and legend always
 * give the same bytes on the same Java runtime.
 */
public final class Vti {
  /** Uncompressed bytes per compressed block (VTK's default). */
  static final int BLOCK = 32768;
  /** Unit of spacing and origin. */
  public static final String LENGTH_UNIT = "nm";

  private Vti() {}

  /**
   * A lattice read back from a file.
   *
   * @param lattice the sites
   * @param spacingNm lattice spacing, nm
   * @param legend material names and colours from the field data, or null when absent
   */
  public record Image(Lattice lattice, double spacingNm, MaterialLegend legend) {
    /** An image without a legend. */
    public Image(Lattice lattice, double spacingNm) {
      this(lattice, spacingNm, null);
    }
  }

  /** Writes a lattice atomically without material names; {@code spacingNm} in nm. */
  public static Path write(Path target, Lattice lattice, double spacingNm) throws IOException {
    return write(target, lattice, spacingNm, null);
  }

  /**
   * Writes a lattice atomically; {@code spacingNm} is the lattice spacing in nm, {@code legend}
   * (may be null) adds the material names and colours as field data. The file is streamed: past
   * the lattice itself, memory stays at a few blocks of {@value #BLOCK} bytes whatever its size.
   */
  public static Path write(Path target, Lattice lattice, double spacingNm, MaterialLegend legend)
      throws IOException {
    check(spacingNm);
    return AtomicFiles.write(target, out -> writeTo(out, lattice, spacingNm, legend));
  }

  /** The file content for a lattice (deterministic); {@code legend} may be null. */
  public static byte[] bytes(Lattice lattice, double spacingNm, MaterialLegend legend) {
    check(spacingNm);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(out, lattice, spacingNm, legend);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    return out.toByteArray();
  }

  private static void check(double spacingNm) {
    if (!(spacingNm > 0) || Double.isInfinite(spacingNm)) {
      throw new IllegalArgumentException("spacingNm = " + spacingNm + ": need a positive number");
    }
  }

  /** Streams the file content to {@code out} (not closed). */
  private static void writeTo(OutputStream out, Lattice lattice, double spacingNm,
      MaterialLegend legend) throws IOException {
    Grid g = lattice.grid();
    byte[] cells = lattice.cells();
    String extent = "0 " + g.nx + " 0 " + g.ny + " 0 " + g.nz;
    String s = number(spacingNm);
    StringBuilder sb = new StringBuilder(2048);
    sb.append("<?xml version=\"1.0\"?>\n")
        .append("<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\"")
        .append(" header_type=\"UInt64\" compressor=\"vtkZLibDataCompressor\">\n")
        .append("  <ImageData WholeExtent=\"").append(extent)
        .append("\" Origin=\"0 0 0\" Spacing=\"").append(s).append(' ').append(s).append(' ')
        .append(s).append("\">\n")
        .append("    <FieldData>\n");
    appendStrings(sb, "length_unit", List.of(LENGTH_UNIT));
    if (legend != null) {
      appendStrings(sb, "material_names", legend.names());
      byte[] rgb = new byte[3 * legend.size()];
      for (int id = 0; id < legend.size(); id++) {
        rgb(rgb, id, legend.rgb(id));
      }
      appendArray(sb, "material_rgb", "UInt8", 3, legend.size(), rgb, "      ");
      byte[] ionRgb = new byte[3];
      rgb(ionRgb, 0, legend.ionRgb());
      appendArray(sb, "ion_rgb", "UInt8", 3, 1, ionRgb, "      ");
    }
    sb.append("    </FieldData>\n")
        .append("    <Piece Extent=\"").append(extent).append("\">\n")
        .append("      <PointData>\n      </PointData>\n")
        .append("      <CellData Scalars=\"material\">\n");
    streamArray(out, sb, "material", cells, Channel.MATERIAL);
    streamArray(out, sb, "ion", cells, Channel.ION);
    sb.append("      </CellData>\n")
        .append("    </Piece>\n")
        .append("  </ImageData>\n")
        .append("</VTKFile>\n");
    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** A UInt8 cell array derived from the sites, one value per site. */
  private enum Channel {
    /** Bits 0-5: the material id. */
    MATERIAL,
    /** 1 where the carrier bit is set. */
    ION;

    int value(byte cell) {
      return this == MATERIAL ? cell & Lattice.MATERIAL_MASK
          : (cell & Lattice.CARRIER_BIT) != 0 ? 1 : 0;
    }

    /** Fills {@code into} with the values of {@code cells[off, off + n)}. */
    void fill(byte[] cells, int off, int n, byte[] into) {
      for (int k = 0; k < n; k++) {
        into[k] = (byte) value(cells[off + k]);
      }
    }
  }

  /**
   * Writes the pending XML in {@code sb} and one compressed cell array of a channel of the sites
   * to {@code out}, then clears {@code sb}. The header (block sizes) precedes the blocks, so each
   * block is compressed twice: once to learn its size, once to write it; only one block is held
   * at a time.
   */
  private static void streamArray(OutputStream out, StringBuilder sb, String name, byte[] cells,
      Channel channel) throws IOException {
    int min = cells.length == 0 ? 0 : 255;
    int max = 0;
    for (byte c : cells) {
      int v = channel.value(c);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    sb.append("        <DataArray type=\"UInt8\" Name=\"").append(Xml.escape(name))
        .append("\" format=\"binary\" RangeMin=\"").append(min).append("\" RangeMax=\"")
        .append(max).append("\">\n          ");
    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    sb.setLength(0);
    Blocks blocks = new Blocks(cells.length);
    byte[] block = new byte[BLOCK];
    ByteBuffer header = blocks.header();
    for (int b = 0; b < blocks.count; b++) {
      int n = blocks.size(b);
      channel.fill(cells, b * BLOCK, n, block);
      header.putLong(blocks.deflate(block, n, null));
    }
    Base64.Encoder enc = Base64.getEncoder();
    out.write(enc.encode(header.array()));
    OutputStream base64 = enc.wrap(new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush(); // the padding is written, the file stays open
      }
    });
    for (int b = 0; b < blocks.count; b++) {
      int n = blocks.size(b);
      channel.fill(cells, b * BLOCK, n, block);
      blocks.deflate(block, n, base64);
    }
    base64.close();
    blocks.end();
    sb.append("\n        </DataArray>\n");
  }

  /** The zlib blocks of an array of {@code length} bytes, compressed one at a time. */
  private static final class Blocks {
    final int length;
    final int count;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final byte[] buf = new byte[BLOCK + 1024];

    Blocks(int length) {
      this.length = length;
      this.count = (length + BLOCK - 1) / BLOCK;
    }

    int size(int b) {
      return Math.min(BLOCK, length - b * BLOCK);
    }

    /** The UInt64 header with count, block size and last size filled in, sizes to follow. */
    ByteBuffer header() {
      return ByteBuffer.allocate(8 * (3 + count)).order(ByteOrder.LITTLE_ENDIAN)
          .putLong(count).putLong(BLOCK).putLong(length % BLOCK);
    }

    /** Compresses {@code data[0, n)}; writes the stream to {@code out} unless null. */
    long deflate(byte[] data, int n, OutputStream out) throws IOException {
      deflater.reset();
      deflater.setInput(data, 0, n);
      deflater.finish();
      long size = 0;
      while (!deflater.finished()) {
        int k = deflater.deflate(buf);
        if (out != null) {
          out.write(buf, 0, k);
        }
        size += k;
      }
      return size;
    }

    void end() {
      deflater.end();
    }
  }

  private static void rgb(byte[] out, int k, int rgb) {
    out[3 * k] = (byte) (rgb >> 16);
    out[3 * k + 1] = (byte) (rgb >> 8);
    out[3 * k + 2] = (byte) rgb;
  }

  /**
   * Reads a file written by {@link #write}, or any ImageData with {@code UInt8} cell arrays
   * {@code material} (and optionally {@code ion}) as ascii or inline binary, zlib-compressed or
   * not, with a {@code UInt32} or {@code UInt64} header; origin at 0.
   *
   * @throws IOException when the file is not such an image
   */
  public static Image read(Path file) throws IOException {
    Element root = Xml.parse(file).getDocumentElement();
    if (!"ImageData".equals(root.getAttribute("type"))) {
      throw new IOException(file + ": VTKFile type is '" + root.getAttribute("type")
          + "', expected ImageData");
    }
    String compressor = root.getAttribute("compressor");
    if (!compressor.isEmpty() && !compressor.equals("vtkZLibDataCompressor")) {
      throw new IOException(file + ": compressor " + compressor + " is not supported"
          + " (none or vtkZLibDataCompressor)");
    }
    Format f = new Format(file, "UInt64".equals(root.getAttribute("header_type")),
        !compressor.isEmpty());
    Element image = (Element) root.getElementsByTagName("ImageData").item(0);
    String[] e = image.getAttribute("WholeExtent").trim().split("\\s+");
    String[] sp = image.getAttribute("Spacing").trim().split("\\s+");
    if (e.length != 6) {
      throw new IOException(file + ": WholeExtent needs 6 numbers");
    }
    Grid grid = new Grid(span(e, 0), span(e, 2), span(e, 4));
    byte[] material = null;
    byte[] ion = null;
    List<String> names = null;
    byte[] rgb = null;
    byte[] ionRgb = null;
    NodeList arrays = image.getElementsByTagName("DataArray");
    for (int k = 0; k < arrays.getLength(); k++) {
      Element a = (Element) arrays.item(k);
      switch (a.getAttribute("Name")) {
        case "material" -> material = f.uint8(a, grid.sites);
        case "ion" -> ion = f.uint8(a, grid.sites);
        case "material_names" -> names = strings(f.raw(a));
        case "material_rgb" -> rgb = f.raw(a);
        case "ion_rgb" -> ionRgb = f.raw(a);
        default -> { } // other arrays are not ours to read
      }
    }
    if (material == null) {
      throw new IOException(file + ": no cell array 'material'");
    }
    byte[] cells = new byte[grid.sites];
    for (int i = 0; i < cells.length; i++) {
      int c = material[i] & Lattice.MATERIAL_MASK;
      if (ion != null && ion[i] != 0) {
        c |= Lattice.CARRIER_BIT;
      }
      cells[i] = (byte) c;
    }
    MaterialLegend legend = null;
    if (names != null && rgb != null && rgb.length == 3 * names.size() && ionRgb != null
        && ionRgb.length == 3) {
      int[] colours = new int[names.size()];
      for (int id = 0; id < colours.length; id++) {
        colours[id] = rgb(rgb, id);
      }
      legend = MaterialLegend.of(names, colours, rgb(ionRgb, 0));
    }
    return new Image(new Lattice(grid, cells), Double.parseDouble(sp[0]), legend);
  }

  private static int rgb(byte[] b, int k) {
    return (b[3 * k] & 0xFF) << 16 | (b[3 * k + 1] & 0xFF) << 8 | (b[3 * k + 2] & 0xFF);
  }

  private static int span(String[] extent, int k) {
    return Integer.parseInt(extent[k + 1]) - Integer.parseInt(extent[k]);
  }

  /** VTK string arrays: each string's UTF-8 bytes followed by a 0 byte. */
  private static void appendStrings(StringBuilder sb, String name, List<String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String v : values) {
      out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    appendArray(sb, name, "String", 1, values.size(), out.toByteArray(), "      ");
  }

  private static List<String> strings(byte[] raw) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == 0) {
        out.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return out;
  }

  /** One compressed inline array; {@code tuples < 0}: no NumberOfTuples (cell arrays). */
  private static void appendArray(StringBuilder sb, String name, String type, int components,
      int tuples, byte[] data, String indent) {
    sb.append(indent).append("<DataArray type=\"").append(type).append("\" Name=\"")
        .append(Xml.escape(name)).append('"');
    if (components != 1) {
      sb.append(" NumberOfComponents=\"").append(components).append('"');
    }
    if (tuples >= 0) {
      sb.append(" NumberOfTuples=\"").append(tuples).append('"');
    }
    sb.append(" format=\"binary\"");
    if (type.equals("UInt8") && components == 1) {
      sb.append(" RangeMin=\"").append(min(data)).append("\" RangeMax=\"").append(max(data))
          .append('"');
    }
    sb.append(">\n").append(indent).append("  ").append(compressed(data)).append('\n')
        .append(indent).append("</DataArray>\n");
  }

  /**
   * Base64 of the UInt64 block header, then base64 of the zlib blocks (VTK's inline layout), for
   * the small field arrays held in memory.
   */
  static String compressed(byte[] data) {
    Blocks blocks = new Blocks(data.length);
    ByteBuffer header = blocks.header();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] block = new byte[BLOCK];
    try {
      for (int b = 0; b < blocks.count; b++) {
        int n = blocks.size(b);
        System.arraycopy(data, b * BLOCK, block, 0, n);
        header.putLong(blocks.deflate(block, n, body));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    } finally {
      blocks.end();
    }
    Base64.Encoder enc = Base64.getEncoder();
    return enc.encodeToString(header.array()) + enc.encodeToString(body.toByteArray());
  }

  /** How the arrays of one file are encoded. */
  private record Format(Path file, boolean header64, boolean zlib) {
    /** A UInt8 array of exactly {@code n} values. */
    byte[] uint8(Element a, int n) throws IOException {
      if (!"UInt8".equals(a.getAttribute("type"))) {
        throw new IOException(file + ": array '" + a.getAttribute("Name") + "' has type "
            + a.getAttribute("type") + ", expected UInt8");
      }
      byte[] data = raw(a);
      if (data.length != n) {
        throw new IOException(file + ": array '" + a.getAttribute("Name") + "' has "
            + data.length + " values, grid needs " + n);
      }
      return data;
    }

    /** The bytes of an array (ascii: one byte per number; strings as 0-terminated bytes). */
    byte[] raw(Element a) throws IOException {
      String text = a.getTextContent().trim();
      String format = a.getAttribute("format");
      if ("ascii".equals(format)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : text.isEmpty() ? new String[0] : text.split("\\s+")) {
          out.write(Integer.parseInt(v));
        }
        return out.toByteArray();
      }
      if (!"binary".equals(format)) {
        throw new IOException(file + ": array format '" + format
            + "' not supported (ascii or inline binary)");
      }
      try {
        return zlib ? inflate(text) : plain(Base64.getMimeDecoder().decode(text), a);
      } catch (IllegalArgumentException | DataFormatException | java.nio.BufferUnderflowException e) {
        throw new IOException(file + ": array '" + a.getAttribute("Name") + "' is not valid"
            + " binary data: " + e.getMessage(), e);
      }
    }

    private byte[] plain(byte[] raw, Element a) throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      long count = header64 ? bb.getLong() : Integer.toUnsignedLong(bb.getInt());
      int h = header64 ? 8 : 4;
      if (count > raw.length - h) {
        throw new IOException(file + ": array '" + a.getAttribute("Name") + "' announces "
            + count + " bytes, holds " + (raw.length - h));
      }
      return Arrays.copyOfRange(raw, h, h + (int) count);
    }

    private byte[] inflate(String text) throws DataFormatException {
      int word = header64 ? 8 : 4;
      // the header is encoded on its own: decode its first three words to learn its length
      int firstChars = 4 * ((3 * word + 2) / 3);
      ByteBuffer first = ByteBuffer.wrap(Base64.getDecoder().decode(text.substring(0,
          firstChars))).order(ByteOrder.LITTLE_ENDIAN);
      long blocks = header64 ? first.getLong() : Integer.toUnsignedLong(first.getInt());
      int headerBytes = (int) ((3 + blocks) * word);
      int headerChars = 4 * ((headerBytes + 2) / 3);
      ByteBuffer header = ByteBuffer.wrap(Base64.getDecoder().decode(text.substring(0,
          headerChars))).order(ByteOrder.LITTLE_ENDIAN);
      long[] w = new long[3 + (int) blocks];
      for (int k = 0; k < w.length; k++) {
        w[k] = header64 ? header.getLong() : Integer.toUnsignedLong(header.getInt());
      }
      byte[] body = Base64.getMimeDecoder().decode(text.substring(headerChars));
      long blockSize = w[1];
      long last = w[2];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int off = 0;
      Inflater inflater = new Inflater();
      try {
        for (int b = 0; b < blocks; b++) {
          int size = (int) w[3 + b];
          long expected = b == blocks - 1 && last != 0 ? last : blockSize;
          byte[] block = new byte[(int) expected];
          inflater.reset();
          inflater.setInput(body, off, size);
          int got = 0;
          while (got < block.length && !inflater.finished()) {
            int n = inflater.inflate(block, got, block.length - got);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
              break;
            }
            got += n;
          }
          if (got != block.length) {
            throw new DataFormatException("block " + b + " inflates to " + got + " bytes, header"
                + " says " + expected);
          }
          out.writeBytes(block);
          off += size;
        }
      } finally {
        inflater.end();
      }
      return out.toByteArray();
    }
  }

  private static int min(byte[] d) {
    int m = d.length == 0 ? 0 : 255;
    for (byte b : d) {
      m = Math.min(m, b & 0xFF);
    }
    return m;
  }

  private static int max(byte[] d) {
    int m = 0;
    for (byte b : d) {
      m = Math.max(m, b & 0xFF);
    }
    return m;
  }

  /** Locale-independent shortest round-trip text of a number. */
  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.format(Locale.ROOT, "%d", (long) v) : Double.toString(v);
  }
}
