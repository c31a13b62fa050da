-- Samsyn on PostgreSQL with two roles (docs/audit.md, "Who owns the log").
--
-- samsyn_owner owns the schema and runs `manage.py migrate`; the web server and the
-- scheduled commands connect as samsyn_app, which owns nothing. samsyn_app may read and
-- append to the log's tables but not change, delete or truncate them, and it cannot drop the
-- append-only triggers, because only a table's owner may. Run as a superuser, once, with the
-- names you use:
--
--   psql -v app=samsyn_app -v owner=samsyn_owner -d samsyn -f scripts/postgres_app_role.sql
--
-- and again after every migration that adds tables (or rely on the default privileges below).

GRANT USAGE ON SCHEMA public TO :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- The log and its hash chain: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent, audit_auditchainlink,
    audit_auditchaincheckpoint FROM :"app";
