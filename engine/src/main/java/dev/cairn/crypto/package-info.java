/**
 * restic's cryptography: the {@link dev.cairn.crypto.Key} that seals every stored object with
 * AES-256-CTR and authenticates the ciphertext with Poly1305-AES, the scrypt
 * {@link dev.cairn.crypto.Kdf} that turns a password into a user key, and the JSON of key files
 * and of the master key they wrap (restic-format.md section 2).
 *
 * <p>Depends on {@code core} and BouncyCastle's scrypt; encryption uses the JDK's intrinsified
 * AES, and {@link dev.cairn.crypto.Poly1305Aes} is Cairn's own (its test checks it against
 * BouncyCastle's).
 */
package dev.cairn.crypto;
