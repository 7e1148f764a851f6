-- remora-indexes.sql: indexes built after the bulk insert (see SCHEMA.md).
-- Copyright 2026 The Remora authors
-- SPDX-License-Identifier: GPL-2.0-or-later

-- id order is time order, and an index on one column keeps rows with the
-- same value in rowid order: these are (cpu, time), (pid, time) and
-- (type, time) indexes at half the size and build time of (x, ts) ones.
CREATE INDEX event_rows_cpu ON event_rows (cpu);
CREATE INDEX event_rows_pid ON event_rows (pid);
CREATE INDEX event_rows_type ON event_rows (type);
CREATE INDEX event_chunks_last_ts ON event_chunks (last_ts);
CREATE INDEX sched_slices_cpu_ts ON sched_slices (cpu, start_ts);
CREATE INDEX sched_slices_pid_ts ON sched_slices (pid, start_ts);
CREATE INDEX wakeups_latency ON wakeups (latency_ns);
CREATE INDEX wakeups_pid_ts ON wakeups (pid, wakeup_ts);
CREATE INDEX wakeups_ts ON wakeups (wakeup_ts);
CREATE INDEX block_requests_latency ON block_requests (latency_ns);
CREATE INDEX block_requests_issue_ts ON block_requests (issue_ts);
CREATE INDEX lost_events_cpu_ts ON lost_events (cpu, ts);
CREATE INDEX func_calls_func ON func_calls (func);
