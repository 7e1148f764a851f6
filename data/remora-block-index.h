/* remora-block-index.h: a buffer's block requests in memory, per device,
 * laid out in lanes, with the queue depth over time and the stretches when
 * each CPU sat idle while a request was in flight
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include "remora-store.h"

G_BEGIN_DECLS

/* A device's row shows at most this many lanes; requests that would need
 * more are counted as its overflow. */
#define REMORA_BLOCK_MAX_LANES 6

/* A device as a row's id: the kernel's dev_t (MAJOR << 20 | MINOR). */
#define REMORA_BLOCK_DEV(major, minor) ((int) (((major) << 20) | (minor)))
#define REMORA_BLOCK_DEV_MAJOR(dev)    ((int) ((guint) (dev) >> 20))
#define REMORA_BLOCK_DEV_MINOR(dev)    ((int) ((dev) &0xfffff))

typedef enum
{
  REMORA_BLOCK_READ,
  REMORA_BLOCK_WRITE,
  REMORA_BLOCK_FLUSH,
  REMORA_BLOCK_DISCARD,
  REMORA_BLOCK_OTHER,
  REMORA_BLOCK_N_KINDS,
} RemoraBlockKind;

typedef enum
{
  REMORA_BLOCK_COMPLETED = 1 << 0, /* paired with its completion */
  REMORA_BLOCK_REQUEUED = 1 << 1,  /* requeued before it completed: no end known */
} RemoraBlockFlags;

/**
 * RemoraBlockRequest:
 * @id: its row in `block_requests`
 * @issue_ts: its issue
 * @end_ts: its completion; for a request never completed, the trace's end;
 *   for a requeued one, its issue
 * @sector: the first sector
 * @nr_sector: how many sectors
 * @kind: a #RemoraBlockKind
 * @flags: #RemoraBlockFlags
 * @lane: its lane among the device's (0 at the top); lanes from
 *   %REMORA_BLOCK_MAX_LANES on are the overflow
 * @issue_cpu: the CPU that issued it
 * @complete_cpu: the CPU that completed it, or -1
 * @issue_pid: the task that issued it
 * @issue_event_id: the issue's event
 * @complete_event_id: the completion's event, or -1
 */
typedef struct
{
  gint64 id;
  gint64 issue_ts;
  gint64 end_ts;
  gint64 sector;
  gint32 nr_sector;
  guint8 kind;
  guint8 flags;
  gint32 lane;
  gint32 issue_cpu;
  gint32 complete_cpu;
  gint32 issue_pid;
  gint64 issue_event_id;
  gint64 complete_event_id;
} RemoraBlockRequest;

typedef struct _RemoraBlockDevice RemoraBlockDevice;
typedef struct _RemoraBlockIndex  RemoraBlockIndex;

RemoraBlockIndex *remora_store_get_block_index (RemoraStore *store, int buffer_id, GError **error);
RemoraBlockIndex *remora_block_index_ref (RemoraBlockIndex *index);
void              remora_block_index_unref (RemoraBlockIndex *index);

guint                    remora_block_index_get_n_devices (const RemoraBlockIndex *index);
const RemoraBlockDevice *remora_block_index_get_device (const RemoraBlockIndex *index, guint i);
const RemoraBlockDevice *remora_block_index_find_device (const RemoraBlockIndex *index, int dev);
gint64                   remora_block_index_get_idle_io (const RemoraBlockIndex *index,
                                                         int                     cpu,
                                                         gint64                  begin_ns,
                                                         gint64                  end_ns);
gboolean                 remora_block_index_has_idle_io (const RemoraBlockIndex *index);

int                       remora_block_device_get_dev (const RemoraBlockDevice *device);
const RemoraBlockRequest *remora_block_device_get_requests (const RemoraBlockDevice *device,
                                                            guint                   *n);
int                       remora_block_device_get_n_lanes (const RemoraBlockDevice *device);
int                       remora_block_device_get_max_depth (const RemoraBlockDevice *device);
guint
remora_block_device_count_issued (const RemoraBlockDevice *device, gint64 begin_ns, gint64 end_ns);
void remora_block_device_collect (
    const RemoraBlockDevice *device, gint64 begin_ns, gint64 end_ns, guint max, GArray *out);
void remora_block_device_get_depth (
    const RemoraBlockDevice *device, const gint64 *edges, int columns, guint16 *min, guint16 *max);

const RemoraBlockRequest *remora_block_device_find_request (const RemoraBlockDevice *device,
                                                            gint64                   id);

char           *remora_block_dev_name (int dev);
int             remora_block_dev_parse (const char *text);
RemoraBlockKind remora_block_kind_parse (const char *kind);
char           *remora_store_read_block_rwbs (RemoraStore *store, gint64 id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraBlockIndex, remora_block_index_unref)

G_END_DECLS
