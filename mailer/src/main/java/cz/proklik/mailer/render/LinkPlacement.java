package cz.proklik.mailer.render;

import com.samskivert.mustache.Template;
import cz.proklik.mailer.links.LinkSpan;

import java.util.Map;

/**
 * Where a link stands in one render: its element id and utm_term. A link inside a product block is one link per
 * product, so its id gets the product's position and, unless the author set a term, the product's SKU as its term;
 * the reference render and the compiled segments must derive both alike, or their links would differ.
 */
record LinkPlacement(String id, String term) {

    static LinkPlacement of(LinkSpan span, Template.Fragment frag) {
        String id = span.elementId();
        String term = span.utmTerm();
        if (frag.context() instanceof Map<?, ?> ctx && ctx.get("position") instanceof Integer pos) {
            id = id + "-" + pos;
            if (term == null && ctx.get("sku") instanceof String sku) {
                term = sku;
            }
        }
        return new LinkPlacement(id, term);
    }
}
