CREATE TABLE ${t}_orders (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  status VARCHAR(20) NOT NULL,
  KEY ix_status (status)
);
