package cz.proklik.app.keys;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code proklik keys generate|list|retire}: the link-signing key ring. Secrets are never printed. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the link-signing key ring.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.ListKeys.class, KeysCommand.Retire.class})
public final class KeysCommand {
    @ParentCommand
    CommandContext context;

    KeyRingSource source() {
        return new KeyRingSource(context.config());
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Add a new 256-bit key to the key file; it signs from now on, older keys still verify.")
    static final class Generate implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Override
        public Integer call() throws Exception {
            KeyRingSource source = keys.source();
            PrintWriter out = keys.context.out();
            if (source.fromEnvironment()) {
                keys.context.err().println("note: " + KeyRingSource.ENV
                        + " is set and takes precedence over the key file written now");
            }
            KeyRing ring = Files.isRegularFile(source.file()) ? KeyRing.load(source.file()) : KeyRing.empty();
            KeyRing next = ring.withGeneratedSigningKey(Clock.systemUTC(), new SecureRandom());
            SigningKey key = next.signingKey().orElseThrow();
            next.save(source.file());
            out.println("Generated key " + key.id() + " in " + source.file() + " (it signs new links from now on)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List key ids and states (no secrets).")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Override
        public Integer call() throws Exception {
            KeyRing ring = keys.source().load();
            PrintWriter out = keys.context.out();
            String signing = ring.signingKey().map(SigningKey::id).orElse("");
            for (SigningKey key : ring.keys()) {
                out.println(key.id() + "\t" + key.state().name().toLowerCase(Locale.ROOT)
                        + (key.id().equals(signing) ? "\tsigning" : ""));
            }
            if (ring.keys().isEmpty()) {
                out.println("no keys: run 'proklik keys generate'");
            }
            return 0;
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Retire a key: links it signed are rejected from now on. Its secret is removed.")
    static final class Retire implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Parameters(paramLabel = "KID", description = "the key id to retire")
        String keyId;

        @Override
        public Integer call() throws Exception {
            KeyRingSource source = keys.source();
            if (source.fromEnvironment()) {
                throw new UsageException("the key ring comes from " + KeyRingSource.ENV
                        + ": mark the key retired there");
            }
            KeyRing retired = KeyRing.load(source.file());
            UsageException.ifInvalid(() -> retired.retire(keyId)).save(source.file());
            keys.context.out().println("Retired key " + keyId + " in " + source.file());
            return 0;
        }
    }
}
