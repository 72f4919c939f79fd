package cz.proklik.mailer.lists;

import cz.proklik.erp.mailing.list.Criterion;
import cz.proklik.erp.mailing.list.CriterionField;
import cz.proklik.erp.mailing.list.Operator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a criterion as typed on the command line: {@code order_count>=2}, {@code region=Praha}, {@code clicked=C1/hero}. */
public final class CriteriaParser {
    private static final Pattern CRITERION = Pattern.compile("\\s*([a-z_]+)\\s*(>=|<=|!=|>|<|=)\\s*(.*?)\\s*");

    private CriteriaParser() {
    }

    public static Criterion parse(String text) {
        Matcher m = CRITERION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("criterion must be FIELD OP VALUE (e.g. order_count>=2): " + text);
        }
        return new Criterion(CriterionField.fromCode(m.group(1)), Operator.fromCode(m.group(2)), m.group(3));
    }
}
