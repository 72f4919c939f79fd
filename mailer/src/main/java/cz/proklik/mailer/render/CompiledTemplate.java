package cz.proklik.mailer.render;

import com.samskivert.mustache.Template;
import cz.proklik.mailer.links.LinkSpan;

import java.util.List;

/**
 * One template version made ready to render many times: the HTML with each tracked link's URL replaced by a
 * placeholder (everything else as authored), the plain-text part, the subject, and per tracked link its own small
 * template for the target (escaped for a URL). Immutable and shareable between threads.
 */
public record CompiledTemplate(String templateId, String language, String shop, String fromAddress,
                               String fromName, String loginUrl, String productUrl, Template subject,
                               Template html, Template text, List<LinkSpan> links, List<Template> targets,
                               boolean usesAutologin, boolean usesView) {
    public CompiledTemplate {
        links = List.copyOf(links);
        targets = List.copyOf(targets);
    }
}
