package cz.proklik.mailer.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import cz.proklik.mailer.links.LinkScanner;
import cz.proklik.mailer.links.LinkSpan;
import cz.proklik.mailer.links.PlainTextTemplate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an authored template version into a {@link CompiledTemplate}; every check that needs no data runs here. */
public final class TemplateCompiler {
    static final String LINK = "_pkl_link_";
    static final String TEXT_LINK = "_pkl_text_";
    static final String OPEN = "_pkl_open";
    /** The placeholders' names, made once: a render puts two per link into its model, for every mail. */
    private static final String[] LINK_KEYS = new String[256];
    private static final String[] TEXT_LINK_KEYS = new String[256];

    static {
        for (int k = 0; k < LINK_KEYS.length; k++) {
            LINK_KEYS[k] = LINK + k;
            TEXT_LINK_KEYS[k] = TEXT_LINK + k;
        }
    }
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);
    /** A URL attribute that starts with a keyword must start with a URL keyword (not contact data). */
    private static final Pattern URL_ATTR = Pattern.compile(
            "\\s(href|src|background|action)\\s*=\\s*[\"']?\\s*\\{\\{\\s*([^}\\s]+)\\s*}}", Pattern.CASE_INSENSITIVE);
    private static final Set<String> URL_KEYWORDS = Set.of("image_url", "url", "unsubscribe_url",
            "view_url", "autologin_url");

    private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(Escaping.HTML);
    /** The formatter keeps a SafeUrl as it is, so the URL escaper can tell it from data. */
    private static final Mustache.Compiler URL = Mustache.compiler().withEscaper(Escaping.URL)
            .withFormatter(v -> v instanceof CharSequence cs ? cs : String.valueOf(v));
    private static final Mustache.Compiler TEXT = Mustache.compiler().withEscaper(Escaping.TEXT);

    private TemplateCompiler() {
    }

    /** The HTML placeholder of tracked link {@code k}. */
    static String linkKey(int k) {
        return k < LINK_KEYS.length ? LINK_KEYS[k] : LINK + k;
    }

    /** The plain-text placeholder of tracked link {@code k}. */
    static String textLinkKey(int k) {
        return k < TEXT_LINK_KEYS.length ? TEXT_LINK_KEYS[k] : TEXT_LINK + k;
    }

    public static CompiledTemplate compile(StoredTemplate template, StoredTemplateVersion version) {
        String where = "template " + template.id() + " (" + version.language() + "/" + version.shop() + ")";
        String html = version.html();
        Keywords.check(version.subject(), where + " subject");
        Keywords.check(html, where);
        refuseCodeContexts(html, where);
        Matcher urlAttr = URL_ATTR.matcher(html);
        while (urlAttr.find()) {
            if (!URL_KEYWORDS.contains(urlAttr.group(2))) {
                throw new RenderException(where + ", line " + Keywords.lineOf(html, urlAttr.start()) + ": "
                        + urlAttr.group(1).toLowerCase(Locale.ROOT) + " starts with {{" + urlAttr.group(2)
                        + "}}; a URL may start only with " + String.join(", ", URL_KEYWORDS));
            }
        }
        List<LinkSpan> links = LinkScanner.scan(html);
        StringBuilder rewritten = new StringBuilder(html.length() + links.size() * 32);
        Map<Integer, String> textPlaceholders = new HashMap<>();
        List<Template> targets = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < links.size(); k++) {
            LinkSpan link = links.get(k);
            rewritten.append(html, at, link.valueStart()).append("{{#").append(LINK).append(k).append("}}{{/")
                    .append(LINK).append(k).append("}}");
            at = link.valueEnd();
            textPlaceholders.put(link.valueStart(), "{{#" + TEXT_LINK + k + "}}{{/" + TEXT_LINK + k + "}}");
            try {
                targets.add(URL.compile(link.href().strip()));
            } catch (MustacheException e) {
                throw new RenderException(where + ": link " + link.elementId() + ": " + e.getMessage(), e);
            }
        }
        rewritten.append(html, at, html.length());
        String pixel = "<img src=\"{{" + OPEN + "}}\" width=\"1\" height=\"1\" alt=\"\" border=\"0\" "
                + "style=\"display:block;width:1px;height:1px;border:0\">";
        Matcher end = BODY_END.matcher(rewritten);
        int bodyEnd = -1;
        while (end.find()) {
            bodyEnd = end.start();
        }
        if (bodyEnd >= 0) {
            rewritten.insert(bodyEnd, pixel);
        } else {
            rewritten.append(pixel);
        }
        String text = PlainTextTemplate.of(html, textPlaceholders);
        try {
            return new CompiledTemplate(template.id(), version.language(), version.shop(),
                    version.fromAddress() != null ? version.fromAddress() : template.fromAddress(),
                    version.fromName() != null ? version.fromName() : template.fromName(),
                    version.loginUrl(), version.productUrl(), TEXT.compile(version.subject()),
                    HTML.compile(rewritten.toString()), TEXT.compile(text), links, targets,
                    html.contains("{{autologin_url}}") || version.subject().contains("{{autologin_url}}"),
                    html.contains("{{view_url}}"));
        } catch (MustacheException e) {
            throw new RenderException(where + ": " + e.getMessage(), e);
        }
    }

    /** A keyword in a script, a style or an event handler would be data in a code context: refused. */
    private static void refuseCodeContexts(String html, String where) {
        for (Element el : Jsoup.parse(html).getAllElements()) {
            String name = el.normalName();
            if ((name.equals("script") || name.equals("style")) && el.data().contains("{{")) {
                throw new RenderException(where + ": a keyword inside <" + name + "> is not allowed");
            }
            for (Attribute a : el.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if ((key.startsWith("on") || key.equals("style")) && a.getValue().contains("{{")) {
                    throw new RenderException(where + ": a keyword inside the " + key + " attribute of <" + name
                            + "> is not allowed (event handler or style)");
                }
            }
        }
    }
}
