package cz.proklik.mailer.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keywords a template may use (docs/mailer.md). Anything else is refused when the template is imported, so a
 * misspelt keyword never reaches a recipient as a blank.
 */
public final class Keywords {
    public static final Set<String> CONTACT = Set.of("contact.id", "contact.email", "contact.first_name",
            "contact.last_name", "contact.language", "contact.region", "contact.country", "contact.organisation");
    public static final Set<String> PRODUCT = Set.of("id", "sku", "name", "group", "price", "image_url", "url",
            "position", "quantity");
    public static final Set<String> OTHER = Set.of("greeting", "unsubscribe_url", "view_url", "autologin_url",
            "campaign.name", "shop", "products");
    /** JMustache's own names inside sections. */
    private static final Set<String> SPECIAL = Set.of("-first", "-last", "-index", "this", ".");
    /** Raw output ({{{x}}} or {{&x}}) would let data become markup. Internal names are Proklik's own. */
    private static final Pattern FORBIDDEN = Pattern.compile("\\{\\{\\s*[{&]|\\{\\{[#^/!]?\\s*_pkl|\\{\\{\\s*[>=<$]");

    private Keywords() {
    }

    /** @throws RenderException naming every unknown keyword, or the forbidden construct, with its line */
    public static void check(String text, String where) {
        Matcher m = FORBIDDEN.matcher(text);
        if (m.find()) {
            throw new RenderException(where + ", line " + lineOf(text, m.start()) + ": '"
                    + text.substring(m.start(), Math.min(text.length(), m.start() + 12))
                    + "' is not allowed (no raw output, partials, delimiter changes or internal names)");
        }
        Template template;
        try {
            template = Mustache.compiler().compile(text);
        } catch (MustacheException e) {
            throw new RenderException(where + ": " + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                if (!known(name)) {
                    unknown.add("{{" + name + "}}");
                }
            }

            @Override
            public boolean visitInclude(String name) {
                unknown.add("{{>" + name + "}}");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                if (!known(name)) {
                    unknown.add("{{#" + name + "}}");
                }
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return visitSection(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new RenderException(where + ": unknown keyword" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (known: " + String.join(", ", allNames()) + ")");
        }
    }

    static boolean known(String name) {
        return CONTACT.contains(name) || PRODUCT.contains(name) || OTHER.contains(name) || SPECIAL.contains(name);
    }

    private static List<String> allNames() {
        List<String> all = new ArrayList<>(new TreeSet<>(OTHER));
        all.addAll(new TreeSet<>(CONTACT));
        all.add("products: " + String.join(" ", new TreeSet<>(PRODUCT)));
        return all;
    }

    static int lineOf(String text, int pos) {
        int line = 1;
        for (int i = 0; i < pos; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
