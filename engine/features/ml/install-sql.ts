/**
 * Redshift ML's catalog inside the database: the model list (wl_sys.ml_models, private), who may
 * CREATE MODEL, who holds EXECUTE on which model, STV_ML_MODEL_INFO and EXPLAIN_MODEL(text).
 *
 * EXPLAIN_MODEL reads the explanation computed when training finished (stored in ml_models), so it
 * costs nothing at query time and works anywhere in SQL.
 */
export const ML_INSTALL_SQL = `
CREATE TABLE IF NOT EXISTS wl_sys.ml_models (
  schema_name text NOT NULL,
  model_name text NOT NULL,
  owner_name text NOT NULL,
  state text NOT NULL,
  function_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  explain_json text,
  PRIMARY KEY (schema_name, model_name)
);
CREATE TABLE IF NOT EXISTS wl_sys.ml_create_model_grants (
  grantee_kind text NOT NULL,
  grantee text NOT NULL,
  with_grant_option boolean NOT NULL DEFAULT false,
  PRIMARY KEY (grantee_kind, grantee)
);
CREATE TABLE IF NOT EXISTS wl_sys.ml_model_grants (
  schema_name text NOT NULL,
  model_name text NOT NULL,
  grantee_kind text NOT NULL,
  grantee text NOT NULL,
  PRIMARY KEY (schema_name, model_name, grantee_kind, grantee)
);
CREATE OR REPLACE VIEW pg_catalog.stv_ml_model_info AS
  SELECT schema_name::varchar(128) AS schema_name, model_name::varchar(128) AS model_name,
         (CASE state WHEN 'TRAINING' THEN 'Train Model On SageMaker In Progress'
                     WHEN 'READY' THEN 'Model is Ready'
                     ELSE 'Model Training Failed' END)::varchar(128) AS model_state
    FROM wl_sys.ml_models;
GRANT SELECT ON pg_catalog.stv_ml_model_info TO PUBLIC;
-- The caller's search_path is read by the outer (invoker) function; the lookup runs as definer with
-- a fixed search_path, so nothing the student defines can stand in for the catalog.
CREATE OR REPLACE FUNCTION pg_catalog.wl_explain_model_in(model text, schemas text[]) RETURNS json
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  parts text[] := pg_catalog.string_to_array(model, '.');
  hit record;
BEGIN
  IF pg_catalog.array_length(parts, 1) = 2 THEN
    SELECT m.state, m.explain_json INTO hit FROM wl_sys.ml_models m
     WHERE m.schema_name = pg_catalog.lower(parts[1]) AND m.model_name = pg_catalog.lower(parts[2]);
  ELSE
    SELECT m.state, m.explain_json INTO hit FROM wl_sys.ml_models m
      JOIN pg_catalog.unnest(schemas) WITH ORDINALITY AS s(name, i) ON s.name = m.schema_name
     WHERE m.model_name = pg_catalog.lower(model) ORDER BY s.i LIMIT 1;
  END IF;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'model "%" does not exist', model USING ERRCODE = '42704';
  END IF;
  IF hit.state = 'TRAINING' THEN RETURN '{"explanations":"waiting for training job to complete"}'::json; END IF;
  IF hit.state = 'FAILED' THEN RETURN '{"explanations":"Processing job failed"}'::json; END IF;
  IF hit.explain_json IS NULL THEN RETURN '{"explanations":"Waiting for processing job to complete"}'::json; END IF;
  RETURN hit.explain_json::json;
END $$;
GRANT EXECUTE ON FUNCTION pg_catalog.wl_explain_model_in(text, text[]) TO PUBLIC;
CREATE OR REPLACE FUNCTION pg_catalog.explain_model(model text) RETURNS json
LANGUAGE sql STABLE AS $$ SELECT pg_catalog.wl_explain_model_in(model, pg_catalog.current_schemas(false)) $$;
GRANT EXECUTE ON FUNCTION pg_catalog.explain_model(text) TO PUBLIC;
`;
