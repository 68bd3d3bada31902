-- Spring PetClinic's style: an idempotent schema script that Spring's SQL initialization runs at every start
CREATE TABLE IF NOT EXISTS boot_vets (
  id INT NOT NULL PRIMARY KEY,
  last_name VARCHAR(30) NOT NULL,
  INDEX (last_name)
);
