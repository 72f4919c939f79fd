package cz.proklik.erp.mailing.list;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** A comparison of a criterion; its SQL text is a code constant, never taken from the input. */
public enum Operator {
    GE(">=", ">="), LE("<=", "<="), GT(">", ">"), LT("<", "<"), EQ("=", "="), NE("!=", "<>");

    static final Set<Operator> COMPARISONS = EnumSet.allOf(Operator.class);
    static final Set<Operator> EQUALITY = EnumSet.of(EQ, NE);

    private final String code;
    private final String sql;

    Operator(String code, String sql) {
        this.code = code;
        this.sql = sql;
    }

    public String code() {
        return code;
    }

    String sql() {
        return sql;
    }

    public static Operator fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operator '" + code + "'"));
    }
}
