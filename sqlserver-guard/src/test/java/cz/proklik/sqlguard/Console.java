package cz.proklik.sqlguard;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One line into the build output: surefire sends System.out of tests to files, the process's stderr it shows. */
final class Console {

    private static final PrintStream ERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private Console() {
    }

    static void line(String format, Object... args) {
        ERR.println(String.format(format, args));
    }
}
