package cz.proklik.app.serve;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.ClickLogConfig;
import cz.proklik.app.config.Converters;
import cz.proklik.app.config.RedirectConfig;
import cz.proklik.app.keys.KeyRingSource;
import cz.proklik.redirect.RedirectServer;
import cz.proklik.redirect.RedirectSettings;
import cz.proklik.redirect.keys.KeyRingReload;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.clicklog.NodeLockedException;
import cz.proklik.tracking.link.LinkCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code proklik serve}: the public redirect page, until stopped (SIGTERM/Ctrl-C close the log cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the redirect page (/c click, /o open pixel, /u unsubscribe, /health, /metrics).")
public final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    CommandContext context;

    @Option(names = "--host", descriptionKey = "proklik.redirect.host", description = "bind address (${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port"}, descriptionKey = "proklik.redirect.port", description = "port, 0 = any free (${DEFAULT-VALUE})")
    int port;

    @Option(names = "--log-dir", descriptionKey = "proklik.log.dir", description = "click-log folder (${DEFAULT-VALUE})")
    Path logDir;

    @Option(names = "--node", descriptionKey = "proklik.node", description = "node id (${DEFAULT-VALUE})")
    String node;

    @Option(names = "--io-threads", descriptionKey = "proklik.redirect.io-threads", description = "0 = one per core (${DEFAULT-VALUE})")
    int ioThreads;

    @Option(names = "--fallback-url", descriptionKey = "proklik.redirect.fallback-url",
            description = "where rejected links go (${DEFAULT-VALUE})")
    String fallbackUrl;

    @Option(names = "--trusted-proxies", descriptionKey = "proklik.redirect.trusted-proxies",
            converter = Converters.ListConverter.class, description = "proxies whose X-Forwarded-For counts")
    List<String> trustedProxies;

    @Option(names = "--admin-allowed-from", descriptionKey = "proklik.redirect.admin-allowed-from",
            converter = Converters.ListConverter.class, description = "who may read /health and /metrics")
    List<String> adminAllowedFrom;

    @Option(names = "--allowed-target-hosts", descriptionKey = "proklik.redirect.allowed-target-hosts",
            converter = Converters.ListConverter.class, description = "hosts clicks may lead to (empty = any)")
    List<String> allowedTargetHosts;

    @Option(names = "--max-header-size", descriptionKey = "proklik.redirect.max-header-size",
            converter = Converters.SizeConverter.class, description = "request line + headers limit (${DEFAULT-VALUE})")
    long maxHeaderSize;

    @Option(names = "--rotate-size", descriptionKey = "proklik.log.rotate-size",
            converter = Converters.SizeConverter.class, description = "close a log file at this size (${DEFAULT-VALUE})")
    long rotateSize;

    @Option(names = "--rotate-interval", descriptionKey = "proklik.log.rotate-interval",
            converter = Converters.DurationConverter.class, description = "close a log file at this age (${DEFAULT-VALUE})")
    Duration rotateInterval;

    @Option(names = "--rejected-lines-per-second", descriptionKey = "proklik.redirect.rejected.lines-per-second",
            description = "rejected lines written per second, all clients (${DEFAULT-VALUE})")
    double rejectedLinesPerSecond;

    @Option(names = "--rejected-bytes-per-second", descriptionKey = "proklik.redirect.rejected.bytes-per-second",
            converter = Converters.SizeConverter.class, description = "bytes of rejected lines per second (${DEFAULT-VALUE})")
    long rejectedBytesPerSecond;

    @Option(names = "--rejected-sample-one-in", descriptionKey = "proklik.redirect.rejected.sample-one-in",
            description = "beyond the budget, write one rejected line in this many; 0 = none (${DEFAULT-VALUE})")
    int rejectedSampleOneIn;

    @Option(names = "--rejected-per-client-per-second", descriptionKey = "proklik.redirect.rejected.per-client-per-second",
            description = "rejected requests per second one client address may make, then 429 (${DEFAULT-VALUE})")
    double rejectedPerClientPerSecond;

    @Option(names = "--rejected-reserve-free", descriptionKey = "proklik.redirect.rejected.reserve-free",
            converter = Converters.SizeConverter.class, description = "free disk kept for accepted events (${DEFAULT-VALUE})")
    long rejectedReserveFree;

    @Option(names = "--keys-reload-interval", descriptionKey = "proklik.keys.reload-interval",
            converter = Converters.DurationConverter.class, description = "how often the key file is read again (${DEFAULT-VALUE})")
    Duration keysReloadInterval;

    @Option(names = "--fsync", negatable = true, descriptionKey = "proklik.log.fsync", arity = "0..1", fallbackValue = "true",
            description = "fsync before answering (${DEFAULT-VALUE}); --no-fsync only for benchmarks")
    boolean fsync;

    @Spec
    CommandSpec spec;

    /**
     * The fields above are what picocli parses and shows in --help (the value in force); the settings themselves come
     * from the configuration with the flags given on top, through the same factories the demo uses.
     */
    @Override
    public Integer call() throws Exception {
        RedirectSettings settings = context.settings(RedirectConfig::from, spec);
        ClickLogWriter.Settings logSettings = context.settings(ClickLogConfig::from, spec);
        KeyRingSource keys = new KeyRingSource(context.config());
        LinkCodec codec = new LinkCodec(keys.loadOrCreate(), context.settings(RedirectConfig::allowedTargetHosts, spec));
        Duration reloadEvery = context.settings(RedirectConfig::keysReloadInterval, spec);
        ClickLogWriter log;
        try {
            log = ClickLogWriter.start(logSettings, Clock.systemUTC());
        } catch (NodeLockedException e) {
            throw new UsageException(e.getMessage() + " (node " + logSettings.node() + ", log folder "
                    + logSettings.dir() + ")");
        }
        RedirectServer server;
        try {
            // A ring from PROKLIK_KEYS is fixed until a restart; the key file is read again every interval.
            KeyRingReload reload = keys.fromEnvironment() ? KeyRingReload.fixed(codec)
                    : KeyRingReload.watch(keys.file(), codec, reloadEvery);
            server = RedirectServer.start(settings, codec, log, reload);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "proklik-shutdown"));
        context.out().printf("Proklik redirect page listening on http://%s:%d (node %s, click log %s, fsync %s)%n",
                settings.bindHost(), server.port(), settings.node(), logSettings.dir(),
                logSettings.fsync() ? "on" : "off");
        context.out().flush();
        stopped.await();
        return 0;
    }
}
