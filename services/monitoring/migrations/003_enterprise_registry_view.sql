-- Read contract: where each enterprise is registered, so the gateway can keep officials to
-- enterprises of their own district. No contact details here.

CREATE VIEW monitoring.enterprise_registry_v AS
SELECT credit_code::text AS credit_code, district_code::text AS district_code,
       industry_section::text AS industry_section, registered_at
FROM monitoring.enterprises;
