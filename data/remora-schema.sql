-- remora-schema.sql: the tables of a Remora store (see SCHEMA.md).
-- Copyright 2026 The Remora authors
-- SPDX-License-Identifier: GPL-2.0-or-later
--
-- Created empty before the bulk insert; remora-indexes.sql adds the indexes
-- after it. PRAGMA user_version is set by the importer when the store is
-- complete.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value
);

CREATE TABLE buffers (
  id   INTEGER PRIMARY KEY,   -- 0 is the top-level buffer
  name TEXT NOT NULL,         -- '' for the top-level buffer, else the instance name
  cpus INTEGER NOT NULL
);

CREATE TABLE event_types (
  id        INTEGER PRIMARY KEY,
  buffer_id INTEGER NOT NULL REFERENCES buffers (id),
  tep_id    INTEGER NOT NULL,  -- the event id in the trace file
  system    TEXT NOT NULL,
  name      TEXT NOT NULL,
  parsed    INTEGER NOT NULL,  -- 0: libtraceevent could not parse its format
  count     INTEGER NOT NULL DEFAULT 0
);

-- One row per record, in the order libtracecmd merges every CPU of every
-- buffer by timestamp: id order is time order (see meta 'ts_monotonic').
CREATE TABLE event_rows (
  id   INTEGER PRIMARY KEY,
  ts   INTEGER NOT NULL,       -- ns, as recorded
  cpu  INTEGER NOT NULL,
  pid  INTEGER NOT NULL,       -- common_pid
  type INTEGER NOT NULL        -- event_types.id
);

-- comm: the task's name when the event was recorded (task_names; <idle> for
-- pid 0), looked up only when asked for
CREATE VIEW events AS
  SELECT e.id AS id, e.ts AS ts, e.cpu AS cpu, e.pid AS pid,
         CASE WHEN e.pid = 0 THEN '<idle>' ELSE
           (SELECT n.comm FROM task_names n WHERE n.pid = e.pid AND n.since_ts <= e.ts
             ORDER BY n.since_ts DESC LIMIT 1) END AS comm,
         t.name AS name, t.system AS system, b.name AS buffer, e.type AS type,
         t.buffer_id AS buffer_id
    FROM event_rows e
    JOIN event_types t ON t.id = e.type
    JOIN buffers b ON b.id = t.buffer_id;

-- Raw record payloads (the bytes the kernel wrote, common fields included),
-- zstd-compressed in chunks of 1024 consecutive events: chunk = id >> 10.
-- See SCHEMA.md for the layout.
CREATE TABLE event_payloads (
  chunk INTEGER PRIMARY KEY,
  data  BLOB NOT NULL
);

-- The time span of each chunk: turns a time range into an id range.
CREATE TABLE event_chunks (
  chunk    INTEGER PRIMARY KEY,
  first_id INTEGER NOT NULL,
  last_id  INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts  INTEGER NOT NULL
);

-- Which chunks hold events of each type, task and CPU, and how many: the
-- chunks to read for the events of one (see SCHEMA.md), at a small share of
-- the size and build time of an index on event_rows.
CREATE TABLE chunk_types (
  type   INTEGER NOT NULL,  -- event_types.id
  chunk  INTEGER NOT NULL,  -- events chunk << 10 ... (chunk << 10) + 1023
  events INTEGER NOT NULL,
  PRIMARY KEY (type, chunk)
) WITHOUT ROWID;

CREATE TABLE chunk_pids (
  pid    INTEGER NOT NULL,  -- common_pid
  chunk  INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (pid, chunk)
) WITHOUT ROWID;

CREATE TABLE chunk_cpus (
  buffer_id INTEGER NOT NULL,
  cpu       INTEGER NOT NULL,
  chunk     INTEGER NOT NULL,
  events    INTEGER NOT NULL,
  PRIMARY KEY (buffer_id, cpu, chunk)
) WITHOUT ROWID;

-- The trace's headers (event formats, kallsyms, printk formats, saved
-- cmdlines) as a trace-cmd file without CPU data, to decode payloads.
CREATE TABLE trace_headers (
  id   INTEGER PRIMARY KEY,
  data BLOB NOT NULL
);

CREATE TABLE tasks (
  pid  INTEGER PRIMARY KEY,
  comm TEXT NOT NULL
);

-- Every name each task had, and since when: its name at time T is the row of
-- its pid with the greatest since_ts <= T (0: from the trace's beginning).
CREATE TABLE task_names (
  pid      INTEGER NOT NULL,
  since_ts INTEGER NOT NULL,
  comm     TEXT NOT NULL,
  PRIMARY KEY (pid, since_ts)
) WITHOUT ROWID;

CREATE TABLE cpus (
  buffer_id   INTEGER NOT NULL REFERENCES buffers (id),
  cpu         INTEGER NOT NULL,
  first_ts    INTEGER,
  last_ts     INTEGER,
  events      INTEGER NOT NULL,
  lost_events INTEGER NOT NULL,  -- events the kernel reported lost (known counts)
  lost_marks  INTEGER NOT NULL,  -- gaps, including those of unknown size
  PRIMARY KEY (buffer_id, cpu)
);

CREATE TABLE lost_events (
  buffer_id INTEGER NOT NULL REFERENCES buffers (id),
  cpu       INTEGER NOT NULL,
  ts        INTEGER NOT NULL,  -- the first record after the gap
  count     INTEGER            -- NULL when the kernel did not know
);

CREATE TABLE sched_slices (
  id             INTEGER PRIMARY KEY,
  buffer_id      INTEGER NOT NULL REFERENCES buffers (id),  -- 0: the top-level buffer
  cpu            INTEGER NOT NULL,
  pid            INTEGER NOT NULL,
  start_ts       INTEGER NOT NULL,
  end_ts         INTEGER NOT NULL,
  end_state      TEXT,         -- prev_state in the kernel's letters (trace-cmd report -N): S, D, R+, I, ...; NULL at the end
  end_state_raw  INTEGER,
  prio           INTEGER
);

CREATE TABLE wakeups (
  id              INTEGER PRIMARY KEY,
  buffer_id       INTEGER NOT NULL REFERENCES buffers (id),
  pid             INTEGER NOT NULL,
  comm            TEXT NOT NULL,
  wakeup_ts       INTEGER NOT NULL,
  wakeup_cpu      INTEGER NOT NULL,
  target_cpu      INTEGER,
  switch_ts       INTEGER,
  switch_cpu      INTEGER,
  latency_ns      INTEGER,
  new_task        INTEGER NOT NULL,
  waker_pid       INTEGER NOT NULL,
  wakeup_event_id INTEGER NOT NULL,
  switch_event_id INTEGER
);

CREATE TABLE block_requests (
  id                INTEGER PRIMARY KEY,
  buffer_id         INTEGER NOT NULL REFERENCES buffers (id),
  dev               TEXT NOT NULL,   -- 'MAJOR,MINOR'
  sector            INTEGER NOT NULL,
  nr_sector         INTEGER NOT NULL,
  rwbs              TEXT NOT NULL,
  issue_ts          INTEGER NOT NULL,
  issue_cpu         INTEGER NOT NULL,
  issue_pid         INTEGER NOT NULL,
  complete_ts       INTEGER,
  complete_cpu      INTEGER,
  latency_ns        INTEGER,
  error             INTEGER,
  requeued          INTEGER NOT NULL DEFAULT 0,
  issue_event_id    INTEGER NOT NULL,
  complete_event_id INTEGER,
  -- from rwbs: the first of R, W, D after an optional F (a preflush); a lone
  -- flush (F, FF) is 'flush'
  kind              TEXT GENERATED ALWAYS AS (CASE
                      WHEN ltrim(rwbs, 'F') LIKE 'R%' THEN 'read'
                      WHEN ltrim(rwbs, 'F') LIKE 'W%' THEN 'write'
                      WHEN ltrim(rwbs, 'F') LIKE 'D%' THEN 'discard'
                      WHEN rwbs LIKE 'F%' THEN 'flush'
                      ELSE 'other' END) VIRTUAL
);

CREATE TABLE pair_counts (
  buffer_id INTEGER NOT NULL REFERENCES buffers (id),
  name      TEXT NOT NULL,
  value     INTEGER NOT NULL,
  PRIMARY KEY (buffer_id, name)
);

CREATE TABLE prints (
  event_id INTEGER PRIMARY KEY,
  text     TEXT NOT NULL
);

-- The functions the function events name (and their callers), with what
-- those events say of each.
CREATE TABLE symbols (
  id       INTEGER PRIMARY KEY,
  addr     INTEGER NOT NULL UNIQUE,
  name     TEXT,                        -- from kallsyms; NULL when unknown
  calls    INTEGER NOT NULL DEFAULT 0,  -- function and funcgraph_entry events of it
  returns  INTEGER NOT NULL DEFAULT 0,  -- funcgraph_exit events of it with a duration
  total_ns INTEGER NOT NULL DEFAULT 0,  -- those durations summed
  max_ns   INTEGER                      -- the longest of them
);

-- Level-of-detail summaries of CPU rows (see remora-lod.h and SCHEMA.md).
CREATE TABLE lod_cpu (
  level     INTEGER NOT NULL,
  buffer_id INTEGER NOT NULL,
  cpu       INTEGER NOT NULL,
  block     INTEGER NOT NULL,  -- cells block * 64 ... block * 64 + 63 of the level
  data      BLOB NOT NULL,
  PRIMARY KEY (level, buffer_id, cpu, block)
) WITHOUT ROWID;

-- Level-of-detail summaries of task rows (see SCHEMA.md).
CREATE TABLE lod_task (
  level     INTEGER NOT NULL,
  buffer_id INTEGER NOT NULL,
  pid       INTEGER NOT NULL,
  block     INTEGER NOT NULL,
  data      BLOB NOT NULL,
  PRIMARY KEY (level, buffer_id, pid, block)
) WITHOUT ROWID;

-- Every function event with its function, read from the payloads: needs
-- Remora's SQLite extension (remora_field; `remora sql` loads it).
CREATE VIEW func_calls AS
  SELECT e.id AS event_id,
         CASE t.name WHEN 'function' THEN 0 WHEN 'funcgraph_entry' THEN 1 ELSE 2 END AS kind,
         (SELECT s.id FROM symbols s
           WHERE s.addr = remora_field(e.id, CASE t.name WHEN 'function' THEN 'ip'
                                                         ELSE 'func' END)) AS func,
         CASE t.name WHEN 'function' THEN
           (SELECT s.id FROM symbols s WHERE s.addr = remora_field(e.id, 'parent_ip')) END
           AS parent,
         CASE t.name WHEN 'function' THEN NULL ELSE remora_field(e.id, 'depth') END AS depth,
         CASE t.name WHEN 'funcgraph_exit' THEN
           remora_field(e.id, 'rettime') - remora_field(e.id, 'calltime') END AS duration_ns
    FROM event_rows e JOIN event_types t ON t.id = e.type
   WHERE t.system = 'ftrace' AND t.name IN ('function', 'funcgraph_entry', 'funcgraph_exit');
