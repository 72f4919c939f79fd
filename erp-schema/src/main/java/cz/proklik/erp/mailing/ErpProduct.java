package cz.proklik.erp.mailing;

import java.math.BigDecimal;

/** A product as the ERP adapter gives it ({@code pkl_erp_product}); price and image may be null. */
public record ErpProduct(String id, String sku, String name, String group, BigDecimal price, String imageUrl) {
}
