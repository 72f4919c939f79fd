package cz.proklik.app.link;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.keys.KeyRingSource;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.TargetUrls;
import cz.proklik.tracking.link.TrackingLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code proklik link}: mint one signed tracking link from a shell. */
@Command(name = "link", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a signed tracking link (docs/link-format.md).")
public final class LinkCommand implements Callable<Integer> {
    @ParentCommand
    CommandContext context;

    @Option(names = "--kind", defaultValue = "click", description = "click, open or unsubscribe (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--campaign", required = true, description = "campaign id, 1-64 of [A-Za-z0-9._:-]")
    String campaign;

    @Option(names = "--recipient", required = true, description = "recipient (ERP contact) id, 1-64 of [A-Za-z0-9._:-]")
    String recipient;

    @Option(names = "--link", defaultValue = "", description = "which part of the e-mail (required for a click)")
    String link;

    @Option(names = "--variant", defaultValue = "", description = "A/B variant, may be empty")
    String variant;

    @Option(names = "--target", defaultValue = "", description = "absolute http(s) URL (click only)")
    String target;

    @Option(names = "--base-url", descriptionKey = "proklik.link.base-url",
            description = "base URL of the redirect page (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Override
    public Integer call() throws Exception {
        LinkKind linkKind = switch (kind.toLowerCase(Locale.ROOT)) {
            case "click", "c" -> LinkKind.CLICK;
            case "open", "o" -> LinkKind.OPEN;
            case "unsubscribe", "u" -> LinkKind.UNSUBSCRIBE;
            default -> throw new UsageException("--kind must be click, open or unsubscribe: " + kind);
        };
        if (linkKind != LinkKind.CLICK && !target.isEmpty()) {
            throw new UsageException("--target is for click links only");
        }
        // A click's target is signed in its ASCII form (IDN host in punycode, the rest percent-encoded as UTF-8),
        // exactly what the redirect will send.
        TrackingLink trackingLink = UsageException.ifInvalid(() -> new TrackingLink(linkKind, campaign, recipient,
                link, variant, linkKind == LinkKind.CLICK ? TargetUrls.normalise(target) : target));
        LinkCodec codec = new LinkCodec(new KeyRingSource(context.config()).loadOrCreate());
        context.out().println(UsageException.ifInvalid(() -> codec.url(baseUrl, trackingLink)));
        return 0;
    }
}
