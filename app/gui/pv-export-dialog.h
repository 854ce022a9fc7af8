/* pv-export-dialog.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pv-core.h"
#include "pv-print-layout.h"

G_BEGIN_DECLS

/* What an export holds. */
typedef enum
{
  PV_EXPORT_PAGES_VIEW,           /* one page: the extent given to the dialog */
  PV_EXPORT_PAGES_ALL_BOOKMARKS,  /* one page per bookmark of the map */
  PV_EXPORT_PAGES_ONE_BOOKMARK,   /* one page: the chosen bookmark */
} PvExportPages;

#define PV_TYPE_EXPORT_DIALOG (pv_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PvExportDialog, pv_export_dialog, PV, EXPORT_DIALOG, AdwWindow)

/* A modal window that exports map to a PDF, PNG or SVG file: the settings of
 * a print layout it owns (paper, margins, scale, resolution, texts, logo,
 * furniture), the project's layout templates (load one, save the settings as
 * one), what to export (extent, every bookmark or one) and a live preview of
 * the first page, rendered off the main thread.
 *
 * extent (xmin, ymin, xmax, ymax in the map CRS) is the current view, or
 * NULL for every layer's extent. On success the dialog emits "exported"
 * (the path), shows a toast in parent when parent holds an AdwToastOverlay,
 * and closes; on failure it shows the error and stays open. Like any
 * toplevel window it is owned by GTK until it closes. */
PvExportDialog *pv_export_dialog_new              (GtkWindow      *parent,
                                                   PvMap          *map,
                                                   const double    extent[4]);

/* The settings the dialog's widgets are bound to (owned by the dialog). */
PvPrintLayout  *pv_export_dialog_get_layout       (PvExportDialog *self);

void            pv_export_dialog_set_pages        (PvExportDialog *self,
                                                   PvExportPages   pages);
PvExportPages   pv_export_dialog_get_pages        (PvExportDialog *self);
/* The bookmark exported by PV_EXPORT_PAGES_ONE_BOOKMARK (its position in
 * the map's bookmarks). */
void            pv_export_dialog_set_bookmark     (PvExportDialog *self,
                                                   guint           position);

/* Loads the project's saved layout at position (pv_map_get_layouts()) into
 * the dialog, as choosing it in the Template row does. */
void            pv_export_dialog_load_template    (PvExportDialog *self,
                                                   guint           position);
/* Saves the settings as a template named name in the map's layouts,
 * replacing the one of that name (as "Save as Template…" does). */
void            pv_export_dialog_save_template    (PvExportDialog *self,
                                                   const char     *name);

/* Exports to path (its extension names the format), as the Export button
 * does after the file chooser: progress, then "exported" and close, or the
 * error shown. Does nothing while the layout is invalid (returns FALSE). */
gboolean        pv_export_dialog_export_to_path   (PvExportDialog *self,
                                                   const char     *path);
/* Whether an export is running. */
gboolean        pv_export_dialog_get_exporting    (PvExportDialog *self);
/* Cancels the running export, as its Cancel button does. */
void            pv_export_dialog_cancel_export    (PvExportDialog *self);

/* The preview: whether a render runs or waits for its delay, how many
 * renders finished, the size in pixels of the last rendered page, and the
 * page rectangle shown in the drawing area (widget coordinates). */
gboolean        pv_export_dialog_get_preview_busy (PvExportDialog *self);
guint           pv_export_dialog_get_render_count (PvExportDialog *self);
cairo_surface_t *pv_export_dialog_get_preview_surface (PvExportDialog *self);
void            pv_export_dialog_get_page_rect    (PvExportDialog *self,
                                                   graphene_rect_t *rect);
/* The error shown (invalid settings, a failed preview or export), or NULL. */
const char     *pv_export_dialog_get_error        (PvExportDialog *self);
/* Whether the Export button can be used. */
gboolean        pv_export_dialog_get_can_export   (PvExportDialog *self);

G_END_DECLS
