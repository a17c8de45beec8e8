package org.liko.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * ParaView collection files ({@code series.pvd}): a list of datasets with their time step, so
 * ParaView plays the snapshots of a run as an animation in simulated time.
 */
public final class Pvd {
  private Pvd() {}

  /**
   * One dataset of the collection.
   *
   * @param time_s simulated time of the snapshot, s
   * @param file file name relative to the folder of the {@code .pvd}
   */
  public record Entry(double time_s, String file) {}

  /** Writes the collection atomically, entries in the given order. */
  public static Path write(Path target, List<Entry> entries) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\"?>\n")
        .append("<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n")
        .append("  <Collection>\n");
    for (Entry e : entries) {
      sb.append("    <DataSet timestep=\"").append(Double.toString(e.time_s()))
          .append("\" group=\"\" part=\"0\" file=\"").append(Xml.escape(e.file()))
          .append("\"/>\n");
    }
    sb.append("  </Collection>\n</VTKFile>\n");
    return AtomicFiles.writeString(target, sb.toString());
  }

  /** Reads the entries of a collection in file order. */
  public static List<Entry> read(Path file) throws IOException {
    NodeList sets = Xml.parse(file).getElementsByTagName("DataSet");
    List<Entry> out = new ArrayList<>();
    for (int k = 0; k < sets.getLength(); k++) {
      Element d = (Element) sets.item(k);
      try {
        out.add(new Entry(Double.parseDouble(d.getAttribute("timestep")),
            d.getAttribute("file")));
      } catch (NumberFormatException e) {
        throw new IOException(file + ": DataSet " + k + " has timestep '"
            + d.getAttribute("timestep") + "', expected a number", e);
      }
    }
    return out;
  }
}
