-- The CRM tables the example workflow examples/customer-onboarding.json writes to (PostgreSQL).
-- ID numbers and card numbers are stored masked only, as the workflow's OCR nodes output them:
-- the ID number's last 4 characters, the card number's first six and last four digits.

-- Customers whose ID card and bank card passed every check.
CREATE TABLE customers (
	id                 serial PRIMARY KEY,
	sender             text NOT NULL,
	name               text NOT NULL,
	id_number_masked   text NOT NULL,
	age                integer,
	id_valid_from      text,
	id_valid_to        text,
	bank               text,
	card_number_masked text NOT NULL,
	card_expiry        text,
	received_at        timestamptz,
	created_at         timestamptz NOT NULL DEFAULT now()
);

-- Onboarding emails a person must look at, with what was doubtful.
CREATE TABLE onboarding_reviews (
	id                 serial PRIMARY KEY,
	sender             text NOT NULL,
	sender_name        text,
	subject            text,
	name               text,
	id_number_masked   text,
	card_number_masked text,
	reasons            text NOT NULL,
	received_at        timestamptz,
	created_at         timestamptz NOT NULL DEFAULT now()
);
