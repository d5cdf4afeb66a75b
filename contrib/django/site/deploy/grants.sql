-- The site's database role: it reads offimport's catalogue (schema off), references its
-- products from its own tables (favourites), and owns those tables in schema public.
-- Create the role first (CREATE ROLE offsite LOGIN PASSWORD '...'), then, as the database's
-- owner or a superuser:
--   psql -d offimport -v site=offsite -v importer=offimport -f grants.sql
-- `importer` is the role offimport connects as: tables it creates later are readable too.
GRANT CREATE ON SCHEMA public TO :"site";
GRANT USAGE ON SCHEMA off TO :"site";
GRANT SELECT, REFERENCES ON ALL TABLES IN SCHEMA off TO :"site";
ALTER DEFAULT PRIVILEGES FOR ROLE :"importer" IN SCHEMA off
    GRANT SELECT, REFERENCES ON TABLES TO :"site";
