package org.liko.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables with left-aligned columns separated by two spaces. */
final class Tables {
  private Tables() {}

  /** Prints {@code rows} (the first is the header) with every column padded to its widest cell. */
  static void print(PrintWriter out, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int c = 0; c < cols; c++) {
        w[c] = Math.max(w[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        sb.append(c == cols - 1 ? r[c] : String.format("%-" + w[c] + "s  ", r[c]));
      }
      out.println(sb.toString().stripTrailing());
    }
    out.flush();
  }
}
