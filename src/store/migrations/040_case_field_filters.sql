-- Filters on case custom fields (`?customFields.order_no=991`) are containment tests served by this index.
create index cases_custom_fields on cases using gin (custom_fields jsonb_path_ops);
