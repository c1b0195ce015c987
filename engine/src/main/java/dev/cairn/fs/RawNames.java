package dev.cairn.fs;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Converts between {@link Path} and the raw bytes Linux uses for file names and link targets.
 *
 * <p>The JDK keeps those bytes inside {@code sun.nio.fs.UnixPath}; this class reaches them through
 * method handles, looked up once when the class initialises. That needs {@code --add-opens
 * java.base/sun.nio.fs=ALL-UNNAMED}, which {@code bin/cairn} passes and the jar's manifest
 * ({@code Add-Opens}) grants to {@code java -jar}. Without it (or on another file system
 * provider) the class falls back to encoding and decoding with the platform's file-name charset,
 * and refuses, with a {@link RawNameException}, every name that is not valid in that charset
 * instead of mangling it; {@link #isExact()} then returns {@code false}.
 *
 * <p>All methods are thread-safe and never share arrays with the caller.
 */
public final class RawNames {

  private static final Charset CHARSET = fileNameCharset();
  private static final FileSystem FS = FileSystems.getDefault();
  /** {@code (Path) -> byte[]}, or null in fallback mode. */
  private static final MethodHandle TO_BYTES;
  /** {@code (byte[]) -> Path}, or null in fallback mode. */
  private static final MethodHandle FROM_BYTES;
  private static final Class<?> UNIX_PATH;
  private static final String FALLBACK_REASON;

  static {
    MethodHandle toBytes = null;
    MethodHandle fromBytes = null;
    Class<?> unixPath = null;
    String reason = null;
    try {
      unixPath = Class.forName("sun.nio.fs.UnixPath");
      Class<?> unixFs = Class.forName("sun.nio.fs.UnixFileSystem");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(unixPath, MethodHandles.lookup());
      toBytes = lookup.findVirtual(unixPath, "asByteArray", MethodType.methodType(byte[].class))
          .asType(MethodType.methodType(byte[].class, Path.class));
      fromBytes = MethodHandles.insertArguments(
              lookup.findConstructor(unixPath, MethodType.methodType(void.class, unixFs, byte[].class)),
              0, FS)
          .asType(MethodType.methodType(Path.class, byte[].class));
      byte[] probe = {'a', (byte) 0xff, '/', 'b'};
      Path path = (Path) fromBytes.invokeExact(probe.clone());
      if (!unixPath.isInstance(FS.getPath("/")) || !Arrays.equals(probe, (byte[]) toBytes.invokeExact(path))) {
        throw new IllegalStateException("raw path bytes do not round-trip");
      }
    } catch (Throwable e) { // IllegalAccessException, InaccessibleObjectException, linkage errors
      toBytes = null;
      fromBytes = null;
      reason = e.toString();
    }
    TO_BYTES = toBytes;
    FROM_BYTES = fromBytes;
    UNIX_PATH = unixPath;
    FALLBACK_REASON = reason;
  }

  private RawNames() {}

  /** True when names round-trip byte for byte; false in the charset fallback mode. */
  public static boolean isExact() {
    return TO_BYTES != null;
  }

  /** Why the exact mode is not available, or null when it is. For a one-time warning. */
  public static String fallbackReason() {
    return FALLBACK_REASON;
  }

  /**
   * The raw bytes of a path, a file name (a single component) or a link target alike, exactly as
   * the kernel sees them. The result is a fresh array.
   */
  public static byte[] bytes(Path path) {
    if (TO_BYTES != null && UNIX_PATH.isInstance(path)) {
      try {
        return ((byte[]) TO_BYTES.invokeExact(path)).clone();
      } catch (Throwable e) {
        throw new IllegalStateException("UnixPath.asByteArray failed", e);
      }
    }
    String s = path.toString();
    CharsetEncoder encoder = CHARSET.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    if (s.indexOf('\uFFFD') >= 0 || !encoder.canEncode(s)) {
      // the JDK decoded bytes that are not valid in the charset: the real name is lost
      throw new RawNameException("cannot read the exact name of " + display(s.getBytes(CHARSET))
          + " (it is not valid " + CHARSET + ")");
    }
    return s.getBytes(CHARSET);
  }

  /** The raw bytes of the last component of {@code path}: the name a directory entry has. */
  public static byte[] name(Path path) {
    Path name = path.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("path has no file name: " + display(bytes(path)));
    }
    return bytes(name);
  }

  /**
   * A relative single-component path from a raw file name, to be resolved against a directory.
   * Rejects empty names, {@code "."}, {@code ".."} and names containing {@code '/'} or NUL, so a
   * name from a snapshot can never escape the directory it is restored into.
   */
  public static Path path(byte[] name) {
    if (name.length == 0 || Arrays.equals(name, new byte[] {'.'}) || Arrays.equals(name, new byte[] {'.', '.'})) {
      throw new IllegalArgumentException("not a file name: " + display(name));
    }
    for (byte b : name) {
      if (b == '/' || b == 0) {
        throw new IllegalArgumentException("not a single file name: " + display(name));
      }
    }
    return anyPath(name);
  }

  /**
   * A path from arbitrary raw bytes (absolute, relative, with any number of slashes), kept exactly
   * as given and not normalised. Used for symlink targets. Rejects NUL bytes.
   */
  public static Path anyPath(byte[] raw) {
    for (byte b : raw) {
      if (b == 0) {
        throw new IllegalArgumentException("path contains NUL: " + display(raw));
      }
    }
    if (FROM_BYTES != null) {
      try {
        return (Path) FROM_BYTES.invokeExact(raw.clone());
      } catch (Throwable e) {
        throw new IllegalStateException("UnixPath(byte[]) failed", e);
      }
    }
    try {
      return FS.getPath(CHARSET.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new RawNameException("cannot write the name " + display(raw) + " exactly (it is not"
          + " valid " + CHARSET + ")");
    }
  }

  /** A readable form of a path for messages; see {@link #display(byte[])}. */
  public static String display(Path path) {
    try {
      return display(bytes(path));
    } catch (RawNameException e) {
      return display(path.toString().getBytes(CHARSET));
    }
  }

  /**
   * A readable, unambiguous form of raw name bytes for messages, in Go-quote style: surrounded by
   * double quotes, {@code "} and {@code \} escaped, control characters as {@code \n}, {@code \t} or
   * {@code \xHH}, and every byte that is not part of valid UTF-8 as {@code \xHH}.
   */
  public static String display(byte[] raw) {
    StringBuilder out = new StringBuilder(raw.length + 2).append('"');
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw);
    CharBuffer chars = CharBuffer.allocate(raw.length + 1);
    while (true) {
      CoderResult result = decoder.decode(in, chars, true);
      chars.flip();
      appendEscaped(out, chars);
      chars.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          out.append(String.format("\\x%02x", in.get() & 0xff));
        }
      } else if (!in.hasRemaining()) {
        break;
      }
    }
    return out.append('"').toString();
  }

  private static void appendEscaped(StringBuilder out, CharSequence chars) {
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  private static Charset fileNameCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
