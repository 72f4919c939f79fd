package cz.proklik.bounces.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of a returned message in the ledger: SHA-256 of its Message-ID and the SHA-256 of its body. The body,
 * not the whole message: a copy delivered again or fetched from another folder gains Received headers.
 */
final class MessageKey {
    private MessageKey() {
    }

    static String of(String messageId, byte[] raw) {
        byte[] body = body(raw);
        String bodyHash = HexFormat.of().formatHex(sha256(body));
        String id = messageId == null ? "" : messageId;
        return HexFormat.of().formatHex(sha256((id + "\n" + bodyHash).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] body(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return Arrays.copyOfRange(raw, i + 2, raw.length);
            }
            if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
                return Arrays.copyOfRange(raw, i + 3, raw.length);
            }
        }
        return raw;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
