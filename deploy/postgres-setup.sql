-- Once, as PostgreSQL's superuser: sudo -u postgres psql -f deploy/postgres-setup.sql
-- The planner's own role owns its database; the app creates and upgrades its tables itself.
CREATE ROLE planner LOGIN PASSWORD 'CHANGE-ME';
CREATE DATABASE planner OWNER planner;
