-- The CRM table the example workflow examples/customer-onboarding.json writes to (PostgreSQL):
-- one row per onboarded customer, from the ID card and the bank card of one email. Both numbers
-- are stored masked only (the ID number's last four characters, the card's first six and last
-- four digits), as the workflow's ID Card OCR and Bankcard OCR nodes output them.
CREATE TABLE customers (
	id                 serial PRIMARY KEY,
	sender             text NOT NULL,
	sender_name        text,
	name               text NOT NULL,
	id_number_masked   text NOT NULL,
	age                integer,
	id_valid_from      text,
	id_valid_to        text,
	bank               text,
	card_number_masked text NOT NULL,
	received_at        timestamptz,
	created_at         timestamptz NOT NULL DEFAULT now()
);
