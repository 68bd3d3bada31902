INSERT INTO ${t}_orders (status) VALUES ('new'), ('paid'), ('shipped');
