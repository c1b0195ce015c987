package dev.cairn.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.cairn.core.IntegrityException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Base64;

/** The master key's JSON: {@code {"mac":{"k":…,"r":…},"encrypt":…}} (restic-format.md 2.2). */
public final class MasterKeyJson {
  // jackson-core only: the databind ObjectMapper costs a third of a second at start-up.
  private static final JsonFactory JSON = new JsonFactory();

  private MasterKeyJson() {}

  /** Compact JSON in restic's field order. */
  public static byte[] encode(Key key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      write(g, key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode master key", e);
    }
    return out.toByteArray();
  }

  /** Pretty JSON as {@code restic cat masterkey} prints it. */
  public static String pretty(Key key) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      write(g, key);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode master key", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Key key) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("mac");
    g.writeStringField("k", Base64.getEncoder().encodeToString(key.macK()));
    g.writeStringField("r", Base64.getEncoder().encodeToString(key.macR()));
    g.writeEndObject();
    g.writeStringField("encrypt", Base64.getEncoder().encodeToString(key.encryptKey()));
    g.writeEndObject();
  }

  /**
   * Parses the master key JSON.
   *
   * @throws IntegrityException when a field is missing or has the wrong length
   */
  public static Key decode(byte[] json) {
    String k = "";
    String r = "";
    String enc = "";
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IntegrityException("invalid master key JSON: not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("mac") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String macField = p.currentName();
            p.nextToken();
            switch (macField) {
              case "k" -> k = p.getValueAsString("");
              case "r" -> r = p.getValueAsString("");
              default -> p.skipChildren();
            }
          }
        } else if (field.equals("encrypt")) {
          enc = p.getValueAsString("");
        } else {
          p.skipChildren();
        }
      }
      return new Key(Base64.getDecoder().decode(enc), Base64.getDecoder().decode(k),
          Base64.getDecoder().decode(r));
    } catch (IOException | IllegalArgumentException e) {
      throw new IntegrityException("invalid master key JSON: " + e.getMessage(), e);
    }
  }
}
