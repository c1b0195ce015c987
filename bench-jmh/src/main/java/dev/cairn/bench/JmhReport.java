package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints JMH's JSON result ({@code -rf json}) as two markdown tables: each stage's MB/s beside
 * its limit, and index lookups in ns beside the ideal probe. A stage's limit is the time its
 * primitive steps take at their own measured speed, added up (for example pack assembly: a copy
 * and a SHA-256 of every byte); the ratio is stage speed over limit speed, 1.00 meaning the
 * stage runs at its limit. Rows whose benchmarks were not run are left out.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.cairn.bench.JmhReport result.json}
 */
public final class JmhReport {
  private static final String COPY = "MemoryBench.copy";
  private static final String SHA = "HashBench.rawSha256";
  private static final String AES = "CryptoBench.rawAesCtr";
  private static final String ZC = "CompressionBench.zstdCompress[data=compressible]";
  private static final String ZI = "CompressionBench.zstdCompress[data=incompressible]";
  private static final String ZDC = "CompressionBench.zstdDecompress[data=compressible]";
  private static final Map<String, String> PRIMITIVES = Map.of(
      COPY, "copy", SHA, "SHA-256", AES, "AES-CTR", ZC, "zstd text", ZI, "zstd random",
      ZDC, "unzstd text");

  /** One row: a label, the benchmark, and the primitives that make up its limit. */
  private record Row(String label, String bench, List<String> limit) {}

  private static final List<Row> THROUGHPUT = List.of(
      new Row("memory copy (System.arraycopy, 64 MiB)", COPY, List.of()),
      new Row("memory fill (Arrays.fill, 64 MiB)", "MemoryBench.fill", List.of()),
      new Row("memory read (sum of longs, 64 MiB)", "MemoryBench.read", List.of()),
      new Row("raw SHA-256 (MessageDigest, 1 MiB)", SHA, List.of()),
      new Row("raw AES-256-CTR (javax.crypto, 1 MiB in 64 KiB calls)", AES, List.of()),
      new Row("raw AES-256-CTR, one 1 MiB call (JIT never uses AES-NI)",
          "CryptoBench.rawAesCtrOneCall", List.of()),
      new Row("zstd -3 compress, text (1 MiB)", ZC, List.of()),
      new Row("zstd -3 compress, random (1 MiB)", ZI, List.of()),
      new Row("zstd decompress, text (1 MiB)", ZDC, List.of()),
      new Row("chunker (Chunker, 64 MiB random)", "ChunkerBench.chunk", List.of(COPY)),
      new Row("blob id (Id.hash SHA-256, 1 MiB)", "HashBench.blobId", List.of(SHA)),
      new Row("Poly1305-AES (BouncyCastle, 1 MiB; used before 2026-12-05)",
          "CryptoBench.poly1305", List.of(AES)),
      new Row("Poly1305-AES (Cairn's Poly1305Aes, 1 MiB)", "CryptoBench.poly1305Cairn",
          List.of(AES)),
      new Row("seal (Key.seal: AES-CTR + Poly1305, 1 MiB)", "CryptoBench.seal", List.of(AES)),
      new Row("open (Key.open: Poly1305 + AES-CTR, 1 MiB)", "CryptoBench.open", List.of(AES)),
      new Row("BlobCodec.seal, text (zstd + seal)",
          "CompressionBench.codecSeal[data=compressible]", List.of(ZC)),
      new Row("BlobCodec.seal, random (zstd tried + seal)",
          "CompressionBench.codecSeal[data=incompressible]", List.of(ZI, AES)),
      new Row("BlobCodec.openTransient, text (open + unzstd + SHA-256)",
          "CompressionBench.codecOpen[data=compressible]", List.of(ZDC, SHA)),
      new Row("BlobCodec.openTransient, random (open + SHA-256)",
          "CompressionBench.codecOpen[data=incompressible]", List.of(AES, SHA)),
      new Row("pack assembly (PackWriter, 16 x 1 MiB blobs)",
          "PackBench.assemble[blobSize=1048576]", List.of(SHA)),
      new Row("pack assembly (PackWriter, 1024 x 16 KiB blobs)",
          "PackBench.assemble[blobSize=16384]", List.of(SHA)));

  private static final String PROBE = "IndexBench.idealProbe[entries=1000000]";
  private static final List<Row> LOOKUPS = List.of(
      new Row("ideal probe (make the query, 2 dependent random reads)", PROBE, List.of()),
      new Row("MasterIndex.lookup, hit", "IndexBench.lookupHit[entries=1000000]", List.of(PROBE)),
      new Row("MasterIndex.lookup, miss", "IndexBench.lookupMiss[entries=1000000]", List.of(PROBE)),
      new Row("MasterIndex.has, hit", "IndexBench.hasHit[entries=1000000]", List.of(PROBE)),
      new Row("MasterIndex.has, miss", "IndexBench.hasMiss[entries=1000000]", List.of(PROBE)));

  private JmhReport() {}

  public static void main(String[] args) throws IOException {
    Map<String, Double> errors = new LinkedHashMap<>();
    Map<String, Double> scores = read(new File(args[0]), errors);
    System.out.println("| stage | MB/s | ± | limit (sum of) | limit MB/s | ratio |");
    System.out.println("|---|---:|---:|---|---:|---:|");
    for (Row row : THROUGHPUT) {
      Double mbs = scores.get(row.bench());
      if (mbs == null) {
        continue;
      }
      Double limit = row.limit().isEmpty() ? null : timeSum(scores, row.limit(), true);
      System.out.printf(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %s |%n", row.label(), mbs,
          error(errors.get(row.bench()), "%.0f"),
          row.limit().isEmpty() ? "(primitive)" : names(row.limit()),
          limit == null ? "-" : String.format(Locale.ROOT, "%.0f", limit),
          limit == null ? "-" : String.format(Locale.ROOT, "%.2f", mbs / limit));
    }
    System.out.println();
    System.out.println("| index operation (1M entries) | ns/op | ± | limit | limit ns/op | ratio |");
    System.out.println("|---|---:|---:|---|---:|---:|");
    for (Row row : LOOKUPS) {
      Double ns = scores.get(row.bench());
      if (ns == null) {
        continue;
      }
      Double limit = row.limit().isEmpty() ? null : timeSum(scores, row.limit(), false);
      System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s |%n", row.label(), ns,
          error(errors.get(row.bench()), "%.1f"),
          row.limit().isEmpty() ? "(primitive)" : "ideal probe",
          limit == null ? "-" : String.format(Locale.ROOT, "%.1f", limit),
          limit == null ? "-" : String.format(Locale.ROOT, "%.2f", limit / ns));
    }
  }

  /**
   * Benchmark key ({@code Class.method[param=value,...]}) to primary score; the score errors
   * (JMH's 99.9% confidence half-width, NaN with a single measurement) go into {@code errors}.
   */
  private static Map<String, Double> read(File json, Map<String, Double> errors)
      throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode r : new ObjectMapper().readTree(json)) {
      String name = r.get("benchmark").asText();
      String[] parts = name.split("\\.");
      StringBuilder key = new StringBuilder(parts[parts.length - 2] + "." + parts[parts.length - 1]);
      JsonNode params = r.get("params");
      if (params != null && params.size() > 0) {
        key.append('[');
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> p = it.next();
          key.append(p.getKey()).append('=').append(p.getValue().asText());
          key.append(it.hasNext() ? "," : "]");
        }
      }
      JsonNode metric = r.get("primaryMetric");
      out.put(key.toString(), metric.get("score").asDouble());
      errors.put(key.toString(), metric.get("scoreError").asDouble(Double.NaN));
    }
    return out;
  }

  /**
   * The combined speed of steps run one after the other: MB/s from summed seconds per MB when
   * {@code rates}, else the sum of ns/op. Null when a step was not measured.
   */
  private static Double timeSum(Map<String, Double> scores, List<String> steps, boolean rates) {
    double sum = 0;
    for (String s : steps) {
      Double v = scores.get(s);
      if (v == null) {
        return null;
      }
      sum += rates ? 1 / v : v;
    }
    return rates ? 1 / sum : sum;
  }

  private static String error(Double e, String format) {
    return e == null || e.isNaN() ? "-" : String.format(Locale.ROOT, format, e);
  }

  private static String names(List<String> steps) {
    StringBuilder sb = new StringBuilder();
    for (String s : steps) {
      sb.append(sb.length() > 0 ? " + " : "").append(PRIMITIVES.getOrDefault(s, s));
    }
    return sb.toString();
  }
}
