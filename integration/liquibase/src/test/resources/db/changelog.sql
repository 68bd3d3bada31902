--liquibase formatted sql

--changeset shop:1
CREATE TABLE lb_customers (
  id BIGINT NOT NULL PRIMARY KEY,
  name VARCHAR(80) NOT NULL
);

--changeset shop:2
INSERT INTO lb_customers (id, name) VALUES (1, 'Ada'), (2, 'Grace');
