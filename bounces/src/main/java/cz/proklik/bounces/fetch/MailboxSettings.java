package cz.proklik.bounces.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A bounce mailbox: {@code imap://user@host:port/INBOX}, {@code imaps://...}, {@code pop3://user@host},
 * {@code pop3s://...}; the password separately (environment or user file only). The folder defaults to INBOX.
 */
public record MailboxSettings(String protocol, String host, int port, String user, String password, String folder) {
    public MailboxSettings {
        Objects.requireNonNull(protocol, "protocol");
        if (!protocol.matches("imaps?|pop3s?")) {
            throw new IllegalArgumentException("mailbox protocol must be imap, imaps, pop3 or pop3s: " + protocol);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(folder, "folder");
    }

    /** Parses the URL; a password in it is refused (it would end up in shell histories and process lists). */
    public static MailboxSettings parse(String url, String password) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bounce mailbox URL is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getUserInfo() == null) {
            throw new IllegalArgumentException("bounce mailbox URL must look like imaps://user@host/INBOX");
        }
        String userInfo = uri.getUserInfo();
        if (userInfo.contains(":")) {
            throw new IllegalArgumentException("put the mailbox password in proklik.bounces.mailbox.password "
                    + "(environment or user file), not in the URL");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String folder = path.isEmpty() ? "INBOX" : URLDecoder.decode(path, StandardCharsets.UTF_8);
        return new MailboxSettings(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost(), uri.getPort(),
                URLDecoder.decode(userInfo, StandardCharsets.UTF_8), password == null ? "" : password, folder);
    }

    public boolean isImap() {
        return protocol.startsWith("imap");
    }

    /** The mailbox without the password, for the ledger and messages. */
    public String display() {
        return protocol + "://" + user + "@" + host + (port > 0 ? ":" + port : "") + "/" + folder;
    }

    @Override
    public String toString() {
        return display();
    }
}
