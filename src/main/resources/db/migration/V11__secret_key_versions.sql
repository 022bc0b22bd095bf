-- The webhook-secret encryption key can be rotated: each value names the version of the key it is
-- stored under (a prefix of the key's SHA-256). Null: stored before 0.3, under whichever key
-- opens it; SecretReencryption moves such values under the current key.
ALTER TABLE webhook_secrets ADD COLUMN key_version text;
