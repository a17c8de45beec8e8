package org.liko.plots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Comma-separated tables: a header line, then one line per row (RFC 4180 quoting for text
 * cells). Numbers are written with {@link Double#toString(double)} so that a value read back is
 * bit-identical to the value written; columns declared integer (counts) are written as integers
 * ({@code 1049}, not {@code 1049.0}), so pandas and R read them as integers; an empty cell reads
 * as NaN.
 */
public final class Csv {
  private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?\\d+");

  private Csv() {}

  /**
   * A numeric table.
   *
   * @param columns column names, in order
   * @param rows one array per row, each as long as {@code columns}
   * @param integerColumns columns that hold whole numbers (counts), written without a decimal
   *     point
   */
  public record Table(List<String> columns, List<double[]> rows, Set<String> integerColumns) {
    /** Validates the shape and copies the lists. */
    public Table {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
      integerColumns = Set.copyOf(integerColumns);
      for (double[] r : rows) {
        if (r.length != columns.size()) {
          throw new IllegalArgumentException(
              "row has " + r.length + " values, header has " + columns.size());
        }
      }
      for (String c : integerColumns) {
        if (!columns.contains(c)) {
          throw new IllegalArgumentException("integer column '" + c + "' not in " + columns);
        }
      }
    }

    /** A table whose columns all hold real numbers. */
    public Table(List<String> columns, List<double[]> rows) {
      this(columns, rows, Set.of());
    }

    /** True when the table has this column. */
    public boolean has(String name) {
      return columns.contains(name);
    }

    /**
     * Values of one column.
     *
     * @throws IllegalArgumentException naming the column when it is missing
     */
    public double[] column(String name) {
      int c = columns.indexOf(name);
      if (c < 0) {
        throw new IllegalArgumentException("column '" + name + "' not in " + columns);
      }
      double[] v = new double[rows.size()];
      for (int r = 0; r < v.length; r++) {
        v[r] = rows.get(r)[c];
      }
      return v;
    }
  }

  /**
   * A table of text cells (for files that mix names and numbers).
   *
   * @param columns column names
   * @param rows one array per row
   */
  public record Text(List<String> columns, List<String[]> rows) {
    /** Copies the lists. */
    public Text {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    /** Cell of a row by column name, or the empty string when the column is missing. */
    public String get(String[] row, String column) {
      int c = columns.indexOf(column);
      return c < 0 || c >= row.length ? "" : row[c];
    }

    /** Numeric cell of a row by column name; NaN when missing, empty or not a number. */
    public double number(String[] row, String column) {
      return parse(get(row, column));
    }
  }

  /**
   * Writes a numeric table atomically; NaN in an integer column is an empty cell.
   *
   * @throws IllegalArgumentException naming the column when an integer column holds a value
   *     that is not a whole number
   */
  public static Path write(Path target, Table table) throws IOException {
    StringBuilder sb = new StringBuilder();
    appendLine(sb, table.columns());
    boolean[] whole = new boolean[table.columns().size()];
    for (int i = 0; i < whole.length; i++) {
      whole[i] = table.integerColumns().contains(table.columns().get(i));
    }
    for (double[] r : table.rows()) {
      for (int i = 0; i < r.length; i++) {
        sb.append(i == 0 ? "" : ",");
        if (!whole[i]) {
          sb.append(r[i]);
        } else if (Double.isNaN(r[i])) {
          continue;
        } else if (r[i] == Math.rint(r[i]) && Math.abs(r[i]) <= 0x1p53) {
          sb.append((long) r[i]);
        } else {
          throw new IllegalArgumentException("column '" + table.columns().get(i) + "' holds "
              + r[i] + ", not a whole number");
        }
      }
      sb.append('\n');
    }
    return AtomicFiles.writeString(target, sb.toString());
  }

  /** Writes a text table atomically, quoting cells that need it. */
  public static Path write(Path target, Text table) throws IOException {
    StringBuilder sb = new StringBuilder();
    appendLine(sb, table.columns());
    for (String[] r : table.rows()) {
      appendLine(sb, Arrays.asList(r));
    }
    return AtomicFiles.writeString(target, sb.toString());
  }

  /**
   * Reads a numeric table; every cell must be a number, NaN, +-Infinity or empty. Columns whose
   * cells are all integer literals (or empty) are the table's integer columns.
   */
  public static Table read(Path file) throws IOException {
    Text text = readText(file);
    List<double[]> rows = new ArrayList<>();
    boolean[] whole = new boolean[text.columns().size()];
    Arrays.fill(whole, !text.rows().isEmpty());
    int line = 1;
    for (String[] cells : text.rows()) {
      line++;
      if (cells.length != text.columns().size()) {
        throw new IOException(file + " line " + line + ": " + cells.length + " cells, header has "
            + text.columns().size());
      }
      double[] r = new double[cells.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = parse(cells[i]);
        whole[i] &= cells[i].isBlank() || INTEGER.matcher(cells[i].strip()).matches();
        if (Double.isNaN(r[i]) && !cells[i].isBlank() && !cells[i].strip().equals("NaN")) {
          throw new IOException(file + " line " + line + " column '" + text.columns().get(i)
              + "': not a number: '" + cells[i] + "'");
        }
      }
      rows.add(r);
    }
    Set<String> integers = new java.util.HashSet<>();
    for (int i = 0; i < whole.length; i++) {
      if (whole[i]) {
        integers.add(text.columns().get(i));
      }
    }
    return new Table(text.columns(), rows, integers);
  }

  /** Reads a table of text cells; blank lines are skipped. */
  public static Text readText(Path file) throws IOException {
    List<String[]> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(split(line));
      }
    }
    if (lines.isEmpty()) {
      throw new IOException(file + ": empty, expected a header line");
    }
    return new Text(Arrays.asList(lines.get(0)), lines.subList(1, lines.size()));
  }

  private static double parse(String cell) {
    String s = cell.strip();
    if (s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static void appendLine(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i) == null ? "" : cells.get(i);
      if (i > 0) {
        sb.append(',');
      }
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append('\n');
  }

  private static String[] split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return out.toArray(new String[0]);
  }
}
