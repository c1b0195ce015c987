package dev.cairn.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.core.IntegrityException;
import dev.cairn.pack.PackedBlob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of one index file: for each pack, the blobs it holds. Encodes compact JSON with a
 * trailing newline, as restic's {@code json.Encoder}; decodes restic's current and legacy forms
 * (a top-level array of packs) and ignores {@code supersedes} and unknown fields.
 */
public final class IndexFile {
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<Id, List<PackedBlob>> packs = new LinkedHashMap<>();

  /** Adds the blobs of one pack. */
  public void add(Id pack, List<PackedBlob> blobs) {
    packs.computeIfAbsent(pack, p -> new ArrayList<>()).addAll(blobs);
  }

  public Map<Id, List<PackedBlob>> packs() {
    return packs;
  }

  /** Number of blobs listed. */
  public int blobCount() {
    int n = 0;
    for (List<PackedBlob> l : packs.values()) {
      n += l.size();
    }
    return n;
  }

  /** Compact JSON plus {@code \n}. */
  public byte[] encode() {
    StringBuilder sb = new StringBuilder(64 + blobCount() * 160);
    sb.append("{\"packs\":[");
    boolean firstPack = true;
    for (Map.Entry<Id, List<PackedBlob>> e : packs.entrySet()) {
      if (!firstPack) {
        sb.append(',');
      }
      firstPack = false;
      sb.append("{\"id\":\"").append(e.getKey().hex()).append("\",\"blobs\":[");
      boolean first = true;
      for (PackedBlob b : e.getValue()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append("{\"id\":\"").append(b.id().hex())
            .append("\",\"type\":\"").append(b.type().json())
            .append("\",\"offset\":").append(b.offset())
            .append(",\"length\":").append(Integer.toUnsignedLong(b.length()));
        if (b.compressed()) {
          sb.append(",\"uncompressed_length\":").append(Integer.toUnsignedLong(b.uncompressedLength()));
        }
        sb.append('}');
      }
      sb.append("]}");
    }
    sb.append("]}\n");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses index JSON.
   *
   * @param name the index file's name, for messages
   * @throws IntegrityException when the JSON does not describe an index
   */
  public static IndexFile decode(byte[] json, String name) {
    IndexFile idx = new IndexFile();
    try (JsonParser p = JSON.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        readPacks(p, idx);
      } else if (t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("packs") && p.currentToken() == JsonToken.START_ARRAY) {
            readPacks(p, idx);
          } else {
            p.skipChildren();
          }
        }
      } else {
        throw new IOException("not a JSON object or array");
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IntegrityException("invalid index " + name + ": " + e.getMessage(), e);
    }
    return idx;
  }

  private static void readPacks(JsonParser p, IndexFile idx) throws IOException {
    while (p.nextToken() == JsonToken.START_OBJECT) {
      Id pack = null;
      List<long[]> raw = new ArrayList<>();
      List<BlobHandle> handles = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("id")) {
          pack = Id.parse(p.getText());
        } else if (field.equals("blobs") && p.currentToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Id id = null;
            BlobType type = null;
            long[] v = new long[3];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              switch (f) {
                case "id" -> id = Id.parse(p.getText());
                case "type" -> type = BlobType.parse(p.getText());
                case "offset" -> v[0] = p.getLongValue();
                case "length" -> v[1] = p.getLongValue();
                case "uncompressed_length" -> v[2] = p.getLongValue();
                default -> p.skipChildren();
              }
            }
            if (id == null || type == null) {
              throw new IOException("blob entry without id or type");
            }
            handles.add(new BlobHandle(id, type));
            raw.add(v);
          }
        } else {
          p.skipChildren();
        }
      }
      if (pack == null) {
        throw new IOException("pack entry without id");
      }
      List<PackedBlob> blobs = new ArrayList<>(handles.size());
      for (int i = 0; i < handles.size(); i++) {
        long[] v = raw.get(i);
        blobs.add(new PackedBlob(handles.get(i), pack, v[0], (int) v[1], (int) v[2]));
      }
      idx.add(pack, blobs);
    }
  }

  /** For tests and {@code cat index}: the JSON as text. */
  @Override
  public String toString() {
    return new String(encode(), StandardCharsets.US_ASCII);
  }
}
