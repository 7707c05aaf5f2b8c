/**
 * Versioned schema migrations, applied in order, each in its own transaction. Never edit a
 * released migration: add a new one. Each has a test in migrations.test.ts.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'replicated documents',
    sql: `
      -- One row per document of every replicated collection. seq is the per-collection
      -- commit-order sequence that pull checkpoints use (see server/sync/engine.ts).
      create table sync_docs (
        collection text not null,
        id text not null,
        seq bigint not null,
        deleted boolean not null default false,
        doc jsonb not null,
        -- The last version before the doc's access key changed, so a pull can tell a user
        -- who lost sight of a doc to drop it (RELIABILITY Z1).
        prev_doc jsonb,
        updated_at timestamptz not null default now(),
        updated_by text,
        primary key (collection, id)
      );
      create unique index sync_docs_collection_seq on sync_docs (collection, seq);
      -- The per-collection counter. Its row lock, taken when a transaction assigns sequences
      -- and held until commit, makes sequence order equal commit order (RELIABILITY S4).
      create table sync_counters (
        collection text primary key,
        seq bigint not null default 0
      );
      -- Answers of pushes already applied, so a replayed push is a no-op (RELIABILITY S2).
      create table sync_pushes (
        user_id text not null,
        push_id text not null,
        collection text not null,
        response jsonb,
        created_at timestamptz not null default now(),
        primary key (user_id, push_id)
      );
    `,
  },
  {
    version: 2,
    name: 'users and refresh tokens',
    sql: `
      create table users (
        id text primary key,
        username text not null unique,
        display_name text not null,
        password_hash text not null,
        roles text[] not null,
        team_id text,
        active boolean not null default true,
        -- Carried in every access token; bumping it invalidates them all (RELIABILITY Z4).
        token_version integer not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table refresh_tokens (
        id bigserial primary key,
        user_id text not null references users(id) on delete cascade,
        token_hash text not null unique,
        device text,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz
      );
      create index refresh_tokens_user on refresh_tokens (user_id);
    `,
  },
  {
    version: 3,
    name: 'audit log',
    sql: `
      create table audit_log (
        id bigserial primary key,
        at timestamptz not null default now(),
        actor_id text,
        actor text,
        ip text,
        action text not null,
        target text,
        outcome text not null,
        detail jsonb
      );
      create index audit_log_at on audit_log (at);
      create index audit_log_action on audit_log (action, at);
    `,
  },
  {
    version: 4,
    name: 'automatic escalations',
    sql: `
      -- One row per (ticket, rule) fired by the SLA scheduler: the primary key makes an
      -- automatic escalation happen once even with several server processes.
      create table sla_escalations (
        ticket_id text not null,
        rule text not null,
        event_id text not null,
        created_at timestamptz not null default now(),
        primary key (ticket_id, rule)
      );
    `,
  },
  {
    version: 5,
    name: 'refresh token families',
    sql: `
      -- A family is every refresh token rotated from one sign-in. A rotated token used again
      -- means it was copied: the whole family is revoked (reuse detection).
      alter table refresh_tokens add column family text;
      update refresh_tokens set family = id::text where family is null;
      alter table refresh_tokens alter column family set not null;
      alter table refresh_tokens alter column family set default gen_random_uuid()::text;
      alter table refresh_tokens add column revoked_reason text;
      create index refresh_tokens_family on refresh_tokens (family);
    `,
  },
  {
    version: 6,
    name: 'login limits',
    sql: `
      -- Login attempt counters (rate-limiter-flexible's PostgreSQL store layout), shared by
      -- every server process and updated atomically before any password is hashed (Z3).
      create table login_limits (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      );
    `,
  },
  {
    version: 7,
    name: 'ticket customer summary fields',
    sql: `
      -- Ticket schema v1 (shared/schema/tickets.ts) denormalises the customer's name and tier
      -- into every ticket for the queues. Stored tickets get the values the client-side
      -- migration computes from the same customer documents ('' and 'general' when the
      -- customer is unknown or deleted), so a client's migrated copy still equals this one.
      -- Every changed ticket gets a new sequence above all others: changed documents must be
      -- pulled again, or clients whose copy differs would never learn the stored values.
      with base as (
        select greatest(
          coalesce((select seq from sync_counters where collection = 'tickets'), 0),
          coalesce((select max(seq) from sync_docs where collection = 'tickets'), 0)
        ) as seq
      ),
      filled as (
        select t.id,
               row_number() over (order by t.seq) as n,
               jsonb_build_object(
                 'customerName', coalesce(c.doc->>'name', ''),
                 'customerTier', coalesce(c.doc->>'tier', 'general')
               ) as fields
        from sync_docs t
        left join sync_docs c on c.collection = 'customers' and c.id = t.doc->>'customerId' and not c.deleted
        where t.collection = 'tickets' and not (t.doc ? 'customerName' and t.doc ? 'customerTier')
      )
      update sync_docs t
      set doc = t.doc || f.fields,
          prev_doc = case when t.prev_doc is null then null else t.prev_doc || f.fields end,
          seq = (select seq from base) + f.n,
          updated_at = now()
      from filled f
      where t.collection = 'tickets' and t.id = f.id;
      insert into sync_counters (collection, seq)
      select 'tickets', coalesce(max(seq), 0) from sync_docs where collection = 'tickets'
      on conflict (collection) do update set seq = greatest(sync_counters.seq, excluded.seq);
    `,
  },
  {
    version: 8,
    name: 'password change required; append-only audit log',
    sql: `
      -- Set when an admin resets a password: the user must choose their own at next sign-in.
      alter table users add column must_change_password boolean not null default false;
      -- The audit log is evidence (every security event and configuration change): no role
      -- of the server, the database owner included, may change or remove an entry. A trigger
      -- rather than revoked privileges, because the server often connects as the owner.
      create function audit_log_append_only() returns trigger language plpgsql as $fn$
      begin
        raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
      end
      $fn$;
      create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only();
      create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only();
    `,
  },
  {
    version: 9,
    name: 'asset lifecycle, ownership and custody; asset code and tag lookups',
    sql: `
      -- Asset schema v1 (shared/schema/assets.ts, migrateAssetV0ToV1): stored assets get the
      -- values the client-side migration computes from the same document, so a client's
      -- migrated copy still equals this one. Spares are ours, the rest the customer's; the
      -- history is "registered" on the creation date, then the state the status stands for.
      -- Changed assets get new sequences above all others so clients pull them again.
      with base as (
        select greatest(
          coalesce((select seq from sync_counters where collection = 'assets'), 0),
          coalesce((select max(seq) from sync_docs where collection = 'assets'), 0)
        ) as seq
      ),
      filled as (
        select a.id,
               row_number() over (order by a.seq) as n,
               jsonb_build_object(
                 'ownership', case when a.doc->>'status' = 'spare' then 'ours' else 'customer' end,
                 'contractEnd', null,
                 'lifecycle', jsonb_build_array(jsonb_build_object('state', 'registered', 'at', left(a.doc->>'createdAt', 10), 'by', '', 'note', ''))
                   || case a.doc->>'status'
                        when 'in_service' then jsonb_build_array(jsonb_build_object('state', 'in_service', 'at', a.doc->>'installDate', 'by', '', 'note', ''))
                        when 'under_repair' then jsonb_build_array(jsonb_build_object('state', 'under_maintenance', 'at', left(a.doc->>'updatedAt', 10), 'by', '', 'note', ''))
                        when 'retired' then jsonb_build_array(jsonb_build_object('state', 'retired', 'at', left(a.doc->>'updatedAt', 10), 'by', '', 'note', ''))
                        else '[]'::jsonb
                      end,
                 'custody', '[]'::jsonb
               ) as fields
        from sync_docs a
        where a.collection = 'assets' and not (a.doc ? 'ownership' and a.doc ? 'lifecycle')
      )
      update sync_docs a
      set doc = a.doc || f.fields,
          prev_doc = case when a.prev_doc is null then null else a.prev_doc || f.fields end,
          seq = (select seq from base) + f.n,
          updated_at = now()
      from filled f
      where a.collection = 'assets' and a.id = f.id;
      insert into sync_counters (collection, seq)
      select 'assets', coalesce(max(seq), 0) from sync_docs where collection = 'assets'
      on conflict (collection) do update set seq = greatest(sync_counters.seq, excluded.seq);
      -- The server refuses a second asset with the same code or RFID tag (compared trimmed
      -- and case-blind, as scanners and people type them): these make that lookup an index scan.
      create index sync_docs_asset_code on sync_docs (upper(btrim(doc->>'assetCode'))) where collection = 'assets' and not deleted;
      create index sync_docs_asset_tag on sync_docs (upper(btrim(doc->>'rfidTag'))) where collection = 'assets' and not deleted;
    `,
  },
  {
    version: 10,
    name: 'earlier readers of a document',
    sql: `
      -- prev_doc keeps the version before a document's last change of readers; older_docs keeps
      -- the versions before that, newest first, so a device that last synced several moves ago
      -- is still told to drop a document it can no longer read (Z1). "if not exists": a database
      -- that already has the column (see test/store/migration.test.ts) is left as it is.
      alter table sync_docs add column if not exists older_docs jsonb not null default '[]'::jsonb;
    `,
  },
  {
    version: 11,
    name: 'blob owners other than tickets',
    sql: `
      -- A ticket's blobs are found through the timeline events that name them; a maintenance
      -- round's photos, signature and report PDF are recorded here when a device that may read
      -- the round sends or asks for them (server/blobs/access.ts), and served to whoever may
      -- read the round.
      create table blob_owners (
        sha256 text not null,
        owner_kind text not null check (owner_kind in ('round')),
        owner_id text not null,
        linked_by text,
        linked_at timestamptz not null default now(),
        primary key (sha256, owner_kind, owner_id)
      );
      create index blob_owners_owner on blob_owners (owner_kind, owner_id);
    `,
  },
  {
    version: 12,
    name: 'policy versions scheduled for a later date',
    sql: `
      -- A policy version saved for a later effective date is stored inactive and listed here;
      -- the scheduler activates it at the start of that day in its zone (activate_at), once,
      -- whichever server process gets there first (server/adminPolicies.ts).
      create table policy_schedule (
        policy_id text primary key,
        kind text not null,
        effective_from text not null,
        zone text not null,
        activate_at timestamptz not null,
        replaces text,
        scheduled_by text,
        scheduled_at timestamptz not null default now(),
        activated_at timestamptz,
        cancelled_at timestamptz,
        cancelled_by text
      );
      create index policy_schedule_due on policy_schedule (activate_at) where activated_at is null and cancelled_at is null;
    `,
  },
  {
    version: 13,
    name: 'ticket facts for reports',
    sql: `
      -- The typed fields reports aggregate, one row per stored (not deleted) ticket, so a
      -- report over a million tickets reads narrow indexed rows instead of parsing every
      -- JSONB document (server/reports). Kept by triggers on sync_docs, in the transaction of
      -- the write itself, whoever writes: the sync engine, a migration or a restore.
      create table ticket_facts (
        id text primary key,
        product_line text,
        severity text,
        type text,
        problem_report boolean,
        status text,
        region text,
        team_id text,
        assignee_id text,
        functional_level text,
        customer_id text,
        created_at timestamptz,
        responded_at timestamptz,
        restored_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz
      );
      -- A stored time that is not an ISO UTC timestamp is no time (null) rather than an error
      -- that would refuse the write; the ticket schema admits only valid ones.
      create function ticket_facts_time(v text) returns timestamptz language sql stable as $fn$
        select case when v ~ '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z$' then v::timestamptz end
      $fn$;
      create function ticket_facts_of(id text, doc jsonb) returns setof ticket_facts language sql stable as $fn$
        select id, doc->>'productLine', doc->>'severity', doc->>'type',
               case when jsonb_typeof(doc->'problemReport') = 'boolean' then (doc->>'problemReport')::boolean end,
               doc->>'status', doc->>'region', doc->>'teamId', doc->>'assigneeId', doc->>'functionalLevel', doc->>'customerId',
               ticket_facts_time(doc->>'createdAt'), ticket_facts_time(doc->>'respondedAt'), ticket_facts_time(doc->>'restoredAt'),
               ticket_facts_time(doc->>'resolvedAt'), ticket_facts_time(doc->>'closedAt')
      $fn$;
      create function ticket_facts_keep() returns trigger language plpgsql as $fn$
      begin
        if tg_op <> 'INSERT' and old.collection = 'tickets' then
          delete from ticket_facts where id = old.id;
        end if;
        if tg_op <> 'DELETE' and new.collection = 'tickets' and not new.deleted then
          insert into ticket_facts select * from ticket_facts_of(new.id, new.doc);
        end if;
        return null;
      end
      $fn$;
      create trigger ticket_facts_insert after insert on sync_docs
        for each row when (new.collection = 'tickets') execute function ticket_facts_keep();
      create trigger ticket_facts_update after update on sync_docs
        for each row when (new.collection = 'tickets' or old.collection = 'tickets') execute function ticket_facts_keep();
      create trigger ticket_facts_delete after delete on sync_docs
        for each row when (old.collection = 'tickets') execute function ticket_facts_keep();
      create function ticket_facts_clear() returns trigger language plpgsql as $fn$
      begin
        truncate ticket_facts;
        return null;
      end
      $fn$;
      create trigger ticket_facts_truncate after truncate on sync_docs
        for each statement execute function ticket_facts_clear();
      insert into ticket_facts
        select f.* from sync_docs s cross join lateral ticket_facts_of(s.id, s.doc) f
        where s.collection = 'tickets' and not s.deleted;
      create index ticket_facts_created on ticket_facts (created_at);
      create index ticket_facts_responded on ticket_facts (responded_at);
      create index ticket_facts_restored on ticket_facts (restored_at);
      create index ticket_facts_resolved on ticket_facts (resolved_at);
      create index ticket_facts_closed on ticket_facts (closed_at);
      create index ticket_facts_status on ticket_facts (status);
      analyze ticket_facts;
      -- A report's events: those of its tickets, and those of a kind in its period.
      create index sync_docs_event_ticket on sync_docs ((doc->>'ticketId')) where collection = 'ticketEvents' and not deleted;
      create index sync_docs_event_kind_at on sync_docs ((doc->>'kind'), (doc->>'at')) where collection = 'ticketEvents' and not deleted;
    `,
  },
];
