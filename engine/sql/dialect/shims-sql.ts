/**
 * Redshift functions PostgreSQL lacks, created in pg_catalog so that they resolve whatever the
 * search_path. Idempotent (CREATE OR REPLACE). The dialect passes hand these functions canonical date
 * part names ('day', 'minute' …) and timestamp-typed literals. LANGUAGE sql + IMMUTABLE/STABLE so
 * the planner inlines them.
 */
export const SHIMS_SQL = /* sql */ `
CREATE OR REPLACE FUNCTION pg_catalog.getdate() RETURNS timestamp
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT date_trunc('second', localtimestamp) $$;
CREATE OR REPLACE FUNCTION pg_catalog.sysdate() RETURNS timestamp
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT localtimestamp $$;

CREATE OR REPLACE FUNCTION pg_catalog.wl_bad_date_part(fn text, part text) RETURNS bigint
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RAISE EXCEPTION '%: unsupported date part "%"', fn, part USING ERRCODE = '22023';
END $$;

CREATE OR REPLACE FUNCTION pg_catalog.wl_date_interval(part text, amount bigint) RETURNS interval
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE part
    WHEN 'millennium' THEN make_interval(years => (amount * 1000)::int)
    WHEN 'century' THEN make_interval(years => (amount * 100)::int)
    WHEN 'decade' THEN make_interval(years => (amount * 10)::int)
    WHEN 'year' THEN make_interval(years => amount::int)
    WHEN 'quarter' THEN make_interval(months => (amount * 3)::int)
    WHEN 'month' THEN make_interval(months => amount::int)
    WHEN 'week' THEN make_interval(weeks => amount::int)
    WHEN 'day' THEN make_interval(days => amount::int)
    WHEN 'hour' THEN amount * interval '1 hour'
    WHEN 'minute' THEN amount * interval '1 minute'
    WHEN 'second' THEN amount * interval '1 second'
    WHEN 'millisecond' THEN amount * interval '1 millisecond'
    WHEN 'microsecond' THEN amount * interval '1 microsecond'
    ELSE make_interval(secs => wl_bad_date_part('dateadd', part)) END
$$;

CREATE OR REPLACE FUNCTION pg_catalog.dateadd(part text, amount bigint, value timestamp) RETURNS timestamp
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT value + wl_date_interval(part, amount) $$;
CREATE OR REPLACE FUNCTION pg_catalog.dateadd(part text, amount bigint, value date) RETURNS timestamp
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT value::timestamp + wl_date_interval(part, amount) $$;
CREATE OR REPLACE FUNCTION pg_catalog.dateadd(part text, amount bigint, value timestamptz) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT value + wl_date_interval(part, amount) $$;
CREATE OR REPLACE FUNCTION pg_catalog.dateadd(part text, amount bigint, value time) RETURNS time
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT value + wl_date_interval(part, amount) $$;

-- Redshift counts the part boundaries crossed between the two values (not elapsed whole units).
CREATE OR REPLACE FUNCTION pg_catalog.datediff(part text, first_value timestamp, second_value timestamp) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE part
    WHEN 'millennium' THEN extract(millennium FROM second_value) - extract(millennium FROM first_value)
    WHEN 'century' THEN extract(century FROM second_value) - extract(century FROM first_value)
    WHEN 'decade' THEN extract(decade FROM second_value) - extract(decade FROM first_value)
    WHEN 'year' THEN extract(year FROM second_value) - extract(year FROM first_value)
    WHEN 'quarter' THEN (extract(year FROM second_value) * 4 + extract(quarter FROM second_value))
                      - (extract(year FROM first_value) * 4 + extract(quarter FROM first_value))
    WHEN 'month' THEN (extract(year FROM second_value) * 12 + extract(month FROM second_value))
                    - (extract(year FROM first_value) * 12 + extract(month FROM first_value))
    WHEN 'week' THEN (date_trunc('week', second_value)::date - date_trunc('week', first_value)::date) / 7
    WHEN 'day' THEN second_value::date - first_value::date
    WHEN 'hour' THEN (extract(epoch FROM date_trunc('hour', second_value)) - extract(epoch FROM date_trunc('hour', first_value))) / 3600
    WHEN 'minute' THEN (extract(epoch FROM date_trunc('minute', second_value)) - extract(epoch FROM date_trunc('minute', first_value))) / 60
    WHEN 'second' THEN extract(epoch FROM date_trunc('second', second_value)) - extract(epoch FROM date_trunc('second', first_value))
    WHEN 'millisecond' THEN (extract(epoch FROM date_trunc('milliseconds', second_value)) - extract(epoch FROM date_trunc('milliseconds', first_value))) * 1000
    WHEN 'microsecond' THEN (extract(epoch FROM second_value) - extract(epoch FROM first_value)) * 1000000
    ELSE wl_bad_date_part('datediff', part) END::bigint
$$;
CREATE OR REPLACE FUNCTION pg_catalog.datediff(part text, first_value date, second_value date) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT datediff(part, first_value::timestamp, second_value::timestamp) $$;
CREATE OR REPLACE FUNCTION pg_catalog.datediff(part text, first_value timestamptz, second_value timestamptz) RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT datediff(part, first_value::timestamp, second_value::timestamp) $$;

-- ADD_MONTHS: the last day of a month maps to the last day of the result month.
CREATE OR REPLACE FUNCTION pg_catalog.add_months(value timestamp, months bigint) RETURNS timestamp
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN value::date = (date_trunc('month', value) + interval '1 month - 1 day')::date
    THEN (date_trunc('month', value) + make_interval(months => months::int + 1) - interval '1 day')::date + value::time
    ELSE value + make_interval(months => months::int) END
$$;
CREATE OR REPLACE FUNCTION pg_catalog.add_months(value date, months bigint) RETURNS timestamp
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT add_months(value::timestamp, months) $$;
CREATE OR REPLACE FUNCTION pg_catalog.add_months(value timestamptz, months bigint) RETURNS timestamptz
  LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT add_months(value::timestamp, months)::timestamptz $$;

CREATE OR REPLACE FUNCTION pg_catalog.last_day(value date) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT (date_trunc('month', value) + interval '1 month - 1 day')::date $$;
CREATE OR REPLACE FUNCTION pg_catalog.trunc(value timestamp) RETURNS date
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT value::date $$;

CREATE OR REPLACE FUNCTION pg_catalog.charindex(search text, value text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT strpos(value, search) $$;

-- Redshift CONCAT: exactly two arguments (checked by the dialect pass), NULL when either is NULL.
-- An overload of PostgreSQL's variadic concat: text arguments resolve to this one.
CREATE OR REPLACE FUNCTION pg_catalog.concat(text, text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT $1 || $2 $$;

CREATE OR REPLACE FUNCTION pg_catalog.len(text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT length($1) $$;

-- LISTAGG is string_agg under Redshift's name (the dialect pass moves WITHIN GROUP's ORDER BY inside).
CREATE OR REPLACE AGGREGATE pg_catalog.listagg(text, text) (
  SFUNC = string_agg_transfn, STYPE = internal, FINALFUNC = string_agg_finalfn);

-- AVG over SMALLINT/INTEGER returns BIGINT, truncated, as in Redshift (state is {count, sum}).
CREATE OR REPLACE FUNCTION pg_catalog.wl_int_avg_truncated(bigint[]) RETURNS bigint
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT CASE WHEN $1[1] = 0 THEN NULL ELSE trunc($1[2]::numeric / $1[1])::bigint END $$;
UPDATE pg_catalog.pg_aggregate
   SET aggfinalfn = 'pg_catalog.wl_int_avg_truncated'::regproc, aggmfinalfn = 'pg_catalog.wl_int_avg_truncated'::regproc
 WHERE aggfnoid IN ('pg_catalog.avg(int2)'::regprocedure, 'pg_catalog.avg(int4)'::regprocedure);
UPDATE pg_catalog.pg_proc SET prorettype = 'pg_catalog.int8'::regtype
 WHERE oid IN ('pg_catalog.avg(int2)'::regprocedure, 'pg_catalog.avg(int4)'::regprocedure);
`;
