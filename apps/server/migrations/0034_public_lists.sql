-- 信息公开 (issue 16 item 8; R45, R51, R52): the lists the provincial health commission publishes to the
-- public without login — the filed exam and diagnosis institutions with their items and the regions they
-- serve (《职业健康检查管理办法》第四条), the institutions that passed quality control (吉卫规〔2024〕2号 五),
-- the institutions or items lacking capability after the on-site verification (国卫办职健函〔2023〕241号;
-- 吉卫规〔2024〕2号 一(三)) and the institutions refusing or failing rectification with their main problems
-- (吉卫规〔2024〕2号 六). A publication freezes the rows computed at that moment from the owning modules:
-- later changes of filings, verifications, QC or rectifications never alter it. A withdrawal keeps it as
-- history (with the reason); the public pages show, per province and kind, the latest one not withdrawn.
CREATE TABLE public_list (
  public_list_id             bigserial PRIMARY KEY,
  kind                       text NOT NULL CHECK (kind IN
                               ('filed_institutions', 'qc_qualified', 'lacking_capability', 'refusing_rectification')),
  province_code              text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  published_on               date NOT NULL,
  published_at               timestamptz NOT NULL DEFAULT now(),
  published_by               integer REFERENCES app_user(user_id),
  publisher_organisation_id  integer NOT NULL REFERENCES organisation(organisation_id),
  note                       text CHECK (note IS NULL OR length(note) <= 500),
  row_count                  integer NOT NULL CHECK (row_count >= 0),
  status                     text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
  withdrawn_at               timestamptz,
  withdrawn_by               integer REFERENCES app_user(user_id),
  withdraw_reason            text,
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
  CHECK (status = 'published' OR length(trim(withdraw_reason)) > 0)
);
-- The public pages: the latest publication of a kind in a province that is not withdrawn.
CREATE INDEX public_list_latest_idx ON public_list (province_code, kind, status, published_on DESC, public_list_id DESC);

-- The frozen rows, in print order. `institution_id` stays internal (the public routes never return it);
-- `search_text` is the row's printed text in lower case, searched with LIKE.
CREATE TABLE public_list_row (
  public_list_id    bigint NOT NULL REFERENCES public_list(public_list_id),
  position          integer NOT NULL CHECK (position >= 1),
  institution_id    integer REFERENCES organisation(organisation_id),
  institution_name  text NOT NULL,
  region_code       text NOT NULL,
  region_name       text NOT NULL,
  reference         text,
  items             jsonb NOT NULL DEFAULT '[]'::jsonb,
  detail            text,
  since             date,
  search_text       text NOT NULL,
  PRIMARY KEY (public_list_id, position)
);

-- Frozen means frozen: the rows are never updated or deleted, and a publication changes only by being
-- withdrawn once (status, when, by whom, why); its kind, province, date, note and count stay.
CREATE FUNCTION public_list_row_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'public_list_row is frozen once published' USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER public_list_row_no_change BEFORE UPDATE OR DELETE ON public_list_row
  FOR EACH ROW EXECUTE FUNCTION public_list_row_frozen();

CREATE FUNCTION public_list_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'public_list is kept as history' USING ERRCODE = '42501';
  END IF;
  IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.province_code IS DISTINCT FROM OLD.province_code
     OR NEW.published_on IS DISTINCT FROM OLD.published_on OR NEW.published_at IS DISTINCT FROM OLD.published_at
     OR NEW.published_by IS DISTINCT FROM OLD.published_by
     OR NEW.publisher_organisation_id IS DISTINCT FROM OLD.publisher_organisation_id
     OR NEW.note IS DISTINCT FROM OLD.note OR NEW.row_count IS DISTINCT FROM OLD.row_count
     OR OLD.status = 'withdrawn' THEN
    RAISE EXCEPTION 'public_list is frozen once published (only a withdrawal may be recorded)' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER public_list_no_change BEFORE UPDATE OR DELETE ON public_list
  FOR EACH ROW EXECUTE FUNCTION public_list_frozen();
