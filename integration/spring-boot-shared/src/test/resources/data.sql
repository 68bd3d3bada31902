INSERT IGNORE INTO boot_vets (id, last_name) VALUES (1, 'Carter'), (2, 'Leary');
