package cz.proklik.bounces.parse;

import java.util.Objects;

/**
 * One recipient a delivery report says failed: the address as reported, the RFC 3464 action (failed, or null when
 * the report had none), the RFC 3463 status ("5.1.1", null when none was given or found in the text), the SMTP reply
 * code ("550", or null) and the diagnostic text (the remote server's answer or the MTA's explanation, or null).
 */
public record FailedRecipient(String address, String action, String status, String replyCode, String diagnostic) {
    public FailedRecipient {
        Objects.requireNonNull(address, "address");
        if (!Addresses.isAddress(address)) {
            throw new IllegalArgumentException("not an e-mail address: " + address);
        }
        if (status != null && !StatusCodes.isEnhanced(status)) {
            throw new IllegalArgumentException("not an RFC 3463 status: " + status);
        }
        if (diagnostic != null && diagnostic.length() > 1000) {
            diagnostic = diagnostic.substring(0, 1000);
        }
    }
}
