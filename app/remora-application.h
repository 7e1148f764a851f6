/* remora-application.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REMORA_TYPE_APPLICATION (remora_application_get_type ())

G_DECLARE_FINAL_TYPE (RemoraApplication, remora_application, REMORA, APPLICATION, AdwApplication)

RemoraApplication *remora_application_new (void);
int                remora_application_main (int argc, char **argv);

G_END_DECLS
