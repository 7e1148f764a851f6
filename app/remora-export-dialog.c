/* remora-export-dialog.c: Export View: the picture's title, its rows (as
 * shown, or every CPU and the busiest tasks), colours, width and whether
 * markers are drawn, then its format, name and folder (beside
 * the trace at first). Export asks before replacing a file, then says
 * "export" and closes; the window draws the picture.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-export-dialog.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static const char *const extensions[] = { ".png", ".svg", ".pdf" };

struct _RemoraExportDialog
{
  GtkWindow parent_instance;

  /* Template widgets */
  AdwEntryRow   *title_row;
  AdwComboRow   *rows_row;
  AdwComboRow   *theme_row;
  GtkSpinButton *width_spin;
  AdwActionRow  *markers_row;
  GtkSwitch     *markers_switch;
  AdwComboRow   *format_row;
  AdwEntryRow   *name_row;
  AdwActionRow  *folder_row;

  GFile *folder;
  char  *default_title;
};

G_DEFINE_FINAL_TYPE (RemoraExportDialog, remora_export_dialog, GTK_TYPE_WINDOW)

enum
{
  EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The extension @name ends in (0, 1, 2), or -1 when none of ours. */
static int
extension_of (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_has_suffix (name, extensions[i]) && strlen (name) > strlen (extensions[i]))
      return (int) i;
  return -1;
}

static void
set_folder (RemoraExportDialog *self, GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *shown = g_filename_display_name (path ? path : "");

  g_set_object (&self->folder, folder);
  adw_action_row_set_subtitle (self->folder_row, shown);
}

/* The format chosen: the name's extension follows it. */
static void
on_format (RemoraExportDialog *self)
{
  guint            format = adw_combo_row_get_selected (self->format_row);
  const char      *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  int              ext = extension_of (name);
  g_autofree char *base = g_strndup (name, strlen (name) - (ext >= 0 ? 4 : 0));
  g_autofree char *renamed = NULL;

  if (format >= G_N_ELEMENTS (extensions) || ext == (int) format)
    return;
  renamed = g_strconcat (base, extensions[format], NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), renamed);
}

/* The name typed: the format follows its extension. */
static void
on_name (RemoraExportDialog *self)
{
  int ext = extension_of (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  if (ext >= 0 && (guint) ext != adw_combo_row_get_selected (self->format_row))
    adw_combo_row_set_selected (self->format_row, ext);
}

static void
on_folder_chosen (GtkNativeDialog *chooser, int response, RemoraExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        set_folder (self, folder);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
action_choose_folder (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraExportDialog   *self = REMORA_EXPORT_DIALOG (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Export to Folder"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
      _ ("_Select"), _ ("_Cancel"));

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
done (RemoraExportDialog *self)
{
  g_signal_emit (self, signals[EXPORT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
done_later (gpointer data)
{
  done (data);
  return G_SOURCE_REMOVE;
}

static void
on_replace (AdwMessageDialog *dialog, const char *response, RemoraExportDialog *self)
{
  /* once the question has closed: it is this dialog's transient */
  if (g_str_equal (response, "replace"))
    g_idle_add_full (G_PRIORITY_DEFAULT, done_later, g_object_ref (self), g_object_unref);
}

static void
action_export (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  RemoraExportDialog *self = REMORA_EXPORT_DIALOG (widget);
  const char         *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char    *path = NULL;
  GtkWidget          *ask;

  if (*name == '\0' || strchr (name, '/') != NULL || g_str_equal (name, ".") ||
      g_str_equal (name, ".."))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  path = remora_export_dialog_get_path (self);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      done (self);
      return;
    }
  ask = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* Translators: %s is a file's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (ask), _ ("Replace “%s”?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (ask),
                               _ ("A file of that name is already in the folder. Replacing it "
                                  "overwrites what it holds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "cancel", _ ("_Cancel"), "replace",
                                    _ ("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
  g_signal_connect (ask, "response", G_CALLBACK (on_replace), self);
  gtk_window_present (GTK_WINDOW (ask));
}

static void
remora_export_dialog_finalize (GObject *object)
{
  RemoraExportDialog *self = REMORA_EXPORT_DIALOG (object);

  g_clear_object (&self->folder);
  g_free (self->default_title);
  G_OBJECT_CLASS (remora_export_dialog_parent_class)->finalize (object);
}

static void
remora_export_dialog_class_init (RemoraExportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = remora_export_dialog_finalize;

  /**
   * RemoraExportDialog::export:
   *
   * The user chose Export (and to replace the file, when there was one):
   * read remora_export_dialog_get_options() and _get_path(). The dialog
   * closes after.
   */
  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/remora/Remora/remora-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, rows_row);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, markers_row);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, markers_switch);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RemoraExportDialog, folder_row);
  gtk_widget_class_install_action (widget_class, "export.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "export.choose-folder", NULL,
                                   action_choose_folder);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
remora_export_dialog_init (RemoraExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->folder_row), FALSE);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_format), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name), self);
}

/**
 * remora_export_dialog_new:
 * @parent: the window whose view is exported
 * @trace: the trace shown: the picture's title and name are made from its
 *   name, and it goes beside it when that folder can be written
 * @n_markers: how many markers the view has (the switch is off without)
 *
 * Returns: (transfer none): the dialog, shown
 */
RemoraExportDialog *
remora_export_dialog_new (GtkWindow *parent, GFile *trace, guint n_markers)
{
  RemoraExportDialog *self =
      g_object_new (REMORA_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *base = trace ? g_file_get_basename (trace) : g_strdup ("trace");
  g_autoptr (GFile) dir = trace ? g_file_get_parent (trace) : NULL;
  g_autofree char *dir_path = dir ? g_file_get_path (dir) : NULL;
  g_autofree char *stem = g_strdup (base);
  g_autofree char *name = NULL;
  char            *dot = strrchr (stem, '.');

  self->default_title = g_strdup (base);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), base);
  if (dot != NULL && dot != stem)
    *dot = '\0';
  name = g_strconcat (stem, "-view.png", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (dir_path == NULL || g_access (dir_path, W_OK) != 0)
    {
      const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

      g_clear_object (&dir);
      dir = g_file_new_for_path (pictures ? pictures : g_get_home_dir ());
    }
  set_folder (self, dir);
  gtk_switch_set_active (self->markers_switch, n_markers > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->markers_row), n_markers > 0);
  adw_action_row_set_subtitle (
      self->markers_row, n_markers > 0 ? _ ("Their flags and the time between them")
                                       : _ ("The view has none: set them with A, B or Add Marker"));
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * remora_export_dialog_get_options:
 * @self: a #RemoraExportDialog
 * @options: (out caller-allocates): set to what the user chose; clear it
 *   with remora_export_options_clear()
 */
void
remora_export_dialog_get_options (RemoraExportDialog *self, RemoraExportOptions *options)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  remora_export_options_init (options);
  /* the trace's name, or blank: the title block's own default */
  if (*title != '\0' && !g_str_equal (title, self->default_title))
    options->title = g_strdup (title);
  options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  options->dark = adw_combo_row_get_selected (self->theme_row) == 1;
  options->markers = gtk_switch_get_active (self->markers_switch);
  options->busiest = adw_combo_row_get_selected (self->rows_row) == 1;
}

/**
 * remora_export_dialog_get_path:
 * @self: a #RemoraExportDialog
 *
 * Returns: (transfer full): the file chosen: the folder, the name, and the
 *   format's extension when the name has none of ours
 */
char *
remora_export_dialog_get_path (RemoraExportDialog *self)
{
  const char      *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  guint            format = adw_combo_row_get_selected (self->format_row);
  g_autofree char *dir = g_file_get_path (self->folder);
  g_autofree char *file = extension_of (name) >= 0 || format >= G_N_ELEMENTS (extensions)
                              ? g_strdup (name)
                              : g_strconcat (name, extensions[format], NULL);

  return g_build_filename (dir ? dir : ".", file, NULL);
}
