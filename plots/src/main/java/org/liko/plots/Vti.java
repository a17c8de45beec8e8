package org.liko.plots;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Lattices as VTK XML ImageData ({@code .vti}) for ParaView.
 *
 * <p>Each site is one VTK cell: the points extent is {@code 0..nx, 0..ny, 0..nz}, so the cell
 * arrays hold {@code nx * ny * nz} values in VTK order (x fastest, then y, then z), which is the
 * lattice's own index order {@code i = (z * ny + y) * nx + x}. A 2D lattice is one cell thick in
 * y. Two {@code UInt8} cell arrays are written: {@code material} (bits 0-5 of the site) and
 * {@code ion} (1 where the carrier bit is set). The scratch bit is not written.
 *
 * <p>Arrays are inline {@code format="binary"}: base64 of a little-endian {@code UInt32} byte
 * count followed by the raw bytes, encoded as one block (VTK's uncompressed binary layout, see
 * "VTK File Formats", VTK User's Guide, and {@code vtkXMLDataParser}). The output contains no
 * timestamp or host data: the same lattice and spacing always give the same bytes.
 */
public final class Vti {
  private Vti() {}

  /**
   * A lattice read back from a file.
   *
   * @param lattice the sites
   * @param spacingNm lattice spacing, nm
   */
  public record Image(Lattice lattice, double spacingNm) {}

  /** Writes a lattice atomically; {@code spacingNm} is the lattice spacing in nm. */
  public static Path write(Path target, Lattice lattice, double spacingNm) throws IOException {
    return AtomicFiles.write(target, bytes(lattice, spacingNm));
  }

  /** The file content for a lattice (deterministic). */
  public static byte[] bytes(Lattice lattice, double spacingNm) {
    if (!(spacingNm > 0) || Double.isInfinite(spacingNm)) {
      throw new IllegalArgumentException("spacingNm = " + spacingNm + ": need a positive number");
    }
    Grid g = lattice.grid();
    byte[] cells = lattice.cells();
    byte[] material = new byte[cells.length];
    byte[] ion = new byte[cells.length];
    for (int i = 0; i < cells.length; i++) {
      material[i] = (byte) (cells[i] & Lattice.MATERIAL_MASK);
      ion[i] = (byte) ((cells[i] & Lattice.CARRIER_BIT) != 0 ? 1 : 0);
    }
    String extent = "0 " + g.nx + " 0 " + g.ny + " 0 " + g.nz;
    String s = number(spacingNm);
    StringBuilder sb = new StringBuilder(cells.length * 3 + 1024);
    sb.append("<?xml version=\"1.0\"?>\n")
        .append("<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\"")
        .append(" header_type=\"UInt32\">\n")
        .append("  <ImageData WholeExtent=\"").append(extent)
        .append("\" Origin=\"0 0 0\" Spacing=\"").append(s).append(' ').append(s).append(' ')
        .append(s).append("\">\n")
        .append("    <Piece Extent=\"").append(extent).append("\">\n")
        .append("      <PointData>\n      </PointData>\n")
        .append("      <CellData Scalars=\"material\">\n");
    appendArray(sb, "material", material);
    appendArray(sb, "ion", ion);
    sb.append("      </CellData>\n")
        .append("    </Piece>\n")
        .append("  </ImageData>\n")
        .append("</VTKFile>\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads a file written by {@link #write}: uncompressed inline binary (UInt32 or UInt64
   * header) or ascii {@code UInt8} arrays, origin at 0.
   *
   * @throws IOException when the file is not such an image
   */
  public static Image read(Path file) throws IOException {
    Element root = Xml.parse(file).getDocumentElement();
    if (!"ImageData".equals(root.getAttribute("type"))) {
      throw new IOException(file + ": VTKFile type is '" + root.getAttribute("type")
          + "', expected ImageData");
    }
    if (!root.getAttribute("compressor").isEmpty()) {
      throw new IOException(file + ": compressed arrays are not supported");
    }
    boolean header64 = "UInt64".equals(root.getAttribute("header_type"));
    Element image = (Element) root.getElementsByTagName("ImageData").item(0);
    String[] e = image.getAttribute("WholeExtent").trim().split("\\s+");
    String[] sp = image.getAttribute("Spacing").trim().split("\\s+");
    if (e.length != 6) {
      throw new IOException(file + ": WholeExtent needs 6 numbers");
    }
    Grid grid = new Grid(span(e, 0), span(e, 2), span(e, 4));
    byte[] material = null;
    byte[] ion = null;
    NodeList arrays = image.getElementsByTagName("DataArray");
    for (int k = 0; k < arrays.getLength(); k++) {
      Element a = (Element) arrays.item(k);
      String name = a.getAttribute("Name");
      if (name.equals("material")) {
        material = decode(file, a, header64, grid.sites);
      } else if (name.equals("ion")) {
        ion = decode(file, a, header64, grid.sites);
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
    return new Image(new Lattice(grid, cells), Double.parseDouble(sp[0]));
  }

  private static int span(String[] extent, int k) {
    return Integer.parseInt(extent[k + 1]) - Integer.parseInt(extent[k]);
  }

  private static void appendArray(StringBuilder sb, String name, byte[] data) {
    ByteBuffer block = ByteBuffer.allocate(4 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    block.putInt(data.length).put(data);
    sb.append("        <DataArray type=\"UInt8\" Name=\"").append(name)
        .append("\" NumberOfComponents=\"1\" format=\"binary\" RangeMin=\"")
        .append(min(data)).append("\" RangeMax=\"").append(max(data)).append("\">\n")
        .append("          ").append(Base64.getEncoder().encodeToString(block.array()))
        .append("\n        </DataArray>\n");
  }

  private static byte[] decode(Path file, Element a, boolean header64, int n)
      throws IOException {
    String text = a.getTextContent().trim();
    if (!"UInt8".equals(a.getAttribute("type"))) {
      throw new IOException(file + ": array '" + a.getAttribute("Name") + "' has type "
          + a.getAttribute("type") + ", expected UInt8");
    }
    byte[] data;
    if ("ascii".equals(a.getAttribute("format"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(n);
      for (String v : text.split("\\s+")) {
        out.write(Integer.parseInt(v));
      }
      data = out.toByteArray();
    } else if ("binary".equals(a.getAttribute("format"))) {
      byte[] raw = Base64.getMimeDecoder().decode(text);
      int h = header64 ? 8 : 4;
      ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      long count = header64 ? bb.getLong() : Integer.toUnsignedLong(bb.getInt());
      if (count != n || raw.length < h + n) {
        throw new IOException(file + ": array '" + a.getAttribute("Name") + "' holds " + count
            + " bytes, grid needs " + n);
      }
      data = Arrays.copyOfRange(raw, h, h + n);
    } else {
      throw new IOException(file + ": array format '" + a.getAttribute("format")
          + "' not supported (ascii or inline binary)");
    }
    if (data.length != n) {
      throw new IOException(file + ": array '" + a.getAttribute("Name") + "' has "
          + data.length + " values, grid needs " + n);
    }
    return data;
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
