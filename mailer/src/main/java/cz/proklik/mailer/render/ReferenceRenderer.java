package cz.proklik.mailer.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpProduct;
import cz.proklik.mailer.links.LinkSpan;
import cz.proklik.tracking.autologin.AutologinGrant;
import cz.proklik.tracking.link.TrackingLink;

import java.io.IOException;
import java.io.Writer;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference render: one compiled template for one recipient, executed by JMustache per mail (the HTML and the
 * plain-text part each a full pass, every tracked link a lambda): keywords filled and escaped for their context,
 * every tracked link signed per recipient with UTM parameters, the open pixel and the unsubscribe link. It defines
 * what a mail is; {@link MailRenderer} makes the same bytes from segments compiled once ({@link MailProgram}) and
 * comes here for what those cannot express, and the tests compare both. Thread-safe (per-render state lives in the
 * model map); a mail that cannot be complete throws {@link RenderException}.
 */
final class ReferenceRenderer {
    private final RenderSettings settings;
    private final Map<String, List<Map<String, Object>>> productsByLanguageAndShop = new ConcurrentHashMap<>();
    private final AtomicInteger lastHtml = new AtomicInteger(8192);
    private final AtomicInteger lastText = new AtomicInteger(2048);
    /** Each rendering thread's output buffer (one render at a time per thread: the HTML, then the text part). */
    private final ThreadLocal<StringBuilderWriter> buffers = ThreadLocal.withInitial(() -> new StringBuilderWriter(8192));
    /** Each rendering thread's buffer for one link's target. */
    private final ThreadLocal<StringBuilderWriter> targetBuffers =
            ThreadLocal.withInitial(() -> new StringBuilderWriter(256));

    /** Minted URLs are the base URL plus base64url and dots: they need HTML escaping only if the base URL does. */
    private final boolean mintedNeedEscaping;

    ReferenceRenderer(RenderSettings settings) {
        this.settings = settings;
        this.mintedNeedEscaping = !Escaping.html(settings.linkBaseUrl()).equals(settings.linkBaseUrl());
    }

    RenderedMail render(CompiledTemplate t, ErpContact contact, String variant) {
        String recipient = contact.id();
        if (contact.email() == null || contact.email().isBlank()) {
            throw new RenderException("contact " + recipient + " has no e-mail address");
        }
        // Sized so that the two lambdas per link and the keywords never make it grow (a resize rehashes them all).
        Map<String, Object> model = new HashMap<>(4 * t.links().size() + 32);
        model.put("contact", contactModel(contact));
        model.put("greeting", Greeting.of(contact, t.language(), settings.personalGreeting()));
        model.put("campaign", Map.of("name", settings.campaignName()));
        model.put("shop", t.shop());
        model.put("products", products(t));
        String unsubscribe = settings.links().url(settings.linkBaseUrl(),
                TrackingLink.unsubscribe(settings.campaignId(), recipient, variant));
        model.put("unsubscribe_url", SafeUrl.minted(unsubscribe));
        model.put(TemplateCompiler.OPEN, SafeUrl.minted(settings.links().url(settings.linkBaseUrl(),
                TrackingLink.open(settings.campaignId(), recipient, variant))));
        if (t.usesAutologin()) {
            model.put("autologin_url", SafeUrl.checked(autologin(t, recipient)));
        }
        Minter minter = new Minter(t, recipient, variant);
        if (t.usesView()) {
            model.put("view_url", SafeUrl.minted(minter.view()));
        }
        for (int k = 0; k < t.links().size(); k++) {
            int index = k;
            model.put(TemplateCompiler.linkKey(k), (Mustache.Lambda) (frag, out) -> minter.write(index, frag, out, true));
            model.put(TemplateCompiler.textLinkKey(k),
                    (Mustache.Lambda) (frag, out) -> minter.write(index, frag, out, false));
        }
        String subject;
        String html;
        String text;
        try {
            subject = Escaping.noControls(t.subject().execute(model)).strip();
            html = execute(t.html(), model, lastHtml);
            text = execute(t.text(), model, lastText);
        } catch (MustacheException e) {
            throw new RenderException("contact " + recipient + ", template " + t.templateId() + " ("
                    + t.language() + "/" + t.shop() + "): " + explain(e), e);
        }
        if (subject.isEmpty()) {
            throw new RenderException("contact " + recipient + ": the subject is empty");
        }
        String toName = Escaping.noControls(join(contact.firstName(), contact.lastName())).strip();
        return new RenderedMail(recipient, variant, t.fromAddress(), t.fromName(), contact.email().strip(), toName,
                subject, html, text, unsubscribe, minter.minted());
    }

    /**
     * Renders into this thread's buffer, kept from mail to mail (JMustache's own {@code execute(Object)} starts a
     * StringWriter at 16 characters and copies a 10 KB mail a dozen times; a fresh buffer per mail cost its
     * allocation and zeroing each time). The one copy made is the mail's String.
     */
    private String execute(Template template, Object model, AtomicInteger last) {
        StringBuilderWriter out = buffers.get();
        out.reset(last.get() + 256);
        template.execute(model, out);
        last.set(out.length());
        String result = out.toString();
        out.trimIfHuge();
        return result;
    }

    /** An unsynchronised Writer over a StringBuilder (StringWriter's StringBuffer locks on every append). */
    private static final class StringBuilderWriter extends Writer {
        private static final int HUGE = 1 << 20;
        private StringBuilder b;

        StringBuilderWriter(int capacity) {
            b = new StringBuilder(capacity);
        }

        /** Empty again, with room for {@code capacity} characters. */
        void reset(int capacity) {
            b.setLength(0);
            b.ensureCapacity(capacity);
        }

        /** A buffer grown by one huge mail is not kept for the thread's life. */
        void trimIfHuge() {
            if (b.capacity() > HUGE) {
                b = new StringBuilder(8192);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            b.append(cbuf, off, len);
        }

        @Override
        public void write(String str) {
            b.append(str);
        }

        @Override
        public void write(String str, int off, int len) {
            b.append(str, off, off + len);
        }

        @Override
        public Writer append(CharSequence csq) {
            b.append(csq);
            return this;
        }

        @Override
        public void write(int c) {
            b.append((char) c);
        }

        int length() {
            return b.length();
        }

        @Override
        public String toString() {
            return b.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** JMustache says "No key, method or field with name 'x'": for a mail that means the field was empty. */
    private static String explain(MustacheException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof RenderException)) {
            cause = cause.getCause();
        }
        if (cause instanceof RenderException r) {
            return r.getMessage();
        }
        String m = e.getMessage();
        Matcher name = Pattern.compile("name '([^']+)'.*line (\\d+)").matcher(m);
        return name.find() ? "keyword {{" + name.group(1) + "}} on line " + name.group(2)
                + " has no value (empty in the ERP)" : m;
    }

    private static Map<String, Object> contactModel(ErpContact c) {
        Map<String, Object> m = new HashMap<>(12);
        put(m, "id", c.id());
        put(m, "email", c.email());
        put(m, "first_name", c.firstName());
        put(m, "last_name", c.lastName());
        put(m, "language", c.language());
        put(m, "region", c.region());
        put(m, "country", c.countryCode());
        put(m, "organisation", c.organisationId());
        return m;
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value.strip());
        }
    }

    List<Map<String, Object>> products(CompiledTemplate t) {
        return productsByLanguageAndShop.computeIfAbsent(t.language() + "\n" + t.shop() + "\n" + t.productUrl(),
                key -> {
                    NumberFormat price = NumberFormat.getNumberInstance(Locale.forLanguageTag(t.language()));
                    price.setMinimumFractionDigits(2);
                    price.setMaximumFractionDigits(2);
                    price.setRoundingMode(RoundingMode.HALF_UP);
                    // A count as people write it: "2", "1,5" in cs; no padding zeros.
                    NumberFormat quantity = NumberFormat.getNumberInstance(Locale.forLanguageTag(t.language()));
                    quantity.setMaximumFractionDigits(3);
                    quantity.setRoundingMode(RoundingMode.HALF_UP);
                    List<Map<String, Object>> list = new ArrayList<>();
                    int position = 1;
                    for (ErpProduct p : settings.products()) {
                        Map<String, Object> m = new HashMap<>();
                        put(m, "id", p.id());
                        put(m, "sku", p.sku());
                        put(m, "name", p.name());
                        put(m, "group", p.group());
                        if (p.price() != null) {
                            m.put("price", price.format(p.price()));
                        }
                        if (p.quantity() != null) {
                            m.put("quantity", quantity.format(p.quantity()));
                        }
                        if (p.imageUrl() != null && !p.imageUrl().isBlank()) {
                            m.put("image_url", SafeUrl.checked(p.imageUrl().strip()));
                        }
                        if (t.productUrl() != null && p.sku() != null) {
                            m.put("url", SafeUrl.checked(t.productUrl().replace("{sku}", Escaping.percentEncode(p.sku()))
                                    .replace("{id}", Escaping.percentEncode(p.id()))));
                        }
                        m.put("position", position++);
                        list.add(Map.copyOf(m));
                    }
                    return List.copyOf(list);
                });
    }

    String autologin(CompiledTemplate t, String recipient) {
        if (t.loginUrl() == null || settings.autologin() == null) {
            throw new RenderException("template " + t.templateId() + " (" + t.language() + "/" + t.shop()
                    + ") uses {{autologin_url}} but " + (t.loginUrl() == null
                    ? "its shop has no login URL (shop." + t.shop() + ".login-url)" : "no auto-login key ring is set"));
        }
        Instant expires = settings.clock().instant().plus(settings.autologinValidity()).truncatedTo(ChronoUnit.SECONDS);
        String token = settings.autologin().token(new AutologinGrant(recipient, t.shop(), "login", expires));
        return t.loginUrl() + (t.loginUrl().contains("?") ? "&" : "?") + "pkl_login=" + token;
    }

    /** The signed "view in browser" click link. */
    String viewUrl(CompiledTemplate t, String recipient, String variant) {
        if (settings.viewUrl() == null) {
            throw new RenderException("template " + t.templateId()
                    + " uses {{view_url}} but proklik.mailer.view-url is not set");
        }
        String target = settings.viewUrl().replace("{campaign}", Escaping.percentEncode(settings.campaignId()));
        return settings.links().url(settings.linkBaseUrl(),
                TrackingLink.click(settings.campaignId(), recipient, "view", variant, target));
    }

    static String join(String a, String b) {
        String s = ((a == null ? "" : a.strip()) + " " + (b == null ? "" : b.strip())).strip();
        return s;
    }

    /** Signs each tracked link once per mail, so the HTML and the text part carry the same URLs. */
    private final class Minter {
        private final CompiledTemplate t;
        private final String recipient;
        private final String variant;
        private final Map<String, MintedLink> byId = new LinkedHashMap<>();

        Minter(CompiledTemplate t, String recipient, String variant) {
            this.t = t;
            this.recipient = recipient;
            this.variant = variant;
        }

        String view() {
            return viewUrl(t, recipient, variant);
        }

        void write(int index, Template.Fragment frag, Writer out, boolean html)
                throws IOException {
            LinkSpan span = t.links().get(index);
            LinkPlacement placed = LinkPlacement.of(span, frag);
            String id = placed.id();
            String term = placed.term();
            MintedLink minted = byId.get(id);
            if (minted == null) {
                // A target without a keyword renders to itself: taken as authored, without a render per mail.
                String raw;
                if (span.href().indexOf("{{") < 0) {
                    raw = span.href().strip();
                } else {
                    StringBuilderWriter target = targetBuffers.get();
                    target.reset(256);
                    frag.executeTemplate(t.targets().get(index), target);
                    raw = target.toString().strip();
                }
                // Checked once, by the tracking link's own rule (absolute http(s), a host, no spaces or quotes).
                String withUtm = settings.utm().apply(raw, variant, id, term);
                String url;
                try {
                    url = settings.links().url(settings.linkBaseUrl(),
                            TrackingLink.click(settings.campaignId(), recipient, id, variant, withUtm));
                } catch (IllegalArgumentException e) {
                    throw new RenderException("link " + id + ": " + e.getMessage(), e);
                }
                minted = new MintedLink(id, span.description(), withUtm, url, byId.size() + 1, span.href().strip());
                byId.put(id, minted);
            }
            out.write(html && mintedNeedEscaping ? Escaping.html(minted.url()) : minted.url());
        }

        List<MintedLink> minted() {
            return List.copyOf(byId.values());
        }
    }
}
