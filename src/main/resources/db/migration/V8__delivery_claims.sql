-- Every claim of a delivery (an attempt about to be sent) takes the next number; an attempt's
-- outcome is stored only while its claim is still the delivery's current one, so a copy whose claim
-- was taken over, or a redelivery, can never write over another attempt.
ALTER TABLE callback_deliveries ADD COLUMN claim bigint NOT NULL DEFAULT 0;
