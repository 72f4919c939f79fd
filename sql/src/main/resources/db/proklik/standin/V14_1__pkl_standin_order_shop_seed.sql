-- Proklik: demo web shops of the stand-in orders (embedded default only, like V3_5): two orders in the Czech shop,
-- one in the Slovak one; the return O-5004 inherits nothing (a return is no purchase in a shop).
INSERT INTO pkl_standin_order_shop (order_id, shop_code) VALUES
    ('O-5001', 'default'),
    ('O-5002', 'default'),
    ('O-5003', 'eshop-sk');
