package cz.proklik.redirect.tracking;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The User-Agent header as the client sent its bytes. Undertow's parser turns each header byte into one char (as
 * ISO-8859-1 would), so a UTF-8 agent (a Czech app name, an emoji) arrives with every multi-byte character split
 * into several wrong ones; the click log promises the agent byte-faithfully (docs/clicklog-format.md, v2), so the
 * bytes are put back together and read as UTF-8. Bytes that are not UTF-8 become U+FFFD.
 */
final class UserAgentHeader {
    private UserAgentHeader() {
    }

    static String of(HttpServerExchange exchange) {
        String ua = exchange.getRequestHeaders().getFirst(Headers.USER_AGENT);
        return ua == null ? "" : asUtf8(ua);
    }

    static String asUtf8(String headerValue) {
        int i = 0;
        while (i < headerValue.length() && headerValue.charAt(i) < 0x80) {
            i++;
        }
        if (i == headerValue.length()) {
            return headerValue; // ASCII, the common case: nothing to undo
        }
        byte[] bytes = new byte[headerValue.length()];
        for (int j = 0; j < bytes.length; j++) {
            bytes[j] = (byte) headerValue.charAt(j); // the low 8 bits are the byte, however it was widened
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
