INSERT INTO boot_orders (status) VALUES ('new'), ('paid'), ('shipped');
