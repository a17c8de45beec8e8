package org.liko.plots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * JSON output with one shared, deterministic configuration: pretty printed, map entries and
 * bean properties in sorted key order (tree nodes keep their insertion order, so a caller that
 * builds an {@code ObjectNode} decides its order), a trailing newline, written atomically.
 */
public final class Json {
  /** The shared mapper; thread-safe once configured. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
      .build();

  private Json() {}

  /** Serialises a value to pretty JSON text ending in a newline. */
  public static String toString(Object value) throws IOException {
    return MAPPER.writeValueAsString(value) + "\n";
  }

  /** Writes a value as pretty JSON, atomically. */
  public static Path write(Path target, Object value) throws IOException {
    return AtomicFiles.writeString(target, toString(value));
  }

  /** Reads a JSON file as a tree. */
  public static JsonNode read(Path file) throws IOException {
    return MAPPER.readTree(file.toFile());
  }
}
