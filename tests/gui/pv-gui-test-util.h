/* pv-gui-test-util.h
 *
 * Copyright 2026 The PlanViewer authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "pv-map-view.h"
#include "pv-window.h"

G_BEGIN_DECLS

/* How long pv_gui_test_wait_until() waits before it fails the test, times
 * PV_TEST_WAIT_MULTIPLIER from the environment (the sanitizer run sets 4). */
#define PV_GUI_TEST_WAIT_SECONDS 60

typedef gboolean (*PvGuiTestCondition) (gpointer data);

/* Iterates the main loop until condition (data) holds; fails the test
 * (g_error) after PV_GUI_TEST_WAIT_SECONDS, naming what it waited for. */
void        pv_gui_test_wait_until                (PvGuiTestCondition  condition,
                                                   gpointer            data,
                                                   const char         *what);
/* Runs the main loop for ms milliseconds (idles and timeouts). */
void        pv_gui_test_spin                      (guint               ms);
/* Dispatches what is pending, once. */
void        pv_gui_test_iterate                   (void);
/* Dispatches what is pending, fifty times over (follow-up idles). */
void        pv_gui_test_drain                     (void);

/* Conditions on a PvWindow, for pv_gui_test_wait_until(). */
gboolean    pv_gui_test_not_loading               (gpointer            window);
/* Nothing loading, a frame shown and no render running. */
gboolean    pv_gui_test_frame_is_ready            (gpointer            window);

/* The first widget of type in the tree under widget (itself included). */
GtkWidget  *pv_gui_test_find_widget_of_type       (GtkWidget          *widget,
                                                   GType               type);
/* The first widget named name (gtk_widget_set_name(), or a template's
 * name attribute) in the tree under widget (itself included), or NULL. */
GtkWidget  *pv_gui_test_find_named                (GtkWidget          *widget,
                                                   const char         *name);
/* The first visible toplevel of type, or NULL. */
GtkWindow  *pv_gui_test_find_toplevel             (GType               type);
/* Whether a label in the tree under widget contains needle. */
gboolean    pv_gui_test_tree_has_label_containing (GtkWidget          *widget,
                                                   const char         *needle);

/* The widget's event controller of type (for a single-button gesture, of
 * that button), or NULL. */
GtkEventController *pv_gui_test_find_controller (GtkWidget *widget,
                                                 GType      type,
                                                 guint      button);
/* The map view's own event controller of type in phase: not a named one
 * (the identify popover's click), and for a single-button gesture the
 * primary button's; or NULL. */
GtkEventController *pv_gui_test_find_view_controller (PvMapView           *view,
                                                      GType                type,
                                                      GtkPropagationPhase  phase);
/* A click on the map view as its gestures see it: a drag that does not move
 * (n_press > 1: the press of a multi-click, as the click gesture counts). */
void        pv_gui_test_map_click                 (PvMapView          *view,
                                                   int                 n_press,
                                                   double              x,
                                                   double              y);

/* Writes dir/zoning.geojson, a 10 km square in Bình Dương's VN-2000 TM-3
 * grid (EPSG:9210, x 590000–600000, y 1210000–1220000, "code" ODT), and
 * returns its path. */
char       *pv_gui_test_write_zoning_square       (const char         *dir) G_GNUC_WARN_UNUSED_RESULT;

/* A presented PvWindow of that default size; the test owns a reference. */
PvWindow   *pv_gui_test_window_new                (int                 width,
                                                   int                 height) G_GNUC_WARN_UNUSED_RESULT;
/* A presented PvWindow of that size with data-samples/binh-duong.pvproj
 * open, nothing loading and what is pending dispatched; or NULL, the test
 * skipped, when that sample has not been generated. */
PvWindow   *pv_gui_test_open_sample_project       (int                 width,
                                                   int                 height) G_GNUC_WARN_UNUSED_RESULT;
/* Opens the file at path in window, as File → Open does. */
void        pv_gui_test_window_open_path          (PvWindow           *window,
                                                   const char         *path);
/* Destroys a toplevel the test holds the last reference to, dispatches what
 * is pending and asserts that it is finalized. */
void        pv_gui_test_window_destroy            (gpointer            window);
/* The same, draining the main loop (pv_gui_test_drain()) before the check. */
void        pv_gui_test_window_destroy_drained    (gpointer            window);

G_END_DECLS
