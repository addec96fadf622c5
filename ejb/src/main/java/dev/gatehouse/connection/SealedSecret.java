package dev.gatehouse.connection;

/**
 * A secret as stored: AES-256-GCM ciphertext (nonce prepended, base64) and the id of the key that
 * sealed it, so that keys can be rotated without guessing.
 */
public record SealedSecret(String keyId, String ciphertext) {}
