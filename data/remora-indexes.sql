-- remora-indexes.sql: indexes built after the bulk insert (see SCHEMA.md).
-- Copyright 2026 The Remora authors
-- SPDX-License-Identifier: GPL-2.0-or-later

-- event_rows has no index but its id: chunk_types, chunk_pids and chunk_cpus
-- say which chunks of ids hold the events of a type, a task or a CPU.
CREATE INDEX event_chunks_last_ts ON event_chunks (last_ts);
CREATE INDEX sched_slices_cpu_ts ON sched_slices (cpu, start_ts);
CREATE INDEX sched_slices_pid_ts ON sched_slices (pid, start_ts);
CREATE INDEX wakeups_latency ON wakeups (latency_ns);
CREATE INDEX wakeups_pid_ts ON wakeups (pid, wakeup_ts);
CREATE INDEX wakeups_ts ON wakeups (wakeup_ts);
CREATE INDEX block_requests_latency ON block_requests (latency_ns);
CREATE INDEX block_requests_issue_ts ON block_requests (issue_ts);
CREATE INDEX lost_events_cpu_ts ON lost_events (cpu, ts);
