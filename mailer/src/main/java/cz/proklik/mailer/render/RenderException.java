package cz.proklik.mailer.render;

/**
 * A mail that must not go out as rendered: unknown keyword, missing product, empty required field, a link that
 * is no http(s) URL. Raised at import or preview time with a message that names the cause, never a blank mail.
 */
public class RenderException extends RuntimeException {
    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
