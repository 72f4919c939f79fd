package cz.proklik.tracking.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP GET written byte for byte on a plain socket, for the tests that send a user agent as a phone app or a
 * probe does (tabs, runs of spaces, raw UTF-8): Java's HttpClient refuses such header values.
 */
public final class RawGet {
    private RawGet() {
    }

    /** Sends {@code GET path} to 127.0.0.1:{@code port} with {@code userAgent}'s UTF-8 bytes; the whole response. */
    public static String withUserAgent(int port, String path, String userAgent) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nUser-Agent: ")
                    .getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(userAgent.getBytes(StandardCharsets.UTF_8));
            request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
