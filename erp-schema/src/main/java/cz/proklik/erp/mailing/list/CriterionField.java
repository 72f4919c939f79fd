package cz.proklik.erp.mailing.list;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a saved criterion may test, each with one fixed SQL shape (in {@link ListDao}) into which only bound
 * parameters go. Order figures count orders, not returns, net of discount, in the order currency.
 */
public enum CriterionField {
    AVG_RECEIPT(ValueType.DECIMAL, Operator.COMPARISONS),
    ORDER_COUNT(ValueType.INTEGER, Operator.COMPARISONS),
    ORDER_SUM(ValueType.DECIMAL, Operator.COMPARISONS),
    LAST_ORDER(ValueType.DATE, Operator.COMPARISONS),
    REGION(ValueType.TEXT, Operator.EQUALITY),
    LANGUAGE(ValueType.TEXT, Operator.EQUALITY),
    COUNTRY(ValueType.TEXT, Operator.EQUALITY),
    PRODUCT(ValueType.TEXT, Operator.EQUALITY),
    PRODUCT_GROUP(ValueType.TEXT, Operator.EQUALITY),
    /** value a shop code: bought (an order, not a return) in that web shop (pkl_erp_order.shop_code, schema 14.0). */
    SHOP(ValueType.TEXT, Operator.EQUALITY),
    /** value "CAMPAIGN" or "CAMPAIGN/LINK": a clean click (pkl_agg_recipient_link). */
    CLICKED(ValueType.TEXT, EnumSet.of(Operator.EQ)),
    /** value "CAMPAIGN": a clean open and no clean click (pkl_agg_recipient). */
    OPENED_NOT_CLICKED(ValueType.TEXT, EnumSet.of(Operator.EQ)),
    /** value "SEGMENT": a member of the saved reaction segment of that name now (view pkl_segment_member). */
    SEGMENT(ValueType.TEXT, EnumSet.of(Operator.EQ, Operator.NE));

    public enum ValueType { TEXT, INTEGER, DECIMAL, DATE }

    private final ValueType type;
    private final Set<Operator> operators;

    CriterionField(ValueType type, Set<Operator> operators) {
        this.type = type;
        this.operators = operators;
    }

    public ValueType type() {
        return type;
    }

    public Set<Operator> operators() {
        return operators;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CriterionField fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown criterion field '" + code + "' (known: "
                        + String.join(", ", Arrays.stream(values()).map(CriterionField::code).toList()) + ")"));
    }
}
