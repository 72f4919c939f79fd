package cz.proklik.app.config;

import picocli.CommandLine.Option;

import java.util.List;

/**
 * The client address ranges the per-event flag rules know (link scanners, Apple's MPP proxy), as options of every
 * command that runs those rules ({@code import}, {@code flags recompute}): one declaration, so their names, keys and
 * help stay the same. A picocli mixin ({@code @Mixin IpRangeOptions ranges;}): the options become the command's own,
 * so {@link CommandFlags#given} finds them by their keys like any other.
 */
public final class IpRangeOptions {
    @Option(names = "--scanner-ip-ranges", descriptionKey = "proklik.import.scanner-ip-ranges",
            converter = Converters.ListConverter.class, description = "CIDR ranges of known link scanners")
    List<String> scannerRanges;

    @Option(names = "--mpp-ip-ranges", descriptionKey = "proklik.import.mpp-ip-ranges",
            converter = Converters.ListConverter.class, description = "CIDR ranges of Apple's MPP proxy (${DEFAULT-VALUE})")
    List<String> mppRanges;
}
