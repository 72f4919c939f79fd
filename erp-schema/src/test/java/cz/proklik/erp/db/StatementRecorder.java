package cz.proklik.erp.db;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real DataSource that also writes down the SQL text of every statement its connections prepare or execute, in
 * order: for what only SQL Server would act on (table hints, statement order), a test asserts what the DAO sends.
 */
public final class StatementRecorder {
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private final DataSource dataSource;

    public StatementRecorder(DataSource target) {
        this.dataSource = proxy(DataSource.class, target, (result, method, args) -> result instanceof Connection c
                ? proxy(Connection.class, c, this::onConnection) : result);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The statements recorded since the last call, and forgets them. */
    public List<String> take() {
        synchronized (statements) {
            List<String> copy = List.copyOf(statements);
            statements.clear();
            return copy;
        }
    }

    private Object onConnection(Object result, Method method, Object[] args) {
        String name = method.getName();
        if ((name.startsWith("prepare")) && args != null && args.length > 0 && args[0] instanceof String sql) {
            statements.add(sql);
        }
        if (result instanceof Statement s && !name.startsWith("prepare")) {
            return proxy(Statement.class, s, (r, m, a) -> {
                if (m.getName().startsWith("execute") || m.getName().equals("addBatch")) {
                    if (a != null && a.length > 0 && a[0] instanceof String sql) {
                        statements.add(sql);
                    }
                }
                return r;
            });
        }
        return result;
    }

    @FunctionalInterface
    private interface After {
        Object apply(Object result, Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler handler = (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(result, method, args);
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
