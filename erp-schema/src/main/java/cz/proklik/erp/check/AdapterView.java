package cz.proklik.erp.check;

import java.util.List;

/** The ERP adapter views and their contract columns (docs/schema.md, "ERP adapter views"). */
enum AdapterView {
    CONTACT("pkl_erp_contact", List.of("contact_id", "email", "first_name", "last_name", "language_code", "region",
            "country_code", "organisation_id", "email_consent", "birthday")),
    ORGANISATION("pkl_erp_organisation", List.of("organisation_id", "name", "country_code", "region", "category")),
    PRODUCT("pkl_erp_product", List.of("product_id", "sku", "name", "product_group", "price", "image_url")),
    ORDER("pkl_erp_order", List.of("order_id", "contact_id", "organisation_id", "ordered_at", "currency",
            "gross_amount", "discount_amount", "net_amount", "is_return", "return_of_order_id", "shop_code")),
    ORDER_LINE("pkl_erp_order_line", List.of("order_id", "line_no", "product_id", "quantity", "gross_amount",
            "net_amount")),
    GREETING("pkl_erp_contact_greeting", List.of("contact_id", "salutation", "vocative_first_name",
            "vocative_last_name", "gender")),

    /** The ERP mailing module's sends (schema 8.1), read incrementally by changed_at. */
    SEND("pkl_erp_send", List.of("campaign_id", "recipient_id", "email", "sent_at", "status", "error_text",
            "changed_at")),

    /** The trigger conditions (schema 19.0, docs/triggers.md): registrations, carts, pre-orders, stock. */
    REGISTRATION("pkl_erp_registration", List.of("contact_id", "registered_at", "shop_code")),
    CART("pkl_erp_cart", List.of("cart_id", "contact_id", "shop_code", "changed_at", "item_count", "order_id")),
    PREORDER("pkl_erp_preorder", List.of("preorder_id", "contact_id", "product_id", "preordered_at", "is_open")),
    STOCK("pkl_erp_stock", List.of("product_id", "available_qty")),

    /** The items of a cart, the abandoned-cart mail's products (schema 19.1, docs/triggers.md). */
    CART_ITEM("pkl_erp_cart_item", List.of("cart_id", "line_no", "product_id", "quantity", "unit_price"));

    private final String viewName;
    private final List<String> columns;

    AdapterView(String viewName, List<String> columns) {
        this.viewName = viewName;
        this.columns = columns;
    }

    String viewName() {
        return viewName;
    }

    List<String> columns() {
        return columns;
    }

    /** Reads every row once: the row count, then the non-NULL count of each column (names are code constants). */
    String countSql() {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
        for (String column : columns) {
            sql.append(", COUNT(").append(column).append(')');
        }
        return sql.append(" FROM ").append(viewName).toString();
    }

    /** No rows, only the result's column names: what the view offers, even when it is empty. */
    String shapeSql() {
        return "SELECT * FROM " + viewName + " WHERE 1 = 0";
    }
}
