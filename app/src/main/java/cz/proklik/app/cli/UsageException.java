package cz.proklik.app.cli;

import java.util.function.Supplier;

/**
 * Wrong usage or configuration: exit code 2 with the message, no stack trace. Every other exception of a command is
 * a failure (exit code 1), so a bug deep inside can never pass for a user's mistake.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    private UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds a value from what the user typed or configured; the validating constructors of the domain records say
     * what is wrong with an IllegalArgumentException, which here becomes a usage error with the same message.
     */
    public static <T> T ifInvalid(Supplier<T> fromArguments) {
        try {
            return fromArguments.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
