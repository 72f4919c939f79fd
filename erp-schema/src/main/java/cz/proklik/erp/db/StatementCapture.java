package cz.proklik.erp.db;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-build aid, off unless the system property {@value #PROPERTY} names a folder (the surefire configuration
 * sets it): records each distinct SQL text sent through a {@link Database}, with the class that sent it, so that
 * the {@code sqlserver-guard} module can check what the H2 suites executed against what SQL Server accepts.
 * Only the text is kept, never a bound value. Written by hand on JDK proxies (no JDBC proxy library resolves
 * here); only the calls that carry SQL text are looked at, everything else passes straight through.
 */
final class StatementCapture {

    static final String PROPERTY = "proklik.sql.capture.dir";
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> INFRASTRUCTURE = Set.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "com.zaxxer.", "org.springframework.jdbc.", "org.springframework.transaction.", "org.springframework.dao.",
            "org.springframework.aop.", "org.springframework.cglib.", StatementCapture.class.getName());

    private StatementCapture() {
    }

    /** The data source itself when capturing is off, else one that records every statement's text. */
    static DataSource wrapIfEnabled(DataSource dataSource) {
        String dir = System.getProperty(PROPERTY, "");
        if (dir.isBlank()) {
            return dataSource;
        }
        Path file = Path.of(dir).resolve("statements-" + ProcessHandle.current().pid() + ".tsv");
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Connection c && method.getName().equals("getConnection")
                    ? proxy(Connection.class, c, new Recording(file)) : result;
        });
    }

    private interface Call {
        Object invoke(Object target, Method method, Object[] args) throws Throwable;
    }

    /** Records the SQL argument of prepareStatement/prepareCall, and of execute/addBatch calls on plain statements. */
    private record Recording(Path file) implements Call {
        @Override
        public Object invoke(Object target, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean carriesSql = args != null && args.length > 0 && args[0] instanceof String
                    && (name.startsWith("prepare") || name.startsWith("execute") || name.equals("addBatch"));
            if (carriesSql) {
                record((String) args[0], file);
            }
            Object result = method.invoke(target, args);
            if (result instanceof Statement s && name.equals("createStatement")) {
                return proxy(Statement.class, s, this);
            }
            return result;
        }
    }

    private static void record(String sql, Path file) {
        if (!SEEN.add(sql)) {
            return;
        }
        String line = caller() + "\t" + sql.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
                .replace("\t", "\\t") + "\n";
        synchronized (SEEN) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a statement in " + file, e);
            }
        }
    }

    /** The first class on the stack that is neither JDBC plumbing nor this class: ours, or a library's. */
    private static String caller() {
        Optional<String> found = StackWalker.getInstance().walk(frames -> frames.map(f -> f.getClassName())
                .filter(c -> INFRASTRUCTURE.stream().noneMatch(c::startsWith) && !c.contains("$Proxy"))
                .findFirst());
        return found.orElse("unknown");
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(StatementCapture.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }
}
