-- The CRM table the example workflow examples/email-to-crm.json writes to (PostgreSQL).
-- Card numbers are stored masked only (first six and last four digits), as the workflow's
-- Bankcard OCR node outputs them.
CREATE TABLE cards (
	id                 serial PRIMARY KEY,
	sender             text NOT NULL,
	sender_name        text,
	bank               text,
	card_number_masked text NOT NULL,
	network            text,
	card_type          text,
	expiry             text,
	bank_confidence    numeric(5,4),
	number_confidence  numeric(5,4),
	expiry_confidence  numeric(5,4),
	type_confidence    numeric(5,4),
	received_at        timestamptz,
	source_file        text,
	created_at         timestamptz NOT NULL DEFAULT now()
);
