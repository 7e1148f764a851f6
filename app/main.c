/* main.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "remora-application.h"
#include "remora-cli.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* the headless commands never touch GTK: they work without a display */
  if (remora_cli_wants (argc, argv))
    return remora_cli_main (argc, argv);
  return remora_application_main (argc, argv);
}
