package dev.cairn.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.SCrypt;

/** Derives a user key from a password with scrypt (RFC 7914), as restic does. */
public final class Kdf {
  /** restic requires a 64-byte salt. */
  public static final int SALT_SIZE = 64;

  private Kdf() {}

  /** Returns the 64 bytes scrypt derives from the UTF-8 bytes of {@code password}. */
  public static byte[] scrypt(String password, byte[] salt, KdfParams params) {
    return SCrypt.generate(
        password.getBytes(StandardCharsets.UTF_8), salt, params.n(), params.r(), params.p(), 64);
  }

  /** The user key for {@code password}: scrypt output split into encrypt, k and r. */
  public static Key deriveKey(String password, byte[] salt, KdfParams params) {
    if (salt.length != SALT_SIZE) {
      throw new IllegalArgumentException("invalid salt: " + salt.length + " bytes, want 64");
    }
    return Key.fromBytes(scrypt(password, salt, params));
  }
}
