package cz.proklik.pull;

import java.io.IOException;

/** The node presented a host key other than the pinned one: nothing is read from it or sent to it. */
public final class HostKeyRefusedException extends IOException {
    public HostKeyRefusedException(String message) {
        super(message);
    }
}
