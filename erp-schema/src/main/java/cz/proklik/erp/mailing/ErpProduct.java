package cz.proklik.erp.mailing;

import java.math.BigDecimal;

/**
 * A product as the ERP adapter gives it ({@code pkl_erp_product}); price and image may be null. {@code quantity} is
 * set only where a mail shows a product of an occurrence with its count (an abandoned cart's item, docs/triggers.md);
 * a campaign card's products have none.
 */
public record ErpProduct(String id, String sku, String name, String group, BigDecimal price, String imageUrl,
                         BigDecimal quantity) {
    public ErpProduct(String id, String sku, String name, String group, BigDecimal price, String imageUrl) {
        this(id, sku, name, group, price, imageUrl, null);
    }
}
