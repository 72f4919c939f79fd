package cz.proklik.mailer.render;

/**
 * A tracked link as put into one rendered mail: element id, description, the target with its UTM parameters, the
 * signed URL, its order, and the URL as authored (keywords unfilled: what the campaign's link row records).
 */
public record MintedLink(String linkId, String description, String target, String url, int position,
                         String authoredTarget) {
}
