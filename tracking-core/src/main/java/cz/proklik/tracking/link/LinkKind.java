package cz.proklik.tracking.link;

import java.util.Optional;

/** The three kinds of tracking link; each has its own path segment on the redirect page. */
public enum LinkKind {
    CLICK("c"),
    OPEN("o"),
    UNSUBSCRIBE("u");

    private final String pathSegment;

    LinkKind(String pathSegment) {
        this.pathSegment = pathSegment;
    }

    public String pathSegment() {
        return pathSegment;
    }

    public static Optional<LinkKind> fromPathSegment(String segment) {
        for (LinkKind kind : values()) {
            if (kind.pathSegment.equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
