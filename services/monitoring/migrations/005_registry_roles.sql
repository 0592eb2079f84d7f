-- The registry view also shows the monitoring roles the bureaus assigned, so the gateway can
-- keep enterprises from assigning roles to themselves.

CREATE OR REPLACE VIEW monitoring.enterprise_registry_v AS
SELECT credit_code::text AS credit_code, district_code::text AS district_code,
       industry_section::text AS industry_section, registered_at,
       monitoring_roles, key_enterprise_category
FROM monitoring.enterprises;
